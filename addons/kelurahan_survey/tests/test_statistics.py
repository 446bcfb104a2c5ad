# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime

from scipy import stats as sps

from odoo.tests import tagged

from .common import KelSurveyCase

JAN = datetime(2024, 1, 15, 3, 0)
APR = datetime(2024, 4, 15, 3, 0)
JUL = datetime(2024, 7, 15, 3, 0)


@tagged("post_install", "-at_install")
class TestBeforeAfter(KelSurveyCase):
    """Each respondent gives the same score to all nine unsur, so the per-respondent
    IKM is 25 × that score and every unsur has the same samples."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_skm()
        for score in (2, 2, 3, 3):
            cls._respond(cls.survey, cls.questions, cls._all(score), when=JAN)
        for score in (3, 3, 4, 4):
            cls._respond(cls.survey, cls.questions, cls._all(score), when=JUL)
        # third group for the multi-group tests: April, scores 1, 2, 3
        for score in (1, 2, 3):
            cls._respond(cls.survey, cls.questions, cls._all(score), when=APR)

    def _periods(self):
        return self.env["kelurahan.survey.compare.wizard"].create(
            {
                "survey_id": self.survey.id,
                "mode": "periods",
                "before_from": date(2024, 1, 1),
                "before_to": date(2024, 1, 31),
                "after_from": date(2024, 7, 1),
                "after_to": date(2024, 7, 31),
            }
        )

    def test_two_periods(self):
        values = self._periods()._kel_compare_values()
        before, after = values["groups"]
        # per-respondent IKM: before 50, 50, 75, 75; after 75, 75, 100, 100
        self.assertEqual((before["count"], before["mean"]), (4, 62.5))
        self.assertEqual((after["count"], after["median"]), (4, 87.5))
        # SD by hand: sqrt(4 × 12.5² / 3) = sqrt(208.33) = 14.4338
        self.assertAlmostEqual(before["std"], math.sqrt(625 / 3), places=9)

        # Mann–Whitney per unsur: before [2,2,3,3], after [3,3,4,4].
        # Ranks: 2,2 -> 1.5; the four 3s -> 4.5; 4,4 -> 7.5. R1 = 12, U1 = 12 - 10 = 2.
        # rank-biserial r = 1 - 2·2/16 = 0.75.
        # Normal approximation with ties and continuity: σ² = 16/12·(9 - 72/56)
        # = 10.2857; z = (|2 - 8| - 0.5)/σ = 1.71493; p = erfc(z/√2).
        sigma = math.sqrt(16 / 12 * (9 - 72 / 56))
        p_hand = math.erfc((6 - 0.5) / sigma / math.sqrt(2))
        self.assertAlmostEqual(p_hand, 0.08636, places=4)
        self.assertEqual(len(values["unsur"]), 9)
        for test in values["unsur"]:
            result = test["result"]
            self.assertTrue(result.ok)
            self.assertEqual(result.statistic, 2.0)
            self.assertAlmostEqual(result.effect_size, 0.75, places=12)
            self.assertAlmostEqual(result.pvalue, p_hand, places=9)
            # Holm over nine equal p-values: each becomes 9p
            self.assertAlmostEqual(test["p_holm"], min(1.0, 9 * p_hand), places=9)
            self.assertIn("Not significantly different", test["reading"])

        # Welch on the per-respondent IKM: t = (62.5 - 87.5)/sqrt(2·208.33/4)
        # = -2.44949, df = 6 (equal variances and sizes); p from the t distribution.
        (welch,) = values["ikm_tests"]
        t_hand = -25 / math.sqrt(2 * (625 / 3) / 4)
        self.assertAlmostEqual(welch["result"].statistic, t_hand, places=9)
        self.assertAlmostEqual(welch["result"].df, 6.0, places=9)
        p_t = 2 * sps.t.sf(abs(t_hand), 6)
        self.assertAlmostEqual(welch["result"].pvalue, p_t, places=9)
        # Cohen's d = -25 / 14.4338 = -1.7321
        self.assertAlmostEqual(welch["result"].effect_size, -25 / math.sqrt(625 / 3))
        self.assertIn("Significantly different", welch["reading"])
        self.assertIn("0,0498", welch["reading"])

    def test_three_groups(self):
        wizard = self.env["kelurahan.survey.compare.wizard"].create(
            {
                "survey_id": self.survey.id,
                "mode": "groups",
                "group_by": "quarter",
                "date_from": date(2024, 1, 1),
                "date_to": date(2024, 12, 31),
            }
        )
        values = wizard._kel_compare_values()
        self.assertEqual(
            [g["label"] for g in values["groups"]], ["Q1 2024", "Q2 2024", "Q3 2024"]
        )
        anova, kruskal = (t["result"] for t in values["ikm_tests"])
        # scores Q1 [2,2,3,3], Q2 [1,2,3], Q3 [3,3,4,4] (IKM = 25×score; F is
        # scale-free). Means 2.5, 2, 3.5; grand 30/11.
        # SSB = 4(2.5-30/11)² + 3(2-30/11)² + 4(3.5-30/11)² = 4.22727…
        # SSW = 1 + 2 + 1 = 4; F = (SSB/2)/(SSW/8)
        grand = 30 / 11
        ssb = 4 * (2.5 - grand) ** 2 + 3 * (2 - grand) ** 2 + 4 * (3.5 - grand) ** 2
        f_hand = (ssb / 2) / (4 / 8)
        self.assertAlmostEqual(anova.statistic, f_hand, places=9)
        # For df1 = 2 the F tail is closed-form: P(F > f) = (1 + 2f/df2)^(-df2/2)
        self.assertAlmostEqual(anova.pvalue, (1 + 2 * f_hand / 8) ** -4, places=9)
        self.assertAlmostEqual(anova.effect_size, ssb / (ssb + 4), places=9)
        # Kruskal–Wallis by hand. Values Q1 2,2,3,3 | Q2 1,2,3 | Q3 3,3,4,4.
        # Ranks: 1 -> 1; three 2s -> 3; five 3s -> 7; two 4s -> 10.5.
        # R(Q1) = 3+3+7+7 = 20; R(Q2) = 1+3+7 = 11; R(Q3) = 7+7+10.5+10.5 = 35.
        # H = 12/(11·12)·(20²/4 + 11²/3 + 35²/4) − 3·12, divided by the tie
        # correction 1 − Σ(t³−t)/(n³−n) = 1 − (24 + 120 + 6)/1320.
        h = 12 / 132 * (20**2 / 4 + 11**2 / 3 + 35**2 / 4) - 36
        h /= 1 - (24 + 120 + 6) / 1320
        self.assertAlmostEqual(kruskal.statistic, h, places=9)
        # chi-square with 2 df: P(X > h) = exp(-h/2)
        self.assertAlmostEqual(kruskal.pvalue, math.exp(-h / 2), places=9)
        for test in values["unsur"]:
            self.assertEqual(test["result"].test, "kruskal")
            self.assertAlmostEqual(test["result"].statistic, h, places=9)

    def test_groups_too_small(self):
        wizard = self._periods()
        wizard.after_from = date(2024, 4, 1)
        wizard.after_to = date(2024, 4, 1)  # nobody answered that day
        values = wizard._kel_compare_values()
        for test in values["unsur"]:
            self.assertFalse(test["result"].ok)
            self.assertIn("Too few data", test["reading"])
        self.assertIn("Too few data", values["ikm_tests"][0]["reading"])
        self.assertNotIn("p =", wizard.result_html)

    def test_no_period(self):
        wizard = self.env["kelurahan.survey.compare.wizard"].create(
            {"survey_id": self.survey.id, "mode": "periods"}
        )
        self.assertIn("Choose two periods", wizard.result_html)


@tagged("post_install", "-at_install")
class TestIndicatorShares(KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        speed = cls.env.ref("kelurahan_survey.indicator_kecepatan")
        friendly = cls.env.ref("kelurahan_survey.indicator_keramahan")
        cls.survey, cls.questions = cls._make_skm(
            indicators={"U3": speed.id, "U7": friendly.id}
        )
        # U3 answers 4, 3, 2, 1 -> top two (3, 4) = 2 of 4 = 50 %
        # U7 answers 4, 4, 4, 2 -> 3 of 4 = 75 %
        for u3, u7 in ((4, 4), (3, 4), (2, 4), (1, 2)):
            scores = cls._all(3)
            scores.update(U3=u3, U7=u7)
            cls._respond(cls.survey, cls.questions, scores, when=JAN)

    def test_shares(self):
        shares = self.env["survey.survey"]._kel_indicator_shares(
            date(2024, 1, 1), date(2024, 1, 31)
        )
        self.assertEqual(shares["kecepatan"], 50.0)
        self.assertEqual(shares["keramahan"], 75.0)
        self.assertIsNone(shares["sarana_teknologi"])
        self.assertEqual(
            set(shares),
            {
                "kecepatan",
                "keramahan",
                "akses_informasi",
                "sarana_teknologi",
                "responsivitas_pengaduan",
            },
        )
        empty = self.env["survey.survey"]._kel_indicator_shares(
            date(2023, 1, 1), date(2023, 1, 31)
        )
        self.assertIsNone(empty["kecepatan"])
