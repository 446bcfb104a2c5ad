# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A complaint number typed in the search box, at province scale.

Every number starts with the same prefix ("ADU/2026/"), so the prefix's trigrams
are in every row of the number's trigram index: a GIN scan for
``number ILIKE '%ADU/2026/996319%'`` reads their posting lists whole (30 ms at
1M complaints, and it grows with the province). When the typed term holds a run
of digits, the condition is written as that run (a few rows of the index) AND the
whole term, the latter on an expression the index does not serve, so PostgreSQL
checks it on those rows only. The rows found are those of Odoo's plain ilike:
any number matching the whole pattern contains the run literally."""

import re

from odoo import models
from odoo.tools import SQL

# A run this long is in a few rows of the index (the sequence's digits); a
# shorter one (a year) would not narrow anything.
DIGIT_RUN = re.compile(r"\d{4,}")


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = "helpdesk.ticket"

    def _condition_to_sql(self, alias, fname, operator, value, query):
        anchor = self._kel_digit_anchor(fname, operator, value)
        if anchor is None:
            return super()._condition_to_sql(alias, fname, operator, value, query)
        indexed = super()._condition_to_sql(alias, fname, operator, anchor, query)
        unaccent = self.env.registry.unaccent
        # "|| ''": an expression the trigram index does not serve, so that the
        # whole term is checked on the rows of the run only
        column = SQL("(%s || '')", self._field_to_sql(alias, fname, query))
        whole = SQL(
            "(%s ILIKE %s)", unaccent(column), unaccent(SQL("%s", f"%{value}%"))
        )
        return SQL("(%s AND %s)", indexed, whole)

    @staticmethod
    def _kel_digit_anchor(fname, operator, value):
        """The longest run of digits of ``value`` when it narrows an ilike on a
        complaint number; None otherwise (Odoo's plain condition is used)."""
        if fname != "number" or operator != "ilike" or not isinstance(value, str):
            return None
        runs = DIGIT_RUN.findall(value)
        if not runs:
            return None
        longest = max(runs, key=len)
        return longest if longest != value else None
