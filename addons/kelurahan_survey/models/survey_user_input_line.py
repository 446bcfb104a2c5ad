# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    kel_theme_ids = fields.Many2many(
        "kelurahan.survey.theme",
        "kelurahan_survey_theme_line_rel",
        "line_id",
        "theme_id",
        "Themes",
        help="Themes of this open answer, set by the survey manager who reads it; "
        "the evaluation counts answers per theme and period.",
    )
