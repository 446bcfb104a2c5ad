# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.kelurahan_crm.models.kelurahan_report_engine import INDICATOR_CODES


class KelurahanReportEngine(models.AbstractModel):
    _inherit = "kelurahan.report.engine"

    @api.model
    def _kel_indicators(self, filters):
        """The Table-1 indicators of the export and the KPI summary come from the
        satisfaction surveys of the period (not from the complaints' ratings)."""
        shares = self.env["survey.survey"]._kel_indicator_shares(
            fields.Date.to_date(filters["date_from"]),
            fields.Date.to_date(filters["date_to"]),
        )
        return {
            "source": "survey",
            "shares": {code: shares.get(code) for code in INDICATOR_CODES},
        }
