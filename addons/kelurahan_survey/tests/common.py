# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase

# deliberately not U1..U9: the IKM must follow the codes, not the question order
QUESTION_ORDER = ("U5", "U1", "U9", "U3", "U7", "U2", "U8", "U4", "U6")
# test data live in 2024, away from the demo year (Dec 2025 - Nov 2026)
MARCH = datetime(2024, 3, 15, 3, 0)


class KelSurveyCommon:
    """Helpers to build an SKM survey and completed responses with known scores."""

    @classmethod
    def _make_skm(cls, title="SKM test", codes=QUESTION_ORDER, indicators=None):
        indicators = indicators or {}
        survey = cls.env["survey.survey"].create(
            {
                "title": title,
                "survey_type": "kelurahan",
                "kel_kind": "skm",
                "access_mode": "public",
                "questions_layout": "one_page",
                "kel_population": 1000,
            }
        )
        questions = {}
        for seq, code in enumerate(codes):
            questions[code] = cls.env["survey.question"].create(
                {
                    "survey_id": survey.id,
                    "title": f"Question {code}",
                    "sequence": seq,
                    "question_type": "simple_choice",
                    "kel_unsur": code,
                    "kel_indicator_id": indicators.get(code, False),
                    "suggested_answer_ids": [
                        Command.create({"value": f"{code} {score}", "kel_score": score})
                        for score in (1, 2, 3, 4)
                    ],
                }
            )
        questions["service"] = cls.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "Service",
                "sequence": 100,
                "question_type": "simple_choice",
                "kel_profile": "service",
                "suggested_answer_ids": [
                    Command.create({"value": "Domisili"}),
                    Command.create({"value": "SKTM"}),
                ],
            }
        )
        return survey, questions

    @classmethod
    def _respond(
        cls,
        survey,
        questions,
        scores,
        when=MARCH,
        state="done",
        test_entry=False,
        service=None,
        channel=None,
        partner=None,
    ):
        """One response; ``scores`` maps unsur code to 1..4 (missing = not answered)."""
        user_input = cls.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "state": state,
                "test_entry": test_entry,
                "start_datetime": when,
                "end_datetime": when if state == "done" else False,
                "channel_id": channel.id if channel else False,
                "partner_id": partner.id if partner else False,
            }
        )
        lines = []
        for code, score in scores.items():
            question = questions[code]
            answer = question.suggested_answer_ids.filtered(
                lambda a, s=score: a.kel_score == s
            )
            lines.append(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": answer.id,
                }
            )
        if service:
            question = questions["service"]
            lines.append(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": question.suggested_answer_ids.filtered(
                        lambda a: a.value == service
                    ).id,
                }
            )
        cls.env["survey.user_input.line"].create(lines)
        return user_input

    @staticmethod
    def _all(score):
        return {f"U{i}": score for i in range(1, 10)}


class KelSurveyCase(KelSurveyCommon, TransactionCase):
    pass
