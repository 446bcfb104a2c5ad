# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanSurveyTheme(models.Model):
    """A theme officers tag open answers with (an obstacle met, a reason for a
    channel…), so that free text can be counted per theme and period."""

    _name = "kelurahan.survey.theme"
    _description = "Open-answer theme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()

    _sql_constraints = [  # noqa: RUF012
        ("name_unique", "unique(name)", "Each theme name can be used only once."),
    ]
