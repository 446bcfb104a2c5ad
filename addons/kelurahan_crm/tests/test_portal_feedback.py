# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rating and dispute on /my/pengaduan/<id> over real HTTP, as the resident: one
verdict per result, the rating shown read-only afterwards, the dispute reason in the
thread under the resident's name, the status message under the office's, a new
resolution target after reopening, and the history kept across reopenings."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .portal_case import PortalCase

THANKS = "Terima kasih! Anda menilai penanganan"
ALREADY_RATED = "Hasil ini sudah dinilai"
CONFIRMED = "tidak dapat disanggah lagi"


@tagged("post_install", "-at_install")
class TestPortalFeedback(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.email = "kelurahan@example.id"
        cls.ticket = cls.make_ticket(
            cls.resident_a.partner_id, name="Lampu jalan mati Feedback"
        )

    def setUp(self):
        super().setUp()
        self.authenticate("kel_res_a", "kel_res_a")
        self.url = f"/my/pengaduan/{self.ticket.id}"

    def post(self, action, data):
        data = dict(data, csrf_token=self.form_tokens(self.url)["csrf_token"])
        return self.url_open(f"{self.url}/{action}", data=data, allow_redirects=False)

    def test_rated_result_is_read_only(self):
        self.close_ticket(self.ticket)
        page = self.url_open(self.url)
        self.assertIn("o_kel_rate_form", page.text)
        self.assertIn("o_kel_dispute_form", page.text)
        response = self.post("nilai", {"rating": "5", "rating_comment": "Mantap"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(THANKS, page.text)
        self.assertIn("5/5", page.text)
        self.assertIn("Mantap", page.text)
        self.assertNotIn("o_kel_rate_form", page.text)
        self.assertNotIn("o_kel_dispute_form", page.text)
        self.assertEqual(self.ticket.rating, "5")
        self.assertEqual(len(self.ticket.feedback_ids), 1)
        # a second rating and a dispute of the rated result are refused
        response = self.post("nilai", {"rating": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(ALREADY_RATED, response.text)
        response = self.post("sengketa", {"dispute_reason": "Ternyata belum"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(CONFIRMED, response.text)
        self.assertEqual(self.ticket.rating, "5")
        self.assertEqual(self.ticket.kel_state, "done")
        self.assertFalse(self.ticket.is_disputed)
        self.assertEqual(len(self.ticket.feedback_ids), 1)

    def test_dispute_in_thread_office_status_and_new_target(self):
        now = fields.Datetime.now()
        self.ticket.date_reported = now - timedelta(days=60)
        self.close_ticket(self.ticket)
        old_deadline = self.ticket.deadline_resolution
        self.assertLess(old_deadline, now)
        response = self.post("sengketa", {"dispute_reason": "Lampu mati lagi <b>x</b>"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self.ticket.kel_state, "progress")
        self.assertTrue(self.ticket.is_disputed)
        # the reason, in the thread, as the resident; public (not a note)
        reason = self.ticket.message_ids.filtered(
            lambda m: "Lampu mati lagi" in (m.body or "")
        )
        self.assertEqual(len(reason), 1)
        self.assertEqual(reason.author_id, self.resident_a.partner_id)
        self.assertEqual(reason.subtype_id, self.env.ref("mail.mt_comment"))
        # the status message, as the office
        status = self.ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and "Dalam Proses" in (m.body or "")
        )
        self.assertEqual(len(status), 1, self.ticket.message_ids.mapped("body"))
        self.assertEqual(status.author_id, self.company.partner_id)
        self.assertNotEqual(status.author_id, self.resident_a.partner_id)
        # a new resolution target, counted from the reopening
        self.assertEqual(self.ticket.kel_reopen_date.date(), now.date())
        self.assertGreater(self.ticket.deadline_resolution, now)
        self.assertFalse(self.ticket.is_overdue)
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("Sanggahan Anda sudah terkirim", page.text)
        messages = page.text[page.text.index("o_kel_message") :]
        self.assertIn("Lampu mati lagi &lt;b&gt;x&lt;/b&gt;", messages)
        self.assertIn(self.company.partner_id.name, messages)
        self.assertNotIn("o_kel_rate_form", page.text)
        self.assertNotIn("o_kel_dispute_form", page.text)

    def test_history_kept_after_reopening(self):
        self.close_ticket(self.ticket)
        response = self.post("sengketa", {"dispute_reason": "Masih gelap"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        # A verdict belongs to the result of one date_done: the disputed result
        # was given a while before the new one (in a fast run both could fall in
        # the same second and the dispute would look like a verdict on the new one).
        self.assertEqual(len(self.ticket.feedback_ids), 1)
        self.ticket.feedback_ids.sudo().done_date -= timedelta(minutes=30)
        self.close_ticket(self.ticket, "Lampu diganti baru")
        page = self.url_open(self.url)
        self.assertIn("o_kel_rate_form", page.text, "a new result gets a verdict")
        response = self.post("nilai", {"rating": "4"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        # the office reopens it again (e.g. the resident phoned): the rating stays
        self.ticket.write({"stage_id": self.stage["progress"].id})
        page = self.url_open(self.url)
        history = page.text[page.text.index("o_kel_feedback_history") :]
        self.assertIn("Dinilai 4/5", history)
        self.assertIn("Masih gelap", history)
        self.assertEqual(self.ticket.feedback_ids.mapped("kind"), ["rating", "dispute"])
        self.assertEqual(self.ticket.rating, "4")

    def test_dispute_refused_when_not_done_or_late(self):
        response = self.post("sengketa", {"dispute_reason": "Belum beres"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Hanya pengaduan berstatus Selesai", response.text)
        days = self.company.kel_dispute_days
        now = fields.Datetime.now()
        self.ticket.date_reported = now - timedelta(days=days + 10)
        self.close_ticket(self.ticket)
        self.ticket.sudo().date_done = now - timedelta(days=days + 1)
        page = self.url_open(self.url)
        self.assertNotIn("o_kel_dispute_form", page.text)
        self.assertIn("o_kel_rate_form", page.text, "rating stays possible")
        self.assertIn("o_kel_dispute_closed", page.text)
        response = self.post("sengketa", {"dispute_reason": "Terlambat"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("sudah lewat", response.text)
        self.assertFalse(self.ticket.feedback_ids)
        self.assertEqual(self.ticket.kel_state, "done")
