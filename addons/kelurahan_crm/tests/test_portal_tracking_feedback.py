# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rating and dispute from the private tracking link over real HTTP, as a reporter
without an account: a one-time code by e-mail (captured at the mail gateway), then a
proof in the session for this complaint only. Codes expire, are single use, limited
per complaint and per client, hashed in the database and never logged."""

import logging
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .portal_case import PortalCase

CODE_RE = re.compile(r"(?<![/\d])(\d{6})(?!\d)")  # not the complaint number
VERIFY_FIRST = "Pastikan dulu bahwa ini Anda"


@tagged("post_install", "-at_install")
class TestPortalTrackingFeedback(PortalCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "kelurahan@example.id"
        cls.ticket = cls.make_ticket(
            reporter_name="Budi Tanpa Akun",
            reporter_phone="0813 5555 0001",
            partner_email="budi.tanpa@example.id",
        )
        cls.close_ticket(cls.ticket, "Got sudah dibersihkan")
        cls.other = cls.close_ticket(
            cls.make_ticket(
                reporter_name="Ani Lain", partner_email="ani.lain@example.id"
            )
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_crm.portal_otp_ticket_limit", "20"
        )

    def setUp(self):
        super().setUp()
        self.path = f"/pengaduan/lacak/{self.ticket.kel_track_token}"

    def post(self, action, data=None, path=None):
        path = path or self.path
        token = path.rsplit("/", 1)[1]
        url = {
            "kode": f"/pengaduan/lacak/{token}/kode",
            "verifikasi": f"/pengaduan/lacak/{token}/verifikasi",
            "nilai": f"/pengaduan/lacak/{token}/nilai",
            "sengketa": f"/pengaduan/lacak/{token}/sengketa",
        }[action]
        data = dict(data or {}, csrf_token=self.form_tokens(path)["csrf_token"])
        return self.url_open(url, data=data, allow_redirects=False)

    def ask_code(self, path=None):
        """Ask for a code by e-mail; returns (response, code read from the mail)."""
        with self.mock_mail_gateway():
            response = self.post("kode", {"channel": "email"}, path=path)
        codes = [
            CODE_RE.search(mail["body"])[1]
            for mail in self._mails
            if "Kode verifikasi" in mail["subject"]
        ]
        return response, (codes[-1] if codes else None)

    def verify(self, code, path=None):
        return self.post("verifikasi", {"code": code}, path=path)

    def test_rate_after_code_by_email(self):
        page = self.url_open(self.path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_otp_send", page.text)
        self.assertIn("b***@example.id", page.text)
        self.assertNotIn("budi.tanpa@example.id", page.text)
        self.assertNotIn("o_kel_rate_form", page.text)
        # without the code, posting is refused
        response = self.post("nilai", {"rating": "5"})
        self.assertEqual(response.status_code, 403)
        self.assertIn(VERIFY_FIRST, response.text)
        self.assertFalse(self.ticket.rating)
        response, code = self.ask_code()
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("Kode sudah dikirim ke b***@example.id", response.text)
        self.assertEqual(self._mails[-1]["email_to"], ["budi.tanpa@example.id"])
        response = self.verify(code)
        self.assertEqual(response.status_code, 303, response.text[:300])
        page = self.url_open(response.headers["Location"])
        self.assertIn("o_kel_rate_form", page.text)
        self.assertIn("o_kel_dispute_form", page.text)
        response = self.post("nilai", {"rating": "4", "rating_comment": "Cepat"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self.ticket.rating, "4")
        self.assertEqual(self.ticket.feedback_ids.via, "tracking")
        page = self.url_open(response.headers["Location"])
        self.assertIn("Terima kasih! Anda menilai penanganan", page.text)
        self.assertNotIn("o_kel_rate_form", page.text)
        self.assertNotIn("o_kel_otp_send", page.text, "nothing left to verify for")
        # the code was single use; the proof does not reach another complaint
        response = self.verify(code)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kode sudah kedaluwarsa atau sudah dipakai", response.text)
        other = f"/pengaduan/lacak/{self.other.kel_track_token}"
        response = self.post("sengketa", {"dispute_reason": "bukan saya"}, path=other)
        self.assertEqual(response.status_code, 403)
        self.assertIn(VERIFY_FIRST, response.text)
        self.assertFalse(self.other.is_disputed)

    def test_dispute_after_code(self):
        _response, code = self.ask_code()
        self.assertEqual(self.verify(code).status_code, 303)
        response = self.post("sengketa", {"dispute_reason": "Got mampet lagi"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self.ticket.kel_state, "progress")
        reason = self.ticket.message_ids.filtered(
            lambda m: "Got mampet lagi" in (m.body or "")
        )
        self.assertEqual(reason.email_from, "Budi Tanpa Akun")
        self.assertFalse(reason.author_id)
        self.assertFalse(reason.subtype_id.internal)
        page = self.url_open(response.headers["Location"])
        self.assertIn("Sanggahan Anda sudah terkirim", page.text)
        self.assertIn("Got mampet lagi", page.text, "history on the tracking page")

    def test_wrong_expired_and_too_many_codes(self):
        _response, code = self.ask_code()
        wrong = "000000" if code != "000000" else "111111"
        response = self.verify(wrong)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kode tidak benar. Sisa 4 kali percobaan", response.text)
        otp = self.env["kelurahan.complaint.otp"].search(
            [("ticket_id", "=", self.ticket.id)], limit=1
        )
        self.assertEqual(otp.attempts, 1)
        for _i in range(3):
            self.verify(wrong)
        response = self.verify(wrong)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Terlalu banyak kode yang salah", response.text)
        # even the right code no longer works
        response = self.verify(code)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kode sudah kedaluwarsa", response.text)
        # a new code, expired
        _response, code = self.ask_code()
        otp = self.env["kelurahan.complaint.otp"].search(
            [("ticket_id", "=", self.ticket.id), ("state", "=", "active")]
        )
        otp.expires = fields.Datetime.now() - timedelta(seconds=1)
        response = self.verify(code)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kode sudah kedaluwarsa", response.text)
        self.assertFalse(self.ticket.rating)
        # a new code replaces the earlier one
        _response, first = self.ask_code()
        _response, second = self.ask_code()
        if first != second:
            self.assertEqual(self.verify(first).status_code, 400)
        self.assertEqual(self.verify(second).status_code, 303)

    def test_code_requests_rate_limited(self):
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("kelurahan_crm.portal_otp_ticket_limit", "2")
        for _i in range(2):
            response, code = self.ask_code()
            self.assertEqual(response.status_code, 200)
            self.assertTrue(code)
        response, code = self.ask_code()
        self.assertEqual(response.status_code, 429)
        self.assertIn("Terlalu banyak kode yang diminta", response.text)
        self.assertIsNone(code, "no mail sent")
        # per client: another complaint from the same connection
        ICP.set_param("kelurahan_crm.portal_otp_ticket_limit", "20")
        ICP.set_param("kelurahan_crm.portal_otp_client_limit", "2")
        other = f"/pengaduan/lacak/{self.other.kel_track_token}"
        response, code = self.ask_code(path=other)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Terlalu banyak kode yang diminta", response.text)
        self.assertIsNone(code)

    def test_code_hashed_never_stored_or_logged(self):
        with self.assertLogs("odoo", level=logging.DEBUG) as logs:
            response, code = self.ask_code()
            self.assertEqual(response.status_code, 200)
            self.assertEqual(self.verify(code).status_code, 303)
        self.assertTrue(code)
        output = "\n".join(logs.output)
        self.assertIn(f"Verification code sent for complaint {self.ticket.id}", output)
        self.assertNotIn(code, output)
        otp = self.env["kelurahan.complaint.otp"].search(
            [("ticket_id", "=", self.ticket.id)]
        )
        self.assertEqual(len(otp), 1)
        self.assertEqual(otp.state, "used")
        self.assertNotIn(code, otp.code_hash)
        self.assertEqual(otp.code_hash, otp._kel_hash(otp.salt, code))
        self.env.flush_all()
        for table in (
            "kelurahan_complaint_otp",
            "mail_mail",
            "mail_message",
            "kelurahan_portal_throttle",
            "helpdesk_ticket",
        ):
            self.env.cr.execute(
                f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s",
                [f"%{code}%"],
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, table)
