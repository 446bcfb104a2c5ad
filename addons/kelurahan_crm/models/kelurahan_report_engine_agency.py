# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "Disposisi" sheet of the export: each disposition of the period (by date
sent) with its agency, dates, state and response in working days."""

from odoo import api, models

from ..tools import xlsx_stream as xs

DISPOSITION_COLUMNS = [
    ("Dikirim", "date_sent", xs.DATETIME, 16),
    ("No. Laporan", "ticket_number", xs.TEXT, 18),
    ("Dinas", "agency_id", xs.TEXT, 28),
    ("Tenggat", "date_due", xs.DATETIME, 16),
    ("Status", "state", xs.TEXT, 18),
    ("Diterima dinas", "date_accepted", xs.DATETIME, 16),
    ("Selesai", "date_done", xs.DATETIME, 16),
    ("Respon (hari kerja)", "response_days_taken", xs.NUMBER, 12),
    ("Selesai dalam target", "is_within_target", xs.TEXT, 10),
    ("Hasil", "response", xs.TEXT, 40),
    ("Alasan ditolak", "reject_reason", xs.TEXT, 30),
]


class KelurahanReportEngine(models.AbstractModel):
    _inherit = "kelurahan.report.engine"

    @api.model
    def _kel_sheet_providers(self, filters):
        providers = super()._kel_sheet_providers(filters)
        if self.env["kelurahan.disposition"].has_access("read"):
            providers.append(
                self._kel_orm_provider(
                    "kelurahan.disposition",
                    "Disposisi",
                    "date_sent",
                    DISPOSITION_COLUMNS,
                    filters,
                )
            )
        return providers
