# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanServiceRequestReason(models.TransientModel):
    """Asks the officer why a request is rejected or what must be corrected."""

    _name = "kelurahan.service.request.reason"
    _description = "Reason for Rejection or Correction"

    request_id = fields.Many2one("kelurahan.service.request", required=True)
    mode = fields.Selection(
        [("reject", "Reject"), ("revision", "Ask for correction")], required=True
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "reject":
            self.request_id.action_reject(self.reason)
        else:
            self.request_id.action_request_revision(self.reason)
        return {"type": "ir.actions.act_window_close"}
