# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The waiting room over real HTTP: the TV display and its JSON, the follow link of
a number (the QR code) and the print view for thermal printers. Public routes give
numbers and counter names only."""

from odoo.tests import HttpCase, tagged

from .test_queue import QueueCommon

SECRET_NAME = "Rahasia Nama"


@tagged("post_install", "-at_install")
class TestQueueScreens(QueueCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()
        cls.called = cls.Ticket._kel_issue_walkin(
            cls.service, partner=cls.user_portal.partner_id, visitor_name=SECRET_NAME
        )
        cls.counter.action_call(cls.called)
        cls.waiting = cls.Ticket._kel_issue_walkin(
            cls.service, visitor_name=SECRET_NAME, priority_reason="elderly"
        )
        cls.later = cls.Ticket._kel_issue_walkin(
            cls.service, partner=cls.user_portal_2.partner_id
        )

    def _assert_no_personal_data(self, text):
        for secret in (SECRET_NAME, "Warga Satu", "Warga Dua"):
            self.assertNotIn(secret, text)

    def test_tv_page(self):
        response = self.url_open("/antrian/layar")
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-url="/antrian/layar/data"', response.text)
        self.assertNotIn('http-equiv="refresh"', response.text, "no reload flicker")
        self.assertIn("queue_screen.js", response.text)
        self.assertIn(self.called.name, response.text)
        self.assertIn("Loket Uji 1", response.text)
        self.assertIn("Nomor berikutnya", response.text)  # Indonesian
        self.assertIn("Rata-rata waktu tunggu hari ini", response.text)
        self._assert_no_personal_data(response.text)

    def test_tv_data(self):
        response = self.url_open("/antrian/layar/data")
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/json", response.headers["Content-Type"])
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        data = response.json()
        counter = next(c for c in data["counters"] if c["code"] == "U1")
        self.assertEqual(
            counter,
            {"code": "U1", "name": "Loket Uji 1", "number": "T001", "waiting": 2},
        )
        self.assertEqual(data["next"][:2], ["PT001", "T002"], "priority first")
        self.assertEqual(data["calls"][0]["number"], "T001")
        self.assertEqual(
            data["calls"][0]["speech"], "Nomor antrian T 1, silakan ke Loket Uji 1"
        )
        self.assertEqual(data["average_wait"], 0)
        self._assert_no_personal_data(response.text)

    def test_follow_link(self):
        url = self.later._kel_follow_url()
        token = self.later.sudo().kel_follow_token
        self.assertTrue(url.endswith(f"/antrian/ikuti/{token}"))
        page = self.url_open(f"/antrian/ikuti/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_follow_live", page.text)
        self.assertIn("T002", page.text)
        self.assertIn("di depan Anda", page.text)
        self._assert_no_personal_data(page.text)
        data = self.url_open(f"/antrian/ikuti/{token}/data")
        self.assertEqual(data.status_code, 200)
        self.assertEqual(
            {k: data.json()[k] for k in ("number", "state", "people_ahead")},
            {"number": "T002", "state": "waiting", "people_ahead": 1},
        )
        self.assertIn(
            {"counter": "Loket Uji 1", "number": "T001"}, data.json()["serving"]
        )
        self._assert_no_personal_data(data.text)
        # The printed QR code carries this link.
        self.assertEqual(self.later._kel_phone_url(), url)

    def test_follow_link_hostile_token(self):
        for token in ("x" * 32, "' OR 1=1 --aaaaaaaaaaaaaa", "short", "y" * 300):
            page = self.url_open(f"/antrian/ikuti/{token}")
            self.assertEqual(page.status_code, 404, token)
            self.assertIn("Nomor antrian ini tidak ditemukan", page.text)
            self.assertNotIn("o_kel_follow_live", page.text)
        data = self.url_open(f"/antrian/ikuti/{'x' * 32}/data")
        self.assertEqual(data.status_code, 404)
        self.assertIn("tidak ditemukan", data.json()["error"])
        # Not the portal access token either.
        token = self.later.sudo()._portal_ensure_token()
        self.assertEqual(self.url_open(f"/antrian/ikuti/{token}").status_code, 404)

    def test_print_view(self):
        self.authenticate("kel_officer", "kel_officer")
        for width in (58, 80):
            page = self.url_open(f"/antrian/cetak/{self.waiting.id}?lebar={width}")
            self.assertEqual(page.status_code, 200)
            self.assertIn(f"size: {width}mm auto", page.text)
            self.assertIn(f'data-width="{width}"', page.text)
            self.assertIn("PT001", page.text)
            self.assertIn("Test Domisili", page.text)
            self.assertIn("Prioritas", page.text)
            self.assertIn("di depan Anda", page.text)
            self.assertIn("data:image/png;base64,", page.text)
        auto = self.url_open(f"/antrian/cetak/{self.waiting.id}?lebar=58&otomatis=1")
        self.assertIn("window.print()", auto.text)

    def test_print_view_refused(self):
        self.authenticate("kel_warga2", "kel_warga2_pw")
        refused = self.url_open(f"/antrian/cetak/{self.waiting.id}?lebar=80")
        self.assertEqual(refused.status_code, 403)
        self.assertIn("tidak boleh mencetak", refused.text)
        self.assertNotIn("PT001", refused.text)
        own = self.url_open(f"/antrian/cetak/{self.later.id}?lebar=80")
        self.assertEqual(own.status_code, 200, "a resident prints their own number")
        self.authenticate(None, None)
        anonymous = self.url_open(f"/antrian/cetak/{self.waiting.id}")
        self.assertIn("/web/login", anonymous.url)
