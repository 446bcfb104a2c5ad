# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCALES = {"skm": (1, 4), "likert": (1, 5), "literacy": (1, 5)}


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    kel_score = fields.Integer(
        "Scale value",
        help="Score of this answer on the survey's scale: 1–4 for SKM unsur "
        "(PermenPANRB 14/2017), 1–5 for Likert and literacy questions.",
    )

    @api.constrains("kel_score", "question_id")
    def _check_kel_score(self):
        for answer in self:
            question = answer.question_id
            kind = question.survey_id.kel_kind
            if not kind or not (question.kel_unsur or question.kel_aspect):
                continue
            low, high = SCALES[kind]
            if not low <= answer.kel_score <= high:
                raise ValidationError(
                    self.env._(
                        "The answer “%(answer)s” of “%(question)s” must have a scale "
                        "value between %(low)s and %(high)s.",
                        answer=answer.value,
                        question=question.title,
                        low=low,
                        high=high,
                    )
                )
