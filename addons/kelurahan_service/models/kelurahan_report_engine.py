# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The service requests and the queue join the complaint export as two more sheets
(``extra_sheets`` filter), through the engine's sheet-provider hook."""

from odoo import api, models

from odoo.addons.kelurahan_crm.tools import xlsx_stream as xs

# model, sheet, date field (Date or Datetime) and columns (header, field, kind, width)
SERVICE_SHEETS = [
    (
        "kelurahan.service.request",
        "Permohonan",
        "date_submitted",
        [
            ("No. Permohonan", "number", xs.TEXT, 18),
            ("Tgl Masuk", "date_submitted", xs.DATETIME, 16),
            ("Layanan", "service_id", xs.TEXT, 28),
            ("RW", "rw_id", xs.TEXT, 8),
            ("Kanal", "channel", xs.TEXT, 14),
            ("Status", "state", xs.TEXT, 16),
            ("Tenggat", "date_deadline", xs.DATE, 12),
            ("Tgl Selesai", "date_done", xs.DATETIME, 16),
            ("Terlambat", "is_overdue", xs.TEXT, 10),
            ("Petugas", "user_id", xs.TEXT, 20),
        ],
    ),
    (
        "kelurahan.queue.ticket",
        "Antrean",
        "date",
        [
            ("No. Antrean", "name", xs.TEXT, 12),
            ("Tanggal", "date", xs.DATE, 12),
            ("Layanan", "service_id", xs.TEXT, 28),
            ("Loket", "counter_id", xs.TEXT, 14),
            ("Status", "state", xs.TEXT, 14),
            ("Check-in", "checkin_date", xs.DATETIME, 16),
            ("Dipanggil", "called_date", xs.DATETIME, 16),
            ("Dilayani", "served_date", xs.DATETIME, 16),
            ("Menunggu (menit)", "wait_minutes", xs.NUMBER, 12),
            ("Lama layanan (menit)", "service_minutes", xs.NUMBER, 12),
        ],
    ),
]


class KelurahanReportEngine(models.AbstractModel):
    _inherit = "kelurahan.report.engine"

    @api.model
    def _kel_sheet_providers(self, filters):
        """After the complaints: one sheet each for service requests and queue
        tickets of the period, when asked for and readable by the user."""
        providers = super()._kel_sheet_providers(filters)
        if not filters.get("extra_sheets"):
            return providers
        for model, sheet, date_field, columns in SERVICE_SHEETS:
            if self.env[model].has_access("read"):
                providers.append(
                    self._kel_orm_provider(model, sheet, date_field, columns, filters)
                )
        return providers
