# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The success paths of the portal routes no other test walks: the paged lists and
helpdesk_mgmt's routes this addon closes (each answers a redirect to our pages)."""

from unittest.mock import patch
from urllib.parse import urlsplit

from odoo.tests import tagged

from ..controllers.portal import KelurahanCustomerPortal
from .portal_case import PortalCase


@tagged("post_install", "-at_install")
class TestPortalRoutes(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.older = cls.make_ticket(cls.resident_a.partner_id, name="Got mampet Lama")
        cls.newer = cls.make_ticket(cls.resident_a.partner_id, name="Pohon roboh Baru")
        cls.older.date_reported = "2026-01-05 08:00:00"
        cls.newer.date_reported = "2026-02-05 08:00:00"

    def assertRedirect(self, response, path):
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(urlsplit(response.headers["Location"]).path, path)

    def test_complaint_list_second_page(self):
        self.authenticate("kel_res_a", "kel_res_a")
        with patch.object(KelurahanCustomerPortal, "_items_per_page", 1):
            first = self.url_open("/my/pengaduan")
            second = self.url_open("/my/pengaduan/page/2")
        self.assertEqual(first.status_code, 200)
        self.assertIn(self.newer.number, first.text)
        self.assertNotIn(self.older.number, first.text)
        self.assertIn("/my/pengaduan/page/2", first.text, "the pager links page 2")
        self.assertEqual(second.status_code, 200)
        self.assertIn(self.older.number, second.text)
        self.assertNotIn(self.newer.number, second.text)

    def test_helpdesk_routes_lead_to_ours(self):
        self.authenticate("kel_res_a", "kel_res_a")
        for url, target in (
            ("/my/tickets", "/my/pengaduan"),
            ("/my/tickets/page/2", "/my/pengaduan"),
            (f"/my/ticket/{self.older.id}", f"/my/pengaduan/{self.older.id}"),
            ("/new/ticket", "/my/pengaduan/baru"),
            ("/submitted/ticket", "/my/pengaduan/baru"),
        ):
            with self.subTest(url=url):
                self.assertRedirect(self.url_open(url, allow_redirects=False), target)
        form = self.url_open("/new/ticket")
        self.assertEqual(form.status_code, 200)
        self.assertIn('name="csrf_token"', form.text)
        self.assertIn(self.category.with_context(lang="id_ID").name, form.text)

    def test_ticket_close_redirects_and_changes_nothing(self):
        """helpdesk_mgmt closed a ticket from the portal here; now the resident is
        sent to the list and the complaint keeps its state."""
        stage = (
            self.env["helpdesk.ticket.stage"].search(
                [("close_from_portal", "=", True)], limit=1
            )
            or self.stage["rejected"]
        )
        self.authenticate("kel_res_a", "kel_res_a")
        response = self.url_open(
            f"/ticket/close?ticket_id={self.older.id}&stage_id={stage.id}",
            allow_redirects=False,
        )
        self.assertRedirect(response, "/my/pengaduan")
        self.assertEqual(self.older.kel_state, "new")
