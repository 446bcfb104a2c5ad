# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agency contacts answer their dispositions on /my/disposisi, walked as the user
over HTTP, at RPC (the access matrix) and in Chromium on a 360 px phone."""

from odoo.tests import new_test_user, tagged

from .common import PhoneBrowserMixin, call_kw, walk_to_stage
from .portal_case import PortalCase, make_image

AGENCY_GROUP = "kelurahan_crm.group_kelurahan_agency_contact"
ACCESS_ERROR = "odoo.exceptions.AccessError"


class AgencyPortalCase(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bina_marga = cls.env.ref("kelurahan_crm.agency_sudin_bina_marga")
        cls.satpol = cls.env.ref("kelurahan_crm.agency_satpol_pp")
        cls.contact, cls.contact_satpol = (
            new_test_user(
                cls.env,
                login=login,
                password=login,
                name=name,
                groups=AGENCY_GROUP,
                email=f"{login}@dinas.example.id",
                kel_agency_id=agency.id,
                lang="en_US",
                context={"no_reset_password": True},
            )
            for login, name, agency in (
                ("kel_dinas_bm", "Agus Setiawan Sudin Bina Marga", cls.bina_marga),
                ("kel_dinas_satpol", "Rudi Hartono", cls.satpol),
            )
        )
        cls.ticket = cls.make_ticket(
            partner=cls.resident_a.partner_id,
            description="<p>Lubang besar dekat halte.</p>",
            location_address="Jl. Swadaya No. 3",
        )
        walk_to_stage(cls.ticket, "verify")
        Disposition = cls.env["kelurahan.disposition"]
        cls.disposition = Disposition.create(
            {"ticket_id": cls.ticket.id, "agency_id": cls.bina_marga.id}
        )
        cls.other_ticket = cls.make_ticket(name="Pedagang di trotoar")
        walk_to_stage(cls.other_ticket, "verify")
        cls.satpol_disposition = Disposition.create(
            {"ticket_id": cls.other_ticket.id, "agency_id": cls.satpol.id}
        )

    def answer(self, disposition, answer, note="", files=None):
        tokens = self.form_tokens(f"/my/disposisi/{self.disposition.id}")
        return self.url_open(
            f"/my/disposisi/{disposition.id}/jawab",
            data=dict(tokens, answer=answer, note=note),
            files=files,
            allow_redirects=False,
        )


@tagged("post_install", "-at_install")
class TestAgencyPortal(AgencyPortalCase):
    def test_anonymous_gets_login(self):
        for url in ("/my/disposisi", f"/my/disposisi/{self.disposition.id}"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertIn("/web/login", response.headers["Location"])
            self.assertIn("redirect=", response.headers["Location"])

    def test_list_and_page_show_no_reporter(self):
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        listing = self.url_open("/my/disposisi")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.ticket.number, listing.text)
        self.assertNotIn(self.other_ticket.number, listing.text)
        page = self.url_open(f"/my/disposisi/{self.disposition.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lubang besar dekat halte.", page.text)
        self.assertIn("Jl. Swadaya No. 3", page.text)
        for secret in (
            "Resident Alpha",
            "alpha@example.id",
            "0812-1111-2222",
            "0813 9999 4321",
            "kel_track_token",
            self.ticket.sudo().kel_track_token,
        ):
            self.assertNotIn(secret, page.text)

    def test_full_loop_over_http(self):
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        response = self.answer(self.disposition, "accept")
        self.assertEqual(response.status_code, 303)
        self.assertIn(
            f"/my/disposisi/{self.disposition.id}?pesan=accept",
            response.headers["Location"],
        )
        page = self.url_open(f"/my/disposisi/{self.disposition.id}?pesan=accept")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Your answer was saved.", page.text)
        self.assertEqual(self.disposition.state, "accepted")
        response = self.answer(
            self.disposition,
            "progress",
            "Survei lokasi selesai.",
            files={"photos": ("lokasi.jpg", make_image(), "image/jpeg")},
        )
        self.assertEqual(response.status_code, 303)
        progress = self.disposition.update_ids.filtered(lambda u: u.kind == "progress")
        self.assertEqual(progress.attachment_ids.mimetype, "image/jpeg")
        response = self.answer(self.disposition, "done", "Lubang sudah ditambal.")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.disposition.state, "done")
        self.assertEqual(self.ticket.kel_state, "progress")
        # The resident's timeline tells it in plain words.
        self.authenticate("kel_res_a", "kel_res_a")
        mine = self.url_open(f"/my/pengaduan/{self.ticket.id}")
        self.assertEqual(mine.status_code, 200)
        self.assertIn(self.bina_marga.name, mine.text)

    def test_refusals(self):
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        # Another agency's disposition: not found, nothing stored.
        page = self.url_open(f"/my/disposisi/{self.satpol_disposition.id}")
        self.assertEqual(page.status_code, 404)
        self.assertIn("was not sent to your agency", page.text)
        self.assertNotIn(self.other_ticket.number, page.text)
        response = self.answer(self.satpol_disposition, "accept")
        self.assertEqual(response.status_code, 404)
        self.assertIn("was not sent to your agency", response.text)
        self.assertFalse(self.satpol_disposition.update_ids)
        # A missing one, the same.
        self.assertEqual(self.url_open("/my/disposisi/999999").status_code, 404)
        # No answer chosen, no result, too long, hostile file: 400, nothing stored.
        response = self.answer(self.disposition, "delete")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose an answer.", response.text)
        response = self.answer(self.disposition, "done", "")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write the result.", response.text)
        response = self.answer(self.disposition, "reject", "")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write the reason.", response.text)
        response = self.answer(self.disposition, "progress", "x" * 5000)
        self.assertEqual(response.status_code, 400)
        self.assertIn("too long", response.text)
        response = self.answer(
            self.disposition,
            "progress",
            "Foto",
            files={
                "photos": ("foto.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg")
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a photo", response.text)
        self.assertFalse(self.disposition.update_ids)
        self.assertEqual(self.disposition.state, "sent")
        # Without the CSRF token: refused.
        response = self.url_open(
            f"/my/disposisi/{self.disposition.id}/jawab",
            data={"answer": "accept"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("This form has expired", response.text)
        self.assertFalse(self.disposition.update_ids)
        # Hostile text is stored as text and shown escaped.
        response = self.answer(
            self.disposition, "progress", "<script>alert('x')</script>"
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(f"/my/disposisi/{self.disposition.id}")
        self.assertNotIn("<script>alert('x')</script>", page.text)
        self.assertIn("&lt;script&gt;", page.text)
        # A second answer after done: 409, nothing stored.
        self.assertEqual(
            self.answer(self.disposition, "done", "Beres").status_code, 303
        )
        count = len(self.disposition.update_ids)
        response = self.answer(self.disposition, "progress", "Lagi")
        self.assertEqual(response.status_code, 409)
        self.assertIn("already closed", response.text)
        self.assertEqual(len(self.disposition.update_ids), count)

    def test_revoked_link(self):
        moved = self.disposition._kel_replace(self.satpol, "Moved")
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        page = self.url_open(f"/my/disposisi/{self.disposition.id}")
        self.assertEqual(page.status_code, 410)
        self.assertIn("withdrawn or moved to another agency", page.text)
        tokens = self.form_tokens("/my/disposisi")
        response = self.url_open(
            f"/my/disposisi/{self.disposition.id}/jawab",
            data=dict(tokens, answer="accept"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 410)
        self.assertIn("withdrawn or moved to another agency", response.text)
        self.assertFalse(self.disposition.update_ids)
        # The new agency has it.
        self.authenticate("kel_dinas_satpol", "kel_dinas_satpol")
        self.assertEqual(self.url_open(f"/my/disposisi/{moved.id}").status_code, 200)

    def test_not_an_agency_contact(self):
        self.authenticate("kel_res_a", "kel_res_a")
        for url in ("/my/disposisi", f"/my/disposisi/{self.disposition.id}"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 403)
            # In the resident's language (Indonesian).
            self.assertIn("khusus untuk kontak instansi", page.text)

    def test_rpc_access_matrix(self):
        """At RPC the agency contact reads no complaint, no resident and no
        disposition, not even their own agency's."""
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        calls = [
            ("helpdesk.ticket", "read", [self.ticket.id], ["name"]),
            ("kelurahan.disposition", "read", [self.disposition.id], ["agency_id"]),
            (
                "kelurahan.disposition",
                "read",
                [self.satpol_disposition.id],
                ["agency_id"],
            ),
            ("kelurahan.disposition", "action_resend", [self.disposition.id]),
            ("kelurahan.disposition.update", "search_read", [], ["note"]),
            ("kelurahan.complaint.reporter", "search_read", [], ["name"]),
            ("res.partner", "read", [self.resident_a.partner_id.id], ["name"]),
        ]
        for model, method, *args in calls:
            with self.subTest(model=model, method=method):
                answer = call_kw(self, model, method, *args)
                self.assertIn("error", answer, answer)
                self.assertEqual(answer["error"]["data"]["name"], ACCESS_ERROR)
        # Searching complaints finds none (helpdesk_mgmt's portal rule: their own).
        answer = call_kw(self, "helpdesk.ticket", "search_read", [], ["name"])
        self.assertEqual(answer["result"], [])
        self.assertEqual(self.disposition.state, "sent")

    def test_board_shows_agencies(self):
        self.disposition._kel_agency_answer(self.contact, "done", "Beres")
        page = self.url_open("/pengaduan/transparansi")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_board_agencies", page.text)
        self.assertIn(self.bina_marga.with_context(lang="id_ID").name, page.text)


@tagged("post_install", "-at_install")
class TestAgencyPortalTour(PhoneBrowserMixin, AgencyPortalCase):
    def test_agency_answers_on_phone(self):
        self.start_tour(
            "/my/disposisi", "kelurahan_agency_answer", login="kel_dinas_bm"
        )
        self.assertEqual(self.disposition.state, "done")
        self.assertEqual(self.disposition.response, "Lubang sudah ditambal.")
        self.assertEqual(self.ticket.kel_state, "progress")
