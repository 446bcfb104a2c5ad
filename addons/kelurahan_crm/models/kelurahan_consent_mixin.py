# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one API every intake uses to store its notice and legal basis.

A model that takes residents' data inherits ``kelurahan.consent.mixin``. Its form (or
controller) sets ``kel_notice_ack`` on create when the resident was given the notice
and agreed (or, for a legal-duty basis, was given it); the mixin then writes one
``kelurahan.consent`` row with the current notice version, the time, the channel
(``_kel_consent_channel``) and the basis (``_kel_consent_basis``). Code that records
consent later (WhatsApp's SETUJU) calls ``_kel_record_consent``."""

from odoo import api, fields, models
from odoo.tools.misc import clean_context


class KelurahanConsentMixin(models.AbstractModel):
    _name = "kelurahan.consent.mixin"
    _description = "Records with a privacy notice and legal basis"

    kel_consent_ids = fields.One2many(
        "kelurahan.consent",
        "res_id",
        string="Consent records",
        domain=lambda self: [("res_model", "=", self._name)],
        readonly=True,
        groups="kelurahan_crm.group_kelurahan_officer",
    )
    kel_notice_ack = fields.Boolean(
        string="Resident agreed to the privacy notice",
        store=False,
        help="Tick after reading the privacy notice to the resident and hearing them "
        "agree. Without agreement, record the report as anonymous without name or "
        "phone.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        acks = [bool(vals.pop("kel_notice_ack", False)) for vals in vals_list]
        records = super().create(vals_list)
        agreed = [rec.id for rec, ack in zip(records, acks, strict=True) if ack]
        records.browse(agreed)._kel_record_consent()
        return records

    def _kel_consent_channel(self):
        """The channel this record came in by (a ``kelurahan.consent`` channel)."""
        return "office"

    def _kel_consent_basis(self):
        """The legal basis of this kind of record."""
        return "consent"

    def _kel_consent_partner(self):
        """The resident the record is about, if known."""
        return self.env["res.partner"]

    def _kel_record_consent(self, channel=None, basis=None, partner=None):
        """Write one consent row per record, with the kelurahan's current notice."""
        if not self:
            return self.env["kelurahan.consent"]
        Notice = self.env["kelurahan.privacy.notice"]
        notices = {}
        now = fields.Datetime.now()
        rows = []
        for record in self:
            company = record.company_id if "company_id" in record._fields else None
            company = company or self.env.company
            if company not in notices:
                notices[company] = Notice._kel_current(company)
            resident = partner if partner is not None else record._kel_consent_partner()
            rows.append(
                {
                    "notice_id": notices[company].id,
                    # set here, never from the caller's context (default_date)
                    "date": now,
                    "channel": channel or record._kel_consent_channel(),
                    "basis": basis or record._kel_consent_basis(),
                    "partner_id": resident.id or False,
                    # An officer entering the record for the resident (RW quick
                    # form); residents and system jobs (sudo) record nobody.
                    "recorded_by_id": self.env.user.id
                    if not self.env.su and self.env.user._is_internal()
                    else False,
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        # sudo: consent rows are append-only and written only here, from values
        # computed above (nobody may write them through the ORM directly).
        # The caller's context is replaced (not merged): a default_* key from
        # JSON-RPC must not fill a row.
        env = self.env(context=clean_context(self.env.context), su=True)
        return env["kelurahan.consent"].create(rows)
