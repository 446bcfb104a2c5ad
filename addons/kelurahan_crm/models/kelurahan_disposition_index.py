# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The index of the late dispositions (issue 22).

``kelurahan_disposition_kel_late_idx``: the dashboard's "late dispositions" count
and its ten most overdue, [('date_done', '=', False), ('date_due', '<', now)] under
the global company rule, ordered ``date_due asc, id asc``. Partial on the open
dispositions (a few % of them), keyed by due date then id (the order of the top
ten) and holding company_id (the company rule): both queries are index-only
scans instead of two sequential scans of every disposition.
"""

from odoo import models
from odoo.tools.sql import create_index

LATE_INDEX = "kelurahan_disposition_kel_late_idx"


class KelurahanDisposition(models.Model):
    _inherit = "kelurahan.disposition"

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            LATE_INDEX,
            self._table,
            ["date_due", "id", "company_id"],
            where="date_done IS NULL",
        )
        return res
