# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from .common import RESIDENT, TOKEN, WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappOutbound(WhatsappCase):
    """Officer replies, the 24-hour window, delivery statuses and API errors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.conv = cls.Conversation._kel_get(cls.account, RESIDENT, "Ibu Sari")
        cls.conv.last_inbound_date = fields.Datetime.now()
        cls.ticket = (
            cls.env["helpdesk.ticket"]
            .with_context(kel_no_notify=True)
            .create(
                {
                    "name": "Lampu jalan mati",
                    "description": "<p>Lampu jalan mati di RT 03</p>",
                    "partner_id": cls.conv.partner_id.id,
                    "whatsapp_conversation_id": cls.conv.id,
                    # verified: ready for the stages that follow
                    "stage_id": cls.env.ref("kelurahan_crm.stage_verify").id,
                }
            )
            .with_context(kel_no_notify=False)
        )

    def queue(self, text="Tes"):
        return self.Message._kel_queue(self.conv, text, ticket=self.ticket)

    def test_officer_reply_reaches_resident(self):
        ticket = self.ticket.with_user(self.officer)
        ticket.message_post(
            body="Petugas sudah meninjau lokasi, perbaikan besok.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # an internal note stays internal
        ticket.message_post(
            body="Catatan internal: tunggu anggaran",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.Message._cron_send()
        self.assertEqual(len(self.standin.sent), 1)
        payload = self.standin.sent[0]
        self.assertEqual(payload["to"], RESIDENT)
        self.assertEqual(payload["type"], "text")
        self.assertIn("perbaikan besok", payload["text"]["body"])
        self.assertIn(self.ticket.number, payload["text"]["body"])
        request = self.standin.requests[0]
        self.assertEqual(request["headers"]["Authorization"], f"Bearer {TOKEN}")
        self.assertEqual(
            request["path"],
            f"/{self.account.api_version}/{self.account.phone_number_id}/messages",
        )
        message = self.ticket.whatsapp_message_ids
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.sent_as, "text")
        self.assertEqual(message.wamid, payload["_wamid"])

    def test_whatsapp_page_on_the_complaint_form(self):
        """The WhatsApp tab extends helpdesk_mgmt's form, which the kelurahan
        complaint form extends: officers see it on the screen they use."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.officer)
        form = Ticket.get_views([(False, "form")])["views"]["form"]
        self.assertEqual(
            form["id"], self.env.ref("kelurahan_crm.kelurahan_complaint_view_form").id
        )
        arch = etree.fromstring(form["arch"])
        page = arch.xpath("//notebook/page[@name='whatsapp']")
        self.assertTrue(page)
        self.assertTrue(page[0].xpath(".//field[@name='whatsapp_message_ids']"))

    def test_outside_window_uses_template(self):
        self.conv.last_inbound_date = fields.Datetime.now() - timedelta(hours=25)
        message = self.queue("Status pengaduan berubah:\nselesai")
        self.Message._cron_send()
        payload = self.standin.sent[0]
        self.assertEqual(payload["type"], "template")
        self.assertEqual(payload["template"]["name"], "kelurahan_update")
        self.assertEqual(payload["template"]["language"]["code"], "id")
        param = payload["template"]["components"][0]["parameters"][0]["text"]
        self.assertEqual(param, "Status pengaduan berubah: selesai")
        self.assertEqual(message.sent_as, "template")
        # no template configured: fails visibly instead of sending free text
        self.account.template_name = False
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            message = self.queue()
            self.Message._cron_send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(len(self.standin.sent), 1)

    def test_delivery_statuses(self):
        message = self.queue()
        self.Message._cron_send()
        wamid = message.wamid
        # out of order: read arrives before delivered; never moves backwards
        self.deliver(self.standin.status(wamid, "read", RESIDENT))
        self.deliver(self.standin.status(wamid, "delivered", RESIDENT))
        self.run_queue()
        self.assertEqual(message.state, "read")
        self.assertTrue(message.date_read and message.date_delivered)

        failed = self.queue()
        self.Message._cron_send()
        errors = [{"code": 131026, "title": "Message undeliverable"}]
        self.deliver(self.standin.status(failed.wamid, "failed", RESIDENT, errors))
        self.run_queue()
        self.assertEqual(failed.state, "failed")
        self.assertIn("131026", failed.error)
        self.assertEqual(self.ticket.whatsapp_failed_count, 1)
        # officers retry from the complaint
        self.ticket.with_user(self.officer).action_whatsapp_retry()
        self.assertEqual(failed.state, "queued")
        self.Message._cron_send()
        self.assertEqual(failed.state, "sent")

    def test_reengagement_error_resent_as_template(self):
        message = self.queue("Balasan")
        self.Message._cron_send()
        errors = [{"code": 131047, "title": "Re-engagement message"}]
        self.deliver(self.standin.status(message.wamid, "failed", RESIDENT, errors))
        self.run_queue()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.sent_as, "template")
        self.assertEqual([p["type"] for p in self.standin.sent], ["text", "template"])

    def test_rate_limit_backoff(self):
        self.standin.fail_next(429, retry_after=120)
        message = self.queue()
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            self.Message._cron_send()
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.attempts, 1)
        wait = (message.next_try - fields.Datetime.now()).total_seconds()
        self.assertGreater(wait, 100)
        # not retried before its time
        self.Message._cron_send()
        self.assertEqual(message.attempts, 1)
        message.next_try = fields.Datetime.now()
        self.Message._cron_send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.attempts, 2)

    def test_server_errors_retried_then_failed(self):
        self.standin.fail_next(503, count=10)
        message = self.queue()
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            delays = []
            for _i in range(5):
                message.next_try = fields.Datetime.now()
                before = fields.Datetime.now()
                self.Message._cron_send()
                if message.state == "queued":
                    delays.append((message.next_try - before).total_seconds())
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.attempts, 5)
        self.assertEqual(len(delays), 4)
        self.assertEqual(delays, sorted(delays))  # exponential backoff
        self.assertIn("503", message.error)

    def test_unauthorized_fails_without_retry(self):
        self.standin.fail_next(401)
        message = self.queue()
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING") as logs:
            self.Message._cron_send()
        self.assertEqual(message.state, "failed")
        self.assertIn("401", message.error)
        self.assertNotIn(TOKEN, "\n".join(logs.output) + message.error)

    def test_network_error_retried(self):
        self.account.api_base_url = "http://127.0.0.1:9"  # nothing listens there
        message = self.queue()
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            self.Message._cron_send()
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.attempts, 1)

    def test_blocked_resident_gets_nothing(self):
        self.conv.blocked = True
        self.ticket._kel_whatsapp_send("Halo")
        self.assertFalse(self.ticket.whatsapp_message_ids)

    def test_stage_change_notified(self):
        self.ticket.with_user(self.officer).write(
            {"stage_id": self.env.ref("kelurahan_crm.stage_progress").id}
        )
        self.Message._cron_send()
        self.assertEqual(len(self.standin.sent), 1)
        body = self.standin.sent[0]["text"]["body"]
        self.assertIn(self.ticket.number, body)
        stage = self.env.ref("kelurahan_crm.stage_progress").with_context(lang="id_ID")
        self.assertIn(stage.name, body)
        # outside the window the same notification goes as the approved template
        self.conv.last_inbound_date = fields.Datetime.now() - timedelta(days=3)
        self.ticket.with_user(self.officer).write(
            {
                "stage_id": self.env.ref("kelurahan_crm.stage_done").id,
                "followup_note": "Lampu sudah diganti",
            }
        )
        self.Message._cron_send()
        # (with kelurahan_survey installed a survey invitation follows: not counted)
        closing = [
            sent for sent in self.standin.sent[1:] if "Lampu sudah diganti" in str(sent)
        ]
        self.assertEqual(len(closing), 1)
        self.assertEqual(closing[0]["type"], "template")
        param = closing[0]["template"]["components"][0]["parameters"][0]
        self.assertIn("Lampu sudah diganti", param["text"])

    def test_staff_entered_whatsapp_complaint(self):
        """A complaint typed in by staff for a WhatsApp caller reaches them too."""
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Pohon tumbang",
                    "description": "<p>Pohon tumbang menutup jalan</p>",
                    "channel_id": self.env.ref("kelurahan_crm.channel_whatsapp").id,
                    "reporter_name": "Pak Budi",
                    "reporter_phone": "0812-9999-0000",
                }
            )
        )
        self.Message._cron_send()
        conversation = ticket.whatsapp_conversation_id
        self.assertEqual(conversation.wa_id, "6281299990000")
        self.assertEqual(len(self.standin.sent), 1)
        sent = self.standin.sent[0]
        self.assertEqual(sent["to"], "6281299990000")
        # never wrote to us: only the template may open the conversation
        self.assertEqual(sent["type"], "template")
        # a complaint from another channel gets no WhatsApp message
        self.env["helpdesk.ticket"].with_user(self.officer).create(
            {
                "name": "Walk-in",
                "description": "<p>x</p>",
                "channel_id": self.env.ref("kelurahan_crm.channel_walk_in").id,
                "reporter_phone": "0812-7777-0000",
            }
        )
        self.Message._cron_send()
        self.assertEqual(len(self.standin.sent), 1)

    def test_known_wamid_does_not_break_sending(self):
        """An endpoint answering an id we already have (a misbehaving stand-in)
        must not fail the batch, which would send everything again."""
        first = self.queue()
        self.Message._cron_send()
        self.standin._counter = itertools.count(int(first.wamid[-8:]))
        second, third = self.queue(), self.queue()
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            self.Message._cron_send()
        self.assertEqual((second.state, third.state), ("sent", "sent"))
        self.assertFalse(second.wamid)
        self.assertTrue(third.wamid)
        self.assertEqual(len(self.standin.sent), 3)
