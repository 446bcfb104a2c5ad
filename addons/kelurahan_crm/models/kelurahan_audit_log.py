# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the Lurah reviews under UU PDP 27/2022: who showed a full NIK (when, on
which record, why), who changed a NIK and who corrected the dates of a complaint.
The log never holds a full NIK: old and new NIKs are stored masked. Rows are
written by the code (sudo) only; nobody edits or deletes them."""

from odoo import api, fields, models

ACTIONS = [
    ("nik_view", "Full NIK shown"),
    ("nik_change", "NIK changed"),
    ("date_change", "Date corrected"),
]


class KelurahanAuditLog(models.Model):
    _name = "kelurahan.audit.log"
    _description = "Personal data and date audit trail"
    _order = "id desc"
    _log_access = False

    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, index=True
    )
    action = fields.Selection(ACTIONS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Integer(string="Record", required=True, readonly=True, index=True)
    record_name = fields.Char(string="Record name", readonly=True)
    field_name = fields.Char(string="Field", readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )

    @api.model
    def _kel_log(self, record, action, field=None, old=None, new=None, reason=None):
        """Append one row about ``record`` for the current user. sudo: the log
        is read by the Lurah only and written by no user directly."""
        record.ensure_one()
        company = record["company_id"] if "company_id" in record._fields else None
        return self.sudo().create(
            {
                "user_id": self.env.user.id,
                "action": action,
                "res_model": record._name,
                "res_id": record.id,
                "record_name": record.sudo().display_name,
                "field_name": field,
                "old_value": old or False,
                "new_value": new or False,
                "reason": reason or False,
                "company_id": (company or self.env.company).id,
            }
        )

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
