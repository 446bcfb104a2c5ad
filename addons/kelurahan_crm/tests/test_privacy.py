# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous and confidential complaints, attacked at the RPC layer the way anyone
with a login could: /web/dataset/call_kw with any method, domain, order, read_group
aggregate or group-by, Odoo's mail and portal routes with the tracking token. What
each role may learn is asserted, and every refusal is the designed one."""

from odoo import SUPERUSER_ID
from odoo.tests import JsonRpcException, tagged

from .common import role_user
from .portal_case import PortalCase

ACCESS_ERROR = "odoo.exceptions.AccessError"
NAME, PHONE, EMAIL = "Ibu Sari Wulandari", "0811 1111 2222", "sari.w@example.id"
# every spelling of the reporter an answer could carry
SECRETS = (NAME, "Wulandari", PHONE, "1111 2222", EMAIL)


@tagged("post_install", "-at_install")
class TestHiddenReporter(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls.resident_a
        cls.partner = cls.resident.partner_id
        cls.partner.write({"name": NAME, "phone": PHONE, "email": EMAIL})
        # As the portal files it (controllers/portal_common.create_report).
        cls.anonymous = (
            cls.env["helpdesk.ticket"]
            .with_user(SUPERUSER_ID)
            .create(
                {
                    "name": "Pungli di pos ronda",
                    "description": "<p>Ada pungutan liar setiap malam.</p>",
                    "category_id": cls.category.id,
                    "rw_id": cls.rw_a.id,
                    "company_id": cls.company.id,
                    "partner_id": cls.partner.id,
                    "partner_name": NAME,
                    "partner_email": EMAIL,
                    "reporter_name": NAME,
                    "reporter_phone": PHONE,
                    "is_anonymous": True,
                }
            )
        )
        cls.anonymous.message_post(
            body="Mohon ditindaklanjuti", subtype_xmlid="mail.mt_note"
        )
        cls.named = cls.make_ticket(cls.partner, name="Lampu mati")
        role_user(cls.env, "kel_off_p", "officer", password="kel_off_p")
        cls.tickets = cls.anonymous | cls.named

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertNamesNobody(self, value):
        text = repr(value)
        for secret in SECRETS:
            self.assertNotIn(secret, text)
        for number in (self.partner.id, self.resident.id):
            self.assertNotIn(f"[{number}]", text.replace(" ", ""))

    def assertRefused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), ACCESS_ERROR)

    # ------------------------------------------------------------------
    # RW officer of the complaint's RW, over JSON-RPC
    # ------------------------------------------------------------------

    def test_rw_officer_reads_no_reporter(self):
        self.authenticate("kel_rw_a", "kel_rw_a")
        fields = [
            "partner_id",
            "commercial_partner_id",
            "partner_name",
            "partner_email",
            "reporter_name",
            "reporter_phone",
            "reporter_nik_masked",
            "create_uid",
            "write_uid",
            "message_partner_ids",
            "message_follower_ids",
        ]
        [values] = self.rpc("helpdesk.ticket", "read", self.anonymous.ids, fields)
        self.assertNamesNobody(values)
        self.assertFalse(values["partner_id"] or values["reporter_name"])
        self.assertEqual(values["create_uid"][0], SUPERUSER_ID)
        # The hidden reporter and both tokens are refused, not blanked.
        for fname in (
            "kel_reporter_id",
            "kel_reporter_name",
            "kel_reporter_phone",
            "kel_reporter_email",
            "kel_reporter_partner_id",
            "kel_track_token",
            "access_token",
            "reporter_nik",
        ):
            self.assertRefused("helpdesk.ticket", "read", self.anonymous.ids, [fname])
        # The chatter and the followers name nobody either.
        messages = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.anonymous.id)],
            ["author_id", "body", "create_uid", "partner_ids"],
        )
        self.assertTrue(messages)
        self.assertNamesNobody(messages)
        followers = self.rpc(
            "mail.followers",
            "search_read",
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", self.anonymous.id)],
            ["partner_id"],
        )
        self.assertNamesNobody(followers)

    def test_rw_officer_aggregates_and_groups_learn_nothing(self):
        self.authenticate("kel_rw_a", "kel_rw_a")
        domain = [("id", "=", self.anonymous.id)]
        for spec in (
            "reporter_name:array_agg",
            "partner_id:max",
            "partner_id:array_agg",
            "partner_email:min",
            "partner_name:max",
            "reporter_phone:array_agg",
            "create_uid:array_agg",
            "write_uid:max",
            "commercial_partner_id:max",
        ):
            groups = self.rpc(
                "helpdesk.ticket", "read_group", domain, [spec], [], lazy=False
            )
            self.assertNamesNobody(groups)
        for groupby in ("create_uid", "partner_id", "reporter_name", "write_uid"):
            groups = self.rpc(
                "helpdesk.ticket",
                "read_group",
                domain,
                ["__count"],
                [groupby],
                lazy=False,
            )
            self.assertNamesNobody(groups)
        for spec in ("kel_reporter_id:max", "kel_reporter_id:array_agg"):
            self.assertRefused("helpdesk.ticket", "read_group", domain, [spec], [])
        for groupby in ("kel_reporter_id", "kel_track_token"):
            self.assertRefused(
                "helpdesk.ticket", "read_group", domain, ["__count"], [groupby]
            )
        # The hidden reporter's fields are computed from that record, never
        # related: Odoo resolves a related field in SQL through a sudo join (no
        # groups check), a computed one cannot be aggregated, grouped or sorted.
        Ticket = self.env["helpdesk.ticket"]
        for fname in (
            "kel_reporter_name",
            "kel_reporter_phone",
            "kel_reporter_email",
            "kel_reporter_partner_id",
        ):
            field = Ticket._fields[fname]
            self.assertFalse(field.store or field.related, fname)

    def test_rw_officer_searches_are_no_oracle(self):
        self.authenticate("kel_rw_a", "kel_rw_a")
        ids = self.tickets.ids
        oracles = [
            [("create_uid", "=", self.resident.id)],
            [("write_uid", "=", self.resident.id)],
            [("message_partner_ids", "in", self.partner.ids)],
            [("message_follower_ids.partner_id", "=", self.partner.id)],
            [("message_ids.author_id", "=", self.partner.id)],
            [("partner_id", "=", self.partner.id)],
            [("partner_id", "child_of", self.partner.id)],
            [("reporter_name", "ilike", "Wulandari")],
            [("reporter_phone", "ilike", "2222")],
            [("partner_email", "=ilike", EMAIL)],
            [("partner_id.name", "ilike", "Sari")],
        ]
        for domain in oracles:
            found = self.rpc("helpdesk.ticket", "search", domain + [("id", "in", ids)])
            self.assertNotIn(self.anonymous.id, found, domain)
        # A search on the hidden reporter or the tokens is refused outright.
        for domain in (
            [("kel_reporter_id.partner_id", "=", self.partner.id)],
            [("kel_reporter_id", "!=", False)],
            [("kel_track_token", "!=", False)],
            [("access_token", "!=", False)],
        ):
            self.assertRefused("helpdesk.ticket", "search", domain)
        for order in ("kel_track_token desc", "access_token"):
            self.assertRefused("helpdesk.ticket", "search", [], order=order)
        # Ordering by the (empty) reporter fields places it like any unnamed one.
        ordered = self.rpc(
            "helpdesk.ticket", "search", [("id", "in", ids)], order="reporter_name"
        )
        self.assertEqual(set(ordered), set(ids))

    def test_rw_officer_cannot_lift_or_set_hiding(self):
        self.authenticate("kel_rw_a", "kel_rw_a")
        for vals in ({"is_anonymous": False}, {"is_confidential": True}):
            self.assertRefused("helpdesk.ticket", "write", self.anonymous.ids, vals)
            self.assertRefused("helpdesk.ticket", "write", self.named.ids, vals)
        self.assertTrue(self.anonymous.is_anonymous)
        self.assertFalse(self.named.is_confidential)

    # ------------------------------------------------------------------
    # Officers
    # ------------------------------------------------------------------

    def test_officer_reads_the_hidden_reporter_and_may_lift_it(self):
        self.authenticate("kel_off_p", "kel_off_p")
        [values] = self.rpc(
            "helpdesk.ticket",
            "read",
            self.anonymous.ids,
            ["kel_reporter_name", "kel_reporter_phone", "kel_reporter_partner_id"],
        )
        self.assertEqual(values["kel_reporter_name"], NAME)
        self.assertEqual(values["kel_reporter_phone"], PHONE)
        self.assertEqual(values["kel_reporter_partner_id"][0], self.partner.id)
        self.rpc(
            "helpdesk.ticket", "write", self.anonymous.ids, {"is_anonymous": False}
        )
        self.assertEqual(self.anonymous.partner_id, self.partner)
        self.assertEqual(self.anonymous.reporter_name, NAME)
        self.assertFalse(self.anonymous.kel_reporter_id)
        notes = self.anonymous.message_ids.mapped("body")
        self.assertTrue(any("shown again" in note for note in notes))
        # ... and hide it again: the reporter leaves the followers and the authors.
        self.anonymous.message_post(
            body="Terima kasih", author_id=self.partner.id, message_type="comment"
        )
        self.rpc(
            "helpdesk.ticket", "write", self.anonymous.ids, {"is_confidential": True}
        )
        self.assertFalse(self.anonymous.partner_id)
        self.assertEqual(self.anonymous.kel_reporter_id.partner_id, self.partner)
        self.assertNotIn(self.partner, self.anonymous.message_partner_ids)
        self.assertNotIn(self.partner, self.anonymous.message_ids.author_id)
        notes = self.anonymous.message_ids.mapped("body")
        self.assertTrue(any("now hidden" in note for note in notes))

    def test_hiding_a_named_complaint_leaves_no_trace(self):
        # Filed named from the portal (created with the resident's uid), greeted
        # by name, answered by the resident, the name corrected (tracked).
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.resident)
            .sudo()
            .create(
                {
                    "name": "Sampah menumpuk",
                    "description": "<p>Di gang 3.</p>",
                    "category_id": self.category.id,
                    "rw_id": self.rw_a.id,
                    "company_id": self.company.id,
                    "partner_id": self.partner.id,
                    "partner_name": NAME,
                    "partner_email": EMAIL,
                    "reporter_name": "Ibu S.",
                    "reporter_phone": PHONE,
                }
            )
        )
        self.assertEqual(ticket.create_uid, self.resident)
        # (the creation's transaction ends: mail.thread tracks no change of a record
        # created in the same one)
        self.env.flush_all()
        self.env.cr.precommit.run()
        ticket.message_post(
            body=f"Yth. {NAME}, pengaduan Anda kami terima.",
            partner_ids=self.partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.message_post(
            body="Masih menumpuk",
            author_id=self.partner.id,
            email_from=f'"{NAME}" <{EMAIL}>',
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # A message without author naming them as sender (a reporter without an
        # account writes by e-mail or the tracking link), a photo they uploaded,
        # a disposition that stores who entered the complaint.
        ticket.message_post(
            body="Foto terlampir",
            author_id=False,
            email_from=f'"{NAME}" <{EMAIL}>',
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        photo = (
            self.env["ir.attachment"]
            .with_user(self.resident)
            .sudo()
            .create(
                {
                    "name": "lubang.jpg",
                    "raw": b"\xff\xd8\xff",
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
        )
        ticket.with_context(tracking_disable=False, mail_notrack=False).write(
            {
                "reporter_name": NAME,
                "stage_id": self.env.ref("kelurahan_crm.stage_verify").id,
            }
        )
        disposition = self.env["kelurahan.disposition"].create(
            {
                "ticket_id": ticket.id,
                "agency_id": self.env.ref("kelurahan_crm.agency_satpol_pp").id,
            }
        )
        self.assertEqual(disposition.ticket_create_uid, self.resident)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id", "in", ticket.message_ids.ids),
                ("field_id.name", "=", "reporter_name"),
            ]
        )
        self.assertTrue(tracked, "the name change is in the chatter")
        self.authenticate("kel_off_p", "kel_off_p")
        self.rpc("helpdesk.ticket", "write", ticket.ids, {"is_anonymous": True})
        self.env.flush_all()
        self.env.cr.precommit.run()
        # An RW officer of its RW reads it, and finds the reporter nowhere.
        self.authenticate("kel_rw_a", "kel_rw_a")
        [values] = self.rpc(
            "helpdesk.ticket",
            "read",
            ticket.ids,
            ["partner_id", "partner_name", "reporter_name", "create_uid", "write_uid"],
        )
        self.assertNamesNobody(values)
        self.assertEqual(values["create_uid"][0], SUPERUSER_ID)
        messages = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)],
            ["author_id", "body", "create_uid", "partner_ids", "email_from"],
        )
        self.assertTrue(any("Masih menumpuk" in m["body"] for m in messages))
        self.assertNamesNobody(messages)
        thread = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "helpdesk.ticket", "thread_id": ticket.id},
        )
        self.assertTrue(thread["messages"])
        self.assertNamesNobody(thread)
        [row] = self.rpc(
            "kelurahan.disposition", "read", disposition.ids, ["ticket_create_uid"]
        )
        self.assertEqual(row["ticket_create_uid"][0], SUPERUSER_ID)
        [row] = self.rpc("ir.attachment", "read", photo.ids, ["create_uid"])
        self.assertEqual(row["create_uid"][0], SUPERUSER_ID)
        # The officers still know who it was.
        self.assertEqual(ticket.kel_reporter_id.name, NAME)
        self.assertEqual(ticket.kel_reporter_id.partner_id, self.partner)

    def test_hiding_erases_a_name_with_an_apostrophe(self):
        ticket = self.make_ticket(self.partner, name="Got mampet")
        ticket.reporter_name = "Pak Ma'ruf"
        ticket.message_post(
            body="Yth. Pak Ma'ruf, terima kasih. Ma'ruf Amin? Ma'rufah tetap.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.with_user(self.env.ref("base.user_admin")).write(
            {"is_confidential": True}
        )
        bodies = " ".join(ticket.message_ids.mapped("body"))
        self.assertNotIn("Pak Ma'ruf", bodies)
        self.assertRegex(bodies, r"Yth\. (the reporter|pelapor),")
        self.assertIn("Ma'ruf Amin?", bodies)
        # Whole words only: a longer name that contains it stays.
        self.assertIn("Ma'rufah", bodies)

    def test_no_context_key_unlocks_the_date_correction(self):
        """Petugas once rewrote Tgl TL by passing kel_workflow in the context."""
        self.authenticate("kel_off_p", "kel_off_p")
        before = self.named.date_reported
        for key in ("kel_workflow", "kel_no_notify", "tracking_disable"):
            with self.assertRaises(JsonRpcException) as caught:
                self.rpc(
                    "helpdesk.ticket",
                    "write",
                    self.named.ids,
                    {"date_reported": "2020-01-01 00:00:00"},
                    context={key: True},
                )
            self.assertEqual(str(caught.exception), ACCESS_ERROR)
        self.assertEqual(self.named.date_reported, before)

    def test_acknowledgement_reaches_the_reporter_naming_nobody(self):
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.anonymous.id)]
            )
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.email_to, EMAIL)
        self.assertIn(NAME, mails.body_html)
        notes = self.anonymous.message_ids.mapped("body")
        self.assertTrue(any("Message sent to the reporter" in n for n in notes))
        self.assertNamesNobody(notes)

    # ------------------------------------------------------------------
    # The resident who reported it
    # ------------------------------------------------------------------

    def test_resident_follows_and_replies_without_being_named(self):
        self.authenticate("kel_res_a", "kel_res_a")
        listing = self.url_open("/my/pengaduan")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.anonymous.number, listing.text)
        page = self.url_open(f"/my/pengaduan/{self.anonymous.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Pungli di pos ronda", page.text)
        tokens = self.form_tokens(f"/my/pengaduan/{self.anonymous.id}")
        response = self.url_open(
            f"/my/pengaduan/{self.anonymous.id}/balas",
            data={"csrf_token": tokens["csrf_token"], "message": "Masih terjadi"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        reply = self.anonymous.message_ids.filtered(
            lambda m: "Masih terjadi" in (m.body or "")
        )
        self.assertEqual(len(reply), 1)
        self.assertEqual(
            reply.author_id, self.env.ref("kelurahan_crm.partner_hidden_reporter")
        )
        self.assertEqual(reply.create_uid.id, SUPERUSER_ID)
        self.assertNotIn(self.resident, self.anonymous.message_ids.create_uid)
        self.assertNotIn(self.partner, self.anonymous.message_partner_ids)
        self.env.flush_all()
        self.assertNotEqual(self.anonymous.write_uid, self.resident)
        # Another resident gets the same answer as for a complaint that does not
        # exist.
        self.authenticate("kel_res_b", "kel_res_b")
        page = self.url_open(f"/my/pengaduan/{self.anonymous.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Pungli", page.text)

    def test_follower_cannot_reply_as_the_hidden_reporter(self):
        # A resident following it (as the reporter of a linked duplicate does).
        self.anonymous.message_subscribe(partner_ids=self.resident_b.partner_id.ids)
        before = len(self.anonymous.message_ids)
        self.authenticate("kel_res_b", "kel_res_b")
        url = f"/my/pengaduan/{self.anonymous.id}"
        tokens = self.form_tokens(url)
        response = self.url_open(
            f"{url}/balas",
            data={"csrf_token": tokens["csrf_token"], "message": "Atas nama pelapor"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Hanya pelapor yang dapat membalas", response.text)
        self.assertEqual(len(self.anonymous.message_ids), before)

    # ------------------------------------------------------------------
    # The tracking token opens the tracking page, nothing else
    # ------------------------------------------------------------------

    def test_tracking_token_opens_no_mail_or_portal_route(self):
        token = self.anonymous.kel_track_token
        self.assertTrue(token)
        self.assertFalse(self.anonymous.access_token)
        page = self.url_open(f"/pengaduan/lacak/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.anonymous.number, page.text)
        for secret in SECRETS:
            self.assertNotIn(secret, page.text)
        before = len(self.anonymous.message_ids)
        thread = {"thread_model": "helpdesk.ticket", "thread_id": self.anonymous.id}
        calls = [
            ("/portal/chatter_init", dict(thread, token=token)),
            (
                "/mail/thread/data",
                dict(thread, request_list=["followers"], token=token),
            ),
            (
                "/mail/message/post",
                dict(
                    thread,
                    post_data={"body": "Saya pelapornya", "message_type": "comment"},
                    token=token,
                ),
            ),
        ]
        note = self.anonymous.message_ids.filtered(
            lambda m: "Mohon ditindaklanjuti" in (m.body or "")
        )
        calls.append(
            (
                "/mail/message/update_content",
                {
                    "message_id": note.id,
                    "body": "Diubah lewat token",
                    "attachment_ids": [],
                    "token": token,
                },
            )
        )
        for route, params in calls:
            try:
                result = self.make_jsonrpc_request(route, params)
            except JsonRpcException as error:
                self.assertIn(error.code, (200, 404), route)
                continue
            self.assertNamesNobody(result)
            self.assertNotIn("Mohon ditindaklanjuti", repr(result), route)
        self.assertEqual(len(self.anonymous.message_ids), before)
        self.assertIn("Mohon ditindaklanjuti", note.body)
        upload = self.url_open(
            "/mail/attachment/upload",
            data={
                **thread,
                "thread_id": str(self.anonymous.id),
                "token": token,
                "csrf_token": self.form_tokens("/pengaduan/lacak")["csrf_token"],
            },
            files={"ufile": ("x.png", b"\x89PNG\r\n\x1a\n", "image/png")},
        )
        self.assertEqual(upload.status_code, 404)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "helpdesk.ticket"),
                    ("res_id", "=", self.anonymous.id),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestPrivacyMatrix(TestHiddenReporter):
    """Every role against the anonymous complaint, over JSON-RPC: what it may learn
    of the reporter through reads, aggregates, orders and domains, and whether it may
    write the hiding flags, create or delete."""

    # role: (may learn who reported, may change hiding, may create, may delete)
    EXPECTED = {  # noqa: RUF012
        "rw": (False, False, True, False),
        "officer": (True, True, True, False),
        "lurah": (True, True, True, False),
        "admin": (True, True, True, True),
        "reporter": (False, False, False, False),
        "other_resident": (False, False, False, False),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role in ("lurah", "admin"):
            role_user(cls.env, f"kel_{role}_p", role, password=f"kel_{role}_p")
        cls.logins = {
            "rw": "kel_rw_a",
            "officer": "kel_off_p",
            "lurah": "kel_lurah_p",
            "admin": "kel_admin_p",
            "reporter": "kel_res_a",
            "other_resident": "kel_res_b",
        }

    def learns(self):
        """True when any RPC path named the reporter; refusals teach nothing."""
        seen = []
        ids, domain = self.anonymous.ids, [("id", "=", self.anonymous.id)]
        calls = [
            ("read", ids, ["partner_id", "reporter_name", "kel_reporter_name"]),
            ("read", ids, ["partner_id", "reporter_name", "create_uid"]),
            ("read_group", domain, ["partner_id:max", "reporter_name:array_agg"], []),
            ("read_group", domain, ["partner_email:min", "create_uid:array_agg"], []),
            ("read_group", domain, ["__count"], ["kel_reporter_id"]),
            ("search_read", domain, ["kel_reporter_partner_id"]),
        ]
        for method, *args in calls:
            try:
                seen.append(self.rpc("helpdesk.ticket", method, *args))
            except JsonRpcException:
                continue
        for domain in (
            [("reporter_name", "ilike", "Wulandari")],
            [("kel_reporter_id.partner_id", "=", self.partner.id)],
            [("message_partner_ids", "in", self.partner.ids)],
        ):
            try:
                if self.anonymous.id in self.rpc("helpdesk.ticket", "search", domain):
                    seen.append(NAME)
            except JsonRpcException:
                continue
        return any(secret in repr(seen) for secret in SECRETS)

    def attempt(self, method, *args):
        try:
            self.rpc("helpdesk.ticket", method, *args)
        except JsonRpcException as error:
            self.assertIn(
                str(error),
                (ACCESS_ERROR, "odoo.exceptions.UserError"),
                f"{method}: a refusal, not a crash",
            )
            return False
        return True

    def test_what_each_role_may_learn_and_do(self):
        for role, login in self.logins.items():
            with self.subTest(role=role), self.env.cr.savepoint() as savepoint:
                self.authenticate(login, login)
                learn, hide, create, delete = self.EXPECTED[role]
                self.assertEqual(self.learns(), learn, "learns the reporter")
                self.assertEqual(
                    self.attempt("write", self.named.ids, {"is_confidential": True}),
                    hide,
                    "changes hiding",
                )
                new = {
                    "name": "Uji hak akses",
                    "description": "<p>x</p>",
                    "category_id": self.category.id,
                    "rw_id": self.rw_a.id,
                    "is_anonymous": True,
                    "reporter_name": "Seseorang",
                }
                self.assertEqual(self.attempt("create", [new]), create, "creates")
                self.assertEqual(
                    self.attempt("unlink", self.named.ids), delete, "deletes"
                )
                savepoint.rollback()
