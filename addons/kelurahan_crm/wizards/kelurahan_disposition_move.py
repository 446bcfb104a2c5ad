# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class KelurahanDispositionMove(models.TransientModel):
    """Move an open disposition to another agency from the complaint form: the old
    one is withdrawn, a new one is sent, ``previous_id`` keeps the history."""

    _name = "kelurahan.disposition.move"
    _description = "Move a disposition to another agency"

    disposition_id = fields.Many2one(
        "kelurahan.disposition", required=True, ondelete="cascade", readonly=True
    )
    current_agency_id = fields.Many2one(related="disposition_id.agency_id")
    agency_id = fields.Many2one(
        "kelurahan.agency",
        string="New agency",
        required=True,
        domain="[('id', '!=', current_agency_id)]",
    )

    def action_move(self):
        self.ensure_one()
        if self.agency_id == self.disposition_id.agency_id:
            raise UserError(
                self.env._("Choose an agency other than the one it was sent to.")
            )
        self.disposition_id.action_move(self.agency_id.id)
        return {"type": "ir.actions.act_window_close"}
