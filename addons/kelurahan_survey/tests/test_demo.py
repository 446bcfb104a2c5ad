# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_year_of_responses_improves_after_go_live(self):
        survey = self.env.ref("kelurahan_survey.survey_skm")
        if not survey.kel_go_live_date:
            self.fail("The demo year of SKM responses is missing (install with demo).")
        year = survey._kel_ikm(date(2025, 12, 1), date(2026, 11, 30))[None]
        self.assertGreater(year["respondents"], 300)
        before = survey._kel_ikm(date(2025, 12, 1), date(2026, 5, 31))[None]
        after = survey._kel_ikm(date(2026, 6, 1), date(2026, 11, 30))[None]
        self.assertGreater(after["converted"], before["converted"] + 5)
        wizard = self.env["kelurahan.survey.compare.wizard"].create(
            {"survey_id": survey.id}
        )
        self.assertEqual(wizard.after_from, date(2026, 6, 1))
        values = wizard._kel_compare_values()
        self.assertTrue(values["ikm_tests"][0]["result"].significant())
        by_service = survey._kel_ikm(
            date(2025, 12, 1), date(2026, 11, 30), group="service"
        )
        self.assertGreaterEqual(len(by_service), 5)

    def test_no_odoo_demo_surveys(self):
        """Odoo's English demo surveys (Burger Quiz…) are deleted from a kelurahan
        demo database."""
        for xmlid in (
            "survey.survey_feedback",
            "survey.vendor_certification",
            "survey.survey_demo_burger_quiz",
            "survey.survey_demo_food_preferences",
            "survey.survey_demo_quiz",
            "survey.vendor_certification_badge",
        ):
            self.assertFalse(self.env.ref(xmlid, raise_if_not_found=False), xmlid)
        surveys = self.env["survey.survey"].with_context(active_test=False).search([])
        self.assertTrue(surveys)
        titles = " ".join(surveys.mapped("title"))
        for english in ("Burger", "Quiz", "Feedback", "Certification"):
            self.assertNotIn(english, titles)
