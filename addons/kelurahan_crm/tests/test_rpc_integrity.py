# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the workflow computes or its jobs write, officer-only fields, a hidden
reporter's contact and a report's sending hold against direct calls over
JSON-RPC, as anyone with a login can make them."""

from odoo.tests import Form, HttpCase, tagged

from .common import call_kw, role_user

FIXED = "set by the workflow, not by hand"


@tagged("post_install", "-at_install")
class TestRpcIntegrity(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rw = cls.env.ref("kelurahan_crm.rw_01")
        for role in ("rw", "officer", "lurah"):
            setattr(
                cls,
                f"user_{role}",
                role_user(
                    cls.env,
                    f"kel_int_{role}",
                    role,
                    rws=cls.rw if role == "rw" else None,
                    password=f"kel_int_{role}",
                ),
            )
        cls.ticket = cls._ticket()

    @classmethod
    def _ticket(cls, **vals):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Parkir liar",
                "description": "<p>Di depan pasar</p>",
                "category_id": cls.env.ref("kelurahan_crm.category_parkir_liar").id,
                "rw_id": cls.rw.id,
                **vals,
            }
        )

    def _answer(self, role, model, method, *args, **kwargs):
        self.authenticate(f"kel_int_{role}", f"kel_int_{role}")
        return call_kw(self, model, method, *args, **kwargs)

    def _refused(self, role, model, method, *args, **kwargs):
        answer = self._answer(role, model, method, *args, **kwargs)
        self.assertIn("error", answer, (role, method, args))
        data = answer["error"]["data"]
        self.assertEqual(data["name"], "odoo.exceptions.AccessError", data["message"])
        return data["message"]

    def test_workflow_values_are_not_typed(self):
        ticket = self.ticket
        before = (ticket.kel_state, ticket.deadline_resolution, ticket.support_count)
        for vals in (
            {"kel_state": "done"},
            {"deadline_resolution": "2030-01-01 00:00:00"},
            {"deadline_followup": "2030-01-01 00:00:00"},
            {"is_overdue": False},
            {"support_count": 500},
            {"response_days": 0.1},
            {"kel_escalated_resolution": "2030-01-01 00:00:00"},
            {"is_disputed": False},
            {"rating": "5"},
            {"kel_intake_state": "pending"},
        ):
            for role in ("rw", "officer", "lurah"):
                with self.subTest(role=role, vals=vals):
                    message = self._refused(
                        role, "helpdesk.ticket", "write", ticket.ids, vals
                    )
                    self.assertIn(FIXED, message)
        self.assertEqual(
            (ticket.kel_state, ticket.deadline_resolution, ticket.support_count),
            before,
        )
        # Nor on a new complaint.
        message = self._refused(
            "officer",
            "helpdesk.ticket",
            "create",
            {
                "name": "x",
                "description": "<p>x</p>",
                "rw_id": self.rw.id,
                "kel_state": "done",
                "rating": "5",
            },
        )
        self.assertIn(FIXED, message)
        # What staff do type still saves.
        answer = self._answer(
            "officer",
            "helpdesk.ticket",
            "write",
            ticket.ids,
            {
                "followup_note": "Ditertibkan",
                "stage_id": self.env.ref("kelurahan_crm.stage_verify").id,
            },
        )
        self.assertNotIn("error", answer)
        self.assertEqual(ticket.kel_state, "verify")

    def test_new_complaint_form_saves_for_every_role(self):
        """The form of a new complaint sends every field it shows that is not
        read-only, with its empty default: none of them is refused."""
        category = self.env.ref("kelurahan_crm.category_parkir_liar")
        for role in ("rw", "officer", "lurah"):
            user = getattr(self, f"user_{role}")
            with Form(self.env["helpdesk.ticket"].with_user(user)) as form:
                form.name = f"Parkir di trotoar ({role})"
                form.description = "<p>Setiap sore</p>"
                form.category_id = category
                form.rw_id = self.rw
            ticket = form.record
            self.assertEqual(ticket.kel_state, "new", role)
            self.assertFalse(ticket.is_disputed or ticket.rating, role)

    def test_officer_only_fields_not_given_on_create(self):
        hidden = self._ticket(is_anonymous=True, reporter_name="Ibu Rahma")
        reporter = hidden.kel_reporter_id
        self.assertEqual(reporter.name, "Ibu Rahma")
        message = self._refused(
            "rw",
            "helpdesk.ticket",
            "create",
            {
                "name": "x",
                "description": "<p>x</p>",
                "rw_id": self.rw.id,
                "is_anonymous": True,
                "kel_reporter_id": reporter.id,
                "partner_email": "me@evil.invalid",
            },
        )
        self.assertIn("kel_reporter_id", message)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("kel_reporter_id", "=", reporter.id)])
            - hidden
        )
        self.assertEqual(reporter.email or "", "")
        # An officer may.
        answer = self._answer(
            "officer",
            "helpdesk.ticket",
            "create",
            {
                "name": "Sama",
                "description": "<p>x</p>",
                "rw_id": self.rw.id,
                "is_anonymous": True,
                "kel_reporter_id": reporter.id,
            },
        )
        self.assertNotIn("error", answer)

    def test_hidden_reporter_contact_changed_by_officers_only(self):
        hidden = self._ticket(
            is_anonymous=True, reporter_name="Ibu Rahma", partner_email="r@warga.id"
        )
        reporter = hidden.kel_reporter_id
        message = self._refused(
            "rw",
            "helpdesk.ticket",
            "write",
            hidden.ids,
            {"partner_email": "me@evil.invalid"},
        )
        self.assertIn("Petugas Kelurahan", message)
        self.assertEqual(reporter.email, "r@warga.id")
        answer = self._answer(
            "officer",
            "helpdesk.ticket",
            "write",
            hidden.ids,
            {"partner_email": "rahma@warga.id"},
        )
        self.assertNotIn("error", answer)
        self.assertEqual(reporter.email, "rahma@warga.id")
        # An RW officer still gives the reporter of a hidden complaint without one.
        bare = self._ticket(is_anonymous=True)
        self.assertFalse(bare.kel_reporter_id)
        answer = self._answer(
            "rw", "helpdesk.ticket", "write", bare.ids, {"reporter_name": "Pak Joko"}
        )
        self.assertNotIn("error", answer)
        self.assertEqual(bare.kel_reporter_id.name, "Pak Joko")
        self.assertFalse(bare.reporter_name)

    def test_send_report_now_needs_write_access(self):
        subscription = self.env["kelurahan.report.subscription"].create(
            {"name": "Harian", "email_to": "lurah@kelurahan.invalid"}
        )
        sent = self.env["mail.mail"].search_count([])
        message = self._refused(
            "officer",
            "kelurahan.report.subscription",
            "action_send_now",
            subscription.ids,
        )
        self.assertIn("kelurahan.report.subscription", message)
        self.assertEqual(self.env["mail.mail"].search_count([]), sent)

    def test_resident_reads_only_own_complaints_over_rpc(self):
        warga_a, warga_b = (
            role_user(self.env, login, "portal", password=login)
            for login in ("kel_int_wa", "kel_int_wb")
        )
        main = self._ticket(
            partner_id=warga_a.partner_id.id, reporter_phone="081298765432"
        )
        duplicate = self._ticket(partner_id=warga_b.partner_id.id)
        duplicate.action_kel_link_duplicate(main)
        self.assertIn(warga_b.partner_id, main.message_partner_ids)
        self.authenticate("kel_int_wb", "kel_int_wb")
        answer = call_kw(
            self, "helpdesk.ticket", "read", main.ids, ["reporter_phone", "notes"]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = call_kw(self, "helpdesk.ticket", "search_read", [], ["reporter_phone"])
        self.assertEqual([row["id"] for row in answer["result"]], duplicate.ids)
        # The followed complaint's own page still opens, without the contact.
        page = self.url_open(f"/my/pengaduan/{main.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(main.number, page.text)
        self.assertNotIn("081298765432", page.text)
        # The "View" button of a notification e-mail leads to that page too.
        view = self.url_open(f"/mail/view?model=helpdesk.ticket&res_id={main.id}")
        self.assertEqual(view.status_code, 200)
        self.assertTrue(view.url.endswith(f"/my/pengaduan/{main.id}"), view.url)
        self.assertIn(main.number, view.text)
        # Its reporter reads it.
        self.authenticate("kel_int_wa", "kel_int_wa")
        answer = call_kw(self, "helpdesk.ticket", "read", main.ids, ["reporter_phone"])
        self.assertEqual(answer["result"][0]["reporter_phone"], "081298765432")
