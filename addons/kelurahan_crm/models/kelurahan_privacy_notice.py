# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Versions of the privacy notice (UU PDP, Law 27/2022) shown on every intake.

Admins edit the notice by adding a version; a version that a consent record points
to can no longer be changed (the resident agreed to that very text), so the change
becomes a new version. The latest version of a kelurahan is the one shown."""

from odoo import api, fields, models
from odoo.exceptions import UserError

ADMIN = "kelurahan_crm.group_kelurahan_admin"


class KelurahanPrivacyNotice(models.Model):
    _name = "kelurahan.privacy.notice"
    _description = "Privacy notice version"
    _order = "company_id, version desc"
    _rec_name = "version"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    version = fields.Integer(readonly=True, copy=False, index=True)
    body = fields.Text(
        string="Notice",
        required=True,
        help="The short notice shown on every form: what is collected, why, how long "
        "it is kept and who sees it. Written in Indonesian for residents.",
    )
    consent_count = fields.Integer(
        string="Records given this version", compute="_compute_consent_count"
    )
    is_used = fields.Boolean(compute="_compute_consent_count")

    _sql_constraints = [  # noqa: RUF012
        (
            "version_uniq",
            "unique(company_id, version)",
            "A version number is used once per kelurahan.",
        )
    ]

    def _compute_consent_count(self):
        # sudo: counting consent rows; no resident data leaves this method.
        counts = dict(
            self.env["kelurahan.consent"]
            .sudo()
            ._read_group([("notice_id", "in", self.ids)], ["notice_id"], ["__count"])
        )
        for notice in self:
            notice.consent_count = counts.get(notice.sudo(), 0)
            notice.is_used = bool(notice.consent_count)

    @api.depends("version", "company_id")
    def _compute_display_name(self):
        for notice in self:
            notice.display_name = self.env._(
                "Version %(version)s", version=notice.version
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            vals["company_id"] = company_id
            last = self.sudo().search(
                [("company_id", "=", company_id)], order="version desc", limit=1
            )
            vals["version"] = (last.version or 0) + 1
        return super().create(vals_list)

    def write(self, vals):
        if {"body", "company_id", "version"} & set(vals) and self.filtered("is_used"):
            raise UserError(
                self.env._(
                    "This notice version was already given to residents and "
                    "cannot be changed. Create a new version instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered("is_used"):
            raise UserError(
                self.env._(
                    "This notice version was already given to residents and cannot "
                    "be deleted."
                )
            )

    def action_new_version(self):
        """Open a new version prefilled with this text (the way to edit a used one)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": {"default_body": self.body},
        }

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    @api.model
    def _kel_current(self, company=None):
        """The version shown today in ``company`` (as sudo: the notice is public),
        created from the default text when the kelurahan has none yet."""
        company = company or self.env.company
        # sudo: the notice is public text; residents and visitors read it on forms.
        Notice = self.sudo()
        # Its kelurahan and version come with the search (what a consent row
        # reads of it); the text is read only where it is shown.
        notice = Notice.search_fetch(
            [("company_id", "=", company.id)],
            ["company_id", "version"],
            order="version desc",
            limit=1,
        )
        if not notice:
            default = self.env.ref(
                "kelurahan_crm.privacy_notice_default", raise_if_not_found=False
            )
            notice = Notice.create(
                {
                    "company_id": company.id,
                    "body": default.sudo().body if default else DEFAULT_BODY,
                }
            )
        return notice

    @api.model
    def _kel_retention_items(self, company):
        """The retention periods shown on the privacy page, read live from the
        configuration: ``[{"label", "period"}]``. Other addons add theirs."""
        return [
            {
                "label": self.env._("Complaints and their photos"),
                "period": self.env._(
                    "%(years)s years after the complaint is closed",
                    years=company.kel_retention_complaint_years,
                ),
            },
            {
                "label": self.env._("Consent records and notice versions"),
                "period": self.env._(
                    "as long as the record they belong to, then %(years)s years",
                    years=company.kel_retention_complaint_years,
                ),
            },
        ]

    @api.model
    def _kel_purposes(self):
        """Purposes of processing shown on the privacy page; other addons add."""
        return [
            self.env._(
                "Handling complaints: verifying, forwarding to the responsible agency, "
                "informing you of the progress."
            ),
        ]


DEFAULT_BODY = (
    "Kelurahan mengumpulkan data yang Anda isi (nama, nomor telepon/e-mail, alamat "
    "atau lokasi, foto) untuk menangani laporan atau permohonan Anda. Data disimpan "
    "selama masa retensi yang tercantum di halaman privasi dan hanya dilihat oleh "
    "petugas kelurahan, pengurus RW terkait dan instansi yang menerima disposisi."
)
