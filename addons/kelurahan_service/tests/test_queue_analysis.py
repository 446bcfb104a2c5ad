# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Waiting-time analysis against values computed independently in the test: plain
arithmetic for the summaries, pair counting for Mann–Whitney, the textbook Welch
formulas on log values."""

import datetime
import math

from odoo import fields
from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.kelurahan_crm.tools import stats

from .service_common import KelurahanServiceCommon

BEFORE = [31.0, 42.5, 28.0, 55.0, 37.0, 46.0, 33.5, 61.0]
AFTER = [12.0, 15.5, 9.0, 22.0, 14.0, 18.5, 11.0]


def by_hand_describe(values):
    values = sorted(values)
    n = len(values)
    mean = sum(values) / n
    mid = n // 2
    median = values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    rank = 0.9 * (n - 1)  # linear interpolation between closest ranks
    low = math.floor(rank)
    p90 = values[low] + (rank - low) * (values[min(low + 1, n - 1)] - values[low])
    return n, mean, median, std, p90


@tagged("post_install", "-at_install")
class TestEffectSize(BaseCase):
    def test_effect_size_class(self):
        self.assertEqual(stats.effect_size_class("cohen_d", 0.1), 0)
        self.assertEqual(stats.effect_size_class("cohen_d", -0.3), 1)
        self.assertEqual(stats.effect_size_class("cohen_d", 0.5), 2)
        self.assertEqual(stats.effect_size_class("cohen_d", 2.4), 3)
        self.assertEqual(stats.effect_size_class("rank_biserial", 0.05), 0)
        self.assertEqual(stats.effect_size_class("rank_biserial", -0.35), 2)
        self.assertEqual(stats.effect_size_class("rank_biserial", 0.9), 3)


@tagged("post_install", "-at_install")
class TestQueueAnalysis(KelurahanServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        cls.counter = cls.env["kelurahan.counter"].create(
            {
                "name": "Loket Analisis",
                "code": "LA",
                "service_ids": [(6, 0, cls.service.ids)],
            }
        )
        Ticket = cls.env["kelurahan.queue.ticket"]
        base_before = datetime.datetime(2024, 3, 4, 1, 0)
        base_after = datetime.datetime(2024, 4, 8, 1, 0)
        vals = []
        for base, waits in ((base_before, BEFORE), (base_after, AFTER)):
            for i, wait in enumerate(waits):
                checkin = base + datetime.timedelta(minutes=10 * i)
                called = checkin + datetime.timedelta(minutes=wait)
                vals.append(
                    {
                        "service_id": cls.service.id,
                        "counter_id": cls.counter.id,
                        "date": base.date(),
                        "state": "served",
                        "checkin_date": checkin,
                        "called_date": called,
                        "served_date": called + datetime.timedelta(minutes=5 + i),
                    }
                )
        Ticket.create(vals)

    def _wizard(self, **values):
        vals = {
            "service_id": self.service.id,
            "date_from_a": datetime.date(2024, 3, 1),
            "date_to_a": datetime.date(2024, 3, 31),
            "date_from_b": datetime.date(2024, 4, 1),
            "date_to_b": datetime.date(2024, 4, 30),
        }
        vals.update(values)
        return (
            self.env["kelurahan.queue.analysis"]
            .with_user(self.user_officer)
            .with_context(lang="id_ID")
            .create(vals)
        )

    def test_summary_matches_hand_computation(self):
        wizard = self._wizard()
        rows = dict(wizard._kel_summary_rows(wizard.date_from_a, wizard.date_to_a))
        desc = rows[self.service.display_name]
        n, mean, median, std, p90 = by_hand_describe(BEFORE)
        self.assertEqual(desc["count"], n)
        self.assertAlmostEqual(desc["mean"], mean, places=6)
        self.assertAlmostEqual(desc["median"], median, places=6)
        self.assertAlmostEqual(desc["std"], std, places=6)
        self.assertAlmostEqual(desc["p90"], p90, places=6)
        # days are labelled as the user's language writes dates (id_ID: dd/mm/yyyy)
        service_rows = dict(
            self._wizard(measure="service_minutes", group_by="date")
            .with_context(lang="id_ID")
            ._kel_summary_rows(datetime.date(2024, 4, 1), datetime.date(2024, 4, 30))
        )
        self.assertAlmostEqual(
            service_rows["08/04/2024"]["mean"], sum(5 + i for i in range(7)) / 7
        )

    def test_comparison_matches_hand_computation(self):
        comparison = self._wizard()._kel_compare()
        # Welch on log values, textbook formulas.
        la, lb = [math.log(v) for v in BEFORE], [math.log(v) for v in AFTER]
        ma, mb = sum(la) / len(la), sum(lb) / len(lb)
        va = sum((x - ma) ** 2 for x in la) / (len(la) - 1)
        vb = sum((x - mb) ** 2 for x in lb) / (len(lb) - 1)
        t = (ma - mb) / math.sqrt(va / len(la) + vb / len(lb))
        welch = comparison["welch"]
        self.assertAlmostEqual(welch.statistic, t, places=6)
        self.assertLess(welch.pvalue, 0.001)
        # Mann–Whitney U of the first sample by counting pairs; no ties here.
        u = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in BEFORE for b in AFTER)
        mwu = comparison["mann_whitney"]
        self.assertEqual(mwu.statistic, u)
        self.assertAlmostEqual(mwu.effect_size, 1 - 2 * u / (len(BEFORE) * len(AFTER)))
        self.assertEqual(u, len(BEFORE) * len(AFTER))  # every wait was shorter after

    def test_reading_in_indonesian(self):
        reading = self._wizard().reading
        self.assertIn("menit", reading)
        self.assertIn("Welch", reading)
        self.assertIn("lebih singkat", reading)
        self.assertIn("besar", reading)
        self.assertIn("<table", self._wizard().comparison_html)

    def test_no_data_reading(self):
        wizard = self._wizard(
            date_from_a=datetime.date(2010, 1, 1), date_to_a=datetime.date(2010, 1, 31)
        )
        self.assertIn("Tidak ada", wizard.reading)

    def test_demo_history_shows_improvement(self):
        golive = fields.Date.to_date(
            self.env["ir.config_parameter"].get_param(
                "kelurahan_service.queue_golive_date"
            )
        )
        if not golive:
            self.env["kelurahan.demo"]._generate_queue_history()
            golive = fields.Date.to_date(
                self.env["ir.config_parameter"].get_param(
                    "kelurahan_service.queue_golive_date"
                )
            )
        wizard = (
            self.env["kelurahan.queue.analysis"].with_user(self.user_officer).create({})
        )
        self.assertEqual(wizard.date_from_b, golive)
        comparison = wizard._kel_compare()
        self.assertGreater(comparison["before"]["count"], 100)
        self.assertLess(comparison["after"]["median"], comparison["before"]["median"])
        self.assertTrue(comparison["welch"].significant())
