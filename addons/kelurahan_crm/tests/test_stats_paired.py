# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Paired tests and the shifted log scale of the shared statistics, against SciPy
and values by hand."""

import math

import numpy as np
from scipy import stats as sps

from odoo.tests import BaseCase, tagged

from odoo.addons.kelurahan_crm.tools import stats

BEFORE = [3, 2, 4, 3, 2, 3, 1, 4, 2, 3]
AFTER = [4, 3, 4, 4, 3, 5, 2, 4, 3, 4]


@tagged("post_install", "-at_install")
class TestPairedStatistics(BaseCase):
    def test_paired_t(self):
        res = stats.paired_t(BEFORE, AFTER)
        ref = sps.ttest_rel(BEFORE, AFTER)
        self.assertTrue(res.ok)
        self.assertAlmostEqual(res.statistic, ref.statistic, places=12)
        self.assertAlmostEqual(res.pvalue, ref.pvalue, places=12)
        self.assertEqual(res.df, 9.0)
        # by hand: differences after − before = 1,1,0,1,1,2,1,0,1,1: mean 0.9,
        # SD sqrt(Σ(d − 0.9)²/9) = sqrt(2.9/9); SciPy reports t of before − after
        diff = [b - a for a, b in zip(BEFORE, AFTER, strict=True)]
        sd = math.sqrt(sum((d - 0.9) ** 2 for d in diff) / 9)
        self.assertAlmostEqual(res.statistic, -0.9 / (sd / math.sqrt(10)), places=9)
        self.assertAlmostEqual(res.effect_size, 0.9 / sd, places=9)

    def test_wilcoxon(self):
        res = stats.wilcoxon(BEFORE, AFTER)
        ref = sps.wilcoxon(BEFORE, AFTER, zero_method="wilcox")
        self.assertTrue(res.ok)
        self.assertAlmostEqual(res.statistic, ref.statistic, places=12)
        self.assertAlmostEqual(res.pvalue, ref.pvalue, places=12)
        # eight non-zero differences, all positive: R− = 0, r = +1
        self.assertEqual(res.statistic, 0.0)
        self.assertEqual(res.effect_size, 1.0)

    def test_wilcoxon_mixed_signs(self):
        a = [5, 3, 4, 2, 5, 1, 3, 4]
        b = [3, 4, 5, 4, 5, 3, 2, 2]
        res = stats.wilcoxon(a, b)
        ref = sps.wilcoxon(a, b, zero_method="wilcox")
        self.assertAlmostEqual(res.pvalue, ref.pvalue, places=12)
        # d = b − a = −2, 1, 1, 2, 0, 2, −1, −2; |d| ranks (7 non-zero, ties):
        # 1,1,1 -> 2; 2,2,2,2 -> 5.5. R+ = 2+2+5.5+5.5 = 15, R− = 5.5+2+5.5 = 13
        self.assertAlmostEqual(res.effect_size, (15 - 13) / 28, places=12)
        self.assertEqual(res.statistic, 13.0)

    def test_paired_not_enough_data(self):
        self.assertIn("Too few data", stats.paired_t([1, 2], [2, 3]).message._source)
        same = stats.paired_t([1, 2, 3, 4], [2, 3, 4, 5])
        self.assertFalse(same.ok)
        self.assertIn("All differences are equal", same.message._source)
        none = stats.wilcoxon([1, 2, 3, 4], [1, 2, 3, 5])
        self.assertFalse(none.ok)
        self.assertIn("Too few changed pairs", none.message._source)
        # a missing answer drops the pair, never raises
        gap = stats.paired_t([1, None, 3, 4, 2], [2, 3, None, 5, 4])
        self.assertTrue(gap.ok)
        self.assertEqual(gap.df, 2.0)

    def test_welch_log_shifted(self):
        before = [0.0, 1.5, 3.0, 7.25, 12.0, 4.0]
        after = [0.0, 0.0, 0.5, 1.0, 2.0, 0.75]
        self.assertFalse(stats.welch_t(before, after, log=True).ok)
        shift = 1 / 60
        res = stats.welch_t(before, after, log=True, shift=shift)
        ref = sps.ttest_ind(
            np.log(np.asarray(before) + shift),
            np.log(np.asarray(after) + shift),
            equal_var=False,
        )
        self.assertTrue(res.ok)
        self.assertAlmostEqual(res.statistic, ref.statistic, places=12)
        self.assertAlmostEqual(res.pvalue, ref.pvalue, places=12)
        # without log the shift changes nothing
        self.assertAlmostEqual(
            stats.welch_t(before, after, shift=shift).statistic,
            sps.ttest_ind(before, after, equal_var=False).statistic,
            places=12,
        )
