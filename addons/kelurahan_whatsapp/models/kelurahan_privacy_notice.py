# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy page shows WhatsApp's purpose and the configured retention of the
raw webhook deliveries (purged daily by kelurahan.whatsapp.event)."""

from odoo import api, models


class KelurahanPrivacyNotice(models.Model):
    _inherit = "kelurahan.privacy.notice"

    @api.model
    def _kel_retention_items(self, company):
        items = super()._kel_retention_items(company)
        days = self.env["kelurahan.whatsapp.event"]._kel_retention_days()
        items.append(
            {
                "label": self.env._("WhatsApp deliveries as received (raw)"),
                "period": self.env._("%(days)s days", days=days),
            }
        )
        return items

    @api.model
    def _kel_purposes(self):
        return [
            *super()._kel_purposes(),
            self.env._(
                "WhatsApp: answering your messages and turning them into a complaint "
                "after you reply SETUJU."
            ),
        ]
