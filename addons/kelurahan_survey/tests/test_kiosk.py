# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import KelSurveyCommon


@tagged("post_install", "-at_install")
class TestKiosk(KelSurveyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("kelurahan_survey.survey_skm")
        cls.kiosk_url = cls.survey._kel_kiosk_url()

    def _kiosk_inputs(self):
        return self.env["survey.user_input"].search(
            [
                ("survey_id", "=", self.survey.id),
                ("kel_is_kiosk", "=", True),
                ("state", "!=", "done"),
            ]
        )

    def test_each_visit_is_a_fresh_anonymous_response(self):
        before = self._kiosk_inputs()
        self.assertEqual(
            self.kiosk_url,
            f"/kelurahan/survey/kiosk/{self.survey.access_token}",
        )
        first = self.url_open(self.kiosk_url, allow_redirects=False)
        self.assertEqual(first.status_code, 303)
        token1 = first.headers["Location"].rsplit("/", 1)[1]
        # the tablet's browser now holds the answer cookie of /survey/start
        self.opener.cookies.set(f"survey_{self.survey.access_token}", token1)
        second = self.url_open(self.kiosk_url, allow_redirects=False)
        token2 = second.headers["Location"].rsplit("/", 1)[1]
        self.assertNotEqual(token1, token2)
        self.assertIn(
            f"survey_{self.survey.access_token}=", second.headers["Set-Cookie"]
        )
        new = self._kiosk_inputs() - before
        self.assertEqual(len(new), 2)
        self.assertFalse(new.partner_id)
        self.assertEqual(set(new.mapped("access_token")), {token1, token2})

    def test_kiosk_on_a_logged_in_tablet_stays_anonymous(self):
        new_test_user(
            self.env, "t_kiosk_officer", "kelurahan_crm.group_kelurahan_officer"
        )
        self.authenticate("t_kiosk_officer", "t_kiosk_officer")
        page = self.url_open(self.kiosk_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("data-kel-kiosk-url", page.text)
        response = self._kiosk_inputs().sorted("id")[-1]
        self.assertFalse(response.partner_id)

    def test_unknown_or_private_survey(self):
        self.assertEqual(self.url_open("/kelurahan/survey/kiosk/nope").status_code, 404)
        survey = self.survey.copy({"access_mode": "token"})
        self.assertEqual(self.url_open(survey._kel_kiosk_url()).status_code, 404)

    def test_walkin_qr_link_preselects_service(self):
        service_q = self.survey.question_ids.filtered(
            lambda q: q.kel_profile == "service"
        )
        option = service_q.suggested_answer_ids[1]
        url = f"/kelurahan/survey/start/{self.survey.access_token}?service={option.id}"
        res = self.url_open(url, allow_redirects=False)
        token = res.headers["Location"].rsplit("/", 1)[1]
        response = self.env["survey.user_input"].search([("access_token", "=", token)])
        self.assertEqual(response.user_input_line_ids.suggested_answer_id, option)
        # hostile parameter values are ignored, not crashing
        res = self.url_open(
            f"/kelurahan/survey/start/{self.survey.access_token}?service=x'--&channel=-1"
        )
        self.assertEqual(res.status_code, 200)

    def test_kiosk_tour(self):
        before = self._kiosk_inputs()
        done_before = self.env["survey.user_input"].search_count(
            [("survey_id", "=", self.survey.id), ("state", "=", "done")]
        )
        self.start_tour(self.kiosk_url, "kelurahan_survey_kiosk")
        done = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("state", "=", "done")],
            order="id desc",
        )
        self.assertEqual(len(done), done_before + 1)
        answered = done[0]
        self.assertTrue(answered.kel_is_kiosk)
        self.assertFalse(answered.partner_id)
        scores = {
            line.question_id.kel_unsur: line.suggested_answer_id.kel_score
            for line in answered.user_input_line_ids
            if line.question_id.kel_unsur
        }
        # the tour picked 4 4 4 4 2 3 3 4 3 for U1..U9 -> IKM 31/9 × 25 = 86.11
        self.assertEqual(
            [scores[f"U{i}"] for i in range(1, 10)], [4, 4, 4, 4, 2, 3, 3, 4, 3]
        )
        fresh = self._kiosk_inputs() - before
        self.assertEqual(len(fresh), 1)  # the next respondent's, still empty
        self.assertFalse(fresh.user_input_line_ids)
