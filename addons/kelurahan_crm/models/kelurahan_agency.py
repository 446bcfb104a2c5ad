# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    response_days = fields.Float(
        string="Response time (working days)",
        default=5.0,
        help="Working days of the office calendar the agency is given to act on a "
        "disposition. A disposition's due date is fixed when it is sent: changing "
        "this affects new dispositions only.",
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

    @api.constrains("response_days")
    def _check_response_days(self):
        if any(agency.response_days < 0 for agency in self):
            raise ValidationError(self.env._("The response time cannot be negative."))
