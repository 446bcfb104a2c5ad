# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import RESIDENT, WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappAck(WhatsappCase):
    """The webhook's answer stores the delivery and wakes the processing cron in
    one statement: a new event adds the cron's trigger, a redelivery (nothing
    new) adds none, and a delivery with a wrong signature stores nothing."""

    def test_new_event_wakes_redelivery_does_not(self):
        cron = self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_process_events")
        Trigger = self.env["ir.cron.trigger"]
        waiting = [("cron_id", "=", cron.id)]
        Trigger.search(waiting).unlink()
        payload = self.standin.message(RESIDENT, text="Jalan rusak di RT 3")
        wamid = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
        self.assertEqual(self.deliver(payload), (200, "OK"))
        self.assertEqual(Trigger.search_count(waiting), 1)
        event = self.Event.search([("wamid", "=", wamid)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.state, "pending")
        self.assertEqual(event.event_type, "message")
        Trigger.search(waiting).unlink()
        self.assertEqual(self.deliver(payload), (200, "OK"))
        self.assertEqual(Trigger.search_count(waiting), 0)
        self.assertEqual(self.Event.search_count([("wamid", "=", wamid)]), 1)

    def test_wrong_signature_stores_nothing(self):
        payload = self.standin.message(RESIDENT, text="Palsu")
        wamid = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
        status, text, _seconds = self.standin.deliver(payload, secret="not-the-secret")
        self.assertEqual((status, text), (403, "Forbidden"))
        self.assertEqual(self.Event.search_count([("wamid", "=", wamid)]), 0)
