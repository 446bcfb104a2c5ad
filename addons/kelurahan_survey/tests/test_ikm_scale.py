# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime

from scipy import stats as sps

from odoo.tests import tagged

from .common import KelSurveyCase

MARCH = (date(2024, 3, 1), date(2024, 3, 31))
APRIL = (date(2024, 4, 1), date(2024, 4, 30))
FEBRUARY = (date(2024, 2, 1), date(2024, 2, 29))


@tagged("post_install", "-at_install")
class TestIkmPeriodRange(KelSurveyCase):
    """The IKM's period is a range on the stored UTC completion time, its bounds
    computed from the office's days (WIB here): the same responses as converting
    every row to local time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_skm(title="SKM WIB")
        # 31 March 23:30 WIB (16:30 UTC): still March at the office
        cls.late = cls._respond(
            cls.survey, cls.questions, cls._all(4), when=datetime(2024, 3, 31, 16, 30)
        )
        # 1 March 00:00 WIB (29 February 17:00 UTC): already March
        cls.early = cls._respond(
            cls.survey, cls.questions, cls._all(2), when=datetime(2024, 2, 29, 17, 0)
        )
        # 29 February 23:59 WIB: February
        cls._respond(
            cls.survey, cls.questions, cls._all(1), when=datetime(2024, 2, 29, 16, 59)
        )

    def test_midnight_in_wib(self):
        self.env.user.tz = "America/New_York"  # the reader's zone does not matter
        march = self.survey._kel_ikm(*MARCH)[None]
        self.assertEqual(march["respondents"], 2)
        # U1 answers 4 and 2: NRR 3, IKM 3, converted 75
        self.assertEqual(march["unsur"]["U1"], {"count": 2, "total": 6, "nrr": 3.0})
        self.assertEqual(march["converted"], 75.0)
        self.assertEqual(self.survey._kel_ikm(*APRIL)[None]["respondents"], 0)
        february = self.survey._kel_ikm(*FEBRUARY)[None]
        self.assertEqual(february["respondents"], 1)
        self.assertEqual(february["converted"], 25.0)
        by_month = self.survey._kel_ikm(
            date(2024, 2, 1), date(2024, 4, 30), group="month"
        )
        self.assertEqual(
            {key: res["respondents"] for key, res in by_month.items()},
            {"2024-02": 1, "2024-03": 2},
        )

    def test_filter_is_a_range_on_the_stored_time(self):
        where = self.survey._kel_period_sql(*MARCH)
        self.assertIn("ui.end_datetime >= %s", where.code)
        self.assertIn("ui.end_datetime < %s", where.code)
        self.assertNotIn("AT TIME ZONE", where.code)
        self.assertEqual(
            where.params, [datetime(2024, 2, 29, 17, 0), datetime(2024, 3, 31, 17, 0)]
        )

    def test_stored_scores_follow_the_answers(self):
        self.assertEqual([self.late[f"kel_u{i}"] for i in range(1, 10)], [4] * 9)
        line = self.late.user_input_line_ids.filtered(
            lambda line: line.question_id.kel_unsur == "U1"
        )
        line.suggested_answer_id = self.questions["U1"].suggested_answer_ids.filtered(
            lambda a: a.kel_score == 1
        )
        self.assertEqual(self.late.kel_u1, 1)
        march = self.survey._kel_ikm(*MARCH)[None]
        self.assertEqual(march["unsur"]["U1"], {"count": 2, "total": 3, "nrr": 1.5})
        line.write(
            {"skipped": True, "answer_type": False, "suggested_answer_id": False}
        )
        self.assertEqual(self.late.kel_u1, 0)
        march = self.survey._kel_ikm(*MARCH)[None]
        self.assertEqual(march["unsur"]["U1"], {"count": 1, "total": 2, "nrr": 2.0})
        self.assertEqual(march["respondents"], 2)
        # a response left with no valid answer is no respondent
        self.early.user_input_line_ids.write(
            {"skipped": True, "answer_type": False, "suggested_answer_id": False}
        )
        self.assertEqual(self.survey._kel_ikm(*MARCH)[None]["respondents"], 1)


@tagged("post_install", "-at_install")
class TestCompareScores(KelSurveyCase):
    """Per-respondent scores of the comparison on a small known set where the
    respondents answer different numbers of unsur."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_skm(title="SKM compare")
        sept, octo = datetime(2024, 9, 10, 3, 0), datetime(2024, 10, 10, 3, 0)
        r1 = cls._all(4)
        del r1["U9"]  # 32 / 8 -> IKM 100
        r3 = {"U1": 1, "U2": 3}  # 4 / 2 -> 50
        for scores in (r1, cls._all(2), r3):
            cls._respond(cls.survey, cls.questions, scores, when=sept)
        # after: 75, 100 (U1 only), 100
        for scores in (cls._all(3), {"U1": 4}, cls._all(4)):
            cls._respond(cls.survey, cls.questions, scores, when=octo)

    def test_scores(self):
        wizard = self.env["kelurahan.survey.compare.wizard"].create(
            {
                "survey_id": self.survey.id,
                "mode": "periods",
                "before_from": date(2024, 9, 1),
                "before_to": date(2024, 9, 30),
                "after_from": date(2024, 10, 1),
                "after_to": date(2024, 10, 31),
            }
        )
        counts = self.survey._kel_score_counts(date(2024, 9, 1), date(2024, 9, 30))
        self.assertEqual(
            counts[None]["respondents"], {(32, 8): 1, (18, 9): 1, (4, 2): 1}
        )
        self.assertEqual(counts[None]["unsur"]["U1"], {4: 1, 2: 1, 1: 1})
        self.assertEqual(counts[None]["unsur"]["U9"], {2: 1})
        values = wizard._kel_compare_values()
        before, after = values["groups"]
        self.assertEqual(before["count"], 3)
        self.assertAlmostEqual(before["mean"], 200 / 3, places=9)
        self.assertEqual(
            (before["median"], before["min"], before["max"]), (50, 50, 100)
        )
        self.assertEqual(after["count"], 3)
        self.assertAlmostEqual(after["mean"], 275 / 3, places=9)
        self.assertEqual(after["median"], 100)
        tests = {test["code"]: test for test in values["unsur"]}
        # U1: before [4, 2, 1], after [3, 4, 4]
        expected = sps.mannwhitneyu([4, 2, 1], [3, 4, 4], alternative="two-sided")
        self.assertEqual(tests["U1"]["result"].statistic, expected.statistic)
        self.assertAlmostEqual(tests["U1"]["result"].pvalue, expected.pvalue, places=12)
        self.assertEqual([d["count"] for d in tests["U1"]["descs"]], [3, 3])
        # U9: before [2], after [3, 4]: too few for a test
        self.assertEqual([d["count"] for d in tests["U9"]["descs"]], [1, 2])
        self.assertFalse(tests["U9"]["result"].ok)
        # Welch on [100, 50, 50] vs [75, 100, 100]
        welch = values["ikm_tests"][0]["result"]
        expected = sps.ttest_ind([100, 50, 50], [75, 100, 100], equal_var=False)
        self.assertAlmostEqual(welch.statistic, expected.statistic, places=9)
        self.assertAlmostEqual(welch.pvalue, expected.pvalue, places=9)
        self.assertTrue(math.isfinite(welch.effect_size))
