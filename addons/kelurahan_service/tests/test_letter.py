# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import os
import secrets
import subprocess
import tempfile

import cv2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..controllers import main as service_public
from ..models.kelurahan_letter import format_number
from .service_common import KelurahanServiceCommon


def decode_qr_from_pdf(pdf_bytes):
    """Rasterise the first page (pdftoppm) and decode the QR code (OpenCV)."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf_path = os.path.join(tmp, "letter.pdf")
        with open(pdf_path, "wb") as handle:
            handle.write(pdf_bytes)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                pdf_path,
                os.path.join(tmp, "page"),
            ],
            check=True,
            timeout=60,
        )
        png = next(f for f in os.listdir(tmp) if f.endswith(".png"))
        image = cv2.imread(os.path.join(tmp, png))
    # OpenCV's classic detector misses about 1 code in 100 that a phone reads;
    # its ArUco-based detector is the second opinion.
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        value, _points, _straight = detector.detectAndDecode(image)
        if value:
            return value
    return ""


class LetterCommon(KelurahanServiceCommon):
    @classmethod
    def _kel_letter(cls):
        request = cls._kel_request()
        request.action_verify()
        request.action_process()
        request.action_ready()
        return request.letter_id


@tagged("post_install", "-at_install")
class TestLetter(LetterCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def test_format_number(self):
        self.assertEqual(
            format_number(
                "{code}/{seq}/{office}/{month}/{year}",
                "012",
                "470",
                "KLS",
                datetime.date(2026, 11, 3),
            ),
            "470/012/KLS/XI/2026",
        )
        self.assertEqual(
            format_number(
                "{seq}/{code}/{month}/{year}",
                "7",
                "474.1",
                "",
                datetime.date(2027, 4, 1),
            ),
            "7/474.1/IV/2027",
        )

    def test_number_running_per_year(self):
        first = self._kel_letter()
        second = self._kel_letter()
        # The issue date is the office's day (Asia/Jakarta), not the server's UTC day.
        today = first.date_issued
        roman = "I II III IV V VI VII VIII IX X XI XII".split()[today.month - 1]
        self.assertRegex(first.number, rf"^470/\d{{3}}/KLS/{roman}/{today.year}$")
        seq_first = int(first.number.split("/")[1])
        self.assertEqual(int(second.number.split("/")[1]), seq_first + 1)
        # A letter dated next year starts again at 001.
        request = self._kel_request()
        next_year = self.env["kelurahan.letter"].create(
            {
                "request_id": request.id,
                "date_issued": datetime.date(today.year + 1, 1, 5),
            }
        )
        self.assertEqual(next_year.number, f"470/001/KLS/I/{today.year + 1}")

    def test_pattern_configurable(self):
        params = self.env["ir.config_parameter"]
        params.set_param(
            "kelurahan_service.letter_number_pattern", "{seq}/{code}/{month}/{year}"
        )
        letter = self._kel_letter()
        self.assertRegex(letter.number, r"^\d{3}/470/[IVX]+/\d{4}$")
        params.set_param(
            "kelurahan_service.letter_number_pattern", "{seq}/{nope}/{year}"
        )
        with self.assertRaises(ValidationError):
            self._kel_letter()
        params.set_param("kelurahan_service.letter_number_pattern", "{code}/{month}")
        with self.assertRaises(ValidationError):
            self._kel_letter()

    def test_revoke_roles(self):
        letter = self._kel_letter()
        with self.assertRaises(UserError):
            letter.with_user(self.user_officer).action_revoke("salah")
        with self.assertRaises(UserError):
            letter.with_user(self.user_lurah).action_revoke(" ")
        letter.with_user(self.user_lurah).action_revoke("Data salah")
        self.assertEqual(letter.state, "revoked")
        self.assertTrue(letter.date_revoked)
        with self.assertRaises(UserError):
            letter.with_user(self.user_lurah).action_revoke("lagi")

    def test_letter_access(self):
        letter = self._kel_letter()
        with self.assertRaises(AccessError):
            letter.with_user(self.user_portal).read(["number"])
        with self.assertRaises(AccessError):
            letter.with_user(self.user_rw).read(["number"])
        with self.assertRaises(AccessError):
            letter.with_user(self.user_officer).unlink()
        with self.assertRaises(AccessError):
            letter.with_user(self.user_portal).read(["verify_token"])


@tagged("post_install", "-at_install")
class TestVerifyThrottleAcrossWorkers(TransactionCase):
    """Two database connections stand for two worker processes (or one worker
    before and after a restart): attempts counted by one are refused by the other."""

    def setUp(self):
        super().setUp()
        # a client address of its own, so committed rows cannot meet other tests
        self.client = f"198.51.100.{secrets.randbelow(250) + 1}#{secrets.token_hex(6)}"
        self.addCleanup(self._kel_cleanup)

    def _kel_env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})["kelurahan.portal.throttle"]

    def _kel_cleanup(self):
        with self.registry.cursor() as cr:
            throttle = self._kel_env(cr)
            throttle.search(
                [("client", "=", throttle._kel_client_key(self.client))]
            ).unlink()

    def test_limit_shared_by_two_cursors(self):
        limit, window = self.env["kelurahan.portal.throttle"]._kel_limit("verify")
        self.assertEqual((limit, window), (20, 1))
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            self.assertIsNot(cr_a, self.env.cr)
            worker_a, worker_b = self._kel_env(cr_a), self._kel_env(cr_b)
            for _i in range(limit - 1):
                worker_a._kel_hit("verify", self.client)
            cr_a.commit()
            self.assertFalse(worker_b._kel_is_blocked("verify", self.client))
            worker_b._kel_hit("verify", self.client)
            cr_b.commit()
            self.assertTrue(worker_a._kel_is_blocked("verify", self.client))
            self.assertTrue(worker_b._kel_is_blocked("verify", self.client))
            # another address is not affected
            self.assertFalse(worker_a._kel_is_blocked("verify", self.client + "x"))


@tagged("post_install", "-at_install")
class TestLetterVerification(LetterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def test_valid_revoked_and_forged(self):
        letter = self._kel_letter()
        response = self.url_open(f"/verifikasi/{letter.verify_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_kel_verify_valid", response.text)
        self.assertIn(letter.number, response.text)
        self.assertIn("De** Le*****", response.text)
        self.assertIn("3175********0003", response.text)
        self.assertNotIn("Dewi Lestari", response.text)
        self.assertNotIn("3175024508900003", response.text)
        by_number = self.url_open(f"/verifikasi?nomor={letter.number}")
        self.assertIn("o_kel_verify_valid", by_number.text)

        # change the last character to one it is not (a token may end in "x")
        last = "y" if letter.verify_token.endswith("x") else "x"
        tampered = self.url_open(f"/verifikasi/{letter.verify_token[:-1]}{last}")
        forged_number = self.url_open("/verifikasi?nomor=470/999/KLS/I/2001")
        for response in (tampered, forged_number):
            self.assertEqual(response.status_code, 404)
            self.assertIn("o_kel_verify_not_found", response.text)
            self.assertNotIn(letter.number, response.text)

        letter.with_user(self.user_lurah).action_revoke("Dicabut")
        response = self.url_open(f"/verifikasi/{letter.verify_token}")
        self.assertIn("o_kel_verify_revoked", response.text)
        self.assertNotIn("o_kel_verify_valid", response.text)

    def _kel_verify_hits(self):
        Throttle = self.env["kelurahan.portal.throttle"]
        return Throttle.search_count(
            [
                ("kind", "=", service_public.THROTTLE_KIND),
                ("client", "=", Throttle._kel_client_key("127.0.0.1")),
            ]
        )

    def _kel_assert_limited(self, response, letter):
        """The refusal is the neutral page: no letter data, no found/not-found hint."""
        self.assertEqual(response.status_code, 429)
        self.assertIn("o_kel_verify_limited", response.text)
        self.assertIn("Terlalu banyak pemeriksaan dalam waktu singkat", response.text)
        for marker in (
            letter.number,
            "De** Le*****",
            "o_kel_verify_valid",
            "o_kel_verify_revoked",
            "o_kel_verify_not_found",
        ):
            self.assertNotIn(marker, response.text)

    def test_rate_limited(self):
        """Every look-up is counted in the database (each request below runs on its
        own cursor, as it would in another worker); token and number look-ups share
        the verification bucket and not the complaint-tracking one."""
        self.env["ir.config_parameter"].set_param(
            "kelurahan_service.verify_rate_limit", "3"
        )
        self.assertFalse(hasattr(service_public, "_HITS"))
        letter = self._kel_letter()
        headers = {"Accept-Language": "id-ID,id;q=0.9"}
        self.assertEqual(
            self.url_open("/verifikasi/nothing", headers=headers).status_code, 404
        )
        self.assertEqual(
            self.url_open("/verifikasi?nomor=1/2/3", headers=headers).status_code, 404
        )
        valid = self.url_open(f"/verifikasi/{letter.verify_token}", headers=headers)
        self.assertIn("o_kel_verify_valid", valid.text)
        self.assertEqual(self._kel_verify_hits(), 3)
        Throttle = self.env["kelurahan.portal.throttle"]
        self.assertTrue(Throttle._kel_is_blocked("verify", "127.0.0.1"))
        self.assertFalse(Throttle._kel_is_blocked("track", "127.0.0.1"))
        for url in (
            f"/verifikasi/{letter.verify_token}",
            f"/verifikasi?nomor={letter.number}",
        ):
            self._kel_assert_limited(self.url_open(url, headers=headers), letter)
        # refused look-ups are not counted: the window is not extended by them
        self.assertEqual(self._kel_verify_hits(), 3)

    def test_rate_limit_hostile(self):
        """Overlong or odd input is counted like any look-up, a forged
        X-Forwarded-For (no proxy mode) does not open a new bucket, and other
        buckets do not lend attempts to this one."""
        self.env["ir.config_parameter"].set_param(
            "kelurahan_service.verify_rate_limit", "2"
        )
        letter = self._kel_letter()
        Throttle = self.env["kelurahan.portal.throttle"]
        for _i in range(5):
            Throttle._kel_hit("track", "127.0.0.1")
        headers = {"Accept-Language": "id-ID,id;q=0.9"}
        long_token = self.url_open("/verifikasi/" + "a" * 150, headers=headers)
        self.assertEqual(long_token.status_code, 404)
        odd_number = self.url_open("/verifikasi?nomor=' OR 1=1 --", headers=headers)
        self.assertEqual(odd_number.status_code, 404)
        forged = self.url_open(
            f"/verifikasi/{letter.verify_token}",
            headers={**headers, "X-Forwarded-For": "203.0.113.9"},
        )
        self._kel_assert_limited(forged, letter)
        self.assertEqual(self._kel_verify_hits(), 2)
        # the empty form is not a look-up and stays reachable
        self.assertEqual(self.url_open("/verifikasi").status_code, 200)

    def test_pdf_with_readable_qr(self):
        """Rendered by wkhtmltopdf for real (an HttpCase, so that the renderer can
        fetch the report styles from the test server), then the QR code is read
        back from the rasterised page."""
        letter = self._kel_letter()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("kelurahan_service.action_report_letter", letter.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        decoded = decode_qr_from_pdf(pdf)
        self.assertEqual(decoded, letter._kel_verify_url())
        self.assertTrue(decoded.endswith("/verifikasi/" + letter.verify_token))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("kelurahan_service.action_report_letter", letter.ids)[0]
            .decode()
        )
        self.assertIn(letter.number, html)
        self.assertIn("3175024508900003", html)  # full NIK on the letter itself
        self.assertIn("Nomor", html)  # printed in Indonesian
