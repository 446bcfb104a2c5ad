# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import qr as kel_qr

ROMAN_MONTHS = ("I II III IV V VI VII VIII IX X XI XII").split()
DEFAULT_PATTERN = "{code}/{seq}/{office}/{month}/{year}"
DEFAULT_OFFICE = "KLS"
# What may change on an issued letter; its number, request, date, token and
# status are fixed (the status changes only through ``action_revoke``).
EDITABLE_FIELDS = frozenset(("signatory_id", "signatory_title", "revoke_reason"))


def format_number(pattern, seq, code, office, date):
    """Letter number from a pattern such as ``{code}/{seq}/{office}/{month}/{year}``:
    470/012/KLS/XI/2026 (month in Roman numerals, as on Indonesian letters)."""
    return pattern.format(
        seq=seq,
        code=code or "",
        office=office or "",
        month=ROMAN_MONTHS[date.month - 1],
        year=date.year,
    )


class KelurahanLetter(models.Model):
    """A letter issued for a request, verifiable through its QR code."""

    _name = "kelurahan.letter"
    _description = "Issued Letter"
    _inherit = ["mail.thread"]  # noqa: RUF012
    _order = "date_issued desc, id desc"
    _rec_name = "number"

    number = fields.Char(required=True, readonly=True, copy=False, index=True)
    request_id = fields.Many2one(
        "kelurahan.service.request", required=True, ondelete="restrict", index=True
    )
    service_id = fields.Many2one(
        related="request_id.service_id", store=True, index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    applicant_name = fields.Char(related="request_id.applicant_name", store=True)
    applicant_nik_masked = fields.Char(related="request_id.applicant_nik_masked")
    date_issued = fields.Date(
        required=True, default=lambda self: self.env.company._kel_today(), readonly=True
    )
    signatory_id = fields.Many2one(
        "res.users",
        default=lambda self: self._default_signatory(),
        help="The Lurah or the official signing on the Lurah's behalf.",
    )
    signatory_title = fields.Char(
        default=lambda self: self.env._("Lurah"), help="e.g. Lurah, or a.n. Lurah …"
    )
    verify_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(18),
        groups="kelurahan_crm.group_kelurahan_rw",
    )
    state = fields.Selection(
        [("valid", "Valid"), ("revoked", "Revoked")],
        required=True,
        default="valid",
        tracking=True,
        index=True,
    )
    revoke_reason = fields.Text(tracking=True)
    date_revoked = fields.Datetime(readonly=True)

    _sql_constraints = [  # noqa: RUF012
        ("number_uniq", "unique(number, company_id)", "Letter numbers are unique."),
        ("token_uniq", "unique(verify_token)", "Verification tokens are unique."),
    ]

    def _default_signatory(self):
        lurah = self.env.ref(
            "kelurahan_crm.group_kelurahan_lurah", raise_if_not_found=False
        )
        users = lurah.users.filtered(
            lambda u: not u.has_group("kelurahan_crm.group_kelurahan_admin")
        )
        return users[:1] or self.env.user

    @api.model
    def _kel_pattern(self):
        # sudo: configuration, read by every officer who issues letters.
        params = self.env["ir.config_parameter"].sudo()
        return (
            params.get_param("kelurahan_service.letter_number_pattern")
            or DEFAULT_PATTERN,
            params.get_param("kelurahan_service.letter_office_code") or DEFAULT_OFFICE,
        )

    @api.model
    def _kel_check_pattern(self, pattern):
        try:
            sample = format_number(pattern, "001", "470", "KLS", fields.Date.today())
        except (KeyError, IndexError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "The letter number pattern is invalid (%(error)s). Use {seq}, "
                    "{code}, {office}, {month} and {year}.",
                    error=error,
                )
            ) from error
        if "{seq}" not in pattern or "{year}" not in pattern:
            raise ValidationError(
                self.env._("The letter number pattern needs {seq} and {year}.")
            )
        return sample

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Letters are issued from their request, with its Issue letter "
                    "button."
                )
            )
        pattern, office = self._kel_pattern()
        self._kel_check_pattern(pattern)
        for vals in vals_list:
            request = self.env["kelurahan.service.request"].browse(vals["request_id"])
            date = fields.Date.to_date(vals.get("date_issued")) or (
                self.env.company._kel_today()
            )
            # sudo: numbering is the office's; officers cannot read ir.sequence.
            seq = (
                self.env["ir.sequence"]
                .sudo()
                .with_company(request.company_id)
                .next_by_code("kelurahan.letter", sequence_date=date)
            )
            vals["number"] = format_number(
                pattern, seq, request.service_id.letter_code, office, date
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._kel_check_editable(vals)
        return super().write(vals)

    def _kel_check_editable(self, vals):
        if set(vals) - EDITABLE_FIELDS:
            raise AccessError(
                self.env._(
                    "An issued letter cannot be changed; only its signatory. The "
                    "Lurah can revoke it."
                )
            )
        if "revoke_reason" in vals:
            self._kel_check_lurah()
            if "revoked" in self.mapped("state"):
                raise UserError(
                    self.env._("The reason of a revoked letter cannot be changed.")
                )

    def _kel_check_lurah(self):
        if not self.env.user.has_group("kelurahan_crm.group_kelurahan_lurah"):
            raise UserError(self.env._("Only the Lurah can revoke a letter."))

    def action_revoke(self, reason=None):
        self._kel_check_lurah()
        self.check_access("write")
        for letter in self:
            reason = reason or letter.revoke_reason
            if not (reason or "").strip():
                raise UserError(self.env._("Write why the letter is revoked."))
            if letter.state == "revoked":
                raise UserError(self.env._("This letter is already revoked."))
            # sudo: the status is written only here, for the Lurah (checked above).
            letter.sudo().write(
                {
                    "state": "revoked",
                    "revoke_reason": reason,
                    "date_revoked": fields.Datetime.now(),
                }
            )
            letter.request_id._kel_notify_applicant()

    def _get_report_base_filename(self):
        """Name of the downloaded PDF (portal): "Surat 470/012/KLS/XI/2026", which
        the portal turns into Surat-470-012-KLS-XI-2026.pdf."""
        self.ensure_one()
        return self.env._("Letter %(number)s", number=self.number)

    def _kel_verify_url(self):
        self.ensure_one()
        base = self.get_base_url()
        # sudo: the token is hidden from the field list of non-staff, but printed.
        return f"{base}/verifikasi/{self.sudo().verify_token}"

    def _kel_qr_data_uri(self):
        """PNG of the QR code of the verification address, as a data URI the PDF
        renderer embeds without fetching anything."""
        self.ensure_one()
        return kel_qr.data_uri(self._kel_verify_url())

    def action_print(self):
        # Our own letterhead: no prompt to configure the company document layout.
        report = self.env.ref("kelurahan_service.action_report_letter")
        return report.with_context(discard_logo_check=True).report_action(self)
