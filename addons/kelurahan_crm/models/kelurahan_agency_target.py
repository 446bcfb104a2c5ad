# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KelurahanAgencyTarget(models.Model):
    """An agency's response time for one complaint category (overrides the
    agency's own ``response_days`` for that category and its sub-categories)."""

    _name = "kelurahan.agency.target"
    _description = "Agency target per category"
    _order = "agency_id, category_id"

    agency_id = fields.Many2one(
        "kelurahan.agency", required=True, index=True, ondelete="cascade"
    )
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Category", required=True
    )
    response_days = fields.Float(string="Target (working days)", required=True)

    _sql_constraints = [  # noqa: RUF012
        (
            "agency_category_unique",
            "unique(agency_id, category_id)",
            "One target per agency and category.",
        )
    ]

    @api.constrains("response_days")
    def _check_response_days(self):
        if any(target.response_days <= 0 for target in self):
            raise ValidationError(
                self.env._("A target must be at least part of a working day.")
            )
