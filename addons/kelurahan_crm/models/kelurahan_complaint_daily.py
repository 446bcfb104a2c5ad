# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Summary of the complaints per kelurahan, office day (and month), RW and status,
category or channel: what the dashboard, the public board and the KPI read for
long periods instead of scanning years of complaints.

How it stays exact: PostgreSQL statement triggers on ``helpdesk_ticket`` insert,
for every INSERT/UPDATE/DELETE (ORM writes, the deadline job's refreshes, raw SQL
alike), the rows' contributions as deltas: +1 for the new values, -1 for the old
ones, grouped, zero deltas dropped. Rows are only ever inserted (never updated in
place), so concurrent complaint intakes never wait on one another nor hit a
serialization failure on a shared counter row; readers always SUM. A job merges
the deltas of the days touched since its last run (``_kel_compact``) and,
nightly, recomputes the current and previous month from the complaints
(``_kel_rebuild``, the safety net). Both delete only the rows they see: deltas
committed after their snapshot stay and keep the sums exact.

A complaint counts on the office day of its Tgl Masuk (``date_reported``) in the
time zone of its kelurahan's office calendar, the one ``res.company._kel_tz_name``
gives. The figures use the complaint's stored, frozen deadlines flags
(``is_overdue``, ``is_within_deadline``) exactly as the complaint list does.

Three slices of each complaint are kept, each with the RW and the confidential
flag (what the record rules of RW officers need):

- ``state``: status x overdue x within deadline, with the sums behind the
  average response and resolution times;
- ``category``: category; ``channel``: channel.

