# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One query for a list page of complaints (issue 22).

Odoo checks the record rules again when it reads the rows a search found
(``read`` -> ``fetch`` -> ``check_access``): it filters the rows with the rules'
domain, which reads the fields the rules name (``company_id``, ``rw_id``, …). When
the list did not ask for them, that read fetches every other column of the 80 rows
too (descriptions, notes: the widest ones) in a second query. Fetching the rules'
fields with the search avoids it; what the caller may see is unchanged (the rules
still apply, this only chooses columns of the same query)."""

from odoo import api, models


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = "helpdesk.ticket"

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # Only when the caller fetches columns anyway (a list page, read):
        # search() passes none and stays a query of ids.
        if field_names and not self.env.su:
            field_names = [*field_names, *self._kel_rule_field_names()]
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    @api.model
    def _kel_rule_field_names(self):
        """Stored fields of this model that the current user's read rules name."""
        domain = self.env["ir.rule"]._compute_domain(self._name, "read") or []
        names = {
            leaf[0].split(".", 1)[0]
            for leaf in domain
            if isinstance(leaf, list | tuple) and len(leaf) == 3
        }
        return [
            name
            for name in sorted(names)
            if name in self._fields and self._fields[name].column_type
        ]
