# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Resident portal flows in Chromium at phone width (360x740)."""

from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from ..models import kelurahan_complaint_otp
from .portal_case import PortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(PortalCase):
    def setUp(self):
        super().setUp()
        self.browser_size = "360x740"

    def test_report_with_photo(self):
        self.start_tour(
            "/my/pengaduan/baru", "kelurahan_report_photo", login="kel_res_a"
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("partner_id", "=", self.resident_a.partner_id.id)])
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.attachment_ids.mapped("mimetype"), ["image/jpeg"])
        self.assertEqual(ticket.reporter_phone, "0812-1111-2222")

    def test_report_without_account_and_private_link(self):
        self.start_tour("/pengaduan/lapor", "kelurahan_report_public")
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("reporter_name", "=", "Budi Tour")])
        )
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(len(ticket.attachment_ids), 1)

    def test_public_tracking(self):
        agency = self.env["kelurahan.agency"].create(
            {"name": "Bina Marga Tour", "kind": "suku_dinas"}
        )
        ticket = self.make_ticket(
            reporter_phone="0812 7777 2468",
            stage_id=self.stage["verify"].id,
            disposition_ids=[Command.create({"agency_id": agency.id})],
        )
        ticket.number = "ADU/2026/TOUR01"
        self.close_ticket(ticket)
        self.start_tour("/pengaduan/lacak", "kelurahan_track")

    def test_dispute_done_complaint(self):
        ticket = self.close_ticket(self.make_ticket(self.resident_a.partner_id))
        self.start_tour(
            f"/my/pengaduan/{ticket.id}", "kelurahan_dispute", login="kel_res_a"
        )
        self.assertTrue(ticket.is_disputed)
        self.assertEqual(ticket.kel_state, "progress")
        reason = ticket.message_ids.filtered(
            lambda m: "Lubang muncul lagi" in (m.body or "")
        )
        self.assertEqual(reason.author_id, self.resident_a.partner_id)

    def test_rate_done_complaint(self):
        ticket = self.close_ticket(self.make_ticket(self.resident_a.partner_id))
        self.start_tour(
            f"/my/pengaduan/{ticket.id}", "kelurahan_rate", login="kel_res_a"
        )
        self.assertEqual(ticket.rating, "5")
        self.assertEqual(ticket.rating_comment, "Cepat dan rapi.")
        self.assertEqual(ticket.kel_state, "done")

    def test_rate_from_private_link_with_code(self):
        self.company.email = "kelurahan@example.id"
        ticket = self.close_ticket(
            self.make_ticket(
                reporter_name="Tour Tanpa Akun", partner_email="t@example.id"
            )
        )
        # The code is random; the tour types a known one (mail is not readable in a
        # browser tour). Expiry, single use and limits: test_portal_tracking_feedback.
        with patch.object(kelurahan_complaint_otp, "new_code", return_value="482915"):
            self.start_tour(
                f"/pengaduan/lacak/{ticket.kel_track_token}", "kelurahan_track_otp"
            )
        self.assertEqual(ticket.rating, "4")
        self.assertEqual(ticket.feedback_ids.via, "tracking")
