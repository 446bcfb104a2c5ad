# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.kelurahan_whatsapp_event import RETENTION_PARAM

DAY = datetime.timedelta(days=1)
LOGGER = "odoo.addons.kelurahan_whatsapp.models.kelurahan_whatsapp_event"


@tagged("post_install", "-at_install")
class TestWhatsappRetention(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls.env["kelurahan.whatsapp.account"].create(
            {
                "name": "Retention WhatsApp",
                "phone_number_id": "100200300",
                # never called: nothing here sends
                "api_base_url": "http://127.0.0.1:9",
                "access_token": "token",
                "app_secret": "secret",
                "verify_token": "verify",
            }
        )
        cls.Event = cls.env["kelurahan.whatsapp.event"]
        cls.now = fields.Datetime.now()
        cls.env["ir.config_parameter"].set_param(RETENTION_PARAM, "30")

    def _event(self, key, state, age_days, attempts=0):
        return self.Event.create(
            {
                "account_id": self.account.id,
                "dedup_key": key,
                "wamid": key,
                "event_type": "message",
                "payload": "{}",
                "state": state,
                "attempts": attempts,
                "received_date": self.now - age_days * DAY,
            }
        )

    def _events(self, age_days):
        return {
            "done": self._event(f"wamid.done.{age_days}", "done", age_days),
            "ignored": self._event(f"wamid.ign.{age_days}", "ignored", age_days),
            "pending": self._event(f"wamid.pend.{age_days}", "pending", age_days),
            "retrying": self._event(
                f"wamid.retry.{age_days}", "pending", age_days, attempts=2
            ),
            "error": self._event(f"wamid.err.{age_days}", "error", age_days, 3),
        }

    def test_only_old_processed_events_deleted(self):
        old, recent = self._events(31), self._events(29)
        self.assertEqual(self.Event._cron_purge(), 2)
        self.assertFalse((old["done"] | old["ignored"]).exists())
        kept = old["pending"] | old["retrying"] | old["error"]
        for event in recent.values():
            kept |= event
        self.assertEqual(kept.exists(), kept)
        self.assertEqual(self.Event._cron_purge(), 0)
        # A shorter period set by the administrator.
        self.env["ir.config_parameter"].set_param(RETENTION_PARAM, "10")
        self.assertEqual(self.Event._cron_purge(), 2)
        self.assertFalse((recent["done"] | recent["ignored"]).exists())
        self.assertTrue(recent["retrying"].exists())

    def test_batches(self):
        events = self.Event.browse()
        for index in range(5):
            events |= self._event(f"wamid.batch.{index}", "done", 40)
        self.assertEqual(self.Event._cron_purge(limit=3), 3)
        self.assertEqual(len(events.exists()), 2)
        self.assertEqual(self.Event._cron_purge(limit=3), 2)
        self.assertFalse(events.exists())

    def test_dedupe_after_purge(self):
        def delivery(wamid, sent):
            message = {
                "id": wamid,
                "from": "6281234567890",
                "timestamp": str(int(time.time() - sent.total_seconds())),
                "type": "text",
                "text": {"body": "halo"},
            }
            return {
                "entry": [
                    {
                        "changes": [
                            {"field": "messages", "value": {"messages": [message]}}
                        ]
                    }
                ]
            }

        recent = delivery("wamid.recent", datetime.timedelta(hours=1))
        old = delivery("wamid.old", 40 * DAY)
        self.assertEqual(self.Event._kel_enqueue(self.account, recent), 1)
        self.assertEqual(self.Event._kel_enqueue(self.account, old), 1)
        events = self.Event.search([("wamid", "in", ("wamid.recent", "wamid.old"))])
        events.write({"state": "done"})
        events.filtered(lambda e: e.wamid == "wamid.old").received_date = (
            self.now - 40 * DAY
        )
        self.assertEqual(self.Event._cron_purge(), 1)
        # A redelivery within the period is still recognised...
        self.assertEqual(self.Event._kel_enqueue(self.account, recent), 0)
        # ...and one of a purged item is stored again but ignored by its age.
        self.assertEqual(self.Event._kel_enqueue(self.account, old), 1)
        again = self.Event.search([("wamid", "=", "wamid.old")])
        again._kel_process_one()
        self.assertEqual(again.state, "ignored")
        self.assertFalse(
            self.env["kelurahan.whatsapp.conversation"].search(
                [("wa_id", "=", "6281234567890"), ("account_id", "=", self.account.id)]
            )
        )

    def test_hostile_retention_values(self):
        old = self._event("wamid.hostile.old", "done", 31)
        recent = self._event("wamid.hostile.recent", "done", 20)
        for value, expected in (
            ("abc", 30),
            ("-5", 30),
            ("0", 30),
            ("1e9", 30),
            (" ", 30),
            ("9" * 40, 3650),  # no overflow: capped at ten years
        ):
            self.env["ir.config_parameter"].set_param(RETENTION_PARAM, value)
            with self.assertLogs(LOGGER, "WARNING"):
                days = self.Event._kel_retention_days()
            self.assertEqual(days, expected, value)
            with self.assertLogs(LOGGER, "WARNING"):
                self.Event._cron_purge()
            self.assertTrue(recent.exists())
        # The first ("abc" → 30 days) already deleted the 31-day-old event.
        self.assertFalse(old.exists())
        # Never shorter than the accounts' age limit for deliveries.
        self.env["ir.config_parameter"].set_param(RETENTION_PARAM, "1")
        self.account.max_age_days = 25
        self.assertEqual(self.Event._kel_retention_days(), 25)
        self.Event._cron_purge()
        self.assertTrue(recent.exists())
        self.env["ir.config_parameter"].set_param(RETENTION_PARAM, "15")
        self.account.max_age_days = 7
        self.Event._cron_purge()
        self.assertFalse(recent.exists())

    def test_refused_access(self):
        event = self._event("wamid.access", "done", 40)
        for group in (
            "kelurahan_crm.group_kelurahan_rw",
            "kelurahan_crm.group_kelurahan_officer",
            "kelurahan_crm.group_kelurahan_lurah",
        ):
            user = new_test_user(self.env, login=f"ret_{group[-5:]}", groups=group)
            with self.assertRaises(AccessError):
                event.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["ir.config_parameter"].with_user(user).set_param(
                    RETENTION_PARAM, "1"
                )
        self.assertTrue(event.exists())
        self.assertEqual(
            self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_purge_events").code,
            "model._cron_purge()",
        )
