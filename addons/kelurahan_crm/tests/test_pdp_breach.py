# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""UU PDP breach register: notification deadline, reminder, who may use it."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import call_kw, role_user


@tagged("post_install", "-at_install")
class TestPdpBreach(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.lurah = role_user(cls.env, "kel_br_lurah", "lurah", password="kel_br_lurah")
        cls.officer = role_user(
            cls.env, "kel_br_officer", "officer", password="kel_br_officer"
        )
        cls.Breach = cls.env["kelurahan.breach"]

    def test_deadline_is_found_time_plus_configured_hours(self):
        found = datetime(2026, 3, 2, 8, 0)
        breach = self.Breach.create({"name": "Laptop hilang", "date_found": found})
        self.assertEqual(breach.date_deadline, found + timedelta(hours=72))
        self.company.kel_breach_notify_hours = 48
        self.assertEqual(breach.date_deadline, found + timedelta(hours=48))

    def test_reminder_before_deadline(self):
        self.company.kel_breach_reminder_hours = 24
        found = datetime(2026, 3, 2, 8, 0)  # deadline 5 March 08:00
        soon = self.Breach.create(
            {"name": "Ekspor bocor", "date_found": found, "user_id": self.lurah.id}
        )
        later = self.Breach.create(
            {"name": "Map tertinggal", "date_found": found + timedelta(days=1)}
        )
        done = self.Breach.create({"name": "Sudah diberitahukan", "date_found": found})
        done.action_mark_notified()
        with freeze_time("2026-03-04 07:59:00"):
            self.assertFalse(self.Breach._cron_remind())
        with freeze_time("2026-03-04 09:00:00"):
            reminded = self.Breach._cron_remind()
        self.assertEqual(reminded, soon)
        self.assertTrue(soon.reminder_sent)
        activity = soon.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.lurah)
        self.assertEqual(str(activity.date_deadline), "2026-03-05")
        self.assertFalse(later.activity_ids)
        self.assertFalse(done.activity_ids)
        with freeze_time("2026-03-04 10:00:00"):
            self.assertFalse(self.Breach._cron_remind(), "reminded once only")

    def test_register_for_lurah_only_at_rpc(self):
        self.authenticate("kel_br_lurah", "kel_br_lurah")
        answer = call_kw(
            self, "kelurahan.breach", "create", [{"name": "Akun petugas dibobol"}]
        )
        breach_id = answer["result"][0]
        answer = call_kw(
            self, "kelurahan.breach", "read", [breach_id], ["date_deadline"]
        )
        self.assertTrue(answer["result"][0]["date_deadline"])

        self.authenticate("kel_br_officer", "kel_br_officer")
        for method, args in (
            ("read", [[breach_id], ["name"]]),
            ("create", [[{"name": "Percobaan"}]]),
            ("write", [[breach_id], {"name": "Ubah"}]),
        ):
            answer = call_kw(self, "kelurahan.breach", method, *args)
            error = answer["error"]["data"]
            self.assertEqual(error["name"], "odoo.exceptions.AccessError", method)
            self.assertIn("kelurahan.breach", error["message"])
        self.assertEqual(self.Breach.browse(breach_id).name, "Akun petugas dibobol")
