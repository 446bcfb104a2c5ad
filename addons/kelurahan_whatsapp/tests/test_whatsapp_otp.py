# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one-time code of the private tracking link sent over WhatsApp (the
``_kel_otp_send`` hook of kelurahan_crm), through the local Cloud API stand-in, and
used to rate the complaint. The message log records the sending, never the code."""

import re

from odoo.tests import tagged

from odoo.addons.kelurahan_crm.tests.common import walk_to_stage

from .common import RESIDENT, WhatsappCase

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestWhatsappOtp(WhatsappCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rw = cls.env["kelurahan.rw"].create({"name": "RW 91", "number": 91})
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Got mampet",
                "description": "<p>Got mampet di RT 02</p>",
                "category_id": cls.category.id,
                "rw_id": rw.id,
                "reporter_name": "Sari Tanpa Akun",
                "reporter_phone": "0812-3456-7890",  # RESIDENT
                "channel_id": cls.env.ref("kelurahan_crm.channel_portal").id,
            }
        )
        walk_to_stage(cls.ticket, "done", followup_note="Got sudah dibersihkan")
        cls.path = f"/pengaduan/lacak/{cls.ticket.kel_track_token}"

    def post(self, action, data):
        page = self.url_open(self.path)
        self.assertEqual(page.status_code, 200)
        data = dict(data, csrf_token=CSRF_RE.search(page.text)[1])
        return self.url_open(f"{self.path}/{action}", data=data, allow_redirects=False)

    def test_code_by_whatsapp_then_rate(self):
        page = self.url_open(self.path)
        self.assertIn('data-channel="whatsapp"', page.text)
        self.assertIn("*********7890", page.text)
        self.assertNotIn("0812-3456-7890", page.text)
        response = self.post("kode", {"channel": "whatsapp"})
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("*********7890", response.text)
        texts = self.sent_texts(RESIDENT)
        self.assertEqual(len(texts), 1, "sent at once, not queued")
        self.assertEqual(self.standin.sent[-1]["type"], "template")
        code = re.search(r"(?<![/\d])(\d{6})(?!\d)", texts[0])[1]  # not the number
        # the log says a code went out, without the code
        logged = self.Message.search([("ticket_id", "=", self.ticket.id)])
        self.assertEqual(len(logged), 1)
        self.assertEqual(logged.state, "sent")
        self.assertIn("******", logged.body)
        self.assertNotIn(code, logged.body)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM kelurahan_whatsapp_message m WHERE m::text LIKE %s",
            [f"%{code}%"],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        response = self.post("verifikasi", {"code": code})
        self.assertEqual(response.status_code, 303, response.text[:500])
        response = self.post("nilai", {"rating": "5"})
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(self.ticket.rating, "5")

    def test_code_not_sent_when_api_fails(self):
        self.standin.fail_next(500)
        response = self.post("kode", {"channel": "whatsapp"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kode tidak dapat dikirim", response.text)
        self.assertFalse(self.Message.search([("ticket_id", "=", self.ticket.id)]))
        self.assertFalse(
            self.env["kelurahan.complaint.otp"].search(
                [("ticket_id", "=", self.ticket.id)]
            ),
            "nothing half-saved",
        )
