# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools.misc import formatLang


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _kelurahan_activate_indonesian(self):
        """Bahasa Indonesia is the product's first language: activate it on install.
        Activating through toggle_active also loads its terms for installed modules."""
        lang = self.with_context(active_test=False).search([("code", "=", "id_ID")])
        if not lang.active:
            lang.toggle_active()

    @api.model
    def _kel_format_number(self, value, digits=1, percent=False):
        """A figure as people of the user's language write it (id_ID: 1.234,5 and
        42,9%), "-" when there is none. One policy for the dashboard, the summaries
        and the reports: never Python's "42.9"."""
        if value is None:
            return "-"
        text = formatLang(self.env, value, digits=digits)
        return f"{text}%" if percent else text

    @api.model
    def _kel_number_formatter(self, default_digits=2):
        """``fmt(value, digits)`` of report templates, in this environment's
        language."""

        def fmt(value, digits=default_digits):
            return self._kel_format_number(value, digits=digits)

        return fmt

    @api.model
    def _kel_empty_label(self):
        """How a missing value (no channel, no RW…) is shown in figures: the label
        of Odoo's own group-by for empty values ("Tidak Ada"), so lists, pivots,
        the dashboard and the exports say the same."""
        return self.env._("None")
