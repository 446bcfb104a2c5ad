#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the spatial queries of kelurahan_crm_map (issue 18).

Creates a throwaway database with kelurahan_crm_map (no demo), inserts N complaints
(default 1,000,000) by one SQL ``generate_series`` over 36 months (about 28k a
month, dates growing with the ids as in a table filled day by day), all inside
one kelurahan-sized square (``--area-km``, default 3 km: the dense worst case for
the index), 10 categories, one in six open, one in ten
anonymous or confidential. Then, in one Odoo process as the admin user (record rules
apply), it times:

  (1) nearby lookup: ``helpdesk.ticket._kel_nearby`` (the report form's "already
      reported nearby", 150 m) at ``--points`` random pins; median and p95 in ms,
      server side (SQL + browse of the result), and the EXPLAIN of one lookup to
      show the btree index on (category_id, latitude, longitude) in use;
  (2) map features of one month: ``helpdesk.ticket.kel_map_features`` with the
      month's domain (the backend map view's one call), including the JSON
      encoding of its answer as the RPC layer does it, median of 5 runs, ms; the
      answer's size and the EXPLAIN of its one query (built in PostgreSQL as a
      JSON text: partial index on date_reported WHERE latitude IS NOT NULL).

Targets: (1) <= 20 ms at 1M complaints; (2) <= 300 ms for a month (~30k).

    .venv/bin/python bench/bench_map.py                 # 1M, then drop the database
    .venv/bin/python bench/bench_map.py --rows 100000 --keep
"""

import argparse
import json
import os
import random
import statistics
import time

from benchlib import drop_database, install_database, open_env, start_postgres

DEFAULT_DB = "kel_bench_map"
BENCH_NAME = "BENCHMAP"
CENTER = (-6.3375, 106.8595)
MONTHS = 36


def create_database(db):
    start_postgres()
    drop_database(db, check=True)
    install_database(db, "kelurahan_crm_map", "--max-cron-threads=0")


def seed(env, rows, area_km):
    """N complaints by one INSERT ... SELECT generate_series (the ORM would take
    hours for 1M); deadlines, numbers and texts are placeholders."""
    cr = env.cr
    company = env.ref("base.main_company")
    rws = (
        env["kelurahan.rw"]
        .sudo()
        .create([{"number": n, "company_id": company.id} for n in range(1, 11)])
    )
    categories = env["helpdesk.ticket.category"].sudo().search([], limit=10).ids
    stages = [
        env.ref(f"kelurahan_crm.stage_{s}").id for s in ("new", "progress", "done")
    ]
    half = area_km / 2 / 111.32
    start = time.perf_counter()
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            name, description, number, company_id, category_id, rw_id,
            latitude, longitude, is_anonymous, is_confidential,
            date_reported, stage_id, kel_state, is_overdue, support_count,
            priority, active, create_date, write_date, create_uid, write_uid)
        SELECT %(name)s, '<p>x</p>', 'MAP/' || g, %(company)s,
               (%(categories)s::int[])[1 + g %% cardinality(%(categories)s::int[])],
               (%(rws)s::int[])[1 + g %% cardinality(%(rws)s::int[])],
               %(lat)s + (random() * 2 - 1) * %(half)s,
               %(lon)s + (random() * 2 - 1) * %(half)s,
               g %% 20 = 1, g %% 20 = 2,
               TIMESTAMP '2024-01-01'
                   + (g::float / %(rows)s) * (INTERVAL '1 day' * 30.4 * %(months)s),
               CASE WHEN g %% 6 = 0 THEN %(new)s WHEN g %% 6 = 1 THEN %(progress)s
                    ELSE %(done)s END,
               CASE WHEN g %% 6 = 0 THEN 'new' WHEN g %% 6 = 1 THEN 'progress'
                    ELSE 'done' END,
               g %% 12 = 1, 1, '1', true, now(), now(), 1, 1
          FROM generate_series(1, %(rows)s) g
        """,
        {
            "name": BENCH_NAME,
            "company": company.id,
            "categories": categories,
            "rws": rws.ids,
            "lat": CENTER[0],
            "lon": CENTER[1],
            "half": half,
            "months": MONTHS,
            "new": stages[0],
            "progress": stages[1],
            "done": stages[2],
            "rows": rows,
        },
    )
    cr.execute("ANALYZE helpdesk_ticket")
    cr.commit()
    return time.perf_counter() - start, categories


def bench_nearby(env, categories, points, area_km):
    Ticket = env["helpdesk.ticket"]
    company = env.ref("base.main_company")
    Category = env["helpdesk.ticket.category"]
    half = area_km / 2 / 111.32
    rng = random.Random(18)
    times, found, cpu = [], [], []
    for i in range(points + 5):
        lat = CENTER[0] + rng.uniform(-half, half)
        lon = CENTER[1] + rng.uniform(-half, half)
        category = Category.browse(rng.choice(categories))
        env.invalidate_all()
        c0, t0 = time.process_time(), time.perf_counter()
        result = Ticket._kel_nearby(company, category, lat, lon, 150)
        elapsed = (time.perf_counter() - t0) * 1000
        if i >= 5:  # warm-up
            times.append(elapsed)
            cpu.append((time.process_time() - c0) * 1000)
            found.append(len(result))
    return times, found, cpu


