# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo SKM responses: a year for Kelurahan Kalisari, better after the go-live."""

import random
from datetime import date, datetime, timedelta

from odoo import api, models

DEMO_START = date(2025, 12, 1)
DEMO_DAYS = 365
DEMO_GO_LIVE = date(2026, 6, 1)
# probability of the scores 1..4, before and after the go-live
BEFORE = (0.08, 0.27, 0.50, 0.15)
AFTER = (0.02, 0.10, 0.50, 0.38)
# U4 (cost) is mostly "Gratis": kelurahan services are free
COST = (0.0, 0.02, 0.13, 0.85)


def generate_demo_responses(env, survey_xmlid, seed=2017):
    """About 440 completed responses on weekdays from 2025-12-01 to 2026-11-30,
    deterministic (fixed seed and dates), created in two batches."""
    survey = env.ref(survey_xmlid)
    if survey.user_input_ids:
        return
    rng = random.Random(seed)
    survey.write({"kel_go_live_date": DEMO_GO_LIVE, "kel_population": 1000})
    unsur_questions = survey.question_ids.filtered("kel_unsur")
    profile_questions = survey.question_ids.filtered("kel_profile")
    channels = (
        env.ref("kelurahan_crm.channel_walk_in")
        | env.ref("kelurahan_crm.channel_whatsapp")
        | env.ref("kelurahan_crm.channel_portal")
    )
    input_vals, after_flags = [], []
    for offset in range(DEMO_DAYS):
        day = DEMO_START + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for _i in range(1 + (rng.random() < 0.7)):
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=1 + rng.random() * 7
            )
            channel = rng.choice(channels)
            input_vals.append(
                {
                    "survey_id": survey.id,
                    "state": "done",
                    "start_datetime": moment - timedelta(minutes=3),
                    "end_datetime": moment,
                    "channel_id": channel.id,
                    "kel_is_kiosk": channel == channels[0],
                }
            )
            after_flags.append(day >= DEMO_GO_LIVE)
    inputs = env["survey.user_input"].create(input_vals)
    line_vals = []
    for user_input, after in zip(inputs, after_flags, strict=True):
        for question in unsur_questions:
            answers = question.suggested_answer_ids.sorted("kel_score")
            weights = COST if question.kel_unsur == "U4" else AFTER if after else BEFORE
            answer = rng.choices(answers, weights=weights)[0]
            line_vals.append(_demo_line(user_input, question, answer))
        for question in profile_questions:
            answer = rng.choice(question.suggested_answer_ids)
            line_vals.append(_demo_line(user_input, question, answer))
    env["survey.user_input.line"].create(line_vals)


def _demo_line(user_input, question, answer):
    return {
        "user_input_id": user_input.id,
        "question_id": question.id,
        "answer_type": "suggestion",
        "suggested_answer_id": answer.id,
    }


class KelurahanDemo(models.AbstractModel):
    _inherit = "kelurahan.demo"

    @api.model
    def _generate_survey_responses(self, survey_xmlid):
        """Entry point of demo/survey_demo.xml."""
        generate_demo_responses(self.env, survey_xmlid)

    @api.model
    def _generate_evaluation_demo(self):
        """Entry point of demo/survey_evaluation_demo.xml."""
        # imported here: the evaluation generator builds on this module's helpers
        from .survey_evaluation_demo_generator import (
            generate_baselines,
            generate_likert_demo,
            generate_literacy_demo,
        )

        generate_likert_demo(self.env)
        generate_literacy_demo(self.env)
        generate_baselines(self.env)
