# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools.sql import create_unique_index


class KelurahanComplaintSupport(models.Model):
    """ "Saya juga mengalami ini": a resident supports an open complaint found near
    their pin instead of reporting it again. Counted in the complaint's dukungan
    (support_count) beside the linked duplicates. One per resident account, or per
    connection (keyed hash) for visitors without an account."""

    _name = "kelurahan.complaint.support"
    _description = "Complaint support (dukungan)"
    _order = "id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Resident", index="btree_not_null", ondelete="set null"
    )
    # stored for the multi-company record rule
    # (security/kelurahan_complaint_support_security.xml)
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    client_key = fields.Char(help="Keyed hash of the visitor's connection.")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    def init(self):
        create_unique_index(
            self.env.cr,
            "kelurahan_complaint_support_partner_uniq",
            self._table,
            ["ticket_id", "partner_id"],
        )
        create_unique_index(
            self.env.cr,
            "kelurahan_complaint_support_client_uniq",
            self._table,
            ["ticket_id", "client_key"],
        )
