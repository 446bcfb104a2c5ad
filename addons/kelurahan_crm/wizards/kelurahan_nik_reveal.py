# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KelurahanNikReveal(models.TransientModel):
    """*Tampilkan NIK*: the officer says why, the view is logged, the number shown."""

    _name = "kelurahan.nik.reveal"
    _description = "Show a full NIK (logged)"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    reason = fields.Text(
        required=True,
        help="Why the full number is needed (e.g. checking it against the KTP for "
        "a letter). The Lurah sees it in the audit trail.",
    )
    nik = fields.Char(string="Full NIK", readonly=True)

    @api.model
    def _kel_record(self, res_model, res_id):
        """The record whose NIK is asked for: of a model holding a NIK
        (``kelurahan.nik.mixin``), existing; access is checked when revealing."""
        Model = self.env.registry.get(res_model)
        if Model is None or not issubclass(
            Model, self.env.registry["kelurahan.nik.mixin"]
        ):
            raise UserError(self.env._("This record has no NIK."))
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            raise UserError(self.env._("This record does not exist any more."))
        return record

    def action_reveal(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if len(reason) < 5:
            raise UserError(
                self.env._("Say why you need the full NIK (at least a few words).")
            )
        record = self._kel_record(self.res_model, self.res_id)
        self.nik = record._kel_reveal_nik(reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
