# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    followup_days = fields.Float(
        string="Follow-up target (working days)",
        default=1.0,
        help="Working days from Tgl Masuk to the first follow-up (Tgl TL). "
        "0: no target.",
    )
    resolution_days = fields.Float(
        string="Resolution target (working days)",
        default=5.0,
        help="Working days from Tgl Masuk to Selesai. 0: no target.",
    )

    kel_requires_verification = fields.Boolean(
        string="Requires verification",
        default=True,
        help="Complaints of this category must pass the Verification stage before "
        "Disposition, In Progress or Done.",
    )

    @api.constrains("followup_days", "resolution_days")
    def _check_sla_days(self):
        for category in self:
            if category.followup_days < 0 or category.resolution_days < 0:
                raise ValidationError(
                    self.env._("Deadline targets cannot be negative.")
                )
            if category.resolution_days and category.followup_days > (
                category.resolution_days
            ):
                raise ValidationError(
                    self.env._(
                        "The follow-up target cannot be longer than the resolution "
                        "target."
                    )
                )

    def _kel_sla(self):
        """(followup_days, resolution_days) of the category, inherited from the
        closest parent that defines them."""
        self.ensure_one()
        category = self
        while category:
            if category.followup_days or category.resolution_days:
                return category.followup_days, category.resolution_days
            category = category.parent_id
        return 0.0, 0.0

    def _kel_requires_verification(self):
        """Whether complaints of this category (or without one) must pass
        Verification before the later stages."""
        return all(self.mapped("kel_requires_verification")) if self else True

    @api.model
    def _kel_for_residents(self, company):
        """The categories residents choose from, on the portal form and in the
        WhatsApp conversation alike: active, shown on the portal, of the kelurahan
        or shared; a sub-category is offered on its own when it is shown. sudo:
        visitors without an account cannot read categories; only names and ids
        are offered. What a complaint's creation reads of its category (company
        check, deadlines) comes with the search: one query less per report."""
        return self.sudo().search_fetch(
            [
                ("active", "=", True),
                ("show_in_portal", "=", True),
                ("company_id", "in", [company.id, False]),
            ],
            ["name", "parent_id", "company_id", "followup_days", "resolution_days"],
            order="sequence, name, id",
        )
