# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestEvaluationDemo(TransactionCase):
    """The demo data make every part of the evaluation say something."""

    def test_demo_evaluation_is_meaningful(self):
        Wizard = self.env["kelurahan.survey.evaluation.wizard"]
        likert = self.env.ref("kelurahan_survey.survey_likert")
        values = Wizard.create(
            {
                "survey_id": likert.id,
                "before_from": date(2025, 12, 1),
                "before_to": date(2026, 5, 31),
                "after_from": date(2026, 6, 1),
                "after_to": date(2026, 11, 30),
            }
        )._kel_evaluation_values()
        rows = {r["aspect"]: r for s in values["sections"] for r in s["rows"]}
        self.assertTrue(rows["kecepatan"]["results"][0].significant())
        self.assertTrue(values["paired"])
        self.assertGreaterEqual(values["reliability"][0]["alpha"], 0.7)
        self.assertGreaterEqual(len(values["themes"]["rows"]), 4)
        self.assertEqual(len(values["indicators"]), 5)
        self.assertTrue(all(row["change"] > 0 for row in values["indicators"]))
        literacy = Wizard.create(
            {
                "survey_id": self.env.ref("kelurahan_survey.survey_literacy").id,
                "mode": "groups",
                "group_by": "rw",
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 11, 30),
            }
        )._kel_evaluation_values()["literacy"]
        staff = {row["label"] for row in literacy["staff_rws"]}
        self.assertTrue({"RW 03", "RW 07"} <= staff, staff)
        self.assertLess(len(staff), 10)
