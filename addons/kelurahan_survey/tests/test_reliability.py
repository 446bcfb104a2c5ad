# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cronbach's alpha and corrected item–total correlations against hand values
(exact fractions) and SciPy's Pearson r."""

from scipy import stats as sps

from odoo.tests import BaseCase, tagged

from ..tools import reliability

# five respondents × three items
MATRIX = [[2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 4, 5], [1, 2, 2]]


@tagged("post_install", "-at_install")
class TestReliability(BaseCase):
    def test_alpha_by_hand(self):
        res = reliability.cronbach(MATRIX)
        # item variances 2.5, 1.3, 1.3 (Σ 5.1); totals 8, 10, 13, 14, 5 → var 13.5
        # α = 3/2 · (1 − 5.1/13.5) = 14/15
        self.assertAlmostEqual(res["alpha"], 14 / 15, places=12)
        self.assertEqual((res["n"], res["k"]), (5, 3))
        # alpha if item deleted (two items: 2·(1 − Σvar/var(total))):
        # without item 1: 38/45; without item 2: 70/73; without item 3: 15/17
        deleted = [item["alpha_if_deleted"] for item in res["items"]]
        for value, hand in zip(deleted, (38 / 45, 70 / 73, 15 / 17), strict=True):
            self.assertAlmostEqual(value, hand, places=12)
        for i, item in enumerate(res["items"]):
            rest = [sum(row) - row[i] for row in MATRIX]
            ref = sps.pearsonr([row[i] for row in MATRIX], rest).statistic
            self.assertAlmostEqual(item["item_total"], ref, places=12)
        self.assertEqual(reliability.alpha_label(res["alpha"])._source, "excellent")
        self.assertEqual(reliability.alpha_label(0.72)._source, "acceptable")
        self.assertEqual(reliability.alpha_label(0.5)._source, "poor")

    def test_expand_patterns(self):
        matrix = reliability.expand([((1, 2), 2), ((3, 3), 1)])
        self.assertEqual(matrix.tolist(), [[1, 2], [1, 2], [3, 3]])
        self.assertEqual(reliability.expand([]).shape, (0, 0))

    def test_not_enough_data(self):
        one_item = reliability.cronbach([[1], [2], [3]])
        self.assertIsNone(one_item["alpha"])
        self.assertIn("two scaled questions", one_item["message"]._source)
        few = reliability.cronbach([[1, 2], [2, 3]])
        self.assertIsNone(few["alpha"])
        self.assertIn("Too few complete answers", few["message"]._source)
        empty = reliability.cronbach(reliability.expand([]))
        self.assertIn("two scaled questions", empty["message"]._source)
        flat = reliability.cronbach([[3, 3], [3, 3], [3, 3]])
        self.assertIsNone(flat["alpha"])
        self.assertIn("All totals are equal", flat["message"]._source)
        self.assertEqual([item["item_total"] for item in flat["items"]], [None, None])
