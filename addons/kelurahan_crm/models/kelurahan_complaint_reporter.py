# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reported an anonymous or confidential complaint. Kept out of the complaint
itself, in a model only Petugas Kelurahan and above may read (model access rights;
no rule or field opens it to RW officers or residents)."""

from odoo import fields, models


class KelurahanComplaintReporter(models.Model):
    _name = "kelurahan.complaint.reporter"
    _description = "Reporter of an anonymous or confidential complaint"

    name = fields.Char(string="Reporter")
    phone = fields.Char(string="Phone / WhatsApp")
    email = fields.Char(string="E-mail")
    partner_id = fields.Many2one(
        "res.partner",
        string="Resident (account)",
        index="btree_not_null",
        help="The resident's account when they reported while signed in: they follow "
        "the complaint in their portal without being named on it.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _compute_display_name(self):
        for reporter in self:
            reporter.display_name = (
                reporter.name
                or reporter.partner_id.name
                or reporter.phone
                or reporter.email
                or self.env._("(no contact)")
            )
