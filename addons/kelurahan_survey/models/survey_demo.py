# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date, datetime, timedelta

from odoo import api, models

DEMO_START = date(2025, 12, 1)
DEMO_DAYS = 365
DEMO_GO_LIVE = date(2026, 6, 1)
DEMO_PER_DAY = 1.2  # ~440 responses in the year
# probability of the scores 1..4, before and after the go-live
BEFORE = (0.08, 0.27, 0.50, 0.15)
AFTER = (0.02, 0.10, 0.50, 0.38)


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    @api.model
    def _kel_generate_demo_responses(self, survey_xmlid, seed=2017):
        """A year of SKM answers for Kelurahan Kalisari with a visible improvement
        after the go-live date. Deterministic (fixed seed and dates) and created in
        batches; called from demo XML."""
        survey = self.env.ref(survey_xmlid)
        if survey.user_input_ids:
            return
        rng = random.Random(seed)
        survey.write(
            {"kel_go_live_date": DEMO_GO_LIVE, "kel_population": 1000}
        )
        unsur_questions = survey.question_ids.filtered("kel_unsur")
        profile_questions = survey.question_ids.filtered("kel_profile")
        channels = (
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
            | self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
            | self.env.ref("kelurahan_survey.channel_kiosk")
        )
        input_vals, plans = [], []
        for offset in range(DEMO_DAYS):
            day = DEMO_START + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            count = int(DEMO_PER_DAY * 7 / 5) + (1 if rng.random() < 0.7 else 0)
            for _i in range(count):
                moment = datetime.combine(day, datetime.min.time()) + timedelta(
                    hours=1 + rng.random() * 7
                )
                after = day >= DEMO_GO_LIVE
                input_vals.append(
                    {
                        "survey_id": survey.id,
                        "state": "done",
                        "start_datetime": moment - timedelta(minutes=3),
                        "end_datetime": moment,
                        "channel_id": rng.choice(channels).id,
                        "kel_is_kiosk": True,
                    }
                )
                plans.append(after)
        inputs = self.env["survey.user_input"].create(input_vals)
        line_vals = []
        for user_input, after in zip(inputs, plans, strict=True):
            weights = AFTER if after else BEFORE
            for question in unsur_questions:
                answers = question.suggested_answer_ids.sorted("kel_score")
                # U4 (cost) is mostly "Gratis": kelurahan services are free
                w = (0.0, 0.02, 0.13, 0.85) if question.kel_unsur == "U4" else weights
                answer = rng.choices(answers, weights=w)[0]
                line_vals.append(self._kel_demo_line(user_input, question, answer))
            for question in profile_questions:
                answer = rng.choice(question.suggested_answer_ids)
                line_vals.append(self._kel_demo_line(user_input, question, answer))
        self.env["survey.user_input.line"].create(line_vals)

    @api.model
    def _kel_demo_line(self, user_input, question, answer):
        return {
            "user_input_id": user_input.id,
            "survey_id": user_input.survey_id.id,
            "question_id": question.id,
            "answer_type": "suggestion",
            "suggested_answer_id": answer.id,
            "answer_score": 0.0,
        }
