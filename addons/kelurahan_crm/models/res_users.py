# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from .kelurahan_agency_contact import AGENCY_GROUP


class ResUsers(models.Model):
    _inherit = "res.users"

    kel_rw_ids = fields.Many2many(
        "kelurahan.rw",
        "kelurahan_rw_res_users_rel",
        "user_id",
        "rw_id",
        string="RW posts",
        help="RWs whose complaints this RW officer (Petugas RW) enters and follows.",
    )
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
        if "kel_rw_ids" in vals:
            # Record rules read user.kel_rw_ids and are cached per user.
            self.env.registry.clear_cache()
        return res

    @api.model
    def _kel_drop_technical_features(self):
        """Technical Features (``base.group_no_one``) only for system administrators
        (``base.group_system`` implies it, security data): internal users and the
        user template no longer get it, and the users of a kelurahan role who had it
        from Odoo's default lose it. Run at each install/update of the addon."""
        no_one = self.env.ref("base.group_no_one")
        self.env.ref("base.group_user").implied_ids -= no_one
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            template.groups_id -= no_one
        staff = self.with_context(active_test=False).search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("kelurahan_crm.group_kelurahan_rw").id,
                ),
                ("groups_id", "not in", self.env.ref("base.group_system").id),
                ("groups_id", "in", no_one.id),
            ]
        )
        if staff:
            no_one.write({"users": [Command.unlink(user.id) for user in staff]})

    def _kel_is_rw_only(self):
        """True for a Petugas RW who is not a kelurahan officer."""
        self.ensure_one()
        return self.has_group("kelurahan_crm.group_kelurahan_rw") and not (
            self.has_group("kelurahan_crm.group_kelurahan_officer")
        )

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
