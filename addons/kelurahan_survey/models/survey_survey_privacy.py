# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which surveys ask personal questions (the respondent's profile: age, sex,
education, occupation; the service received says nothing about the person): those
show the privacy notice."""

from odoo import api, fields, models

PERSONAL_PROFILE = ("age", "sex", "education", "occupation")


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    kel_asks_personal = fields.Boolean(
        string="Asks personal questions",
        compute="_compute_kel_asks_personal",
        help="A question records the respondent's profile: the survey shows the "
        "privacy notice and each response keeps a consent record.",
    )

    @api.depends("question_ids.kel_profile")
    def _compute_kel_asks_personal(self):
        for survey in self:
            survey.kel_asks_personal = any(
                profile in PERSONAL_PROFILE
                for profile in survey.question_ids.mapped("kel_profile")
            )
