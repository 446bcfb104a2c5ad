# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import ikm
from .common import KelSurveyCase

# Scenario A, hand-computed (R4 skipped U1; R5-R7 must not count):
#        U1 U2 U3 U4 U5 U6 U7 U8 U9
#   R1    4  4  3  4  3  3  4  2  3
#   R2    3  3  3  4  3  3  3  2  3
#   R3    2  3  4  4  2  3  3  1  2
#   R4    -  3  2  4  3  4  3  3  2
# NRR: U1 9/3=3.00, U2 13/4=3.25, U3 12/4=3.00, U4 16/4=4.00, U5 11/4=2.75,
#      U6 13/4=3.25, U7 13/4=3.25, U8 8/4=2.00, U9 10/4=2.50; sum 27.00
# IKM = 27/9 = 3.0000, converted 75.00, category C (Kurang Baik).
ROWS_A = [
    (4, 4, 3, 4, 3, 3, 4, 2, 3),
    (3, 3, 3, 4, 3, 3, 3, 2, 3),
    (2, 3, 4, 4, 2, 3, 3, 1, 2),
    (None, 3, 2, 4, 3, 4, 3, 3, 2),
]
NRR_A = {
    "U1": 3.0,
    "U2": 3.25,
    "U3": 3.0,
    "U4": 4.0,
    "U5": 2.75,
    "U6": 3.25,
    "U7": 3.25,
    "U8": 2.0,
    "U9": 2.5,
}


def row_scores(row):
    return {f"U{i + 1}": s for i, s in enumerate(row) if s is not None}


@tagged("post_install", "-at_install")
class TestIkmArithmetic(KelSurveyCase):
    def test_category_bounds(self):
        expected = {
            100.0: "A",
            88.31: "A",
            88.30: "B",
            76.61: "B",
            76.60: "C",
            65.00: "C",
            64.99: "D",
            25.00: "D",
        }
        for value, letter in expected.items():
            self.assertEqual(ikm.category(value)[0], letter, value)
        self.assertEqual(ikm.category(24.99), (None, None))
        self.assertEqual(ikm.category(100.01), (None, None))
        self.assertEqual(str(ikm.category(88.31)[1]), "Very good")
        self.assertEqual(str(ikm.category(64.99)[1]), "Not good")

    def test_sample_size_krejcie_morgan(self):
        # s = 3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25), rounded to the nearest:
        # N=1000: 960.25 / 3.45775 = 277.71 -> 278 (table 278)
        # N=10000: 9602.5 / 25.95775 = 369.93 -> 370 (table 370)
        # N=100: 96.025 / 1.20775 = 79.51 -> 80 (table 80)
        # N=50: 48.0125 / 1.08275 = 44.34 -> 44 (table 44: nearest, not up)
        # N=1,000,000: -> 384 (table 384)
        self.assertEqual(ikm.sample_size(1000), 278)
        self.assertEqual(ikm.sample_size(10000), 370)
        self.assertEqual(ikm.sample_size(100), 80)
        self.assertEqual(ikm.sample_size(50), 44)
        self.assertEqual(ikm.sample_size(1000000), 384)
        self.assertEqual(ikm.sample_size(0), 0)
        self.assertEqual(ikm.sample_size(None), 0)

    def test_round_only_final(self):
        # NRR U1 = 11/3, others 10/3: IKM = (11/3 + 80/3)/9 = 91/27 = 3.370370…
        # converted = 84.259… -> 84.26. Rounding NRR first (3.67, 3.33) would give
        # 84.19; a weight of 0.111 would give 84.18.
        nrr = {f"U{i}": ikm.nrr(10, 3) for i in range(2, 10)}
        nrr["U1"] = ikm.nrr(11, 3)
        value = ikm.ikm(nrr)
        self.assertAlmostEqual(float(value), 91 / 27, places=12)
        self.assertEqual(ikm.converted(value), 84.26)
        del nrr["U9"]
        self.assertIsNone(ikm.ikm(nrr))


