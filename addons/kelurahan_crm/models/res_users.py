# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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

    def write(self, vals):
        res = super().write(vals)
        if "kel_rw_ids" in vals:
            # Record rules read user.kel_rw_ids and are cached per user.
            self.env.registry.clear_cache()
        return res

    def _kel_is_rw_only(self):
        """True for a Petugas RW who is not a kelurahan officer."""
        self.ensure_one()
        return self.has_group("kelurahan_crm.group_kelurahan_rw") and not (
            self.has_group("kelurahan_crm.group_kelurahan_officer")
        )
