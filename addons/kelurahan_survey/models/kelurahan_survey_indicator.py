# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

INDICATOR_CODES = [
    ("kecepatan", "Speed of service"),
    ("keramahan", "Friendliness"),
    ("akses_informasi", "Access to information"),
    ("sarana_teknologi", "Technology facilities"),
    ("responsivitas_pengaduan", "Complaint responsiveness"),
]


class KelurahanSurveyIndicator(models.Model):
    """A Table-1 indicator of the seed study: the share of respondents satisfied
    (one of the two best answers) over the survey questions linked to it."""

    _name = "kelurahan.survey.indicator"
    _description = "Satisfaction indicator (Table 1)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(INDICATOR_CODES, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    question_ids = fields.One2many(
        "survey.question", "kel_indicator_id", string="Questions"
    )

    _sql_constraints = [  # noqa: RUF012
        ("code_unique", "unique(code)", "Each indicator code can be used only once."),
    ]
