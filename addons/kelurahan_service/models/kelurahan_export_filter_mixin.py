# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanExportFilterMixin(models.AbstractModel):
    """Exports and report subscriptions can add the service sheets."""

    _inherit = "kelurahan.export.filter.mixin"

    extra_sheets = fields.Boolean(
        string="Add service requests and queue",
        help="One more sheet each for service requests and queue tickets of the "
        "period.",
    )

    def _kel_filter_values(self, date_from, date_to):
        values = super()._kel_filter_values(date_from, date_to)
        values["extra_sheets"] = self.extra_sheets
        return values
