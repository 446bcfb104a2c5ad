# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _kelurahan_activate_indonesian(self):
        """Bahasa Indonesia is the product's first language: activate it on install.
        Activating through toggle_active also loads its terms for installed modules."""
        lang = self.with_context(active_test=False).search([("code", "=", "id_ID")])
        if not lang.active:
            lang.toggle_active()
