# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class KelurahanPortalThrottle(models.Model):
    _inherit = "kelurahan.portal.throttle"

    @api.model
    def _kel_limits(self):
        limits = super()._kel_limits()
        limits.update(
            {
                # Nearby lookups of the report form and the public map's features.
                "map": ("kelurahan_crm_map.portal_map_limit", 120, 15),
                # "Saya juga mengalami ini" from one connection.
                "support": ("kelurahan_crm_map.portal_support_limit", 10, 60),
            }
        )
        return limits
