# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import RESIDENT, WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappIntakeWake(WhatsappCase):
    """A burst of deliveries: each acknowledged at once, one waiting trigger for
    the processing cron (not one per delivery), each message processed once,
    replays deduplicated before and after processing."""

    def test_burst_one_trigger_each_message_once(self):
        cron = self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_process_events")
        Trigger = self.env["ir.cron.trigger"]
        Trigger.search([("cron_id", "=", cron.id)]).unlink()
        payloads = [self.standin.message(RESIDENT, text=f"Halo {i}") for i in range(5)]
        wamids = [
            p["entry"][0]["changes"][0]["value"]["messages"][0]["id"] for p in payloads
        ]
        for payload in payloads:
            self.assertEqual(self.deliver(payload), (200, "OK"))
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), 1)
        for payload in payloads:  # Meta redelivers before we processed them
            self.assertEqual(self.deliver(payload)[0], 200)
        events = self.Event.search([("wamid", "in", wamids)])
        self.assertEqual(len(events), 5)
        self.assertEqual(set(events.mapped("state")), {"pending"})
        self.run_queue()
        self.assertEqual(set(events.mapped("state")), {"done"})
        inbound = [("wamid", "in", wamids), ("direction", "=", "in")]
        self.assertEqual(self.Message.search_count(inbound), 5)
        sent = len(self.standin.sent)
        for payload in payloads:  # ...and after
            self.assertEqual(self.deliver(payload)[0], 200)
        self.run_queue()
        self.assertEqual(len(self.standin.sent), sent)
        self.assertEqual(self.Message.search_count(inbound), 5)
        self.assertEqual(self.Event.search_count([("wamid", "in", wamids)]), 5)
