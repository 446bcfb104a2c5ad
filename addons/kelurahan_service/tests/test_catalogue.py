# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public service catalogue and this addon's entries on the home page, as a
visitor without an account sees them."""

from lxml import html

from odoo.tests import HttpCase, tagged

from .service_common import KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestCatalogue(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        cls.paid = cls.env["kelurahan.service"].create(
            {
                "name": "Test Legalisir",
                "code": "TLEG",
                "fee": 10000,
                "target_days": 1,
                "needs_appointment": True,
                "requirement_ids": [(0, 0, {"name": "Fotokopi ijazah"})],
            }
        )
        other = cls.env["res.company"].create({"name": "Kelurahan Seberang"})
        cls.env["kelurahan.service"].create(
            {"name": "Layanan Seberang", "code": "TSEB", "company_id": other.id}
        )

    def test_home_has_service_entries(self):
        tree = html.fromstring(self.url_open("/").text)
        entries = "//div[@id='kel_home_entries']/a"
        hrefs = {
            key: tree.xpath(f"{entries}[contains(@class, '{key}')]")
            for key in (
                "o_kel_home_entry_layanan",
                "o_kel_home_entry_antrian",
                "o_kel_home_entry_verifikasi",
            )
        }
        self.assertEqual(
            {key: [a.get("href") for a in anchors] for key, anchors in hrefs.items()},
            {
                "o_kel_home_entry_layanan": ["/layanan"],
                "o_kel_home_entry_antrian": ["/my/antrian"],
                "o_kel_home_entry_verifikasi": ["/verifikasi"],
            },
        )

    def test_catalogue_without_account(self):
        self.opener.cookies.clear()
        page = self.url_open("/layanan", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        cards = {
            card.xpath(".//h2")[0].text_content(): card
            for card in html.fromstring(page.text).xpath(
                "//div[contains(@class, 'o_kel_catalogue_service')]"
            )
        }
        self.assertNotIn("Layanan Seberang", cards)
        free = cards["Test Domisili"]
        self.assertEqual(
            [
                (
                    li.text.split(),
                    bool(
                        li.xpath(".//*[contains(@class, 'o_kel_catalogue_optional')]")
                    ),
                )
                for li in free.xpath(".//li")
            ],
            [(["KTP", "scan"], False), (["KK", "scan"], False), (["Extra"], True)],
        )
        fee = free.xpath(".//*[contains(@class, 'o_kel_catalogue_fee')]")[0]
        self.assertNotIn("Rp", fee.text_content())
        days = free.xpath(".//*[contains(@class, 'o_kel_catalogue_days')]")[0]
        self.assertIn("2", days.text_content())
        self.assertFalse(free.xpath(".//a[contains(@class, 'o_kel_catalogue_book')]"))
        paid = cards["Test Legalisir"]
        fee = paid.xpath(".//*[contains(@class, 'o_kel_catalogue_fee')]")[0]
        self.assertRegex(fee.text_content(), r"Rp\s+10[.,]000")
        self.assertEqual(
            paid.xpath(".//a[contains(@class, 'o_kel_catalogue_book')]")[0].get("href"),
            f"/my/antrian?service_id={self.paid.id}",
        )
        self.assertIn('href="/"', page.text)

    def test_public_pages_link_home(self):
        for url in ("/layanan", "/verifikasi", "/verifikasi?nomor=NOPE"):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertIn(page.status_code, (200, 404))
                self.assertIn('class="nav-link o_kel_nav_home"', page.text)
                self.assertNotIn("/web/database", page.text)
