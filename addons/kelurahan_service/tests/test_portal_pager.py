# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The resident's lists /my/permohonan and /my/antrian, one page of 20 at a time
(issue 22: /my/permohonan loaded every request of the resident)."""

import re
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .service_common import KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestPortalPager(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        start = datetime(2026, 1, 5, 3, 0)
        # 25 requests of the resident, the newest last; one of another resident.
        cls.requests = cls.env["kelurahan.service.request"].create(
            [
                {
                    "service_id": cls.service.id,
                    "applicant_name": "Warga Satu",
                    "partner_id": cls.user_portal.partner_id.id,
                    "rw_id": cls.rw_a.id,
                    "date_submitted": start + timedelta(hours=n),
                }
                for n in range(25)
            ]
        )
        cls.other = cls.env["kelurahan.service.request"].create(
            {
                "service_id": cls.service.id,
                "applicant_name": "Warga Dua",
                "partner_id": cls.user_portal_2.partner_id.id,
                "rw_id": cls.rw_a.id,
                "date_submitted": start,
            }
        )
        cls.visits = cls.env["kelurahan.queue.ticket"].create(
            [
                {
                    "service_id": cls.service.id,
                    "date": (start + timedelta(days=n)).date(),
                    "kind": "walkin",
                    "partner_id": cls.user_portal.partner_id.id,
                }
                for n in range(21)
            ]
        )

    def _numbers(self, html):
        """Request numbers of the rows of a /my/permohonan page."""
        return re.findall(r'href="/my/permohonan/\d+[^"]*">([^<]+)</a>', html)

    def test_requests_paged_by_twenty(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        newest_first = self.requests.sorted(
            lambda r: (r.date_submitted, r.id), reverse=True
        )
        first = self.url_open("/my/permohonan")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(self._numbers(first.text), newest_first[:20].mapped("number"))
        self.assertIn('href="/my/permohonan/page/2"', first.text)
        self.assertNotIn(self.other.number, first.text)
        second = self.url_open("/my/permohonan/page/2")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(self._numbers(second.text), newest_first[20:].mapped("number"))
        self.assertNotIn(self.other.number, second.text)

    def test_requests_hostile_page_numbers(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        newest_first = self.requests.sorted(
            lambda r: (r.date_submitted, r.id), reverse=True
        ).mapped("number")
        # Out of range: the nearest page, never an error.
        for url, rows in (
            ("/my/permohonan/page/0", newest_first[:20]),
            ("/my/permohonan/page/99999", newest_first[20:]),
            ("/my/permohonan?page=abc", newest_first[:20]),
            ("/my/permohonan?page=-1", newest_first[:20]),
            ("/my/permohonan/page/-1", newest_first[:20]),
        ):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertEqual(self._numbers(page.text), rows)
        # Not a number in the path: no such page.
        self.assertEqual(self.url_open("/my/permohonan/page/abc").status_code, 404)

    def test_queue_bookings_paged(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        first = self.url_open("/my/antrian")
        self.assertEqual(first.status_code, 200)
        rows = re.findall(r'href="/antrian/tiket/(\d+)"', first.text)
        self.assertEqual(len(set(rows)), 20)
        self.assertIn('href="/my/antrian/page/2"', first.text)
        second = self.url_open("/my/antrian/page/2")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(
            len(set(re.findall(r'href="/antrian/tiket/(\d+)"', second.text))), 1
        )
        self.assertEqual(self.url_open("/my/antrian/page/99999").status_code, 200)
