# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kel_calendar_id = fields.Many2one(
        related="company_id.kel_calendar_id", readonly=False
    )
    kel_dispute_days = fields.Integer(
        related="company_id.kel_dispute_days", readonly=False
    )
    kel_duplicate_days = fields.Integer(
        related="company_id.kel_duplicate_days", readonly=False
    )
    kel_duplicate_distance = fields.Integer(
        related="company_id.kel_duplicate_distance", readonly=False
    )
