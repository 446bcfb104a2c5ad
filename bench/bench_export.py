#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the complaint XLSX export (issue 6).

For each N (default 10,000 and 100,000 complaints) it seeds N complaints into a
throwaway database and times, each in a fresh process so peak memory is its own:

  (a) our export: ``kelurahan.report.engine._kel_build_workbook`` (access rules,
      batched SQL reads, xlsxwriter constant_memory, temporary file, both sheets);
  (b) Odoo's built-in list export, the ``web/controllers/export.py`` path:
      ``Model.search(domain)`` + ``records.export_data(fields)`` +
      ``ExcelExport.from_data`` (``ExportXlsxWriter``) for the same rows and fields,
      called in-process (no HTTP round trip, which only favours (b));
  (c) the floor: raw xlsxwriter writing the same pre-fetched values to a file, with
      its per-cell API (typed ``write_string``/``write_datetime``/``write_number``,
      ``constant_memory``);
  (d) for reference, our row writer (``SheetWriter.write_rows``, which appends each
      row's XML itself instead of going cell by cell) on the same pre-fetched values.

(a) can be faster than (c): it writes the "Pengaduan" rows through (d), which is
byte-for-byte the XML xlsxwriter's per-cell API writes, without its per-cell cost.
a/d is then what reading the database, access rules and the summary sheet add.

Prints seconds, rows/s, peak memory growth (peak RSS minus RSS before the phase) and
the ratios a/b, b/a, a/c and a/d. Targets: a/c <= 1.5, b/a >= 5, growth(a) <= 100 MB
at 100k rows.

    .venv/bin/python bench/bench_export.py              # 10k and 100k
    .venv/bin/python bench/bench_export.py --rows 10000 --keep
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import benchlib
from benchlib import drop_database, install_database, open_env, start_postgres

DEFAULT_DB = "kel_bench_export"


def ensure_database(db):
    start_postgres()
    exists = subprocess.run(
        [sys.executable, __file__, "--phase", "ping", "--db", db],
        capture_output=True,
        text=True,
    )
    if exists.returncode == 0:
        return
    install_database(db, "kelurahan_crm")


def run_phase(db, phase, rows):
    return benchlib.run_phase(__file__, phase, "--db", db, "--rows", rows)


# ----------------------------------------------------------------------
# Inside one phase process
# ----------------------------------------------------------------------


def rss_mb():
    import psutil

    return psutil.Process().memory_info().rss / 1024 / 1024


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BENCH_NAME = "BENCH"


def seed(env, rows):
    """N complaints on one day range, via SQL (the ORM would take hours for 1M)."""
    cr = env.cr
    cr.execute(
        "DELETE FROM kelurahan_disposition WHERE ticket_id IN "
        "(SELECT id FROM helpdesk_ticket WHERE name = %s)",
        [BENCH_NAME],
    )
    cr.execute("DELETE FROM helpdesk_ticket WHERE name = %s", [BENCH_NAME])
    company = env.ref("base.main_company")
    rws = env["kelurahan.rw"].sudo().search([("company_id", "=", company.id)])
    if not rws:
        rws = (
            env["kelurahan.rw"]
            .sudo()
            .create(
                [
                    {"name": f"RW {n:02d}", "number": n, "company_id": company.id}
                    for n in range(1, 11)
                ]
            )
        )
        env["kelurahan.rt"].sudo().create(
            [
                {"name": f"RT {t:03d}", "number": t, "rw_id": rw.id}
                for rw in rws
                for t in range(1, 6)
            ]
        )
    rts = {rw.id: rw.rt_ids.ids for rw in rws}
    categories = env["helpdesk.ticket.category"].sudo().search([]).ids
    channels = env["helpdesk.ticket.channel"].sudo().search([]).ids
    stages = {
        s: env.ref(f"kelurahan_crm.stage_{s}").id for s in ("new", "progress", "done")
    }
    users = env["res.users"].sudo().search([("share", "=", False)], limit=5).ids
    agencies = env["kelurahan.agency"].sudo().search([]).ids
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            name, description, number, company_id, category_id, channel_id,
            rw_id, rt_id, location_address, reporter_name, is_anonymous,
            date_reported, date_followup, date_done, stage_id, kel_state,
            response_days, resolution_days, is_within_deadline, user_id,
            support_count, priority, active, create_date, write_date,
            create_uid, write_uid)
        SELECT %(name)s,
               '<p>Laporan warga nomor ' || g || ': ' ||
               CASE WHEN g %% 50 = 0 THEN '=HYPERLINK("x")' ELSE 'jalan rusak' END
               || '</p>',
               'BEN/' || lpad(g::text, 7, '0'), %(company)s,
               (%(categories)s)[1 + g %% cardinality(%(categories)s)],
               (%(channels)s)[1 + g %% cardinality(%(channels)s)],
               (%(rws)s)[1 + g %% cardinality(%(rws)s)], NULL,
               'Jl. Contoh No. ' || g, 'Warga ' || g, g %% 10 = 0,
               TIMESTAMP '2026-01-05 01:00' + (g %% 50000) * INTERVAL '1 minute',
               CASE WHEN g %% 3 > 0 THEN TIMESTAMP '2026-01-05 05:00'
                    + (g %% 50000) * INTERVAL '1 minute' END,
               CASE WHEN g %% 3 = 2 THEN TIMESTAMP '2026-01-06 05:00'
                    + (g %% 50000) * INTERVAL '1 minute' END,
               CASE g %% 3 WHEN 0 THEN %(new)s WHEN 1 THEN %(progress)s
                    ELSE %(done)s END,
               CASE g %% 3 WHEN 0 THEN 'new' WHEN 1 THEN 'progress'
                    ELSE 'done' END,
               CASE WHEN g %% 3 > 0 THEN 0.5 ELSE 0 END,
               CASE WHEN g %% 3 = 2 THEN 1.5 ELSE 0 END,
               g %% 6 = 2,
               (%(users)s)[1 + g %% cardinality(%(users)s)],
               1 + g %% 4, '1', true, now(), now(), 1, 1
          FROM generate_series(1, %(rows)s) g
        """,
        {
            "name": BENCH_NAME,
            "company": company.id,
            "categories": categories,
            "channels": channels,
            "rws": rws.ids,
            "new": stages["new"],
            "progress": stages["progress"],
            "done": stages["done"],
            "users": users,
            "rows": rows,
        },
    )
    # An RT of the RW for most, one disposition for every fifth complaint.
    for rw_id, rt_ids in rts.items():
        if rt_ids:
            cr.execute(
                "UPDATE helpdesk_ticket SET rt_id = (%s::int[])[1 + id %% %s] "
                "WHERE name = %s AND rw_id = %s",
                [rt_ids, len(rt_ids), BENCH_NAME, rw_id],
            )
    cr.execute(
        """
        INSERT INTO kelurahan_disposition (ticket_id, agency_id, company_id,
               date_sent, state, create_date, write_date, create_uid, write_uid)
        SELECT id, (%(agencies)s)[1 + id %% cardinality(%(agencies)s)], company_id,
               date_reported, 'sent', now(), now(), 1, 1
          FROM helpdesk_ticket WHERE name = %(name)s AND id %% 5 = 0
        """,
        {"agencies": agencies, "name": BENCH_NAME},
    )
    cr.execute("ANALYZE helpdesk_ticket")
    cr.commit()


def bench_filters():
    return {"date_from": "2026-01-01", "date_to": "2026-03-31"}


BUILTIN_FIELDS = [
    "number",
    "date_reported",
    "category_id",
    "description",
    "reporter_name",
    "location_address",
    "rw_id",
    "rt_id",
    "channel_id",
    "kel_state",
    "date_followup",
    "date_done",
    "response_days",
    "resolution_days",
    "is_within_deadline",
    "user_id",
    "disposition_ids/agency_id",
    "support_count",
]


def phase_a(env, path):
    engine = env["kelurahan.report.engine"]
    return engine._kel_build_workbook(bench_filters(), path)


def phase_b(env, path):
    from types import SimpleNamespace

    from odoo.http import _request_stack

    from odoo.addons.web.controllers.export import ExcelExport

    Model = env["helpdesk.ticket"].with_context(import_compat=False)
    engine = env["kelurahan.report.engine"]
    domain = engine._kel_complaint_domain(bench_filters())
    info = Model.fields_get()
    fields = [
        {
            "name": name,
            "label": info[name.split("/")[0]]["string"],
            "type": info[name.split("/")[0]]["type"],
        }
        for name in BUILTIN_FIELDS
    ]
    headers = [field["label"] for field in fields]
    # ExportXlsxWriter reads request.env; give it this environment.
    _request_stack.push(SimpleNamespace(env=env))
    try:
        records = Model.search(domain, offset=0, limit=False, order=False)
        export_data = records.export_data(BUILTIN_FIELDS).get("datas", [])
        value = ExcelExport().from_data(fields, headers, export_data)
    finally:
        _request_stack.pop()
    with open(path, "wb") as stream:
        stream.write(value)
    return len(export_data)


def prefetch_c(env):
    engine = env["kelurahan.report.engine"]
    return list(engine._kel_complaint_rows(bench_filters()))


def phase_c(rows, path):
    import xlsxwriter

    from odoo.addons.kelurahan_crm.models.kelurahan_report_engine import (
        COMPLAINT_COLUMNS,
    )

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Pengaduan")
    fmt_dt = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    kinds = [kind for _h, kind, _w in COMPLAINT_COLUMNS]
    for col, (header, _kind, _width) in enumerate(COMPLAINT_COLUMNS):
        sheet.write_string(0, col, header)
    for r, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None or value is False or value == "":
                continue
            kind = kinds[col]
            if kind == "text":
                sheet.write_string(r, col, value)
            elif kind == "datetime":
                sheet.write_datetime(r, col, value, fmt_dt)
            else:
                sheet.write_number(r, col, value)
    workbook.close()
    return len(rows)


def phase_d(rows, path):
    from odoo.addons.kelurahan_crm.models.kelurahan_report_engine import (
        COMPLAINT_COLUMNS,
    )
    from odoo.addons.kelurahan_crm.tools import xlsx_stream as xs

    workbook = xs.open_workbook(path)
    writer = xs.SheetWriter(workbook, "Pengaduan", COMPLAINT_COLUMNS)
    writer.write_header()
    count = writer.write_rows(iter(rows))
    workbook.close()
    return count


def run_in_process(args):
    # Run as the admin user (not superuser): record rules apply as for a person.
    cr, env = open_env(args.db, tz="Asia/Jakarta")
    try:
        if args.phase == "ping":
            return {"ok": True}
        if args.phase == "seed":
            t0 = time.perf_counter()
            seed(env, args.rows)
            return {"seconds": time.perf_counter() - t0}
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        prefetched = prefetch_c(env) if args.phase in ("c", "d") else None
        env.invalidate_all()
        before = rss_mb()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        if args.phase == "a":
            count = phase_a(env, path)
        elif args.phase == "b":
            count = phase_b(env, path)
        elif args.phase == "c":
            count = phase_c(prefetched, path)
        else:
            count = phase_d(prefetched, path)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        size = os.path.getsize(path)
        os.unlink(path)
        return {
            "rows": count,
            "seconds": seconds,
            "cpu_seconds": cpu,
            "growth_mb": max(0.0, peak_mb() - before),
            "size_mb": size / 1024 / 1024,
        }
    finally:
        cr.rollback()
        cr.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--phases",
        default="abcd",
        help="which of a, b, c, d to time (default all; ratios need all four), "
        "e.g. --rows 1000000 --phases a for the 1M-row memory check",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        args.rows = args.rows[0] if isinstance(args.rows, list) else args.rows
        print(json.dumps(run_in_process(args)))
        return
    if not args.phases or not set(args.phases) <= set("abcd"):
        parser.error("--phases takes letters among a, b, c and d")
    ensure_database(args.db)
    results = []
    try:
        for rows in args.rows:
            seeded = run_phase(args.db, "seed", rows)
            print(f"seeded {rows} complaints in {seeded['seconds']:.1f} s", flush=True)
            figures = {phase: run_phase(args.db, phase, rows) for phase in args.phases}
            results.append((rows, figures))
            print_figures(rows, figures)
    finally:
        if not args.keep:
            drop_database(args.db)
    return results


def print_figures(rows, figures):
    names = {
        "a": "(a) our export",
        "b": "(b) Odoo list export",
        "c": "(c) raw xlsxwriter",
        "d": "(d) our row writer",
    }
    print(f"\nN = {rows:,} complaints")
    print(
        f"{'':24}{'seconds':>10}{'CPU s':>8}{'rows/s':>12}{'peak +MB':>10}"
        f"{'file MB':>9}"
    )
    for phase in figures:
        f = figures[phase]
        print(
            f"{names[phase]:24}{f['seconds']:>10.2f}{f['cpu_seconds']:>8.1f}"
            f"{f['rows'] / f['seconds']:>12,.0f}"
            f"{f['growth_mb']:>10.1f}{f['size_mb']:>9.1f}"
        )
    if set(figures) != set("abcd"):
        return
    a, b, c, d = (figures[p]["seconds"] for p in "abcd")
    print(
        f"a/b = {a / b:.3f}   b/a = {b / a:.2f} (target >= 5)   "
        f"a/c = {a / c:.2f} (target <= 1.5)   a/d = {a / d:.2f}   "
        f"c/d = {c / d:.2f}\n"
        f"memory growth (a) = {figures['a']['growth_mb']:.1f} MB (target <= 100)",
        flush=True,
    )


if __name__ == "__main__":
    main()
