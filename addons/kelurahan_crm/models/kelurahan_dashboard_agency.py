# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class KelurahanDashboard(models.AbstractModel):
    _inherit = "kelurahan.dashboard"

    @api.model
    @api.readonly  # figures only: served by the read replica (README "Scaling")
    def get_dashboard_data(self, date_from=None, date_to=None):
        """Adds ``agency_performance``: per agency, the dispositions sent in the
        period, those done within their target and the average first answer in
        working days (the user's record rules applied; whole months from the
        monthly summary for officers and above)."""
        data = super().get_dashboard_data(date_from=date_from, date_to=date_to)
        Disposition = self.env["kelurahan.disposition"]
        rows = []
        if Disposition.has_access("read"):
            _from, _to, start, end = self._kel_period(date_from, date_to)
            Lang = self.env["res.lang"]
            for row in Disposition._kel_agency_performance_period(start, end):
                rows.append(
                    {
                        "id": row["agency"].id,
                        "name": row["agency"].display_name,
                        "received": row["received"],
                        "within": row["within"],
                        "avg_days_display": Lang._kel_format_number(row["avg_days"]),
                    }
                )
        data["agency_performance"] = rows
        return data
