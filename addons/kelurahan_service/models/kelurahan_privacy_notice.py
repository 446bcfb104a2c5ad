# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy page names the service requests' purpose and legal basis."""

from odoo import api, models


class KelurahanPrivacyNotice(models.Model):
    _inherit = "kelurahan.privacy.notice"

    @api.model
    def _kel_purposes(self):
        return [
            *super()._kel_purposes(),
            self.env._(
                "Administrative services (letters, certificates): checking your "
                "request and documents and issuing the letter; the kelurahan's legal "
                "duty (UU PDP art. 20(2)), no consent needed."
            ),
        ]
