# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanQueueTransfer(models.TransientModel):
    """Send the number being served to another counter."""

    _name = "kelurahan.queue.transfer"
    _description = "Transfer a queue number to another counter"

    ticket_id = fields.Many2one("kelurahan.queue.ticket", required=True, readonly=True)
    from_counter_id = fields.Many2one(related="ticket_id.counter_id")
    counter_id = fields.Many2one(
        "kelurahan.counter",
        string="To counter",
        required=True,
        domain="[('id', '!=', from_counter_id)]",
    )

    def action_transfer(self):
        self.ensure_one()
        self.ticket_id._kel_transfer(self.counter_id)
        return {"type": "ir.actions.act_window_close"}
