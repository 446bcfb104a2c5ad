# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consent and legal-basis records (UU PDP, Law 27/2022, art. 20).

One row per intake: which notice version the resident was given, when, on which
channel, on which legal basis, for which record. Rows are append-only: nobody edits
them, and only the system removes them (with the record they belong to)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

CHANNELS = [
    ("public_form", "Public form"),
    ("portal", "Resident portal"),
    ("rw_form", "RW quick form"),
    ("whatsapp", "WhatsApp"),
    ("office", "Office"),
    ("survey", "Survey"),
]
BASES = [
    ("consent", "Consent (art. 20(2)(a))"),
    ("public_task", "Legal duty / public task (art. 20(2)(c), (e))"),
]


class KelurahanConsent(models.Model):
    _name = "kelurahan.consent"
    _description = "Consent record"
    _order = "date desc, id desc"
    _rec_name = "notice_id"

    notice_id = fields.Many2one(
        "kelurahan.privacy.notice",
        string="Notice version",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    notice_version = fields.Integer(related="notice_id.version", string="Version")
    # precomputed: a consent row is one INSERT, no UPDATE after it (issue 22)
    company_id = fields.Many2one(
        related="notice_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True, index=True)
    basis = fields.Selection(
        BASES, string="Legal basis", required=True, readonly=True, default="consent"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        readonly=True,
        help="The officer who read the notice to the resident (RW quick form).",
    )
    res_model = fields.Char(string="Record type", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", required=True, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Rows are written by _kel_record_consent only (as sudo); nobody else may.
        if not self.env.su:
            raise UserError(
                self.env._("Consent records are written by the intake forms only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(self.env._("Consent records cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_except_by_system(self):
        """Only the system removes rows (with the record they belong to)."""
        if not self.env.su:
            raise UserError(self.env._("Consent records cannot be deleted."))

    def _kel_resident_row(self, fmt_dt):
        """What a resident sees of their own consent."""
        self.ensure_one()
        channels = dict(self._fields["channel"]._description_selection(self.env))
        bases = dict(self._fields["basis"]._description_selection(self.env))
        return {
            "id": self.id,
            "date": fmt_dt(self.date),
            "channel": channels.get(self.channel, ""),
            "basis": bases.get(self.basis, ""),
            "version": self.notice_version,
            "body": self.notice_id.body,
        }