@tagged("post_install", "-at_install")
class TestIkmSql(KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_skm()
        for row in ROWS_A:
            cls._respond(cls.survey, cls.questions, row_scores(row), service="SKTM")
        # excluded: unfinished, test entry, and outside the period
        cls._respond(cls.survey, cls.questions, cls._all(1), state="in_progress")
        cls._respond(cls.survey, cls.questions, cls._all(1), test_entry=True)
        cls._respond(cls.survey, cls.questions, cls._all(1), when=datetime(2024, 5, 2))

    def test_ikm_hand_computed(self):
        res = self.survey._kel_ikm(date(2024, 3, 1), date(2024, 3, 31))[None]
        self.assertEqual(res["respondents"], 4)
        for code, value in NRR_A.items():
            self.assertAlmostEqual(res["unsur"][code]["nrr"], value, places=12)
        self.assertEqual(res["unsur"]["U1"]["count"], 3)
        self.assertAlmostEqual(res["ikm"], 3.0, places=12)
        self.assertEqual(res["converted"], 75.0)
        self.assertEqual(res["category"], "C")

    def test_period_and_groups(self):
        by_month = self.survey._kel_ikm(
            date(2024, 1, 1), date(2024, 12, 31), group="month"
        )
        self.assertEqual(set(by_month), {"2024-03", "2024-05"})
        self.assertEqual(by_month["2024-05"]["converted"], 25.0)
        self.assertEqual(by_month["2024-05"]["category"], "D")
        self.assertEqual(by_month["2024-03"]["converted"], 75.0)
        service = self.questions["service"].suggested_answer_ids.filtered(
            lambda a: a.value == "SKTM"
        )
        by_service = self.survey._kel_ikm(
            date(2024, 1, 1), date(2024, 12, 31), service_ids=service.ids
        )[None]
        self.assertEqual(by_service["respondents"], 4)
        self.assertEqual(by_service["converted"], 75.0)

    def test_empty_period(self):
        res = self.survey._kel_ikm(date(2023, 1, 1), date(2023, 1, 31))[None]
        self.assertEqual(res["respondents"], 0)
        self.assertIsNone(res["ikm"])
        self.assertIsNone(res["category"])
        wizard = self.env["kelurahan.survey.ikm.wizard"].create(
            {
                "survey_id": self.survey.id,
                "period_type": "month",
                "period_date": date(2023, 1, 10),
            }
        )
        self.assertIn("No completed responses", wizard.warning)
        self.assertIn("No completed responses", wizard.result_html)

    def test_wizard_periods_and_sample_warning(self):
        wizard = self.env["kelurahan.survey.ikm.wizard"].create(
            {
                "survey_id": self.survey.id,
                "period_type": "quarter",
                "period_date": date(2024, 2, 10),
            }
        )
        self.assertEqual(wizard.date_from, date(2024, 1, 1))
        self.assertEqual(wizard.date_to, date(2024, 3, 31))
        self.assertEqual(wizard.respondents, 4)
        self.assertEqual(wizard.ikm_converted, 75.0)
        # population 1000/yr over 91 days -> 249; minimum sample by hand:
        # 3.841·249·0.25 / (0.0025·248 + 0.96025) = 239.10 / 1.58025 = 151.3 -> 151
        self.assertEqual(wizard.population, 249)
        self.assertEqual(wizard.sample_required, 151)
        self.assertAlmostEqual(wizard.sample_exact, 151.31, places=2)
        self.assertIn("Krejcie", wizard.warning)
        values = wizard._kel_report_values()
        priorities = [row["code"] for row in values["priorities"]]
        self.assertEqual(priorities, ["U8", "U9", "U5"])
        semester = self.env["kelurahan.survey.ikm.wizard"].create(
            {
                "survey_id": self.survey.id,
                "period_type": "semester",
                "period_date": date(2024, 2, 10),
            }
        )
        self.assertEqual(
            (semester.date_from, semester.date_to),
            (date(2024, 1, 1), date(2024, 6, 30)),
        )

    def test_survey_missing_unsur(self):
        survey, _questions = self._make_skm("Incomplete", codes=("U1", "U2", "U3"))
        self.assertIn("U4", survey.kel_missing_unsur)
        with self.assertRaisesRegex(UserError, "U4, U5, U6, U7, U8, U9"):
            survey._kel_ikm()
        wizard = self.env["kelurahan.survey.ikm.wizard"].create(
            {"survey_id": survey.id}
        )
        self.assertIn("lacks the elements", wizard.warning)

    def test_scale_out_of_range_refused(self):
        with self.assertRaises(ValidationError):
            self.questions["U1"].suggested_answer_ids[0].kel_score = 5
        with self.assertRaises(ValidationError):
            self.questions["U2"].suggested_answer_ids[0].kel_score = 0

    @mute_logger("odoo.sql_db")
    def test_unsur_unique_per_survey(self):
        with self.assertRaises(psycopg2.IntegrityError):
            self.env["survey.question"].create(
                {"survey_id": self.survey.id, "title": "Again U1", "kel_unsur": "U1"}
            )

    def test_shipped_template_is_complete(self):
        skm = self.env.ref("kelurahan_survey.survey_skm")
        self.assertFalse(skm.kel_missing_unsur)
        questions = skm.question_ids.filtered("kel_unsur")
        self.assertEqual(len(questions), 9)
        for question in questions:
            self.assertEqual(
                question.suggested_answer_ids.mapped("kel_score"), [1, 2, 3, 4]
            )
        cost = questions.filtered(lambda q: q.kel_unsur == "U4")
        self.assertEqual(
            cost.suggested_answer_ids.mapped("value"),
            ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
        )
        profiles = set(skm.question_ids.mapped("kel_profile")) - {False}
        self.assertEqual(profiles, {"age", "sex", "education", "occupation", "service"})
        self.assertEqual(
            self.env.ref("kelurahan_survey.survey_likert").kel_kind, "likert"
        )
        self.assertEqual(
            self.env.ref("kelurahan_survey.survey_literacy").kel_kind, "literacy"
        )


@tagged("post_install", "-at_install")
class TestIkmOfficeDays(KelSurveyCase):
    """The IKM of a period counts the office's days (its calendar's time zone), not
    those of whoever reads it."""

    def test_response_at_midnight_in_wita(self):
        survey, questions = self._make_skm(title="SKM WITA")
        # 31 March 2024 16:30 UTC: still March in Jakarta, April in Makassar.
        self._respond(
            survey, questions, self._all(4), when=datetime(2024, 3, 31, 16, 30)
        )
        company = self.env.company
        self.env.user.tz = "Europe/Brussels"
        march = (date(2024, 3, 1), date(2024, 3, 31))
        april = (date(2024, 4, 1), date(2024, 4, 30))
        self.assertEqual(survey._kel_ikm(*march)[None]["respondents"], 1)
        self.assertEqual(survey._kel_ikm(*april)[None]["respondents"], 0)
        company.kel_calendar_id = self.env["resource.calendar"].create(
            {"name": "Jam kerja WITA", "tz": "Asia/Makassar"}
        )
        self.assertEqual(survey._kel_ikm(*march)[None]["respondents"], 0)
        self.assertEqual(survey._kel_ikm(*april)[None]["respondents"], 1)
