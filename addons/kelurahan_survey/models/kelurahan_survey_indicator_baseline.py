# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanSurveyIndicatorBaseline(models.Model):
    """The value an indicator had before the CRM (e.g. the 2023 study), per
    kelurahan, to show each indicator as baseline → current."""

    _name = "kelurahan.survey.indicator.baseline"
    _description = "Indicator baseline"
    _order = "indicator_id, year desc"

    indicator_id = fields.Many2one(
        "kelurahan.survey.indicator", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        "res.company",
        "Kelurahan",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    value = fields.Float(
        "Baseline value (%)",
        digits=(5, 2),
        required=True,
        help="Share of satisfied respondents (two best answers) at the baseline.",
    )
    year = fields.Integer(required=True)
    source = fields.Char(
        required=True, help="Where the value comes from (study, report, page)."
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "indicator_company_unique",
            "unique(indicator_id, company_id)",
            "An indicator has one baseline per kelurahan.",
        ),
        (
            "value_range",
            "CHECK(value >= 0 AND value <= 100)",
            "A baseline value is a percentage between 0 and 100.",
        ),
    ]
