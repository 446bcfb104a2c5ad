# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reporting engine behind the daily export, subscriptions and background jobs.

A workbook is a list of sheets. Each sheet comes from a *provider* returned by
``_kel_sheet_providers(filters)``: other addons or branches add their own sheet (the
service requests and the queue, for example) by extending that method with
``super()``. The engine writes every sheet with ``tools.xlsx_stream`` in
``constant_memory`` mode into a temporary file, reading rows in batches.

Access: the rows are selected with the caller's record rules (``_search`` applies
them), so an RW officer exports only their RW. The reporter NIK is never selected;
the reporter of an anonymous complaint is written as "Anonim".
"""

import array
import html
import itertools
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import xlsx_stream as xs

BATCH_SIZE = 5000
FETCH_SIZE = 500
# Rows taken from a server-side cursor per FETCH: few round trips, and only this
# many tuples alive at once (a whole result would push a million objects through
# Python's garbage collector).
STREAM_ROWS = 2000
_STREAM_NAMES = itertools.count(1)
NO_DATA = "Tidak ada data untuk periode dan filter ini."
ANONYMOUS_LABEL = "Anonim"
CONFIDENTIAL_LABEL = "Dirahasiakan"
INDICATOR_CODES = (
    "kecepatan",
    "keramahan",
    "akses_informasi",
    "sarana_teknologi",
    "responsivitas_pengaduan",
)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")

COMPLAINT_COLUMNS = [
    ("No. Laporan", xs.TEXT, 18),
    ("Tgl Masuk", xs.DATETIME, 16),
    ("Kategori", xs.TEXT, 24),
    ("Uraian", xs.TEXT, 50),
    ("Pelapor", xs.TEXT, 20),
    ("Lokasi", xs.TEXT, 30),
    ("RW", xs.TEXT, 8),
    ("RT", xs.TEXT, 8),
    ("Kanal", xs.TEXT, 16),
    ("Status", xs.TEXT, 16),
    ("Tgl TL", xs.DATETIME, 16),
    ("Tgl Selesai", xs.DATETIME, 16),
    ("Waktu Respon (hari kerja)", xs.NUMBER, 12),
    ("Waktu Penyelesaian (hari kerja)", xs.NUMBER, 14),
    ("Dalam Tenggat", xs.TEXT, 10),
    ("Petugas", xs.TEXT, 20),
    ("Dinas tujuan", xs.TEXT, 28),
    ("Dukungan", xs.INTEGER, 10),
]


def html_to_text(value):
    """Fast HTML → one-line text (Odoo's html2plaintext is too slow for 100k rows)."""
    if not value:
        return ""
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", value))).strip()


# The "Disposisi" sheet: each disposition of the period (by date sent) with its
# agency, dates, state and response in working days.
DISPOSITION_COLUMNS = [
    ("Dikirim", "date_sent", xs.DATETIME, 16),
    ("No. Laporan", "ticket_number", xs.TEXT, 18),
    ("Dinas", "agency_id", xs.TEXT, 28),
    ("Tenggat", "date_due", xs.DATETIME, 16),
    ("Status", "state", xs.TEXT, 18),
    ("Diterima dinas", "date_accepted", xs.DATETIME, 16),
    ("Selesai", "date_done", xs.DATETIME, 16),
    ("Respon (hari kerja)", "response_days_taken", xs.NUMBER, 12),
    ("Selesai dalam target", "is_within_target", xs.TEXT, 10),
    ("Hasil", "response", xs.TEXT, 40),
    ("Alasan ditolak", "reject_reason", xs.TEXT, 30),
]


class KelurahanReportEngine(models.AbstractModel):
    _name = "kelurahan.report.engine"
    _description = "Kelurahan report engine (XLSX export)"

    # ------------------------------------------------------------------
    # Periods and filters
    # ------------------------------------------------------------------

    @api.model
    def _kel_today(self):
        """Today in the office's time zone (``res.company._kel_today``)."""
        return self.env.company._kel_today()

    @api.model
    def _kel_period_dates(self, period, date_from=None, date_to=None, today=None):
        """(first day, last day) of a named period, in office days."""
        today = today or self._kel_today()
        if period == "today":
            return today, today
        if period == "yesterday":
            day = today - timedelta(days=1)
            return day, day
        if period == "this_week":
            start = today - timedelta(days=today.weekday())
            return start, today
        if period == "last_week":
            start = today - timedelta(days=today.weekday() + 7)
            return start, start + timedelta(days=6)
        if period == "this_month":
            return today.replace(day=1), today
        if period == "last_month":
            end = today.replace(day=1) - timedelta(days=1)
            return end.replace(day=1), end
        return date_from, date_to

    @api.model
    def _kel_check_period(self, date_from, date_to):
        if not date_from or not date_to:
            raise UserError(
                self.env._("Choose the first and the last day of the period.")
            )
        if date_to < date_from:
            raise UserError(
                self.env._(
                    "The period ends (%(end)s) before it starts (%(start)s). "
                    "Choose an end date on or after the start date.",
                    start=date_from.strftime("%d/%m/%Y"),
                    end=date_to.strftime("%d/%m/%Y"),
                )
            )
        if (date_to - date_from).days > 3660:
            raise UserError(self.env._("The period cannot be longer than 10 years."))

    @api.model
    def _kel_utc_bounds(self, date_from, date_to):
        """Naive UTC datetimes [start of date_from, start of day after date_to),
        in the office's time zone."""
        return self.env.company._kel_period_bounds(date_from, date_to)

    @api.model
    def _kel_complaint_domain(self, filters):
        date_from = fields.Date.to_date(filters["date_from"])
        date_to = fields.Date.to_date(filters["date_to"])
        self._kel_check_period(date_from, date_to)
        start, end = self._kel_utc_bounds(date_from, date_to)
        domain = [("date_reported", ">=", start), ("date_reported", "<", end)]
        if filters.get("kel_state"):
            domain.append(("kel_state", "=", filters["kel_state"]))
        if filters.get("category_ids"):
            domain.append(("category_id", "child_of", filters["category_ids"]))
        if filters.get("rw_ids"):
            domain.append(("rw_id", "in", filters["rw_ids"]))
        if filters.get("channel_ids"):
            domain.append(("channel_id", "in", filters["channel_ids"]))
        if filters.get("agency_ids"):
            domain.append(("disposition_ids.agency_id", "in", filters["agency_ids"]))
        return domain

    @api.model
    def _kel_report_lang(self):
        """Workbooks are Indonesian (the seed's headers); fall back to the user's."""
        if self.env["res.lang"]._lang_get("id_ID"):
            return "id_ID"
        return self.env.lang or "en_US"

    # ------------------------------------------------------------------
    # Sheet providers
    # ------------------------------------------------------------------

    @api.model
    def _kel_sheet_providers(self, filters):
        """Sheets of the workbook after "Pengaduan" and before "Ringkasan".

        Each provider is a dict: ``key``, ``sheet`` (name), ``columns`` (see
        ``SheetWriter``) and ``rows`` (a callable returning an iterator of row tuples
        readable by the current user). Extend with ``super()`` to add a sheet
        (kelurahan_service adds service requests and queue tickets); a sheet of a
        model read with the ORM is built by ``_kel_orm_provider``.
        """
        providers = [
            {
                "key": "complaints",
                "sheet": "Pengaduan",
                "columns": COMPLAINT_COLUMNS,
                "rows": lambda: self._kel_complaint_rows(filters),
            }
        ]
        if self.env["kelurahan.disposition"].has_access("read"):
            providers.append(
                {
                    "key": "kelurahan.disposition",
                    "sheet": "Disposisi",
                    "columns": [
                        (header, kind, width)
                        for header, _f, kind, width in DISPOSITION_COLUMNS
                    ],
                    "rows": lambda: self._kel_disposition_rows(filters),
                }
            )
        return providers

    @api.model
    def _kel_orm_provider(self, model, sheet, date_field, columns, filters):
        """A sheet of any model over the period, read with the ORM in batches."""
        date_from = fields.Date.to_date(filters["date_from"])
        date_to = fields.Date.to_date(filters["date_to"])
        if self.env[model]._fields[date_field].type == "date":
            domain = [(date_field, ">=", date_from), (date_field, "<=", date_to)]
        else:
            start, end = self._kel_utc_bounds(date_from, date_to)
            domain = [(date_field, ">=", start), (date_field, "<", end)]
        return {
            "key": model,
            "sheet": sheet,
            "columns": [(header, kind, width) for header, _f, kind, width in columns],
            "rows": lambda: self._kel_orm_rows(
                model, domain, [(fname, kind) for _h, fname, kind, _w in columns]
            ),
        }

    @api.model
    def _kel_orm_rows(self, model, domain, columns, order=None):
        """Rows of ``columns`` ((field, kind) pairs) for the records the user may
        read; many2one → name, selection → label, boolean → Ya/Tidak, datetimes in
        the office's time. The cache is dropped after each batch to keep memory
        flat."""
        Model = self.env[model].with_context(lang=self._kel_report_lang())
        ids = Model.search(domain, order=order or f"{columns[0][0]}, id").ids
        # the office's time zone, looked up once (res.company._kel_to_local per
        # value reads the office calendar each time)
        tz = self.env.company._kel_tz()
        fnames = [fname for fname, _kind in columns]
        fields_ = [Model._fields[fname] for fname in fnames]
        labels = {
            fname: dict(Model._fields[fname]._description_selection(Model.env))
            for fname in fnames
            if Model._fields[fname].type == "selection"
        }
        for start in range(0, len(ids), BATCH_SIZE):
            records = Model.browse(ids[start : start + BATCH_SIZE])
            records.fetch(fnames)
            for record in records:
                row = []
                for fname, field in zip(fnames, fields_, strict=True):
                    value = record[fname]
                    if field.type == "many2one":
                        value = value.display_name or ""
                    elif field.type == "selection":
                        value = labels[fname].get(value, value or "")
                    elif field.type == "boolean":
                        value = "Ya" if value else "Tidak"
                    elif field.type == "datetime" and value:
                        value = (
                            pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)
                        )
                    row.append(value)
                yield tuple(row)
            records.invalidate_recordset()

    @api.model
    def _kel_complaint_ids(self, filters):
        """Ids the current user may read, in report order (rules applied)."""
        Ticket = self.env["helpdesk.ticket"]
        Ticket.check_access("read")
        query = Ticket._search(
            self._kel_complaint_domain(filters), order="date_reported, id"
        )
        self.env.cr.execute(query.select(SQL.identifier("helpdesk_ticket", "id")))
        # A compact array: a million ids take 8 MB, not ~100 MB of tuples and ints.
        ids = array.array("q")
        while rows := self.env.cr.fetchmany(FETCH_SIZE * 20):
            ids.extend(row[0] for row in rows)
        return ids

    @api.model
    def _kel_complaint_rows(self, filters, ids=None):
        """Rows of the "Pengaduan" sheet, read with one SQL query through a
        server-side cursor.

        The complaints are those the user may read (``_search`` applies the record
        rules), or ``ids`` when given; the query only joins names for display and
        never selects the NIK.
        """
        if ids is None:
            Ticket = self.env["helpdesk.ticket"]
            Ticket.check_access("read")
            query = Ticket._search(self._kel_complaint_domain(filters))
            tickets = query.select(SQL("%s.*", SQL.identifier(query.table)))
        else:
            tickets = SQL("SELECT * FROM helpdesk_ticket WHERE id = ANY(%s)", list(ids))
        lang = self._kel_report_lang()
        states = dict(
            self.env["helpdesk.ticket"]
            .with_context(lang=lang)
            ._fields["kel_state"]
            ._description_selection(self.with_context(lang=lang).env)
        )
        yes, no = "Ya", "Tidak"
        for row in self._kel_stream(self._kel_complaint_sql(tickets, lang)):
            (
                number, reported, category, description, title, anonymous,
                confidential, reporter, partner, location, rw, rt, channel, state,
                followup, done, response, resolution, within, user, agencies,
                support,
            ) = row  # fmt: skip
            if anonymous:
                reporter = ANONYMOUS_LABEL
            elif confidential:
                reporter = CONFIDENTIAL_LABEL
            else:
                reporter = reporter or partner or ""
            yield (
                number,
                reported,
                category,
                html_to_text(description) or title,
                reporter,
                location,
                rw,
                rt,
                channel,
                states.get(state, state),
                followup,
                done,
                response if followup else None,
                resolution if done else None,
                (yes if within else no) if state == "done" else "",
                user,
                agencies,
                support,
            )

    @api.model
    def _kel_stream(self, query):
        """The rows of ``query``, fetched ``STREAM_ROWS`` at a time from a
        server-side cursor (``DECLARE``/``FETCH``): one execution of the query, no
        list of ids, and the transaction's cursor stays free for other queries
        between two fetches.

        The next batch is fetched by a helper thread while the caller writes the
        current one: PostgreSQL computes it (joins, names) on the other CPU
        instead of the export waiting for each batch in turn (issue 22: a third of
        a million-row export was spent waiting). The thread only runs ``FETCH`` on
        its own client cursor of the same connection (same transaction; psycopg2
        serialises a connection's commands, so a query of the caller between two
        batches simply waits for the fetch in flight) and never touches the ORM.
        """
        # the query reads many tables directly: write pending ORM changes first
        self.env.flush_all()
        cr = self.env.cr
        name = SQL.identifier(f"kel_export_{next(_STREAM_NAMES)}")
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", name, query))
        fetch = SQL("FETCH FORWARD %s FROM %s", STREAM_ROWS, name)
        client = cr.connection.cursor()

        def next_batch():
            client.execute(fetch.code, fetch.params)
            return client.fetchall()

        try:
            with ThreadPoolExecutor(1, thread_name_prefix="kel_export") as fetcher:
                pending = fetcher.submit(next_batch)
                while rows := pending.result():
                    pending = fetcher.submit(next_batch)
                    yield from rows
        finally:
            client.close()
        cr.execute(SQL("CLOSE %s", name))

    @api.model
    def _kel_local_sql(self, column):
        """``column`` (naive UTC) as the office's naive wall-clock time, in SQL."""
        tz = self.env.company._kel_tz_name()
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)", column, tz)

    @api.model
    def _kel_name_sql(self, alias, lang):
        """The translated ``name`` of the row ``alias`` in ``lang``."""
        return SQL(
            "COALESCE(%s->>%s, %s->>'en_US')",
            SQL.identifier(alias, "name"),
            lang,
            SQL.identifier(alias, "name"),
        )

    @api.model
    def _kel_complaint_sql(self, tickets, lang):
        """The "Pengaduan" columns of the complaints selected by ``tickets`` (a
        query of whole ``helpdesk_ticket`` rows, e.g. ``_search``'s with the record
        rules), in report order.

        ``tickets`` is a sub-query in FROM, which PostgreSQL merges into the main
        query: its date range walks the ``date_reported`` index in report order
        (an incremental sort on ``id`` among equal dates), so rows stream from the
        first fetch on instead of after a sort on disk of every wide row (issue 22:
        ``t.id IN (<_search>)`` meant a semi-join and an external sort). The
        agencies of each complaint are aggregated per complaint through the
        disposition ``ticket_id`` index, in the same stream."""
        local = self._kel_local_sql

        def name(alias):
            return self._kel_name_sql(alias, lang)

        return SQL(
            """
            SELECT t.number, %(reported)s,
                   CASE WHEN pc.id IS NULL THEN %(cat)s
                        ELSE %(pcat)s || ' / ' || %(cat)s END,
                   t.description, t.name, t.is_anonymous, t.is_confidential,
                   t.reporter_name, p.name,
                   t.location_address, rw.name, rt.name, %(channel)s, t.kel_state,
                   %(followup)s, %(done)s, t.response_days, t.resolution_days,
                   t.is_within_deadline, up.name, ag.names, t.support_count
              FROM (%(tickets)s) t
         LEFT JOIN LATERAL (SELECT string_agg(DISTINCT %(agency)s, ', ') AS names
                              FROM kelurahan_disposition d
                              JOIN kelurahan_agency a ON a.id = d.agency_id
                             WHERE d.ticket_id = t.id) ag ON TRUE
         LEFT JOIN helpdesk_ticket_category c ON c.id = t.category_id
         LEFT JOIN helpdesk_ticket_category pc ON pc.id = c.parent_id
         LEFT JOIN helpdesk_ticket_channel ch ON ch.id = t.channel_id
         LEFT JOIN res_partner p ON p.id = t.partner_id
         LEFT JOIN kelurahan_rw rw ON rw.id = t.rw_id
         LEFT JOIN kelurahan_rt rt ON rt.id = t.rt_id
         LEFT JOIN res_users u ON u.id = t.user_id
         LEFT JOIN res_partner up ON up.id = u.partner_id
          ORDER BY t.date_reported, t.id
            """,
            reported=local(SQL("t.date_reported")),
            followup=local(SQL("t.date_followup")),
            done=local(SQL("t.date_done")),
            cat=name("c"),
            pcat=name("pc"),
            channel=name("ch"),
            agency=name("a"),
            tickets=tickets,
        )

    @api.model
    def _kel_disposition_rows(self, filters):
        """Rows of the "Disposisi" sheet (``DISPOSITION_COLUMNS``): the
        dispositions sent in the period that the user may read (record rules via
        ``_search``), by one SQL query streamed like the complaints. The same
        cells as reading them with the ORM: agency name in the report language,
        state label, Ya/Tidak, office time."""
        Disposition = self.env["kelurahan.disposition"]
        date_from = fields.Date.to_date(filters["date_from"])
        date_to = fields.Date.to_date(filters["date_to"])
        start, end = self._kel_utc_bounds(date_from, date_to)
        query = Disposition._search(
            [("date_sent", ">=", start), ("date_sent", "<", end)]
        )
        lang = self._kel_report_lang()
        states = dict(
            Disposition._fields["state"]._description_selection(
                self.with_context(lang=lang).env
            )
        )
        local = self._kel_local_sql
        rows = self._kel_stream(
            SQL(
                """
                SELECT %(sent)s, t.number, %(agency)s, %(due)s, d.state,
                       %(accepted)s, %(done)s, COALESCE(d.response_days_taken, 0),
                       d.is_within_target, d.response, d.reject_reason
                  FROM (%(dispositions)s) d
             LEFT JOIN helpdesk_ticket t ON t.id = d.ticket_id
             LEFT JOIN kelurahan_agency a ON a.id = d.agency_id
              ORDER BY d.date_sent, d.id
                """,
                sent=local(SQL("d.date_sent")),
                agency=self._kel_name_sql("a", lang),
                due=local(SQL("d.date_due")),
                accepted=local(SQL("d.date_accepted")),
                done=local(SQL("d.date_done")),
                dispositions=query.select(SQL("%s.*", SQL.identifier(query.table))),
            )
        )
        for sent, number, agency, due, state, accepted, done, *rest in rows:
            taken, within, response, reject_reason = rest
            yield (
                sent,
                number,
                agency or "",
                due,
                states.get(state, state or ""),
                accepted,
                done,
                taken,
                "Ya" if within else "Tidak",
                response,
                reject_reason,
            )

    # ------------------------------------------------------------------
    # Workbook
    # ------------------------------------------------------------------

    @api.model
    def _kel_build_workbook(self, filters, path):
        """Write the workbook to ``path``; return the number of complaint rows."""
        # Each query of an export reads every row of the period once: compiling
        # it (PostgreSQL's JIT, above jit_above_cost) took up to a second per query
        # at a million complaints and made no query faster (EXPLAIN ANALYZE,
        # issue 22). Off for the rest of this transaction only (SET LOCAL: the
        # export job's own, or the request's for a small export).
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        workbook = xs.open_workbook(path, tmpdir=tempfile.gettempdir())
        formats = xs.make_formats(workbook)
        complaint_rows = 0
        try:
            for provider in self._kel_sheet_providers(filters):
                count = self._kel_write_provider_sheet(workbook, formats, provider)
                if provider["key"] == "complaints":
                    complaint_rows = count
            self._kel_write_summary(workbook, formats, filters)
        finally:
            workbook.close()
        return complaint_rows

    @api.model
    def _kel_write_provider_sheet(self, workbook, formats, provider):
        writer = xs.SheetWriter(
            workbook, provider["sheet"], provider["columns"], formats=formats
        )
        writer.write_header()
        count = writer.write_rows(provider["rows"]())
        if not count:
            writer.write_text(writer.row, 0, NO_DATA)
        else:
            writer.autofilter()
        return count

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------

    @api.model
    def _kel_export_attachment(self, filters, res_model=False, res_id=False, name=None):
        """Build the workbook into a temporary file and store it as an attachment.

        Returns ``(attachment, row_count)``. The attachment is created with sudo
        (the workbook only holds what the user could read) and linked to
        ``res_model/res_id`` or to no record (then only its creator reads it).
        """
        date_from = fields.Date.to_date(filters["date_from"])
        date_to = fields.Date.to_date(filters["date_to"])
        self._kel_check_period(date_from, date_to)
        name = name or self._kel_file_name(date_from, date_to)
        handle, path = tempfile.mkstemp(prefix="kel-export-", suffix=".xlsx")
        os.close(handle)
        try:
            count = self._kel_build_workbook(filters, path)
            with open(path, "rb") as stream:
                data = stream.read()
        finally:
            os.unlink(path)
        # sudo: attachments on a subscription/job the user may not write; the
        # content was produced under the user's own access rights above.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": data,
                    "mimetype": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    "res_model": res_model,
                    "res_id": res_id,
                }
            )
        )
        return attachment, count

    @api.model
    def _kel_file_name(self, date_from, date_to):
        if date_from == date_to:
            return f"pengaduan_{date_from:%Y%m%d}.xlsx"
        return f"pengaduan_{date_from:%Y%m%d}_{date_to:%Y%m%d}.xlsx"
