# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanAgency(models.Model):
    """A government body a complaint can be dispositioned to (collaborative CRM)."""

    _name = "kelurahan.agency"
    _description = "Agency (dinas / suku dinas / instansi)"
    _order = "sequence, name, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code, e.g. SDBM for Sudin Bina Marga.")
    kind = fields.Selection(
        [
            ("dinas", "Dinas"),
            ("suku_dinas", "Suku Dinas"),
            ("instansi", "Instansi"),
        ],
        required=True,
        default="suku_dinas",
    )
    email = fields.Char()
    phone = fields.Char()
    note = fields.Text()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Kelurahan",
        index=True,
        help="Empty: shared by every kelurahan of the database.",
    )
