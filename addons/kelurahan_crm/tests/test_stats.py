# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared statistics against values computed by hand or by a second method
(closed forms, numerical integration) — never copied from the implementation."""

import math

from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.kelurahan_crm.tools import stats


def t_two_sided_p(t, df, steps=20000):
    """Two-sided p of Student's t by Simpson integration of its density."""
    coef = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))

    def density(x):
        return coef * (1 + x * x / df) ** (-(df + 1) / 2)

    t = abs(t)
    h = t / steps
    total = density(0) + density(t)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * density(i * h)
    return 1 - 2 * (total * h / 3)


@tagged("post_install", "-at_install")
class TestStatistics(BaseCase):
    def test_describe(self):
        d = stats.describe([1, 2, 3, 4, 100, None])
        self.assertEqual(d["count"], 5)
        self.assertAlmostEqual(d["mean"], 22.0)
        self.assertAlmostEqual(d["median"], 3.0)
        self.assertAlmostEqual(d["std"], math.sqrt(7610 / 4))
        self.assertAlmostEqual(d["p90"], 61.6)  # 4 + 0.6 × (100 - 4)
        self.assertEqual(stats.describe([])["count"], 0)

    def test_welch(self):
        a, b = [1, 2, 3, 4, 5], [2, 4, 6, 8, 10]
        res = stats.welch_t(a, b)
        t = (3 - 6) / math.sqrt(2.5 / 5 + 10 / 5)
        df = 6.25 / (0.5**2 / 4 + 2**2 / 4)
        self.assertAlmostEqual(res.statistic, t, places=6)
        self.assertAlmostEqual(res.df, df, places=6)
        self.assertAlmostEqual(res.pvalue, t_two_sided_p(t, df), places=5)
        self.assertAlmostEqual(res.effect_size, -3 / math.sqrt((4 * 2.5 + 4 * 10) / 8))

    def test_welch_on_logs(self):
        a, b = [1, 10, 100], [1000, 10000, 100000]
        res = stats.welch_t(a, b, log=True)
        # logs differ by exactly 3·ln10, same spread: t = -3 / √(2/3)
        self.assertAlmostEqual(res.statistic, -3 / math.sqrt(2 / 3), places=6)
        self.assertFalse(stats.welch_t([0, 1, 2], [1, 2, 3], log=True).ok)

    def test_mann_whitney_exact(self):
        res = stats.mann_whitney([1, 2, 3], [4, 5, 6])
        self.assertEqual(res.statistic, 0)
        self.assertAlmostEqual(res.pvalue, 2 / 20)  # 2 × 1 / C(6, 3)
        self.assertAlmostEqual(res.effect_size, 1.0)

    def test_holm(self):
        adjusted = stats.holm([0.01, 0.04, 0.03, None])
        self.assertAlmostEqual(adjusted[0], 0.03)
        self.assertAlmostEqual(adjusted[1], 0.06)
        self.assertAlmostEqual(adjusted[2], 0.06)
        self.assertIsNone(adjusted[3])

    def test_anova(self):
        res = stats.anova([[1, 2, 3], [2, 3, 4], [5, 6, 7]])
        self.assertAlmostEqual(res.statistic, 13.0)
        # F(2, d2) has the closed-form tail (1 + 2F/d2)^(-d2/2).
        self.assertAlmostEqual(res.pvalue, (1 + 2 * 13 / 6) ** -3)
        self.assertAlmostEqual(res.effect_size, 26 / 32)

    def test_kruskal(self):
        res = stats.kruskal([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        self.assertAlmostEqual(res.statistic, 7.2)
        self.assertAlmostEqual(res.pvalue, math.exp(-7.2 / 2))  # χ²(2) tail
        self.assertAlmostEqual(res.effect_size, 7.2 / 8)

    def test_small_or_flat_groups_say_so(self):
        self.assertFalse(stats.welch_t([1, 2], [3, 4, 5]).ok)
        self.assertFalse(stats.mann_whitney([2, 2, 2], [2, 2, 2]).ok)
        self.assertFalse(stats.anova([[1, 2, 3], [4, 5, 6]]).ok)
        self.assertIsNone(stats.mann_whitney([1], [2, 3, 4]).pvalue)


@tagged("post_install", "-at_install")
class TestStatisticsReading(TransactionCase):
    def test_sentences_in_indonesian(self):
        env_id = self.env(context=dict(self.env.context, lang="id_ID"))
        significant = stats.anova([[1, 2, 3], [2, 3, 4], [5, 6, 7]])
        self.assertTrue(
            stats.reading(env_id, significant).startswith(
                "Berbeda signifikan pada α = 0,05"
            )
        )
        same = stats.mann_whitney([1, 2, 3], [4, 5, 6])
        self.assertIn("Tidak berbeda signifikan", stats.reading(env_id, same))
        small = stats.welch_t([1, 2], [3, 4, 5])
        self.assertIn("terlalu sedikit", stats.reading(env_id, small))
