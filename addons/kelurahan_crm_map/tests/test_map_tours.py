# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.kelurahan_crm.tests.common import (
    PhoneBrowserMixin,
    role_user,
    walk_to_stage,
)
from odoo.addons.kelurahan_crm.tests.portal_case import CTX, PortalCase

HERE = (-6.33721, 106.85913)


@tagged("post_install", "-at_install")
class TestMapResidentTour(PhoneBrowserMixin, PortalCase):
    def test_resident_pins_sees_nearby_and_supports(self):
        self.env["ir.config_parameter"].sudo().set_param("leaflet.tile_url", "")
        ticket = self.make_ticket(latitude=-6.33760, longitude=106.85940)
        ticket.number = "ADU/2026/MAP01"
        before = ticket.support_count
        self.start_tour(
            f"/my/pengaduan/baru?kategori={self.category.id}"
            f"&lat={HERE[0]}&lon={HERE[1]}",
            "kelurahan_map_nearby_support",
            login="kel_res_b",
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_count, before + 1)
        support = self.env["kelurahan.complaint.support"].search(
            [("ticket_id", "=", ticket.id)]
        )
        self.assertEqual(support.partner_id, self.resident_b.partner_id)


@tagged("post_install", "-at_install")
class TestMapOfficerTour(PortalCase):
    """On an office screen (HttpCase default, 1366x768): each tour gets a fresh
    Chromium, so no phone emulation of an earlier tour carries over."""

    def test_officer_overdue_map_into_complaint(self):
        """Then, on the dashboard, the hotspots' heat layer opens a cell's
        complaints."""
        self.env["ir.config_parameter"].sudo().set_param("leaflet.tile_url", "")
        officer = role_user(
            self.env,
            "kel_map_officer",
            "officer",
            context=CTX,
            password="kel_map_officer",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        # Far from the demo complaints, so that its marker stands alone.
        ticket = self.make_ticket(
            latitude=-6.9175,
            longitude=107.6191,
            date_reported=fields.Datetime.now() - timedelta(days=40),
        )
        ticket.number = "ADU/2026/MAP02"
        self.assertTrue(ticket.is_overdue)
        # The dashboard's busiest cell of the last 30 days, in the same ~100 m cell
        # (three days old, inside the period whatever the browser's time zone;
        # closed: not on the overdue map).
        recent = fields.Datetime.now() - timedelta(days=3)
        hotspots = self.env["helpdesk.ticket"].browse()
        for index in range(12):
            hotspots |= self.make_ticket(
                latitude=-6.9172 - index * 0.00001,
                longitude=107.6193,
                date_reported=recent,
            )
        walk_to_stage(hotspots, "done", followup_note="Sudah ditangani")
        hotspot = hotspots[-1]
        hotspot.number = "ADU/2026/MAP03"
        self.assertFalse(hotspots.filtered("is_overdue"))
        cells = (
            self.env["kelurahan.dashboard"]
            .with_user(officer)
            .get_dashboard_hotspots()["cells"]
        )
        self.assertEqual(cells[0]["count"], 12, cells[:3])
        self.start_tour(
            "/odoo/pengaduan-terlambat",
            "kelurahan_map_officer_overdue",
            login="kel_map_officer",
        )
