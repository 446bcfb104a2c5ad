# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every public and portal page speaks Bahasa Indonesia to a browser set to English.

Here because this glue addon sits on top of every addon with pages (complaints,
services and queue, surveys). A phone set to English sends ``Accept-Language: en``:
that is not a choice of the resident, the language switcher is."""

import re
from urllib.parse import urlparse

from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import role_user
from odoo.addons.kelurahan_service.tests.test_letter import LetterCommon

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}

# English that once reached residents; extend when a new leak is found.
ENGLISH_LEAKS = (
    "<title>Odoo",
    "GENUINE",
    "REVOKED",
    "NOT FOUND",
    "Letter verification",
    "Letter number",
    "Queue",
    "Waiting",
    "Last called",
    "Start Survey",
    "Thank you!",
    "Next respondent",
    "Sign in",
    "Logout",
    "Log in",
    "Manage Databases",
    "Your logo",
    "Powered by",
    "Report a problem",
    "Follow a complaint",
    "Complaints this month",
    "Don't have an account?",
    "Reset Password",
    "Skip to Content",
    "Service requests",
    "Queue bookings",
    "Submit request",
    "Back to the home page",
    "Office hours",
    "Requirements",
    "Apply online",
    "Book a visit",
    "Satisfaction survey",
    "Check a letter",
)


def english_leaks(html):
    return [leak for leak in ENGLISH_LEAKS if leak in html]


@tagged("post_install", "-at_install")
class TestPublicPagesIndonesian(LetterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        cls.letter = cls._kel_letter()
        cls.complaint = (
            cls.env["helpdesk.ticket"]
            .with_context(mail_create_nolog=True, kel_no_notify=True)
            .create(
                {
                    "name": "Lampu jalan mati",
                    "description": "<p>Lampu jalan di RT 03 mati.</p>",
                    "category_id": cls.env.ref("kelurahan_crm.category_sampah").id,
                    "reporter_name": "Warga Satu",
                    "partner_id": cls.user_portal.partner_id.id,
                }
            )
        )
        cls.queue_ticket = cls.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            cls.service, partner=cls.user_portal.partner_id
        )
        cls.survey = cls.env.ref("kelurahan_survey.survey_skm")

    def _open(self, url, cookies=False, status=200):
        """GET ``url`` as a browser set to English; ``cookies=False``: a first
        visit (no session, no language cookie)."""
        if not cookies:
            self.opener.cookies.clear()
        response = self.url_open(url, headers=ENGLISH_BROWSER)
        self.assertEqual(response.status_code, status, url)
        return response

    def assertIndonesian(self, response, url):
        self.assertFalse(
            english_leaks(response.text),
            f"English on {url} (ended at {response.url})",
        )

    def public_pages(self):
        survey_token = self.survey.access_token
        return {
            "/": "Transparansi",
            "/layanan": "Lama proses",
            "/survei": "Survei kepuasan",
            "/web/login": "Log masuk",
            "/web/reset_password": "Atur Ulang Kata Sandi",
            "/pengaduan/lapor": "Laporkan masalah",
            "/pengaduan/lacak": "Lacak pengaduan",
            self.complaint._kel_track_url(): "Lacak pengaduan",
            "/pengaduan/transparansi": "Pengaduan bulan ini",
            "/verifikasi": "Verifikasi surat",
            f"/verifikasi/{self.letter.verify_token}": "ASLI",
            f"/verifikasi?nomor={self.letter.number}": "ASLI",
            "/antrian/layar": "Antrian",
            self.queue_ticket._kel_phone_url(): self.queue_ticket.name,
            f"/kelurahan/survey/kiosk/{survey_token}": "Mulai Survei",
            f"/kelurahan/survey/start/{survey_token}": "Mulai Survei",
        }

    def test_public_pages_speak_indonesian_to_an_english_browser(self):
        checked = set()
        for url, indonesian in self.public_pages().items():
            response = self._open(url)
            self.assertIndonesian(response, url)
            self.assertIn(indonesian, response.text, url)
            checked.add(urlparse(response.url).path)
        # the home page is a page of its own, not a redirect
        self.assertIn("/", checked)
        # a letter number that was never issued
        missing = self._open("/verifikasi?nomor=999/X/2020", status=404)
        self.assertIndonesian(missing, "/verifikasi?nomor=…")
        self.assertIn("TIDAK DITEMUKAN", missing.text)

    def test_verification_and_queue_dates_are_indonesian(self):
        response = self._open(f"/verifikasi/{self.letter.verify_token}")
        issued = self.letter.date_issued
        self.assertIn(issued.strftime("%d/%m/%Y"), response.text)
        self.assertNotIn(issued.isoformat(), response.text)

    def test_survey_thank_you_page(self):
        kiosk = self._open(f"/kelurahan/survey/kiosk/{self.survey.access_token}")
        answer = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("kel_is_kiosk", "=", True)],
            order="id desc",
            limit=1,
        )
        self.assertIn(answer.access_token, kiosk.url)
        answer._mark_done()
        done = self._open(kiosk.url, cookies=True)
        self.assertIndonesian(done, kiosk.url)
        self.assertIn("Terima kasih", done.text)
        self.assertIn("Responden berikutnya", done.text)

    def test_portal_pages_of_an_indonesian_resident(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        for url in (
            "/my",
            "/my/pengaduan",
            "/my/pengaduan/baru",
            f"/my/pengaduan/{self.complaint.id}",
            "/my/permohonan",
            "/my/permohonan/baru",
            "/my/antrian",
        ):
            response = self._open(url, cookies=True)
            self.assertIndonesian(response, url)
            self.assertIn("Keluar", response.text, url)


@tagged("post_install", "-at_install")
class TestLanguageChoice(HttpCase):
    """Bahasa Indonesia is the default, not a cage: the language switcher and a
    portal user's own language are choices that hold."""

    def test_switcher_lets_a_visitor_choose_english(self):
        self.opener.cookies.clear()
        page = self.url_open("/pengaduan/lacak", headers=ENGLISH_BROWSER)
        self.assertIn("Lacak pengaduan", page.text)
        switch = re.search(
            r'<a[^>]*js_change_lang[^>]*href="([^"]+)"[^>]*data-url_code="en"',
            page.text,
        )
        self.assertTrue(switch, "the footer offers English")
        english = self.url_open(switch[1])
        self.assertEqual(english.status_code, 200)
        self.assertIn("Follow a complaint", english.text)
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "en_US")
        # the choice holds on the next pages, without the /en prefix
        again = self.url_open("/pengaduan/lacak")
        self.assertIn("Follow a complaint", again.text)
        login = self.url_open("/web/login")
        self.assertIn("Log in", login.text)
        self.assertNotIn("Masuk", login.text)
        # and back to Bahasa Indonesia through the switcher
        back = re.search(
            r'<a[^>]*js_change_lang[^>]*href="([^"]+)"[^>]*data-url_code="id"',
            again.text,
        )
        self.assertIn("Lacak pengaduan", self.url_open(back[1]).text)
        self.assertIn("Lacak pengaduan", self.url_open("/pengaduan/lacak").text)

    def test_logged_in_user_keeps_their_own_language(self):
        role_user(
            self.env,
            "lang_en_resident",
            "portal",
            password="lang_en_resident_pw",
            lang="en_US",
        )
        self.authenticate("lang_en_resident", "lang_en_resident_pw")
        page = self.url_open("/my/pengaduan", headers={"Accept-Language": "id"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("Sign out", page.text)
        self.assertNotIn("Keluar", page.text)
