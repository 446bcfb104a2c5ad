# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSurveyRoles(TransactionCase):
    """Who may manage surveys: the lurah yes, an RW officer no."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lurah = new_test_user(
            cls.env, "t_lurah", "kelurahan_crm.group_kelurahan_lurah"
        )
        cls.rw = new_test_user(cls.env, "t_rw", "kelurahan_crm.group_kelurahan_rw")

    def test_lurah_manages_surveys(self):
        survey = (
            self.env["survey.survey"]
            .with_user(self.lurah)
            .create({"title": "SKM 2026"})
        )
        self.assertEqual(survey.title, "SKM 2026")
        self.assertEqual(survey.create_uid, self.lurah)
        # managing: the lurah adds a question and renames the survey
        survey.write(
            {
                "title": "SKM 2026 Semester 1",
                "question_ids": [(0, 0, {"title": "Kecepatan layanan"})],
            }
        )
        self.assertEqual(survey.question_ids.title, "Kecepatan layanan")
        self.assertEqual(survey.title, "SKM 2026 Semester 1")

    def test_rw_officer_cannot_create_surveys(self):
        with self.assertRaises(AccessError):
            self.env["survey.survey"].with_user(self.rw).create({"title": "SKM 2026"})
