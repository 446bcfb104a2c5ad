# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: the dashboard's disposition figures at a province's scale.

The agency performance of a period and the late dispositions are aggregates over
dispositions (half a million in three years of a province). Each is read by an
index-only scan of an index holding every column its query and the user's record
rules read. For RW officers that needs the complaint's RW, confidential flag and
creator on the disposition itself (stored related fields): their record rule on
dispositions reads those instead of joining every complaint of their RW.
"""

from odoo import fields, models
from odoo.tools import SQL, sql

# What the agency performance reads (``_kel_agency_performance``).
PERFORMANCE_COLUMNS = [
    "date_sent",
    "agency_id",
    "is_within_target",
    "is_answered",
    "state",
    "response_days_taken",
]
# What the RW officers' record rule reads (security/kelurahan_crm_security.xml).
RW_RULE_COLUMNS = ["ticket_is_confidential", "ticket_create_uid", "company_id"]
# name: (columns, partial index predicate)
DISPOSITION_INDEXES = {
    # lurah and officers: the period of the whole kelurahan
    "kelurahan_disposition_kel_sent_idx": (["company_id", *PERFORMANCE_COLUMNS], ""),
    # RW officers: the period of their RW
    "kelurahan_disposition_kel_rw_sent_idx": (
        ["ticket_rw_id", *PERFORMANCE_COLUMNS, *RW_RULE_COLUMNS],
        "",
    ),
    # RW officers: their RW's late dispositions (the lurah's: LATE_INDEX)
    "kelurahan_disposition_kel_rw_late_idx": (
        ["ticket_rw_id", "date_due", "id", *RW_RULE_COLUMNS],
        "date_done IS NULL",
    ),
}
# stored related field: column type, complaint column
COMPLAINT_COLUMNS = {
    "ticket_rw_id": ("int4", "rw_id"),
    "ticket_is_confidential": ("bool", "is_confidential"),
    "ticket_create_uid": ("int4", "create_uid"),
}


class KelurahanDisposition(models.Model):
    _inherit = "kelurahan.disposition"

    ticket_rw_id = fields.Many2one(
        related="ticket_id.rw_id", store=True, string="RW of the complaint"
    )
    ticket_is_confidential = fields.Boolean(
        related="ticket_id.is_confidential",
        store=True,
        string="Confidential complaint",
    )
    ticket_create_uid = fields.Many2one(
        related="ticket_id.create_uid", store=True, string="Complaint entered by"
    )

    def _auto_init(self):
        """On a database that has dispositions already, fill the new columns with
        one UPDATE instead of the ORM recomputing every disposition."""
        cr = self.env.cr
        if not sql.table_exists(cr, self._table):
            return super()._auto_init()
        missing = {
            name: spec
            for name, spec in COMPLAINT_COLUMNS.items()
            if not sql.column_exists(cr, self._table, name)
        }
        for name, (kind, _column) in missing.items():
            sql.create_column(cr, self._table, name, kind)
        if missing:
            cr.execute(
                SQL(
                    "UPDATE %s d SET %s FROM helpdesk_ticket t"
                    " WHERE t.id = d.ticket_id",
                    SQL.identifier(self._table),
                    SQL(", ").join(
                        SQL(
                            "%s = t.%s",
                            SQL.identifier(name),
                            SQL.identifier(column),
                        )
                        for name, (_kind, column) in missing.items()
                    ),
                )
            )
        return super()._auto_init()

    def init(self):
        res = super().init()
        for name, (columns, where) in DISPOSITION_INDEXES.items():
            sql.create_index(self.env.cr, name, self._table, columns, where=where)
        return res
