# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: an agency's /my/disposisi list, one page of 20 at a time (it showed
up to 200 at once and never the older ones)."""

import re

from odoo.tests import tagged

from .common import walk_to_stage
from .test_agency_portal import AgencyPortalCase


@tagged("post_install", "-at_install")
class TestAgencyPortalPager(AgencyPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tickets = cls.env["helpdesk.ticket"]
        for n in range(20):
            tickets |= cls.make_ticket(name=f"Lampu jalan mati {n}")
        walk_to_stage(tickets, "verify")
        cls.env["kelurahan.disposition"].create(
            [{"ticket_id": t.id, "agency_id": cls.bina_marga.id} for t in tickets]
        )
        # Bina Marga's (with the fixture's and the demo data's), newest first.
        cls.listed = cls.env["kelurahan.disposition"].search(
            [("agency_id", "=", cls.bina_marga.id), ("state", "!=", "cancelled")],
            order="date_sent desc, id desc",
        )

    def rows(self, html):
        return [int(i) for i in re.findall(r'href="/my/disposisi/(\d+)"', html)]

    def test_dispositions_paged(self):
        self.assertGreater(len(self.listed), 20)
        last = self.listed[(len(self.listed) - 1) // 20 * 20 :].ids
        self.authenticate("kel_dinas_bm", "kel_dinas_bm")
        first = self.url_open("/my/disposisi")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(self.rows(first.text), self.listed[:20].ids)
        self.assertIn('href="/my/disposisi/page/2"', first.text)
        second = self.url_open("/my/disposisi/page/2")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(self.rows(second.text), self.listed[20:40].ids)
        self.assertNotIn(self.satpol_disposition.ticket_id.number, second.text)
        for url, ids in (
            ("/my/disposisi/page/0", self.listed[:20].ids),
            ("/my/disposisi/page/99999", last),
            ("/my/disposisi?page=abc", self.listed[:20].ids),
        ):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertEqual(self.rows(page.text), ids)
        self.assertEqual(self.url_open("/my/disposisi/page/abc").status_code, 404)
