# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agency contacts (collaborative CRM): portal users of the agency group who answer
the dispositions of their agency on /my/disposisi, and per-category targets."""

from odoo import api, fields, models

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


class ResUsers(models.Model):
    _inherit = "res.users"

    kel_agency_id = fields.Many2one(
        "kelurahan.agency",
        string="Agency (contact of)",
        index="btree_not_null",
        help="The agency this portal user answers dispositions for.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered("kel_agency_id")._kel_join_agency_group()
        return users

    def write(self, vals):
        res = super().write(vals)
        if vals.get("kel_agency_id"):
            self._kel_join_agency_group()
        return res

    def _kel_join_agency_group(self):
        group = self.env.ref(AGENCY_GROUP)
        self.filtered(lambda u: group not in u.groups_id).write(
            {"groups_id": [fields.Command.link(group.id)]}
        )

    def _kel_agency(self):
        """The agency the user answers for, or an empty recordset."""
        self.ensure_one()
        if not self.has_group(AGENCY_GROUP):
            return self.env["kelurahan.agency"]
        # sudo: a contact reads their own agency's name only.
        return self.sudo().kel_agency_id
