# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""UU PDP: a survey asking personal questions shows the privacy notice on its start
page, and each completed response keeps the notice version."""

from odoo.tests import HttpCase, tagged

from .common import KelSurveyCommon


@tagged("post_install", "-at_install")
class TestPdpSurvey(KelSurveyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skm = cls.env.ref("kelurahan_survey.survey_skm")
        cls.plain, cls.plain_questions = cls._make_skm("Survei tanpa profil")

    def consents(self, user_input):
        return (
            self.env["kelurahan.consent"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "survey.user_input"),
                    ("res_id", "=", user_input.id),
                ]
            )
        )

    def test_personal_survey_shows_notice_and_records_it(self):
        notice = self.env["kelurahan.privacy.notice"]._kel_current()
        self.assertTrue(self.skm.kel_asks_personal)
        self.assertFalse(self.plain.kel_asks_personal)
        start = self.url_open(f"/kelurahan/survey/start/{self.skm.access_token}")
        self.assertEqual(start.status_code, 200)
        self.assertIn("o_kel_consent_notice", start.text)
        self.assertIn(notice.body[:40], start.text)
        self.assertIn('href="/privasi"', start.text)
        plain = self.url_open(f"/kelurahan/survey/start/{self.plain.access_token}")
        self.assertEqual(plain.status_code, 200)
        self.assertNotIn("o_kel_consent_notice", plain.text)

        answer = self.env["survey.user_input"].create({"survey_id": self.skm.id})
        answer._mark_done()
        consent = self.consents(answer)
        self.assertEqual(consent.channel, "survey")
        self.assertEqual(consent.basis, "consent")
        self.assertEqual(consent.notice_id, notice)
        other = self.env["survey.user_input"].create({"survey_id": self.plain.id})
        other._mark_done()
        self.assertFalse(self.consents(other))
