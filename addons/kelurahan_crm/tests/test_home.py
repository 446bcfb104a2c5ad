# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from lxml import html

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from .common import role_user

CTX = {"no_reset_password": True}


def entry_links(page):
    """{entry key: href} of the large entries of the home page."""
    tree = html.fromstring(page)
    prefix = "o_kel_home_entry_"
    links = {}
    for anchor in tree.xpath("//div[@id='kel_home_entries']/a"):
        key = next(c for c in anchor.classes if c.startswith(prefix))[len(prefix) :]
        links[key] = anchor.get("href")
    return links


def assert_no_database_manager(case, response):
    case.assertNotIn("Manage Databases", response.text, response.url)
    case.assertNotIn("/web/database", response.text, response.url)


@tagged("post_install", "-at_install")
class TestHomePage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "kel_office_hours": "Senin–Jumat 08.00–16.00",
                "phone": "(021) 555-0199",
                "street": "Jl. Pemuda No. 9",
            }
        )
        cls.resident = role_user(
            cls.env, "kel_home_res", "portal", context=CTX, password="kel_home_res"
        )
        cls.officer = role_user(
            cls.env, "kel_home_off", "officer", context=CTX, password="kel_home_off"
        )
        cls.rw_officer = role_user(cls.env, "kel_home_rw", "rw", context=CTX)
        cls.public = cls.env.ref("base.public_user")
        Announcement = cls.env["kelurahan.announcement"]
        today = cls.company._kel_today()
        day = timedelta(days=1)
        cls.shown = Announcement.create(
            {"name": "Posyandu Sabtu ini", "body": "Di balai RW 01.\nMulai 08.00."}
        )
        cls.ends_today = Announcement.create(
            {"name": "Pendaftaran PKL", "date_start": today - day, "date_end": today}
        )
        cls.hidden = {
            "unpublished": Announcement.create(
                {"name": "Draf pengumuman rahasia", "is_published": False}
            ),
            "expired": Announcement.create(
                {
                    "name": "Kerja bakti bulan lalu",
                    "date_start": today - 30 * day,
                    "date_end": today - day,
                }
            ),
            "future": Announcement.create(
                {"name": "Lomba 17-an tahun depan", "date_start": today + day}
            ),
            "archived": Announcement.create(
                {"name": "Pengumuman diarsipkan", "active": False}
            ),
        }

    def test_home_without_cookies(self):
        """`/` is the home page, not the backend login: name, entries, office."""
        self.opener.cookies.clear()
        response = self.url_open("/", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_kel_home", response.text)
        self.assertIn(self.company.name, response.text)
        self.assertIn("Senin–Jumat 08.00–16.00", response.text)
        self.assertIn("Jl. Pemuda No. 9", response.text)
        self.assertIn('href="tel:(021) 555-0199"', response.text)
        self.assertNotIn('href="/my"', response.text)
        self.assertNotIn('href="/odoo"', response.text)
        assert_no_database_manager(self, response)
        links = entry_links(response.text)
        self.assertEqual(
            {k: links.get(k) for k in ("lapor", "lacak", "transparansi")},
            {
                "lapor": "/pengaduan/lapor",
                "lacak": "/pengaduan/lacak",
                "transparansi": "/pengaduan/transparansi",
            },
        )

    def test_each_entry_answers_and_links_home(self):
        """Every entry (of this addon and of the others installed) answers 200,
        links back to `/` and never to the database manager."""
        links = entry_links(self.url_open("/").text)
        self.assertGreaterEqual(len(links), 3)
        for key, href in links.items():
            with self.subTest(entry=key):
                self.opener.cookies.clear()
                page = self.url_open(href)
                self.assertEqual(page.status_code, 200, href)
                self.assertRegex(page.text, r'href="/"', href)
                assert_no_database_manager(self, page)

    def test_header_shows_the_kelurahan(self):
        page = self.url_open("/pengaduan/lacak").text
        header = html.fromstring(page).xpath("//header")[0]
        brand = header.xpath(".//a[contains(@class, 'o_kel_nav_brand')]")[0]
        self.assertEqual(brand.get("href"), "/")
        self.assertIn(self.company.name, brand.text_content())
        self.assertTrue(header.xpath(".//a[contains(@class, 'o_kel_nav_home')]"))

    def test_home_without_logo_shows_no_placeholder(self):
        """Before the office uploads its logo, the name stands alone: Odoo's
        "Your logo" placeholder is never shown."""
        self.company.logo = False
        self.assertTrue(self.company.uses_default_logo)
        page = self.url_open("/").text
        self.assertNotIn("o_kel_home_logo", page)
        self.assertIn(self.company.name, page)
        login = self.url_open("/web/login").text
        self.assertNotIn("/web/binary/company_logo", login)
        self.assertIn(self.company.name, login)

    def test_login_page_has_no_database_manager(self):
        """Whatever list_db says, /web/login links the home page, not the database
        manager or selector."""
        for list_db in (True, False):
            with (
                self.subTest(list_db=list_db),
                patch.dict(config.options, {"list_db": list_db}),
            ):
                self.opener.cookies.clear()
                page = self.url_open("/web/login")
                self.assertEqual(page.status_code, 200)
                assert_no_database_manager(self, page)
                self.assertIn("o_kel_login_home", page.text)
                self.assertIn(self.company.name, page.text)

    def test_logged_in_users_get_the_home(self):
        self.authenticate("kel_home_res", "kel_home_res")
        page = self.url_open("/", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/my"', page.text)
        self.assertNotIn('href="/odoo"', page.text)
        self.authenticate("kel_home_off", "kel_home_off")
        page = self.url_open("/", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/odoo"', page.text)

    def test_only_published_announcements_are_shown(self):
        page = self.url_open("/").text
        self.assertIn("Posyandu Sabtu ini", page)
        self.assertIn("Pendaftaran PKL", page)
        for state, announcement in self.hidden.items():
            with self.subTest(state=state):
                self.assertNotIn(announcement.name, page)

    def test_announcement_of_another_kelurahan_is_not_shown(self):
        other = self.env["res.company"].create({"name": "Kelurahan Lain"})
        self.env["kelurahan.announcement"].create(
            {"name": "Pengumuman kelurahan lain", "company_id": other.id}
        )
        self.assertNotIn("Pengumuman kelurahan lain", self.url_open("/").text)

    def test_officers_edit_announcements(self):
        Announcement = self.env["kelurahan.announcement"].with_user(self.officer)
        created = Announcement.create({"name": "Vaksinasi gratis"})
        created.write({"is_published": False})
        self.shown.with_user(self.officer).write({"name": "Posyandu Minggu ini"})
        self.assertEqual(self.shown.name, "Posyandu Minggu ini")
        created.unlink()
        self.assertFalse(created.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_residents_and_public_cannot_touch_announcements(self):
        for user in (self.resident, self.public):
            Announcement = self.env["kelurahan.announcement"].with_user(user)
            record = self.shown.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Announcement.search_read([], ["name"])
                with self.assertRaises(AccessError):
                    record.read(["name"])
                with self.assertRaises(AccessError):
                    Announcement.create({"name": "Hoaks"})
                with self.assertRaises(AccessError):
                    record.write({"name": "Hoaks"})
                with self.assertRaises(AccessError):
                    record.unlink()

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_rw_officers_only_read_announcements(self):
        record = self.shown.with_user(self.rw_officer)
        self.assertEqual(record.read(["name"])[0]["name"], "Posyandu Sabtu ini")
        with self.assertRaises(AccessError):
            record.write({"name": "Hoaks"})
        with self.assertRaises(AccessError):
            self.env["kelurahan.announcement"].with_user(self.rw_officer).create(
                {"name": "Hoaks"}
            )
