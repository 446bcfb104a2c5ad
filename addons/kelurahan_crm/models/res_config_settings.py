# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # helpdesk_mgmt's settings: labels translated by this addon (see res.company).
    helpdesk_mgmt_portal_select_team = fields.Boolean(
        string="Residents choose the team in the portal"
    )
    helpdesk_mgmt_portal_team_id_required = fields.Boolean(
        string="Team required in the portal"
    )
    helpdesk_mgmt_portal_select_category = fields.Boolean(
        string="Residents choose the category in the portal"
    )
    helpdesk_mgmt_portal_category_id_required = fields.Boolean(
        string="Category required in the portal"
    )
    helpdesk_mgmt_duplicate_tracking = fields.Boolean(
        string="Enable duplicate ticket tracking"
    )
    helpdesk_mgmt_duplicate_ticket_stage_id = fields.Many2one(
        string="Move duplicate tickets to this stage"
    )
    helpdesk_mgmt_ticket_auto_assign = fields.Boolean(
        string="Assign new tickets automatically"
    )

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
