# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agency contacts (collaborative CRM): portal users of the agency group who answer
the dispositions of their agency on /my/disposisi, and per-category targets."""

from odoo import fields, models

AGENCY_GROUP = "kelurahan_crm.group_kelurahan_agency_contact"


class KelurahanAgency(models.Model):
    _inherit = "kelurahan.agency"

    contact_user_ids = fields.One2many(
        "res.users",
        "kel_agency_id",
        string="Contacts",
        help="Portal users of the agency: they receive its dispositions by e-mail "
        "and answer them on /my/disposisi.",
    )
    target_ids = fields.One2many(
        "kelurahan.agency.target",
        "agency_id",
        string="Targets per category",
        help="A category's own target replaces the agency's response time.",
    )

    def _kel_target_days(self, category):
        """Working days the agency is given for a complaint of ``category`` (its
        own target, its parent category's, else the agency's response time)."""
        self.ensure_one()
        targets = {t.category_id: t.response_days for t in self.target_ids}
        while category:
            if category in targets:
                return targets[category]
            category = category.parent_id
        return self.response_days
