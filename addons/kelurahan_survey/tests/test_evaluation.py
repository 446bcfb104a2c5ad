# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The survey evaluation (per-aspect results and tests, paired tests, reliability,
themes, baselines, literacy) against SciPy and hand values, its refusals at the
ORM and over JSON-RPC."""

from datetime import date, datetime

import numpy as np
from scipy import stats as sps

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from ..tools import reliability
from .common import KelSurveyCase, KelSurveyCommon

JAN = datetime(2024, 1, 15, 3, 0)
JUL = datetime(2024, 7, 15, 3, 0)
# scores per respondent: (speed, friendliness, digital); None = not answered
BEFORE = [(2, 3, 1), (3, 3, 2), (2, 2, 2), (4, 4, 3), (3, 4, 2), (1, 2, 1)]
AFTER = [(4, 4, 3), (5, 4, 4), (4, 5, 3), (3, 3, 3), (5, 5, None), (4, 4, 4)]
ASPECTS = ("speed", "friendly", "digital")
RWS = ("RW 01", "RW 02", "RW 03")


class EvaluationCommon(KelSurveyCommon):
    @classmethod
    def _make_likert(cls, kind="likert", aspects=ASPECTS, pages=True):
        Question = cls.env["survey.question"]
        survey = cls.env["survey.survey"].create(
            {
                "title": f"{kind} test",
                "survey_type": "kelurahan",
                "kel_kind": kind,
                "access_mode": "public",
            }
        )
        questions = {}
        seq = 0
        if pages:
            Question.create(
                {"survey_id": survey.id, "title": "Layanan", "is_page": True,
                 "sequence": seq, "question_type": False}
            )  # fmt: skip
        for aspect in aspects:
            seq += 1
            if pages and aspect == "digital":
                Question.create(
                    {"survey_id": survey.id, "title": "Digital", "is_page": True,
                     "sequence": seq, "question_type": False}
                )  # fmt: skip
                seq += 1
            questions[aspect] = Question.create(
                {
                    "survey_id": survey.id,
                    "title": f"Question {aspect}",
                    "sequence": seq,
                    "question_type": "simple_choice",
                    "kel_aspect": aspect,
                    "suggested_answer_ids": [
                        Command.create({"value": f"{aspect} {s}", "kel_score": s})
                        for s in (1, 2, 3, 4, 5)
                    ],
                }
            )
        for profile, options in (("rw", RWS), ("age", ("< 40", "40+")),
                                 ("sex", ("L", "P"))):  # fmt: skip
            seq += 1
            questions[profile] = Question.create(
                {
                    "survey_id": survey.id,
                    "title": profile,
                    "sequence": 100 + seq,
                    "question_type": "simple_choice",
                    "kel_profile": profile,
                    "suggested_answer_ids": [
                        Command.create({"value": v}) for v in options
                    ],
                }
            )
        return survey, questions

    @classmethod
    def _answer(cls, survey, questions, scores, when, partner=None, **profile):
        values = {a: s for a, s in zip(ASPECTS, scores, strict=False) if s is not None}
        user_input = cls._respond(survey, questions, values, when=when, partner=partner)
        lines = []
        for kind, label in profile.items():
            question = questions[kind]
            lines.append(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": question.suggested_answer_ids.filtered(
                        lambda a, v=label: a.value == v
                    ).id,
                }
            )
        cls.env["survey.user_input.line"].create(lines)
        return user_input


@tagged("post_install", "-at_install")
class TestSurveyEvaluation(EvaluationCommon, KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_likert()
        cls.panel = cls.env["res.partner"].create(
            [{"name": f"Panel {i}"} for i in range(4)]
        )
        for i, scores in enumerate(BEFORE):
            partner = cls.panel[i] if i < 4 else None
            cls._answer(cls.survey, cls.questions, scores, JAN, partner,
                        rw=RWS[i % 3])  # fmt: skip
        for i, scores in enumerate(AFTER):
            partner = cls.panel[i] if i < 4 else None
            cls._answer(cls.survey, cls.questions, scores, JUL, partner,
                        rw=RWS[i % 3])  # fmt: skip

    def _wizard(self, **values):
        return self.env["kelurahan.survey.evaluation.wizard"].create(
            {
                "survey_id": self.survey.id,
                "mode": "periods",
                "before_from": date(2024, 1, 1),
                "before_to": date(2024, 1, 31),
                "after_from": date(2024, 7, 1),
                "after_to": date(2024, 7, 31),
                **values,
            }
        )

    @staticmethod
    def _column(rows, index):
        return [row[index] for row in rows if row[index] is not None]

    def test_aspects_against_scipy(self):
        values = self._wizard()._kel_evaluation_values()
        self.assertEqual(values["groups"], ["Before", "After"])
        self.assertEqual(
            [s["title"] for s in values["sections"]], ["Layanan", "Digital"]
        )
        rows = {row["aspect"]: row for s in values["sections"] for row in s["rows"]}
        for index, aspect in enumerate(ASPECTS):
            before = self._column(BEFORE, index)
            after = self._column(AFTER, index)
            row = rows[aspect]
            desc_b, desc_a = row["descs"]
            self.assertEqual(
                (desc_b["count"], desc_a["count"]), (len(before), len(after))
            )
            self.assertAlmostEqual(desc_a["mean"], np.mean(after), places=12)
            self.assertAlmostEqual(desc_a["std"], np.std(after, ddof=1), places=12)
            self.assertAlmostEqual(desc_b["median"], np.median(before), places=12)
            # % agree on 1–5 = share of 4 and 5
            agree = 100 * sum(v >= 4 for v in after) / len(after)
            self.assertAlmostEqual(desc_a["agree"], agree, places=12)
            welch, mwu = row["results"]
            ref_t = sps.ttest_ind(before, after, equal_var=False)
            ref_u = sps.mannwhitneyu(before, after, alternative="two-sided")
            self.assertAlmostEqual(welch.statistic, ref_t.statistic, places=12)
            self.assertAlmostEqual(welch.pvalue, ref_t.pvalue, places=12)
            self.assertAlmostEqual(mwu.statistic, ref_u.statistic, places=12)
            self.assertAlmostEqual(mwu.pvalue, ref_u.pvalue, places=12)
        # Holm within the family "Layanan × Jan/Jul": speed and friendliness only
        layanan = values["sections"][0]["rows"]
        raw = [row["results"][0].pvalue for row in layanan]
        low, high = sorted(raw)
        expected = {low: min(1, 2 * low), high: max(min(1, 2 * low), high)}
        for row, p in zip(layanan, raw, strict=True):
            self.assertAlmostEqual(row["p_holm"][0], expected[p], places=12)
        # the one-aspect family "Digital" is not corrected
        digital = values["sections"][1]["rows"][0]
        self.assertAlmostEqual(
            digital["p_holm"][0], digital["results"][0].pvalue, places=12
        )
        self.assertIn("Holm-corrected", digital["sentence"])
        self.assertIn("Welch t-test", digital["sentence"])

    def test_paired_against_scipy(self):
        values = self._wizard()._kel_evaluation_values()
        rows = {row["aspect"]: row for s in values["paired"] for row in s["rows"]}
        before = [s[0] for s in BEFORE[:4]]
        after = [s[0] for s in AFTER[:4]]
        paired_t, wilcoxon = rows["speed"]["results"]
        # pairs are counted in SQL without identities: compare as multisets
        ref = sps.ttest_rel(before, after)
        self.assertAlmostEqual(paired_t.statistic, ref.statistic, places=12)
        self.assertAlmostEqual(paired_t.pvalue, ref.pvalue, places=12)
        ref_w = sps.wilcoxon(before, after, zero_method="wilcox")
        self.assertAlmostEqual(wilcoxon.pvalue, ref_w.pvalue, places=12)
        # digital: panel 0..3 answered it both times (1→3, 2→4, 2→3, 3→3)
        digital_t = rows["digital"]["results"][0]
        ref_d = sps.ttest_rel([1, 2, 2, 3], [3, 4, 3, 3])
        self.assertAlmostEqual(digital_t.pvalue, ref_d.pvalue, places=12)

    def test_groups_by_rw(self):
        wizard = self._wizard(
            mode="groups",
            group_by="rw",
            date_from=date(2024, 1, 1),
            date_to=date(2024, 12, 31),
        )
        values = wizard._kel_evaluation_values()
        self.assertEqual(values["groups"], list(RWS))
        speed = values["sections"][0]["rows"][0]
        samples = [
            [scores[0] for i, scores in enumerate(BEFORE + AFTER) if i % 6 % 3 == g]
            for g in range(3)
        ]
        anova, kruskal = speed["results"]
        ref_f = sps.f_oneway(*samples)
        ref_h = sps.kruskal(*samples)
        self.assertAlmostEqual(anova.statistic, ref_f.statistic, places=12)
        self.assertAlmostEqual(anova.pvalue, ref_f.pvalue, places=12)
        self.assertAlmostEqual(kruskal.statistic, ref_h.statistic, places=12)
        self.assertAlmostEqual(kruskal.pvalue, ref_h.pvalue, places=12)
        self.assertIn("One-way ANOVA", wizard.result_html)

    def test_reliability_from_sql(self):
        values = self._wizard()._kel_evaluation_values()
        whole = values["reliability"][0]
        self.assertEqual(whole["title"], "Whole questionnaire")
        # July, complete answers only: the respondent without 'digital' drops out
        complete = [s for s in AFTER if None not in s]
        ref = reliability.cronbach(complete)
        self.assertEqual(whole["n"], 5)
        self.assertAlmostEqual(whole["alpha"], ref["alpha"], places=12)
        k = 3
        item_var = np.var(complete, axis=0, ddof=1).sum()
        total_var = np.var(np.sum(complete, axis=1), ddof=1)
        self.assertAlmostEqual(
            whole["alpha"], k / (k - 1) * (1 - item_var / total_var), places=12
        )
        self.assertIn("Cronbach's alpha", whole["sentence"])
        digital_only = values["reliability"][2]
        self.assertIsNone(digital_only["alpha"])
        self.assertIn("two scaled questions", digital_only["sentence"])

    def test_not_enough_data(self):
        wizard = self._wizard(after_from=date(2024, 3, 1), after_to=date(2024, 3, 2))
        values = wizard._kel_evaluation_values()
        for section in values["sections"]:
            for row in section["rows"]:
                self.assertIn("not enough data", row["sentence"])
        self.assertEqual(values["paired"], [])
        self.assertIn("Too few complete answers", values["reliability"][0]["sentence"])
        self.assertNotIn("p =", wizard.result_html)
        empty = self.env["kelurahan.survey.evaluation.wizard"].create(
            {"survey_id": self.survey.id, "mode": "groups", "group_by": "sex",
             "date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)}
        )  # fmt: skip
        self.assertIn("Choose two periods", empty.result_html)

    def test_zero_variance(self):
        flat, questions = self._make_likert(aspects=("speed",), pages=False)
        for when in (JAN, JUL):
            for _i in range(4):
                self._answer(flat, questions, (4,), when)
        values = self._wizard(survey_id=flat.id)._kel_evaluation_values()
        row = values["sections"][0]["rows"][0]
        self.assertFalse(row["results"][0].ok)
        self.assertIn("All values are equal", row["sentence"])

    def test_themes_and_baselines(self):
        question = self.env["survey.question"].create(
            {"survey_id": self.survey.id, "title": "Kendala", "sequence": 300,
             "question_type": "text_box"}
        )  # fmt: skip
        wait = self.env["kelurahan.survey.theme"].create({"name": "Antre lama"})
        online = self.env["kelurahan.survey.theme"].create({"name": "Praktis daring"})
        inputs = self.survey.user_input_ids.sorted("id")
        for user_input, theme in (
            (inputs[0], wait), (inputs[1], wait), (inputs[2], online),
            (inputs[6], online), (inputs[7], online), (inputs[8], wait),
        ):  # fmt: skip
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "text_box",
                    "value_text_box": "…",
                    "kel_theme_ids": [Command.set(theme.ids)],
                }
            )
        speed = self.env.ref("kelurahan_survey.indicator_kecepatan")
        self.questions["speed"].kel_indicator_id = speed
        Baseline = self.env["kelurahan.survey.indicator.baseline"]
        Baseline.search([]).unlink()  # the demo's, if any
        Baseline.create(
            {"indicator_id": speed.id, "value": 40.0, "year": 2023,
             "source": "Studi 2023"}
        )  # fmt: skip
        values = self._wizard()._kel_evaluation_values()
        self.assertEqual(values["themes"]["columns"], ["Before", "After"])
        self.assertEqual(
            dict(values["themes"]["rows"]),
            {"Antre lama": [2, 1], "Praktis daring": [1, 2]},
        )
        (row,) = values["indicators"]
        # July speed answers 4,5,4,3,5,4: five of six in the two best = 83.33 %
        self.assertEqual(row["current"], 83.33)
        self.assertAlmostEqual(row["change"], 43.33, places=9)
        self.assertEqual((row["baseline"], row["year"]), (40.0, 2023))
        html = self._wizard().result_html
        self.assertIn("Studi 2023", html)
        self.assertIn("Antre lama", html)


@tagged("post_install", "-at_install")
class TestLiteracyEvaluation(EvaluationCommon, KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_likert("literacy", pages=False)
        # (scores, rw, age, sex): mean score below 3 = needs assisted channels
        cls.rows = [
            ((1, 2, 2), "RW 03", "40+", "P"),
            ((2, 2, 3), "RW 03", "40+", "L"),
            ((4, 4, 5), "RW 03", "< 40", "P"),
            ((3, 3, 3), "RW 01", "< 40", "L"),
            ((5, 4, 4), "RW 01", "< 40", "P"),
            ((4, 5, 5), "RW 01", "< 40", "L"),
            ((2, 1, None), "RW 02", "40+", "P"),
        ]
        for scores, rw, age, sex in cls.rows:
            cls._answer(cls.survey, cls.questions, scores, JUL, rw=rw, age=age, sex=sex)

    def test_literacy(self):
        wizard = self.env["kelurahan.survey.evaluation.wizard"].create(
            {
                "survey_id": self.survey.id,
                "mode": "groups",
                "group_by": "rw",
                "date_from": date(2024, 7, 1),
                "date_to": date(2024, 7, 31),
            }
        )
        literacy = wizard._kel_evaluation_values()["literacy"]
        means = [np.mean([s for s in r[0] if s is not None]) for r in self.rows]
        self.assertEqual(literacy["n"], 7)
        self.assertAlmostEqual(literacy["mean"], np.mean(means), places=12)
        # below 3: 5/3, 7/3 and 1.5 -> 3 of 7
        self.assertEqual(literacy["assisted"], 3)
        self.assertEqual([band[1] for band in literacy["distribution"]], [2, 1, 1, 3])
        rw = {row["label"]: row for row in literacy["breakdowns"][0]["rows"]}
        self.assertAlmostEqual(rw["RW 03"]["share"], 200 / 3, places=9)
        self.assertAlmostEqual(rw["RW 01"]["sd"], np.std(means[3:6], ddof=1), places=12)
        age = {row["label"]: row for row in literacy["breakdowns"][1]["rows"]}
        self.assertEqual(age["40+"]["share"], 100.0)
        # RW 02 has one respondent only: not enough to decide on staffing
        self.assertEqual([r["label"] for r in literacy["staff_rws"]], ["RW 03"])
        self.assertIn("RW 03", literacy["sentence"])
        self.assertIn("3 of 7", literacy["sentence"])
        # a survey without pages: one block, the six complete answers
        (block,) = wizard._kel_evaluation_values()["reliability"]
        complete = [r[0] for r in self.rows if None not in r[0]]
        ref = reliability.cronbach(complete)
        self.assertEqual(block["n"], 6)
        self.assertAlmostEqual(block["alpha"], ref["alpha"], places=12)
        wizard.write({"date_from": date(2023, 1, 1), "date_to": date(2023, 1, 2)})
        literacy = wizard._kel_evaluation_values()["literacy"]
        self.assertIn("Not enough data", literacy["sentence"])


@tagged("post_install", "-at_install")
class TestEvaluationAccess(EvaluationCommon, KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_likert()
        cls.secret = cls.env["res.partner"].create({"name": "Siti Rahasia"})
        for when, rows in ((JAN, BEFORE), (JUL, AFTER)):
            for scores in rows:
                cls._answer(cls.survey, cls.questions, scores, when, cls.secret)
        cls.officer = new_test_user(
            cls.env, "t_eval_officer", "kelurahan_crm.group_kelurahan_officer"
        )
        cls.rw = new_test_user(cls.env, "t_eval_rw", "kelurahan_crm.group_kelurahan_rw")
        cls.portal = new_test_user(cls.env, "t_eval_portal", "base.group_portal")

    def test_officer_reads_aggregates_only(self):
        wizard = (
            self.env["kelurahan.survey.evaluation.wizard"]
            .with_user(self.officer)
            .create({"survey_id": self.survey.id, "before_from": date(2024, 1, 1),
                     "before_to": date(2024, 1, 31), "after_from": date(2024, 7, 1),
                     "after_to": date(2024, 7, 31)})
        )  # fmt: skip
        self.assertIn("Cronbach", wizard.result_html)
        self.assertNotIn("Siti", wizard.result_html)
        menu = self.env.ref("kelurahan_survey.kelurahan_survey_evaluation_menu")
        visible = self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids()
        self.assertIn(menu.id, visible)

    def test_refused(self):
        for user in (self.rw, self.portal):
            Wizard = self.env["kelurahan.survey.evaluation.wizard"].with_user(user)
            with self.assertRaises(AccessError):
                Wizard.create({"survey_id": self.survey.id})
            with self.assertRaises(AccessError):
                self.env["kelurahan.survey.indicator.baseline"].with_user(user).search(
                    []
                )
            with self.assertRaises(AccessError):
                self.env["kelurahan.survey.theme"].with_user(user).search([])
        menu = self.env.ref("kelurahan_survey.kelurahan_survey_evaluation_menu")
        visible = self.env["ir.ui.menu"].with_user(self.rw)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        # officers read themes but tag nothing: answers stay with survey managers
        with self.assertRaises(AccessError):
            self.env["kelurahan.survey.theme"].with_user(self.officer).create(
                {"name": "Baru"}
            )
        with self.assertRaises(AccessError):
            self.env["kelurahan.survey.indicator.baseline"].with_user(
                self.officer
            ).create({"indicator_id": self.env.ref(
                "kelurahan_survey.indicator_kecepatan").id, "value": 1,
                "year": 2023, "source": "x"})  # fmt: skip


@tagged("post_install", "-at_install")
class TestEvaluationRpc(EvaluationCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_likert()
        new_test_user(
            cls.env, "t_rpc_portal", "base.group_portal", password="t_rpc_portal1"
        )
        new_test_user(
            cls.env,
            "t_rpc_rw",
            "kelurahan_crm.group_kelurahan_rw",
            password="t_rpc_rw1",
        )
        new_test_user(
            cls.env,
            "t_rpc_officer",
            "kelurahan_crm.group_kelurahan_officer",
            password="t_rpc_officer1",
        )

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_rpc_refused_then_allowed(self):
        model = "kelurahan.survey.evaluation.wizard"
        for login in ("t_rpc_portal", "t_rpc_rw"):
            self.authenticate(login, f"{login}1")
            with self.assertRaises(JsonRpcException) as caught:
                self._call(model, "create", [{"survey_id": self.survey.id}])
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
            with self.assertRaises(JsonRpcException) as caught:
                self._call("kelurahan.survey.indicator.baseline", "search_read", [[]])
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        self.authenticate("t_rpc_officer", "t_rpc_officer1")
        wizard_id = self._call(model, "create", [{"survey_id": self.survey.id}])
        (record,) = self._call(model, "read", [[wizard_id], ["result_html"]])
        self.assertIn("Instrument quality", record["result_html"])