Each at three grains: ``day``, ``month`` and ``year`` (their first day), so any
period is read as its whole years, the whole months around them and the days at
both ends (``_kel_segments``): about the same few thousand rows for three years
as for one month."""

import contextlib
import datetime

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, sql

from ..tools.summary_triggers import create_delta_triggers
from .kelurahan_complaint_kpi import add_state_count, new_state_counts

DEFAULT_TZ = "Asia/Jakarta"
COMPACTED_PARAM = "kelurahan_crm.complaint_daily_compacted_id"

# Columns of helpdesk_ticket that a summary row depends on: the triggers only
# handle statements whose rows changed one of them.
TICKET_COLUMNS = (
    "active",
    "company_id",
    "date_reported",
    "rw_id",
    "is_confidential",
    "kel_state",
    "is_overdue",
    "is_within_deadline",
    "category_id",
    "channel_id",
    "date_followup",
    "response_days",
    "response_hours",
    "date_done",
    "resolution_days",
)
KEY_COLUMNS = (
    "grain",
    "slice",
    "company_id",
    "day",
    "rw_id",
    "is_confidential",
    "kel_state",
    "is_overdue",
    "is_within_deadline",
    "category_id",
    "channel_id",
)
MEASURE_COLUMNS = (
    "received",
    "response_days_count",
    "response_days_sum",
    "response_hours_count",
    "response_hours_sum",
    "resolution_days_count",
    "resolution_days_sum",
)


def _slice_rows(source):
    """SELECT of the summary rows (KEY_COLUMNS + MEASURE_COLUMNS, not yet
    grouped) of ``source``: a relation with the TICKET_COLUMNS and ``sign``
    (+1/-1). One definition for the triggers, the rebuild and the dashboard's
    complement (complaints read as the user)."""
    return SQL(
        """
        SELECT g.grain, s.slice, t.company_id,
               CASE WHEN g.grain = 'day' THEN t.day
                    ELSE date_trunc(g.grain, t.day)::date END AS day,
               t.rw_id, t.is_confidential,
               CASE WHEN s.slice = 'state' THEN t.kel_state END AS kel_state,
               CASE WHEN s.slice = 'state' THEN t.is_overdue END AS is_overdue,
               CASE WHEN s.slice = 'state' THEN t.is_within_deadline END
                   AS is_within_deadline,
               CASE WHEN s.slice = 'category' THEN t.category_id END AS category_id,
               CASE WHEN s.slice = 'channel' THEN t.channel_id END AS channel_id,
               t.sign AS received,
               CASE WHEN s.slice = 'state' THEN t.response_days_count END
                   AS response_days_count,
               CASE WHEN s.slice = 'state' THEN t.response_days_sum END
                   AS response_days_sum,
               CASE WHEN s.slice = 'state' THEN t.response_hours_count END
                   AS response_hours_count,
               CASE WHEN s.slice = 'state' THEN t.response_hours_sum END
                   AS response_hours_sum,
               CASE WHEN s.slice = 'state' THEN t.resolution_days_count END
                   AS resolution_days_count,
               CASE WHEN s.slice = 'state' THEN t.resolution_days_sum END
                   AS resolution_days_sum
          FROM (
            SELECT src.company_id,
                   (src.date_reported AT TIME ZONE 'UTC'
                       AT TIME ZONE coalesce(kc.tz, rc.tz, %(default_tz)s))::date
                       AS day,
                   src.rw_id, coalesce(src.is_confidential, false) AS is_confidential,
                   src.kel_state, coalesce(src.is_overdue, false) AS is_overdue,
                   coalesce(src.is_within_deadline, false) AS is_within_deadline,
                   src.category_id, src.channel_id, src.sign,
                   CASE WHEN src.date_followup IS NOT NULL
                         AND src.response_days IS NOT NULL THEN src.sign ELSE 0 END
                       AS response_days_count,
                   CASE WHEN src.date_followup IS NOT NULL
                        THEN src.sign * coalesce(src.response_days, 0) ELSE 0 END
                       AS response_days_sum,
                   CASE WHEN src.date_followup IS NOT NULL
                         AND src.response_hours IS NOT NULL THEN src.sign ELSE 0 END
                       AS response_hours_count,
                   CASE WHEN src.date_followup IS NOT NULL
                        THEN src.sign * coalesce(src.response_hours, 0) ELSE 0 END
                       AS response_hours_sum,
                   CASE WHEN src.kel_state = 'done' AND src.date_done IS NOT NULL
                         AND src.resolution_days IS NOT NULL THEN src.sign ELSE 0 END
                       AS resolution_days_count,
                   CASE WHEN src.kel_state = 'done' AND src.date_done IS NOT NULL
                        THEN src.sign * coalesce(src.resolution_days, 0) ELSE 0 END
                       AS resolution_days_sum
              FROM %(source)s src
              LEFT JOIN res_company c ON c.id = src.company_id
              LEFT JOIN resource_calendar kc ON kc.id = c.kel_calendar_id
              LEFT JOIN resource_calendar rc ON rc.id = c.resource_calendar_id
             WHERE src.active AND src.date_reported IS NOT NULL
          ) t
         CROSS JOIN (VALUES ('day'), ('month'), ('year')) AS g (grain)
         CROSS JOIN (VALUES ('state'), ('category'), ('channel')) AS s (slice)
        """,
        default_tz=DEFAULT_TZ,
        source=source,
    )


def _grouped(rows_sql, having_nonzero=True):
    """``rows_sql`` (``_slice_rows``) summed per key; with ``having_nonzero``
    the groups whose every measure nets to zero are dropped."""
    keys = SQL(", ").join(SQL.identifier(k) for k in KEY_COLUMNS)
    sums = SQL(", ").join(SQL("sum(%s)", SQL.identifier(m)) for m in MEASURE_COLUMNS)
    having = SQL("")
    if having_nonzero:
        having = SQL(
            " HAVING %s",
            SQL(" OR ").join(
                SQL("sum(%s) <> 0", SQL.identifier(m)) for m in MEASURE_COLUMNS
            ),
        )
    return SQL(
        "SELECT %s, %s FROM (%s) r GROUP BY %s%s", keys, sums, rows_sql, keys, having
    )


class KelurahanComplaintDaily(models.Model):
    _name = "kelurahan.complaint.daily"
    _description = "Complaint summary per day"
    _log_access = False
    _order = "day desc, id desc"

    grain = fields.Selection(
        [("day", "Day"), ("month", "Month"), ("year", "Year")],
        required=True,
        readonly=True,
    )
    slice = fields.Selection(
        [("state", "Status"), ("category", "Category"), ("channel", "Channel")],
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    day = fields.Date(
        required=True,
        readonly=True,
        help="Office day of Tgl Masuk (first day of the month or year for a month "
        "or year row).",
    )
    rw_id = fields.Many2one("kelurahan.rw", string="RW", readonly=True)
    is_confidential = fields.Boolean(readonly=True)
    kel_state = fields.Selection(
        selection="_selection_kel_state", string="Status", readonly=True
    )
    is_overdue = fields.Boolean(readonly=True)
    is_within_deadline = fields.Boolean(readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", readonly=True)
    received = fields.Integer(readonly=True, aggregator="sum")
    response_days_count = fields.Integer(readonly=True, aggregator="sum")
    response_days_sum = fields.Float(readonly=True, aggregator="sum")
    response_hours_count = fields.Integer(readonly=True, aggregator="sum")
    response_hours_sum = fields.Float(readonly=True, aggregator="sum")
    resolution_days_count = fields.Integer(readonly=True, aggregator="sum")
    resolution_days_sum = fields.Float(readonly=True, aggregator="sum")

    @api.model
    def _selection_kel_state(self):
        return self.env["helpdesk.ticket.stage"]._fields["kel_state"].selection

    def init(self):
        """The index the period reads use, and the triggers that keep the table
        in step with the complaints (created or replaced at every update); filled
        from the complaints when empty (install, or an existing database
        migrating to it)."""
        cr = self.env.cr
        cr.execute(
            "CREATE INDEX IF NOT EXISTS kelurahan_complaint_daily_period_idx"
            " ON kelurahan_complaint_daily (grain, company_id, day)"
        )
        # the RW officer's own confidential complaints, added to their figures
        cr.execute(
            "CREATE INDEX IF NOT EXISTS helpdesk_ticket_kel_confidential_creator_idx"
            " ON helpdesk_ticket (create_uid, date_reported) WHERE is_confidential"
        )
        insert = SQL(
            "INSERT INTO kelurahan_complaint_daily (%s, %s) ",
            SQL(", ").join(SQL.identifier(k) for k in KEY_COLUMNS),
            SQL(", ").join(SQL.identifier(m) for m in MEASURE_COLUMNS),
        )

        def delta(source):
            return SQL("%s%s;", insert, _grouped(_slice_rows(source)))

        create_delta_triggers(
            cr, "kelurahan_complaint_daily", "helpdesk_ticket", TICKET_COLUMNS, delta
        )
        cr.execute("SELECT 1 FROM kelurahan_complaint_daily LIMIT 1")
        if cr.rowcount:
            return
        cr.execute("SELECT 1 FROM helpdesk_ticket LIMIT 1")
        if cr.rowcount and all(
            sql.column_exists(cr, "helpdesk_ticket", column)
            for column in TICKET_COLUMNS
        ):
            self._kel_rebuild()

    # ------------------------------------------------------------------
    # Maintenance
    # ------------------------------------------------------------------

    @api.model
    def _kel_zones(self):
        """{company id: time zone} the triggers count office days in."""
        self.env.flush_all()
        return dict(
            self.env.execute_query(
                SQL(
                    "SELECT c.id, coalesce(kc.tz, rc.tz, %s) FROM res_company c"
                    " LEFT JOIN resource_calendar kc ON kc.id = c.kel_calendar_id"
                    " LEFT JOIN resource_calendar rc"
                    " ON rc.id = c.resource_calendar_id",
                    DEFAULT_TZ,
                )
            )
        )

    @api.model
    @contextlib.contextmanager
    def _kel_rebuild_if_zones_change(self):
        """Around a change of office calendars: a kelurahan whose calendar moved
        to another time zone counts its complaints on other office days, and the
        rows kept under the old days would no longer be taken out by the
        triggers, so the summary is rebuilt (rare: a calendar or its zone
        changed)."""
        zones_before = self._kel_zones()
        yield
        zones_after = self._kel_zones()
        moved = [
            company_id
            for company_id, zone in zones_after.items()
            if zones_before.get(company_id, zone) != zone
        ]
        if moved:
            # only the kelurahan that moved: the others' office days stand, and a
            # province's whole summary takes a minute to rebuild at 1M complaints
            self._kel_rebuild(company_ids=moved)

    @api.model
    def _kel_rebuild(self, date_from=None, company_ids=None):
        """Recompute the summary from the complaints: all of it, or the office
        days from ``date_from`` on, the months from its month on, and the years
        from its year on (those from the month rows); of every kelurahan, or of
        those in ``company_ids`` only. Deletes
        only the rows this transaction sees: deltas of transactions committed
        after it started stay, their complaints' changes not being counted here.
        Technical job (install, migration, nightly safety net): runs as the
        database, the caller's rights do not matter — the method is private."""
        self.env.flush_all()
        cr = self.env.cr
        keys = SQL(", ").join(SQL.identifier(k) for k in KEY_COLUMNS)
        measures = SQL(", ").join(SQL.identifier(m) for m in MEASURE_COLUMNS)
        where_rows = where_companies = where_tickets = SQL("TRUE")
        if company_ids is not None:
            where_companies = SQL("company_id = ANY(%s)", list(company_ids))
            where_rows = where_tickets = where_companies
        year = None
        if date_from:
            date_from = fields.Date.to_date(date_from)
            month = date_from.replace(day=1)
            year = month.replace(month=1)
            where_rows = SQL(
                "%s AND ((grain = 'day' AND day >= %s)"
                " OR (grain = 'month' AND day >= %s))",
                where_companies,
                date_from,
                month,
            )
            # a day margin: the office day is in the kelurahan's time zone
            where_tickets = SQL(
                "%s AND date_reported >= %s",
                where_companies,
                datetime.datetime.combine(month, datetime.time.min)
                - datetime.timedelta(days=1),
            )
        source = SQL(
            "(SELECT %s, 1 AS sign FROM helpdesk_ticket WHERE %s)",
            SQL(", ").join(SQL.identifier(c) for c in TICKET_COLUMNS),
            where_tickets,
        )
        cr.execute(SQL("DELETE FROM kelurahan_complaint_daily WHERE %s", where_rows))
        cr.execute(
            SQL(
                "INSERT INTO kelurahan_complaint_daily (%s, %s)"
                " SELECT * FROM (%s) g WHERE %s",
                keys,
                measures,
                _grouped(_slice_rows(source)),
                where_rows,
            )
        )
        if year:
            # the years from the months (exact, months before ``month`` included)
            cr.execute(
                SQL(
                    "DELETE FROM kelurahan_complaint_daily"
                    " WHERE grain = 'year' AND day >= %s AND %s",
                    year,
                    where_companies,
                )
            )
            cr.execute(
                SQL(
                    "INSERT INTO kelurahan_complaint_daily (%(keys)s, %(measures)s)"
                    " SELECT 'year', %(rest)s, %(sums)s FROM ("
                    "  SELECT %(year_keys)s, %(measures)s"
                    "    FROM kelurahan_complaint_daily"
                    "   WHERE grain = 'month' AND day >= %(year)s"
                    "     AND %(companies)s) m"
                    " GROUP BY %(rest)s HAVING %(keep)s",
                    keys=keys,
                    measures=measures,
                    rest=SQL(", ").join(SQL.identifier(k) for k in KEY_COLUMNS[1:]),
                    year_keys=SQL(", ").join(
                        SQL("date_trunc('year', day)::date AS day")
                        if k == "day"
                        else SQL.identifier(k)
                        for k in KEY_COLUMNS[1:]
                    ),
                    sums=SQL(", ").join(
                        SQL("sum(%s)", SQL.identifier(m)) for m in MEASURE_COLUMNS
                    ),
                    keep=SQL(" OR ").join(
                        SQL("sum(%s) <> 0", SQL.identifier(m)) for m in MEASURE_COLUMNS
                    ),
                    year=year,
                    companies=where_companies,
                )
            )
        self.env.invalidate_all()

    @api.model
    def _kel_compact(self):
        """Merge the delta rows of every (grain, kelurahan, day) that received
        some since the last run into one row per key."""
        self.env.flush_all()
        cr = self.env.cr
        params = self.env["ir.config_parameter"].sudo()  # technical bookkeeping
        last = int(params.get_param(COMPACTED_PARAM, "0") or 0)
        cr.execute("SELECT max(id) FROM kelurahan_complaint_daily")
        top = cr.fetchone()[0] or 0
        if top <= last:
            return
        keys = SQL(", ").join(SQL.identifier(k) for k in KEY_COLUMNS)
        cr.execute(
            SQL(
                """
                WITH touched AS (
                    SELECT DISTINCT grain, company_id, day
                      FROM kelurahan_complaint_daily
                     WHERE id > %(last)s AND id <= %(top)s
                ), gone AS (
                    DELETE FROM kelurahan_complaint_daily d USING touched t
                     WHERE d.grain = t.grain AND d.day = t.day
                       AND d.company_id IS NOT DISTINCT FROM t.company_id
                 RETURNING d.*
                )
                INSERT INTO kelurahan_complaint_daily (%(keys)s, %(measures)s)
                SELECT %(keys)s, %(sums)s FROM gone GROUP BY %(keys)s HAVING %(keep)s
                """,
                last=last,
                top=top,
                keys=keys,
                measures=SQL(", ").join(SQL.identifier(m) for m in MEASURE_COLUMNS),
                sums=SQL(", ").join(
                    SQL("sum(%s)", SQL.identifier(m)) for m in MEASURE_COLUMNS
                ),
                keep=SQL(" OR ").join(
                    SQL("sum(%s) <> 0", SQL.identifier(m)) for m in MEASURE_COLUMNS
                ),
            )
        )
        cr.execute("SELECT max(id) FROM kelurahan_complaint_daily")
        params.set_param(COMPACTED_PARAM, str(cr.fetchone()[0] or top))

    @api.model
    def _cron_kel_compact(self):
        self._kel_compact()

    @api.model
    def _cron_kel_rebuild_recent(self):
        """Safety net: recompute the office days from the previous month on
        (their year rows with them)."""
        today = fields.Date.context_today(self)
        self._kel_rebuild(today.replace(day=1) - datetime.timedelta(days=1))

    @api.model
    def _kel_segments(self, date_from, date_to):
        """The period ``date_from``..``date_to`` as the fewest rows to read:
        [(grain, first day, last day)] of whole years, whole months and days."""
        one = datetime.timedelta(days=1)

        def next_month(day):
            return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)

        segments = []
        day = date_from
        while day <= date_to:
            if (
                day.month == 1
                and day.day == 1
                and day.replace(year=day.year + 1) - one <= date_to
            ):
                end = day.replace(year=day.year + 1) - one
                grain = "year"
            elif day.day == 1 and next_month(day) - one <= date_to:
                end = next_month(day) - one
                grain = "month"
            else:
                end = min(next_month(day) - one, date_to)
                grain = "day"
            if segments and segments[-1][0] == grain:
                segments[-1] = (grain, segments[-1][1], end)
            else:
                segments.append((grain, day, end))
            day = end + one
        return segments

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    @api.model
    def _kel_figures(self, date_from, date_to, companies=None):
        """Figures of the complaints reported on the office days ``date_from``..
        ``date_to`` (the current kelurahan's days) that the user may see, in one
        query: ``received``, ``open``, ``done``, ``rejected``, ``overdue``,
        ``within``, ``within_share`` and the averages, like
        ``helpdesk.ticket._kel_kpis``, plus ``by_state``, ``by_category``,
        ``by_rw`` and ``by_channel`` ({value: count}).

        Read with the user's record rules on this model and restricted explicitly
        like their complaints are: RW officers (without helpdesk_mgmt's "All
        Tickets") to their RWs' non-confidential complaints, plus the
        confidential ones they entered themselves. Those, the complaints of a
        kelurahan whose office calendar is in another time zone (the period's
        days are the current kelurahan's) and of no kelurahan are read from the
        complaints themselves (as the user) and added.

        ``companies``: for the public board (called as sudo, aggregates only):
        just these kelurahans, no RW restriction."""
        user = self.env.user
        Ticket = self.env["helpdesk.ticket"]
        # the triggers see the complaints' pending changes once flushed
        Ticket.flush_model(TICKET_COLUMNS)
        company = self.env.company
        tz = company._kel_tz_name()
        restrict_rw = companies is None and not user.has_group(
            "helpdesk_mgmt.group_helpdesk_user"
        )
        companies = self.env.companies if companies is None else companies
        same_tz = companies.filtered(lambda c: c._kel_tz_name() == tz)
        # the time zone the triggers bucket with must be the one Python uses
        summary_company_ids = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT c.id FROM res_company c"
                    " LEFT JOIN resource_calendar kc ON kc.id = c.kel_calendar_id"
                    " LEFT JOIN resource_calendar rc"
                    " ON rc.id = c.resource_calendar_id"
                    " WHERE c.id IN %s AND coalesce(kc.tz, rc.tz, %s) = %s",
                    tuple(same_tz.ids) or (0,),
                    DEFAULT_TZ,
                    tz,
                )
            )
        ]
        other_company_ids = list(set(companies.ids) - set(summary_company_ids))

        # Summary rows: whole years, whole months, the rest day by day.
        days = expression.OR(
            [
                [("grain", "=", grain), ("day", ">=", first), ("day", "<=", last)]
                for grain, first, last in self._kel_segments(date_from, date_to)
            ]
        )
        domain = [*days, ("company_id", "in", summary_company_ids)]
        if restrict_rw:
            domain += [
                ("rw_id", "in", user.kel_rw_ids.ids),
                ("is_confidential", "=", False),
            ]
        summary = self._search(domain).select(
            *(SQL.identifier(self._table, k) for k in KEY_COLUMNS),
            *(SQL.identifier(self._table, m) for m in MEASURE_COLUMNS),
        )

        # The complement, read from the complaints as the user.
        start, end = company._kel_period_bounds(date_from, date_to)
        parts = [
            ["|", ("company_id", "in", other_company_ids), ("company_id", "=", False)]
        ]
        if restrict_rw:
            parts.append(
                [
                    ("company_id", "in", summary_company_ids),
                    ("is_confidential", "=", True),
                    ("create_uid", "=", user.id),
                ]
            )
        period = [
            ("date_reported", ">=", fields.Datetime.to_string(start)),
            ("date_reported", "<", fields.Datetime.to_string(end)),
        ]
        if restrict_rw:
            period.append(("rw_id", "in", user.kel_rw_ids.ids))
        else:
            period.append(("company_id", "in", [*companies.ids, False]))
        selects = []
        # one query per part, each on its own index (company; confidential by
        # creator), rather than one OR that would read the whole period
        for part in parts:
            query = Ticket._search(period + part)
            selects.append(
                query.select(
                    *(
                        SQL(
                            "%s AS %s",
                            SQL.identifier(query.table, c),
                            SQL.identifier(c),
                        )
                        for c in TICKET_COLUMNS
                    ),
                    SQL("1 AS sign"),
                )
            )
        complement = SQL(" UNION ALL ").join(SQL("(%s)", select) for select in selects)
        dims = ("slice", "rw_id", "kel_state", "is_overdue", "is_within_deadline")
        dims += ("category_id", "channel_id")
        rows = self.env.execute_query(
            SQL(
                "SELECT %s, %s FROM ((%s) UNION ALL"
                " (SELECT * FROM (%s) c WHERE c.grain = 'day')) u GROUP BY %s",
                SQL(", ").join(SQL.identifier(d) for d in dims),
                SQL(", ").join(
                    SQL("sum(%s)", SQL.identifier(m)) for m in MEASURE_COLUMNS
                ),
                summary,
                _slice_rows(SQL("(%s)", complement)),
                SQL(", ").join(SQL.identifier(d) for d in dims),
            )
        )
        return self._kel_figures_of_rows(rows)

    @api.model
    def _kel_figures_of_rows(self, rows):
        counts = new_state_counts()
        marginals = {
            "by_state": {},
            "by_category": {},
            "by_rw": {},
            "by_channel": {},
        }
        sums = dict.fromkeys(MEASURE_COLUMNS[1:], 0)
        for slice_, rw, state, overdue, within, category, channel, *measures in rows:
            received = measures[0]
            if slice_ == "category":
                by = marginals["by_category"]
                by[category or False] = by.get(category or False, 0) + received
                continue
            if slice_ == "channel":
                by = marginals["by_channel"]
                by[channel or False] = by.get(channel or False, 0) + received
                continue
            for key, value in zip(MEASURE_COLUMNS[1:], measures[1:], strict=True):
                sums[key] += value or 0
            by = marginals["by_state"]
            by[state or False] = by.get(state or False, 0) + received
            by = marginals["by_rw"]
            by[rw or False] = by.get(rw or False, 0) + received
            add_state_count(counts, state, within, overdue, received)
        for by in marginals.values():
            for key in [key for key, count in by.items() if not count]:
                del by[key]

        def avg(name):
            count = sums[f"{name}_count"]
            # False without any, as an average of _read_group over no rows
            return sums[f"{name}_sum"] / count if count else False

        done = counts["done"]
        return dict(
            counts,
            within_share=counts["within"] / done if done else None,
            avg_response_days=avg("response_days"),
            avg_response_hours=avg("response_hours"),
            avg_resolution_days=avg("resolution_days"),
            **marginals,
        )