def explain_nearby(env, categories):
    """The plan of one nearby lookup, from the SQL the method runs."""
    from odoo.tools import SQL

    from odoo.addons.kelurahan_crm_map.tools import geo

    alias = "helpdesk_ticket"
    lat, lon = CENTER
    env.cr.execute(
        SQL(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM helpdesk_ticket"
            " WHERE category_id = %s AND company_id = %s AND %s"
            " AND kel_state IN ('new', 'verify', 'dispatch', 'progress')"
            " AND duplicate_id IS NULL AND NOT COALESCE(is_anonymous, FALSE)"
            " AND NOT COALESCE(is_confidential, FALSE) LIMIT 10",
            categories[0],
            env.ref("base.main_company").id,
            geo.near_sql(alias, lat, lon, 150),
        )
    )
    return [row[0] for row in env.cr.fetchall()]


MONTH = [
    ("date_reported", ">=", "2025-03-01 00:00:00"),
    ("date_reported", "<", "2025-04-01 00:00:00"),
]


def bench_month(env):
    from odoo.tools import json_default

    Ticket = env["helpdesk.ticket"]
    times, count, cpu, size = [], 0, [], 0
    for i in range(6):
        env.invalidate_all()
        c0, t0 = time.process_time(), time.perf_counter()
        data = Ticket.kel_map_features(MONTH)
        # What the JSON-RPC layer adds: encoding the answer.
        payload = json.dumps({"result": data}, default=json_default)
        elapsed = (time.perf_counter() - t0) * 1000
        count, size = data["count"], len(payload)
        if i:
            times.append(elapsed)
            cpu.append((time.process_time() - c0) * 1000)
    return times, count, cpu, size


def explain_month(env):
    """The plan of the month's map features, from the SQL the method runs."""
    from odoo.tools import SQL

    query = env["helpdesk.ticket"]._kel_map_features_sql(MONTH)
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
    return [row[0] for row in env.cr.fetchall()]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--area-km", type=float, default=3.0)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on a database kept by --keep (no creation, no seeding)",
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    if not args.reuse:
        create_database(args.db)
        print(f"database created in {time.perf_counter() - t0:.0f} s", flush=True)
    try:
        cr, env = open_env(args.db)
        try:
            if args.reuse:
                seconds = 0.0
                cr.execute(
                    "SELECT count(*) FROM helpdesk_ticket WHERE name = %s", [BENCH_NAME]
                )
                args.rows = cr.fetchone()[0]
                # A database kept by an older version: the indexes of this one.
                env["helpdesk.ticket"].init()
                cr.execute("ANALYZE helpdesk_ticket")
                cr.commit()
                categories = (
                    env["helpdesk.ticket.category"].sudo().search([], limit=10).ids
                )
            else:
                seconds, categories = seed(env, args.rows, args.area_km)
            cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cr.fetchone()[0]
            print(
                f"seeded {args.rows:,} complaints in {seconds:.0f} s "
                f"(database {size})",
                flush=True,
            )
            times, found, cpu = bench_nearby(env, categories, args.points, args.area_km)
            plan = explain_nearby(env, categories)
            month_times, month_count, month_cpu, month_size = bench_month(env)
            month_plan = explain_month(env)
        finally:
            cr.rollback()
            cr.close()
            import odoo

            odoo.sql_db.close_db(args.db)
    finally:
        if not args.keep:
            drop_database(args.db)
    near_med, near_p95 = statistics.median(times), percentile(times, 0.95)
    month_med = statistics.median(month_times)
    print(
        f"\nN = {args.rows:,} complaints in {args.area_km:g} km x {args.area_km:g} km"
    )
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        f"(1) nearby lookup, 150 m, {len(times)} pins: median {near_med:.2f} ms, "
        f"p95 {near_p95:.2f} ms, {statistics.mean(found):.1f} reports found on "
        f"average; median/target = {near_med / 20:.2f} (target <= 20 ms); "
        f"Odoo process CPU median {statistics.median(cpu):.2f} ms"
    )
    print(
        f"(2) map features of one month: {month_count:,} complaints, median "
        f"{month_med:.0f} ms; median/target = {month_med / 300:.2f} "
        f"(target <= 300 ms); Odoo process CPU median "
        f"{statistics.median(month_cpu):.0f} ms; answer {month_size / 1024:.0f} KiB"
    )
    print("EXPLAIN of one nearby lookup:")
    for line in plan:
        print(f"    {line}")
    print("EXPLAIN of the month's map features:")
    for line in month_plan:
        print(f"    {line}")


if __name__ == "__main__":
    main()
