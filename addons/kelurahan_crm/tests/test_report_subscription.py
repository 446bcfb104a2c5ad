# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.kelurahan_report_subscription import MAX_RETRIES, RETRY_MINUTES
from .report_common import DAY, ReportCase, wib


@tagged("post_install", "-at_install")
class TestReportSubscription(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recipient = cls.env["res.partner"].create(
            {"name": "Pak Lurah", "email": "pak.lurah@example.id"}
        )
        cls.Subscription = cls.env["kelurahan.report.subscription"]

    def subscribe(self, **vals):
        values = {
            "name": "Laporan harian",
            "partner_ids": [Command.set(self.recipient.ids)],
            "user_id": self.user_officer.id,
            "send_time": 7.0,
        }
        values.update(vals)
        return self.Subscription.with_user(self.user_lurah).create(values)

    def test_recipients_are_required_and_valid(self):
        with self.assertRaisesRegex(ValidationError, "at least one recipient"):
            self.subscribe(partner_ids=[])
        with self.assertRaisesRegex(ValidationError, "is not an e-mail address"):
            self.subscribe(partner_ids=[], email_to="lurah@example.id, bukan-email")
        nobody = self.env["res.partner"].create({"name": "Tanpa Email"})
        with self.assertRaisesRegex(ValidationError, "Tanpa Email has no valid"):
            self.subscribe(partner_ids=[Command.set(nobody.ids)])
        subscription = self.subscribe(
            partner_ids=[], email_to="a@example.id; b@example.id"
        )
        self.assertEqual(
            subscription._kel_recipients(), ["a@example.id", "b@example.id"]
        )
        with self.assertRaisesRegex(ValidationError, "between 00:00 and 23:59"):
            self.subscribe(send_time=24.5)

    def test_only_lurah_manages_subscriptions(self):
        with self.assertRaises(AccessError):
            self.Subscription.with_user(self.user_officer).create(
                {"name": "X", "email_to": "x@example.id"}
            )
        subscription = self.subscribe()
        subscription.with_user(self.user_officer).check_access("read")
        with self.assertRaises(AccessError):
            subscription.with_user(self.user_officer).write({"name": "Y"})
        with self.assertRaises(AccessError):
            subscription.with_user(self.user_rw).check_access("read")

    @freeze_time("2026-03-10 20:00:00")  # 03:00 WIB on 11 March
    def test_send_time_is_asia_jakarta(self):
        daily = self.subscribe()
        # 07:00 WIB = 00:00 UTC on the same day.
        self.assertEqual(daily.next_send, datetime(2026, 3, 11, 0, 0))
        weekly = self.subscribe(frequency="weekly", weekday="0", send_time=6.5)
        self.assertEqual(weekly.next_send, datetime(2026, 3, 15, 23, 30))  # Mon 16
        monthly = self.subscribe(frequency="monthly", month_day=1)
        self.assertEqual(monthly.next_send, datetime(2026, 4, 1, 0, 0))
        self.assertEqual(
            monthly._kel_period(date(2026, 4, 1)), (date(2026, 3, 1), date(2026, 3, 31))
        )
        self.assertEqual(
            weekly._kel_period(date(2026, 3, 16)), (date(2026, 3, 9), date(2026, 3, 15))
        )

    def test_scheduled_send_end_to_end(self):
        ticket = self.make_ticket(reporter_name="Ibu Ani")
        other = self.make_ticket(
            date_reported=wib(2026, 3, 9, 9, 0), name="Kemarin lusa"
        )
        with freeze_time("2026-03-10 12:00:00"):
            subscription = self.subscribe()
        # Due since 07:00 WIB on 11 March: reports 10 March.
        with freeze_time("2026-03-11 00:05:00"):
            self.Subscription._cron_send_due()
        mail = self.env["mail.mail"].search(
            [("model", "=", subscription._name), ("res_id", "=", subscription.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("pak.lurah@example.id", mail.email_to)
        self.assertIn("Laporan harian", mail.subject)
        self.assertEqual(len(mail.attachment_ids), 1)
        attachment = mail.attachment_ids
        self.assertEqual(attachment.name, "pengaduan_20260310.xlsx")
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            (subscription._name, subscription.id),
            "kept as an archived attachment of the subscription",
        )
        workbook = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(attachment.datas))
        )
        numbers = [row[0].value for row in workbook["Pengaduan"].iter_rows(min_row=2)]
        self.assertEqual(numbers, [ticket.number])
        self.assertNotIn(other.number, numbers)
        self.assertEqual(subscription.last_sent, datetime(2026, 3, 11, 0, 5))
        self.assertEqual(subscription.next_send, datetime(2026, 3, 12, 0, 0))
        self.assertEqual(subscription.attachment_count, 1)
        # Nothing due any more: no second mail.
        with freeze_time("2026-03-11 00:20:00"):
            self.Subscription._cron_send_due()
        self.assertEqual(
            self.env["mail.mail"].search_count([("res_id", "=", subscription.id),
                                                ("model", "=", subscription._name)]),
            1,
        )  # fmt: skip

    def test_failed_send_is_logged_and_retried(self):
        # The run-as user lost access to complaints: the build fails.
        clerk = new_test_user(
            self.env, login="r_clerk", groups="base.group_user", email="c@example.id"
        )
        with freeze_time("2026-03-10 12:00:00"):
            subscription = self.subscribe(user_id=clerk.id)
        now = datetime(2026, 3, 11, 0, 5)
        with freeze_time(now):
            self.Subscription._cron_send_due()
        self.assertEqual(subscription.failure_count, 1)
        # the failure named: the run-as user lost access to complaints
        self.assertIn("r_clerk", subscription.last_error)
        self.assertIn("no longer has access to complaints", subscription.last_error)
        self.assertEqual(subscription.next_send, now + timedelta(minutes=RETRY_MINUTES))
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", subscription._name), ("res_id", "=", subscription.id)]
            )
        )
        self.assertIn("Sending failed", subscription.message_ids[0].body)
        for _attempt in range(MAX_RETRIES):
            with freeze_time(subscription.next_send):
                self.Subscription._cron_send_due()
        # Retries exhausted: the owner is told, the next period is planned.
        last = subscription.message_ids[0]
        self.assertIn("this report was not sent", last.body)
        self.assertIn(clerk.partner_id, last.partner_ids)
        self.assertEqual(subscription.failure_count, 0)
        self.assertEqual(subscription.next_send, datetime(2026, 3, 12, 0, 0))
        # Fixed rights: the next run succeeds.
        subscription.user_id = self.user_officer
        with freeze_time("2026-03-12 00:01:00"):
            self.Subscription._cron_send_due()
        self.assertTrue(subscription.last_sent)
        self.assertFalse(subscription.last_error)

    def test_archive_retention(self):
        subscription = self.subscribe(retention_days=30)
        with freeze_time("2026-03-11 00:05:00"):
            subscription._kel_send(date(2026, 3, 11))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", subscription._name), ("res_id", "=", subscription.id)]
        )
        self.assertEqual(len(attachment), 1)
        subscription._kel_purge_archive(now=datetime(2026, 4, 1))
        self.assertTrue(attachment.exists())
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s",
            (datetime(2026, 3, 11), attachment.id),
        )
        attachment.invalidate_recordset()
        subscription._kel_purge_archive(now=datetime(2026, 4, 11))
        self.assertFalse(attachment.exists())

    def test_filter_fields_shared_with_the_export_wizard(self):
        """Subscription and export wizard share their filter fields; the
        subscription's relation tables keep the names they have always had."""
        tables = {
            model: {
                fname: (field.relation, field.column1, field.column2)
                for fname, field in self.env[model]._fields.items()
                if fname in ("category_ids", "rw_ids", "channel_ids", "agency_ids")
            }
            for model in ("kelurahan.report.subscription", "kelurahan.export.wizard")
        }
        self.assertEqual(
            tables["kelurahan.report.subscription"],
            {
                "category_ids": (
                    "helpdesk_ticket_category_kelurahan_report_subscription_rel",
                    "kelurahan_report_subscription_id",
                    "helpdesk_ticket_category_id",
                ),
                "rw_ids": (
                    "kelurahan_report_subscription_kelurahan_rw_rel",
                    "kelurahan_report_subscription_id",
                    "kelurahan_rw_id",
                ),
                "channel_ids": (
                    "helpdesk_ticket_channel_kelurahan_report_subscription_rel",
                    "kelurahan_report_subscription_id",
                    "helpdesk_ticket_channel_id",
                ),
                "agency_ids": (
                    "kelurahan_agency_kelurahan_report_subscription_rel",
                    "kelurahan_report_subscription_id",
                    "kelurahan_agency_id",
                ),
            },
        )
        self.assertEqual(
            tables["kelurahan.export.wizard"]["rw_ids"],
            (
                "kelurahan_export_wizard_kelurahan_rw_rel",
                "kelurahan_export_wizard_id",
                "kelurahan_rw_id",
            ),
        )
        filters = {
            "kel_state": "progress",
            "category_ids": [Command.set(self.category.ids)],
            "rw_ids": [Command.set(self.rw_a.ids)],
            "channel_ids": [Command.set(self.channel_rw.ids)],
            "agency_ids": [Command.set(self.agency.ids)],
        }
        subscription = self.subscribe(**filters)
        wizard = self.env["kelurahan.export.wizard"].create(
            dict(filters, period="custom", date_from=DAY, date_to=DAY)
        )
        expected = {
            "date_from": "2026-03-10",
            "date_to": "2026-03-10",
            "kel_state": "progress",
            "category_ids": self.category.ids,
            "rw_ids": self.rw_a.ids,
            "channel_ids": self.channel_rw.ids,
            "agency_ids": self.agency.ids,
        }
        # Other addons may add their own filters (kelurahan_service: extra_sheets).
        values = subscription._kel_filter_values(DAY, DAY)
        self.assertEqual({key: values[key] for key in expected}, expected)
        values = wizard._kel_filters()
        self.assertEqual({key: values[key] for key in expected}, expected)
