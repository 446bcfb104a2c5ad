# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Waits stored to the second and tested on a shifted log scale when a visitor was
called at once; channels of service requests overall and per RW."""

import datetime

import numpy as np
from scipy import stats as sps

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.kelurahan_service.tests.service_common import KelurahanServiceCommon

# waits in seconds: a zero and a sub-precision (2 s) wait after the change
BEFORE_S = [1860, 2550, 1680, 3300, 2220, 2760]
AFTER_S = [0, 2, 540, 930, 300, 720]


@tagged("post_install", "-at_install")
class TestWaitSeconds(KelurahanServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        vals = []
        for base, waits in (
            (datetime.datetime(2024, 3, 4, 1, 0), BEFORE_S),
            (datetime.datetime(2024, 4, 8, 1, 0), AFTER_S),
        ):
            for i, wait in enumerate(waits):
                checkin = base + datetime.timedelta(minutes=10 * i)
                called = checkin + datetime.timedelta(seconds=wait)
                vals.append(
                    {
                        "service_id": cls.service.id,
                        "date": base.date(),
                        "state": "served",
                        "checkin_date": checkin,
                        "called_date": called,
                        "served_date": called + datetime.timedelta(minutes=4),
                    }
                )
        cls.tickets = cls.env["kelurahan.queue.ticket"].create(vals)

    def test_seconds_stored(self):
        self.assertEqual(self.tickets.mapped("wait_seconds"), BEFORE_S + AFTER_S)
        two_seconds = self.tickets[len(BEFORE_S) + 1]
        # the minutes keep one decimal; the seconds keep the 2-second wait
        self.assertEqual(two_seconds.wait_minutes, 0.0)
        self.assertEqual(two_seconds.wait_seconds, 2)

    def test_zero_wait_keeps_the_log_test(self):
        wizard = (
            self.env["kelurahan.queue.analysis"]
            .with_user(self.user_officer)
            .create(
                {
                    "service_id": self.service.id,
                    "date_from_a": datetime.date(2024, 3, 1),
                    "date_to_a": datetime.date(2024, 3, 31),
                    "date_from_b": datetime.date(2024, 4, 1),
                    "date_to_b": datetime.date(2024, 4, 30),
                }
            )
        )
        comparison = wizard._kel_compare()
        welch = comparison["welch"]
        self.assertTrue(welch.ok)
        shift = 1 / 60
        ref = sps.ttest_ind(
            np.log(np.asarray(BEFORE_S) / 60 + shift),
            np.log(np.asarray(AFTER_S) / 60 + shift),
            equal_var=False,
        )
        self.assertAlmostEqual(welch.statistic, ref.statistic, places=9)
        self.assertAlmostEqual(welch.pvalue, ref.pvalue, places=9)
        mwu = sps.mannwhitneyu(
            np.asarray(BEFORE_S) / 60, np.asarray(AFTER_S) / 60, alternative="two-sided"
        )
        self.assertAlmostEqual(comparison["mann_whitney"].pvalue, mwu.pvalue, places=9)
        self.assertAlmostEqual(comparison["after"]["mean"], sum(AFTER_S) / 6 / 60, 9)
        self.assertNotIn("greater than zero", wizard.reading)


@tagged("post_install", "-at_install")
class TestServiceChannels(KelurahanServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        Request = cls.env["kelurahan.service.request"]
        plan = [(cls.rw_a, "rw_post")] * 7 + [(cls.rw_a, "portal")]
        plan += [(cls.rw_b, "counter")] * 2 + [(cls.rw_b, "portal")] * 2
        when = datetime.datetime(2024, 5, 6, 3, 0)
        for rw, channel in plan:
            request = cls._kel_request(rw_id=rw.id)
            request.write({"channel": channel, "date_submitted": when})
        cls.total = len(plan)
        cls.Request = Request

    def _wizard(self, user):
        return (
            self.env["kelurahan.service.channel.analysis"]
            .with_user(user)
            .create(
                {
                    "date_from": datetime.date(2024, 5, 1),
                    "date_to": datetime.date(2024, 5, 31),
                }
            )
        )

    def test_channels_per_rw(self):
        wizard = self._wizard(self.user_officer)
        values = wizard._kel_channel_values()
        self.assertEqual(values["total"], self.total)
        channels = {label: (count, share) for label, count, share in values["channels"]}
        self.assertEqual(channels["RW post"], (7, 100 * 7 / 12))
        rows = {row["label"]: row for row in values["rws"]}
        rw_a = rows[self.rw_a.display_name]
        self.assertEqual((rw_a["top"], rw_a["top_share"]), ("RW post", 87.5))
        self.assertEqual(rows[self.rw_b.display_name]["top_share"], 50.0)
        self.assertEqual(len(values["sentences"]), 1)
        self.assertIn("87.5%", values["sentences"][0].replace(",", "."))
        self.assertIn("RW post", wizard.result_html)
        empty = wizard.create(
            {
                "date_from": datetime.date(2023, 1, 1),
                "date_to": datetime.date(2023, 1, 2),
            }
        )
        self.assertIn("Not enough data", empty.result_html)

    def test_refused(self):
        for user in (self.user_rw, self.user_portal):
            with self.assertRaises(AccessError):
                self._wizard(user)
