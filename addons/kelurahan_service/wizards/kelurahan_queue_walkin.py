# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.kelurahan_queue_ticket_call import PRIORITY_REASONS


class KelurahanQueueWalkin(models.TransientModel):
    """Walk-in number at the counter: service and priority, then the number shown
    large with its print links (58 mm and 80 mm thermal printers)."""

    _name = "kelurahan.queue.walkin"
    _description = "Issue a walk-in queue number"

    counter_id = fields.Many2one("kelurahan.counter", required=True, readonly=True)
    allowed_service_ids = fields.Many2many(related="counter_id.service_ids")
    service_id = fields.Many2one(
        "kelurahan.service",
        required=True,
        domain="[('id', 'in', allowed_service_ids)]",
        compute="_compute_service_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    priority_reason = fields.Selection(PRIORITY_REASONS, string="Priority")
    ticket_id = fields.Many2one("kelurahan.queue.ticket", readonly=True)
    ticket_name = fields.Char(related="ticket_id.name", string="Number")
    people_ahead = fields.Integer(related="ticket_id.people_ahead")
    print_url_58 = fields.Char(compute="_compute_print_urls")
    print_url_80 = fields.Char(compute="_compute_print_urls")

    @api.depends("counter_id")
    def _compute_service_id(self):
        for wizard in self:
            wizard.service_id = wizard.counter_id.service_ids[:1]

    @api.depends("ticket_id")
    def _compute_print_urls(self):
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.print_url_58 = ticket._kel_print_url(58) if ticket else False
            wizard.print_url_80 = ticket._kel_print_url(80) if ticket else False

    def action_issue(self):
        """Create the number (once) and show it in the same dialog."""
        self.ensure_one()
        if not self.ticket_id:
            self.counter_id.check_access("write")
            self.ticket_id = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
                self.service_id, priority_reason=self.priority_reason
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Walk-in number"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
