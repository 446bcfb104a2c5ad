# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public tracking (number + last 4 phone digits, private link) and the transparency
board over real HTTP: no personal data, no enumeration, rate limited."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .portal_case import PortalCase

NEUTRAL = "Tidak ada pengaduan yang cocok"


@tagged("post_install", "-at_install")
class TestPortalTracking(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.make_ticket(
            reporter_name="Siti Pelapor Rahasia",
            reporter_phone="+62 813-9999-4321",
            description="<p>Rumah Pak Joko nomor 12</p>",
            partner_email="siti@example.id",
        )
        cls.ticket._portal_ensure_token()
        agency = cls.env["kelurahan.agency"].create(
            {"name": "Suku Dinas Bina Marga Uji", "kind": "suku_dinas"}
        )
        cls.ticket.stage_id = cls.stage["verify"]
        cls.ticket.write(
            {
                "disposition_ids": [Command.create({"agency_id": agency.id})],
            }
        )
        cls.close_ticket(cls.ticket, "Jalan sudah diaspal ulang")

    def track(self, number, digits, tokens=None):
        data = dict(tokens or self.form_tokens("/pengaduan/lacak"))
        data.update(number=number, digits=digits)
        return self.url_open("/pengaduan/lacak", data=data)

    def assertNoPersonalData(self, text):
        # Odoo's CSRF token ends with a timestamp a year ahead, whose digits hold
        # "4321" for ten seconds now and then: tokens are not personal data.
        text = re.sub(r"[0-9a-f]{40}o\d+", "", text)
        for secret in ("Siti Pelapor Rahasia", "4321", "siti@example.id", "Pak Joko"):
            self.assertNotIn(secret, text)

    def test_right_digits_show_timeline(self):
        response = self.track(self.ticket.number.lower(), "4321")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn(self.ticket.number, text)
        self.assertIn("Suku Dinas Bina Marga Uji", text)
        self.assertIn("Jalan sudah diaspal ulang", text)
        self.assertIn('data-step="followup"', text)
        self.assertNoPersonalData(text)

    def test_wrong_digits_and_unknown_number_look_the_same(self):
        wrong = self.track(self.ticket.number, "0000")
        unknown = self.track("ADU/2026/999999", "4321")
        malformed = self.track("x" * 500, "43")
        for response in (wrong, unknown, malformed):
            self.assertEqual(response.status_code, 404)
            self.assertIn(NEUTRAL, response.text)
            self.assertNotIn("Suku Dinas Bina Marga Uji", response.text)
        self.assertNotIn(self.ticket.number, unknown.text)

    def test_no_phone_never_matches(self):
        ticket = self.make_ticket(reporter_phone=False, partner_email="x@example.id")
        response = self.track(ticket.number, "")
        self.assertEqual(response.status_code, 404)

    def test_tracking_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_crm.portal_track_limit", "3"
        )
        for digits in ("0001", "0002", "0003"):
            self.assertEqual(self.track(self.ticket.number, digits).status_code, 404)
        blocked = self.track(self.ticket.number, "4321")
        self.assertEqual(blocked.status_code, 429)
        self.assertIn("Terlalu banyak percobaan", blocked.text)
        self.assertNotIn("Jalan sudah diaspal ulang", blocked.text)
        token_page = self.url_open(f"/pengaduan/lacak/{self.ticket.kel_track_token}")
        self.assertEqual(token_page.status_code, 429)

    def test_missing_csrf_on_tracking(self):
        response = self.url_open(
            "/pengaduan/lacak", data={"number": self.ticket.number, "digits": "4321"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Formulir ini sudah kedaluwarsa", response.text)
        self.assertNotIn("Jalan sudah diaspal ulang", response.text)

    def test_private_link(self):
        page = self.url_open(f"/pengaduan/lacak/{self.ticket.kel_track_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ticket.number, page.text)
        self.assertIn("Jalan sudah diaspal ulang", page.text)
        self.assertNoPersonalData(page.text)
        token = self.ticket.kel_track_token
        for guess in (
            token[:-1] + ("0" if token[-1] != "0" else "1"),
            "a" * len(token),
            "short",
            "%25",
        ):
            response = self.url_open(f"/pengaduan/lacak/{guess}")
            self.assertEqual(response.status_code, 404, guess)
            self.assertIn(NEUTRAL, response.text)
            self.assertNotIn(self.ticket.number, response.text)

    def test_helpdesk_ticket_link_asks_to_sign_in(self):
        """helpdesk_mgmt's /my/ticket link accepts no token (none is ever made for a
        complaint): it leads to the resident's own page, behind the login."""
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}?access_token={self.ticket.kel_track_token}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/pengaduan/{self.ticket.id}")
        )
        self.assertFalse(self.ticket.access_token)


@tagged("post_install", "-at_install")
class TestTransparencyBoard(PortalCase):
    def test_board_hides_anonymous_and_confidential(self):
        visible = self.make_ticket(reporter_name="Nama Terlihat Publik")
        anonymous = self.make_ticket(is_anonymous=True, rw_id=self.rw_b.id)
        confidential = self.make_ticket(is_confidential=True)
        done = self.close_ticket(self.make_ticket())
        page = self.url_open("/pengaduan/transparansi")
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn(visible.number, text)
        self.assertIn(done.number, text)
        self.assertNotIn(anonymous.number, text)
        self.assertNotIn(confidential.number, text)
        self.assertNotIn("Nama Terlihat Publik", text)
        self.assertNotIn("Jalan berlubang", text, "titles are not shown")
        self.assertNotIn("Lubang besar", text, "descriptions are not shown")
        self.assertIn(self.rw_a.name, text)
        Ticket = self.env["helpdesk.ticket"].sudo()
        domain = [
            ("company_id", "=", self.company.id),
            ("date_reported", ">=", fields.Datetime.now() - timedelta(days=30)),
            ("kel_state", "=", "done"),
        ]
        done_count = Ticket.search_count(domain)
        within = Ticket.search_count(domain + [("is_within_deadline", "=", True)])
        self.assertTrue(done.is_within_deadline)
        self.assertIn(f"{round(100 * within / done_count)}%", text)
