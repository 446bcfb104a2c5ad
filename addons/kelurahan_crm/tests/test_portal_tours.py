# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Resident portal flows in Chromium at phone width (360x740)."""

from odoo import Command
from odoo.tests import tagged

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
