# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Summary of the dispositions per kelurahan, month of sending and agency: what
the dashboard's agency performance reads for the whole months of a long period
instead of aggregating every disposition (half a million in three years of a
province).

Months are UTC calendar months of ``date_sent``: a period (UTC bounds of office
days) is read as the whole months inside it from here and the two ends from the
dispositions themselves, so no time zone is involved and the figures are those of
a direct count.

How it stays exact: PostgreSQL statement triggers on ``kelurahan_disposition``
insert, for every INSERT/UPDATE/DELETE, the rows' contributions as deltas (+1 for
the new values, -1 for the old ones, grouped, zero deltas dropped); rows are only
inserted, so concurrent writers never wait on a shared counter, and readers SUM.
A job merges the rows of the months touched since its last run
(``_kel_compact``), deleting only the rows it sees.

Only officers and above read it (they see every disposition of their
kelurahans); an RW officer's figures come from the dispositions, by index
(``kelurahan_disposition_index.py``)."""

from odoo import api, fields, models
from odoo.tools import SQL, sql

from ..tools.summary_triggers import create_delta_triggers

COMPACTED_PARAM = "kelurahan_crm.disposition_monthly_compacted_id"
KEY_COLUMNS = (
    "company_id",
    "month",
    "agency_id",
    "is_cancelled",
    "is_within_target",
    "is_answered",
)
MEASURE_COLUMNS = ("received", "response_days_sum")
# Columns of kelurahan_disposition a summary row depends on.
DISPOSITION_COLUMNS = (
    "company_id",
    "date_sent",
    "agency_id",
    "state",
    "is_within_target",
    "is_answered",
    "response_days_taken",
)


def _identifiers(names):
    return SQL(", ").join(SQL.identifier(name) for name in names)


def _grouped(source):
    """The summary rows of ``source`` (DISPOSITION_COLUMNS and ``sign``, +1/-1),
    summed per key, the keys whose measures net to zero dropped."""
    return SQL(
        """
        SELECT company_id, date_trunc('month', date_sent)::date AS month,
               agency_id, coalesce(state = 'cancelled', false),
               coalesce(is_within_target, false), coalesce(is_answered, false),
               sum(sign), sum(sign * coalesce(response_days_taken, 0))
          FROM %s src
         WHERE date_sent IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * coalesce(response_days_taken, 0)) <> 0
        """,
        source,
    )


class KelurahanDispositionMonthly(models.Model):
    _name = "kelurahan.disposition.monthly"
    _description = "Disposition summary per month and agency"
    _log_access = False
    _order = "month desc, id desc"

    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(
        required=True, readonly=True, help="First day of the UTC month of sending."
    )
    agency_id = fields.Many2one("kelurahan.agency", readonly=True)
    is_cancelled = fields.Boolean(string="Withdrawn", readonly=True)
    is_within_target = fields.Boolean(readonly=True)
    is_answered = fields.Boolean(readonly=True)
    received = fields.Integer(readonly=True, aggregator="sum")
    response_days_sum = fields.Float(readonly=True, aggregator="sum")

    def init(self):
        """The index the period reads use and the triggers that keep the table
        in step with the dispositions (replaced at every update); filled from
        the dispositions when empty (install, or a database migrating to it)."""
        cr = self.env.cr
        cr.execute(
            "CREATE INDEX IF NOT EXISTS kelurahan_disposition_monthly_period_idx"
            " ON kelurahan_disposition_monthly (company_id, month)"
        )

        def delta(source):
            return SQL(
                "INSERT INTO kelurahan_disposition_monthly (%s, %s) %s;",
                _identifiers(KEY_COLUMNS),
                _identifiers(MEASURE_COLUMNS),
                _grouped(source),
            )

        create_delta_triggers(
            cr,
            "kelurahan_disposition_monthly",
            "kelurahan_disposition",
            DISPOSITION_COLUMNS,
            delta,
        )
        cr.execute("SELECT 1 FROM kelurahan_disposition_monthly LIMIT 1")
        if not cr.rowcount and all(
            sql.column_exists(cr, "kelurahan_disposition", column)
            for column in DISPOSITION_COLUMNS
        ):
            self._kel_rebuild()

    @api.model
    def _kel_rebuild(self):
        """Recompute the whole summary from the dispositions."""
        self.env["kelurahan.disposition"].flush_model(DISPOSITION_COLUMNS)
        cr = self.env.cr
        cr.execute("DELETE FROM kelurahan_disposition_monthly")
        cr.execute(
            SQL(
                "INSERT INTO kelurahan_disposition_monthly (%s, %s) %s",
                _identifiers(KEY_COLUMNS),
                _identifiers(MEASURE_COLUMNS),
                _grouped(
                    SQL(
                        "(SELECT %s, 1 AS sign FROM kelurahan_disposition)",
                        _identifiers(DISPOSITION_COLUMNS),
                    )
                ),
            )
        )

    @api.model
    def _kel_compact(self):
        """Merge the rows of the months that changed since the last run into one
        row per key. Rows inserted by transactions this one does not see stay as
        they are (the sums stay exact) and are merged by a later run."""
        cr = self.env.cr
        params = self.env["ir.config_parameter"].sudo()
        last = int(params.get_param(COMPACTED_PARAM, "0"))
        cr.execute("SELECT coalesce(max(id), 0) FROM kelurahan_disposition_monthly")
        top = cr.fetchone()[0]
        if top <= last:
            return
        keys = _identifiers(KEY_COLUMNS)
        cr.execute(
            SQL(
                """
                WITH touched AS (
                    SELECT DISTINCT company_id, month
                      FROM kelurahan_disposition_monthly
                     WHERE id > %(last)s AND id <= %(top)s
                ), gone AS (
                    DELETE FROM kelurahan_disposition_monthly m
                     USING touched
                     WHERE m.id <= %(top)s AND m.month = touched.month
                       AND m.company_id IS NOT DISTINCT FROM touched.company_id
                 RETURNING m.*
                )
                INSERT INTO kelurahan_disposition_monthly (%(keys)s, %(measures)s)
                SELECT %(keys)s, sum(received), sum(response_days_sum)
                  FROM gone GROUP BY %(keys)s
                HAVING sum(received) <> 0 OR sum(response_days_sum) <> 0
                """,
                last=last,
                top=top,
                keys=keys,
                measures=_identifiers(MEASURE_COLUMNS),
            )
        )
        cr.execute("SELECT max(id) FROM kelurahan_disposition_monthly")
        params.set_param(COMPACTED_PARAM, str(cr.fetchone()[0] or top))

    @api.model
    def _cron_kel_compact(self):
        self._kel_compact()

    @api.model
    def _kel_groups(self, first_month, end_month):
        """(agency id, within target, answered, received, response days sum) of
        the non-withdrawn dispositions sent in the months ``first_month`` up to
        ``end_month`` (excluded) that the user may see (record rules). Deltas of
        a key that net to nothing (a disposition that moved to another key) are
        left out."""
        self.env["kelurahan.disposition"].flush_model(DISPOSITION_COLUMNS)
        query = self._search(
            [
                ("month", ">=", first_month),
                ("month", "<", end_month),
                ("is_cancelled", "=", False),
            ]
        )
        return self.env.execute_query(
            SQL(
                "SELECT agency_id, is_within_target, is_answered, sum(received),"
                " sum(response_days_sum) FROM %s WHERE %s GROUP BY 1, 2, 3"
                " HAVING sum(received) <> 0",
                query.from_clause,
                query.where_clause,
            )
        )
