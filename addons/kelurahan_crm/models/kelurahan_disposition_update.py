# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanDispositionUpdate(models.Model):
    """What an agency wrote on a disposition: accepted, rejected, progress, done;
    with the photos it added. Written by the agency portal (checked there)."""

    _name = "kelurahan.disposition.update"
    _description = "Agency answer on a disposition"
    _order = "date desc, id desc"

    disposition_id = fields.Many2one(
        "kelurahan.disposition", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="disposition_id.company_id", store=True, index=True
    )
    kind = fields.Selection(
        [
            ("accept", "Accepted"),
            ("reject", "Rejected"),
            ("progress", "Progress"),
            ("done", "Done"),
        ],
        required=True,
    )
    note = fields.Text()
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Photos")
