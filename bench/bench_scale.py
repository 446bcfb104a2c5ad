#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark of issue 22: every figure of the issue's table in one run.

Creates a throwaway database with the product's addons (no demo), seeds by SQL N
complaints over three years (default 1,000,000) with ~0.55 dispositions each, 50k
residents (partners + portal users) following their complaints, service requests
and 100k SKM responses (9 answer lines each), VACUUM ANALYZEs (statistics and
visibility map, as autovacuum keeps them on a live database), then measures against
an Odoo started with --workers=2 (over HTTP, as the browser does) and in separate
server-side processes (EXPLAIN, IKM, memory, export), and prints one table with
each figure per role and its ratio to the target (ratio <= 1.00: holds). Drops the
database and its filestore at the end unless --keep.

    .venv/bin/python bench/bench_scale.py --smoke          # CI: tiny N, shapes checked
    .venv/bin/python bench/bench_scale.py --n 1000000 --keep
    .venv/bin/python bench/bench_scale.py --reuse kel_bench_scale --only list,dashboard
"""

import argparse
import ast
import gc
import json
import os
import re
import statistics
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import benchlib

sys.path.insert(0, benchlib.ROOT)

from tests.odoo_client import OdooClient
from tests.test_portal_http import form_fields

DEFAULT_DB = "kel_bench_scale"
ADDONS = "kelurahan_crm,kelurahan_service,kelurahan_whatsapp,kelurahan_survey"
WEBHOOK_ROUNDS = 5
ROWS = [
    "list",
    "followup",
    "search",
    "dashboard",
    "track",
    "dispositions",
    "form",
    "form20",
    "whatsapp",
    "ikm",
    "compare",
    "export100k",
    "export1m",
]
STAFF = ("petugas", "lurah", "rw01")
ROLE_NAMES = {
    "petugas": "petugas",
    "lurah": "lurah",
    "rw01": "RW officer",
    "warga": "resident",
}
LIST_LIMIT = 80  # the web client's list page
COUNT_LIMIT = 10001  # the web client's count limit (DEFAULT_COUNT_LIMIT + 1)
OPEN_DOMAIN = [("kel_state", "not in", ("done", "rejected"))]
WERKZEUG_RE = re.compile(
    r'werkzeug: \S+ - - \[[^\]]*\] "(\w+) (\S+) [^"]*" (\d+) - (\d+) ([\d.]+) ([\d.]+)'
)


class Failure(Exception):
    """A measurement that did not run or returned the wrong shape."""


def check(condition, what):
    if not condition:
        raise Failure(what)


def median(values):
    return statistics.median(values) if values else float("nan")


def pct(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# ----------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------


class Table:
    """Rows of the final table: figure, role, measured, target, ratio."""

    def __init__(self):
        self.rows = []
        self.failures = []

    def add(self, figure, role, value, target, unit="ms", higher=False, text=None):
        """``higher``: the target is a minimum (ratio = target / value)."""
        if value is None or target is None:
            ratio = None
        elif higher:
            ratio = target / value if value else float("inf")
        else:
            ratio = value / target
        shown = text if text is not None else f"{value:,.1f} {unit}"
        sign = ">=" if higher else "<="
        wanted = f"{sign} {target:,g} {unit}" if target is not None else "-"
        self.rows.append((figure, role, shown, wanted, ratio))

    def error(self, figure, error):
        self.failures.append(f"{figure}: {error!r}")
        self.rows.append((figure, "", f"ERROR {type(error).__name__}", "-", None))

    def guard(self, figure, fn, *args):
        """Run one measurement; a failure becomes a row, the run goes on."""
        try:
            fn(*args)
        except Exception as error:
            print(f"!!! {figure}: {error!r}", flush=True)
            self.error(figure, error)

    def note(self, figure, role, shown, wanted, holds):
        self.rows.append((figure, role, shown, wanted, bool(holds)))

    def print(self):
        widths = [34, 11, 44, 18]
        head = ("figure", "role", "measured", "target")
        print()
        print("".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + "ratio")
        print("-" * (sum(widths) + 12))
        for figure, role, shown, wanted, ratio in self.rows:
            cells = (figure, role, shown, wanted)
            line = "".join(
                str(c)[: w - 1].ljust(w) for c, w in zip(cells, widths, strict=True)
            )
            if ratio is None:
                line += "-"
            elif isinstance(ratio, bool):
                line += "     holds" if ratio else "     MISSES"
            else:
                line += f"{ratio:.2f} {'holds' if ratio <= 1 else 'MISSES'}"
            print(line)
        print("(ratio = figure / target, or target / figure for a minimum: <= 1 holds)")


# ----------------------------------------------------------------------
# HTTP against Odoo --workers=2
# ----------------------------------------------------------------------


class ServerLog:
    """Server times of requests from the werkzeug lines of Odoo's log
    (query time + remaining time = the time the worker spent on the request)."""

    def __init__(self, path):
        self.path = path

    def mark(self):
        return os.path.getsize(self.path)

    def times(self, offset, prefix, count, timeout=20):
        deadline = time.time() + timeout
        found = []
        while time.time() < deadline:
            with open(self.path, errors="replace") as log:
                log.seek(offset)
                found = [
                    (float(m[5]) + float(m[6])) * 1000
                    for m in WERKZEUG_RE.finditer(log.read())
                    if m[2].startswith(prefix)
                ]
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise Failure(f"server log: {len(found)}/{count} lines for {prefix}")


class Session(OdooClient):
    def __init__(self, url, db, login=None):
        super().__init__(url, db)
        self.context = {}
        if login:
            info = self.login(login, login)
            check(info and info.get("uid"), f"login {login}")
            self.context = info["user_context"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


# Requests before a figure is measured. Odoo's prefork workers each compile a
# page's templates and fill their caches on their first request of it; with
# --workers=2 one warm-up request left the other worker cold, and its first
# request (2-4 x the others, ~40 queries instead of ~20 on the tracking page)
# was then one of the --smoke run's two measured repetitions.
WARMUP = 4


def repeat(fn, reps, warmup=WARMUP):
    """(wall ms of each repetition after the warm-up, last result)."""
    walls, result = [], None
    for i in range(warmup + reps):
        t0 = time.perf_counter()
        result = fn()
        if i >= warmup:
            walls.append((time.perf_counter() - t0) * 1000)
    return walls, result


def list_spec(session):
    """The specification and order the web client sends for the complaints' list
    view of the "Complaints" menu, the search view's "Needs Follow-up" domain,
    and its "Complaint" search field's domain for a typed ``term`` (a function)."""
    views = session.call(
        "helpdesk.ticket",
        "get_views",
        views=[[False, "list"], [False, "search"]],
        options={"load_filters": True, "toolbar": True},
    )
    fields_info = views["models"]["helpdesk.ticket"]["fields"]
    arch = ET.fromstring(views["views"]["list"]["arch"])
    spec = {}
    for node in arch.iter("field"):
        name = node.get("name")
        kind = fields_info.get(name, {}).get("type")
        relational = kind in ("many2one", "many2many", "one2many")
        spec[name] = {"fields": {"display_name": {}}} if relational else {}
    search = ET.fromstring(views["views"]["search"]["arch"])
    domain = OPEN_DOMAIN
    for node in search.iter("filter"):
        if node.get("name") == "open" and node.get("domain"):
            domain = ast.literal_eval(node.get("domain"))
    typed = next(
        node.get("filter_domain")
        for node in search.iter("field")
        if node.get("name") == "number"
    )

    def search_domain(term):
        return ast.literal_eval(typed.replace("self", repr(term)))

    return spec, arch.get("default_order") or "", domain, search_domain


def bench_lists(url, db, log, reps, table, rows):
    sessions = {login: Session(url, db, login) for login in STAFF}
    spec, order, open_domain, search_domain = list_spec(sessions["lurah"])
    path = "/web/dataset/call_kw/helpdesk.ticket/web_search_read"
    targets = [("list", "complaint list, first page", [])]
    targets.append(("followup", '"Needs Follow-up" list', open_domain))
    if "search" in rows:
        # a complaint the RW officer sees, so that every role finds it; not
        # among the newest (up to 500th from the end, fewer on a small run)
        number = sessions["rw01"].call(
            "helpdesk.ticket",
            "search_read",
            domain=[],
            fields=["number"],
            limit=501,
            order="id desc",
        )[-1]["number"]
        targets.append(
            ("search", "search box: a complaint number", search_domain(number))
        )
    for row, figure, domain in targets:
        if row not in rows:
            continue
        for login, session in sessions.items():
            offset = log.mark()
            walls, result = repeat(
                lambda s=session, d=domain: s.call(
                    "helpdesk.ticket",
                    "web_search_read",
                    domain=d,
                    specification=spec,
                    offset=0,
                    limit=LIST_LIMIT,
                    order=order,
                    count_limit=COUNT_LIMIT,
                ),
                reps,
            )
            check(
                isinstance(result.get("records"), list)
                and isinstance(result.get("length"), int)
                and len(result["records"]) <= LIST_LIMIT
                and (result["records"] or (login == "rw01" and row != "search")),
                f"{figure} ({login}): records/length",
            )
            server = log.times(offset, path, WARMUP + reps)[WARMUP:]
            table.add(
                figure,
                ROLE_NAMES[login],
                median(walls),
                50,
                text=f"{median(walls):,.0f} ms (server {median(server):,.0f}, "
                f"{len(result['records'])} of {result['length']:,})",
            )
    if "list" in rows:
        resident = Session(url, db, "warga")
        offset = log.mark()
        walls, page = repeat(lambda: resident.get("/my/pengaduan"), reps)
        check(page.status_code == 200, f"/my/pengaduan {page.status_code}")
        server = log.times(offset, "/my/pengaduan", WARMUP + reps)[WARMUP:]
        table.add(
            "complaint list, first page",
            "resident",
            median(walls),
            50,
            text=f"{median(walls):,.0f} ms (server {median(server):,.0f}; portal "
            "/my/pengaduan)",
        )


def bench_dashboard(url, db, log, reps, table):
    today = date.today()
    periods = [
        ("30 days", None, None),
        ("this year", today.replace(month=1, day=1), today),
        ("3 years", today - timedelta(days=3 * 365 - 1), today),
    ]
    path = "/web/dataset/call_kw/kelurahan.dashboard/get_dashboard_data"
    for login in STAFF:
        session = Session(url, db, login)
        for label, start, end in periods:
            args = [str(start) if start else False, str(end) if end else False]
            offset = log.mark()
            walls, data = repeat(
                lambda s=session, a=args: s.call(
                    "kelurahan.dashboard", "get_dashboard_data", *a
                ),
                reps,
            )
            check(
                isinstance(data, dict) and isinstance(data.get("total"), int),
                f"dashboard {label} ({login})",
            )
            server = log.times(offset, path, WARMUP + reps)[WARMUP:]
            table.add(
                f"dashboard, {label}",
                ROLE_NAMES[login],
                median(walls),
                150,
                text=f"{median(walls):,.0f} ms (server {median(server):,.0f}, "
                f"{data['total']:,} complaints)",
            )


def bench_track(url, db, log, reps, tokens, table):
    visitor = Session(url, db)
    offset = log.mark()
    pages = iter(tokens)
    walls, page = repeat(lambda: visitor.get(f"/pengaduan/lacak/{next(pages)}"), reps)
    check(page.status_code == 200, f"tracking link {page.status_code}")
    server = log.times(offset, "/pengaduan/lacak/", WARMUP + reps)[WARMUP:]
    table.add(
        "tracking link /pengaduan/lacak/<t>",
        "visitor",
        median(walls),
        50,
        text=f"{median(walls):,.0f} ms (server {median(server):,.0f})",
    )


def report_form(client):
    data = form_fields(client.get("/pengaduan/lapor").text)
    check(data["csrf_token"] and data["category_id"], "report form fields")
    data.update(
        description="Lampu jalan mati sejak seminggu.",
        reporter_name="Bench Warga",
        reporter_phone="0812 5555 9876",
        kel_website="",
        kel_consent="1",
    )
    return data


def post_report(client, data):
    t0 = time.perf_counter()
    response = client.post("/pengaduan/lapor", data=data, allow_redirects=False)
    elapsed = (time.perf_counter() - t0) * 1000
    check(
        response.status_code == 303
        and "/pengaduan/lacak/" in response.headers.get("Location", ""),
        f"report form answered {response.status_code}",
    )
    return elapsed


def bench_form(url, db, log, reps, table, rows):
    if "form" in rows:
        client = Session(url, db)
        data = report_form(client)
        offset = log.mark()
        walls = [post_report(client, data) for _i in range(WARMUP + reps)][WARMUP:]
        server = log.times(offset, "/pengaduan/lapor", WARMUP + reps)[WARMUP:]
        table.add(
            "resident form, 1 client (server)",
            "visitor",
            median(server),
            30,
            text=f"{median(server):,.0f} ms server (wall {median(walls):,.0f})",
        )
    if "form20" in rows:
        clients = 20
        per_client = max(2, reps * 2)
        sessions = [Session(url, db) for _i in range(clients)]
        forms = [report_form(s) for s in sessions]
        barrier = threading.Barrier(clients)

        def run(i):
            barrier.wait()
            return [post_report(sessions[i], forms[i]) for _j in range(per_client)]

        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            latencies = [x for chunk in pool.map(run, range(clients)) for x in chunk]
        wall = time.perf_counter() - t0
        rate = len(latencies) / wall
        table.add(
            "resident form, 20 clients, p95",
            "visitor",
            pct(latencies, 0.95),
            300,
            text=f"p95 {pct(latencies, 0.95):,.0f} ms ({len(latencies)} posts)",
        )
        table.add(
            "resident form, 20 clients, rate",
            "visitor",
            rate,
            60,
            unit="/s",
            higher=True,
            text=f"{rate:,.1f} reports/s",
        )


def bench_whatsapp(url, db, count, table):
    """The webhook's rate, and its ratio to /web/health measured beside it:
    WEBHOOK_ROUNDS rounds of ``count`` requests each, the two in turns (which
    goes first alternates, so a drift of the machine's load falls on both
    alike), medians reported. One pair of short runs moved by ±0.2 x from run to
    run on the same code."""
    import whatsapp_webhook as wa

    standin = wa.standin_mod.CloudApiStandin(
        phone_number_id=f"bench{os.urandom(6).hex()}",
        app_secret=os.urandom(16).hex(),
    )
    standin.start()
    admin = account = None
    rates, base_rates, latencies = [], [], []
    try:
        admin = wa.Rpc(url, db)
        account = wa.create_account(admin, standin)
        standin.webhook_url = f"{url}/kelurahan/whatsapp/webhook"
        for i in range(4):  # warm-up, one per worker and more
            standin.deliver(standin.message("628000000000", text=f"warm {i}"))
        for round_ in range(WEBHOOK_ROUNDS):
            payloads = [
                standin.message(f"62811{i % 500:07d}", text=f"Halo {round_}-{i}")
                for i in range(count)
            ]
            if round_ % 2:
                wall, round_latencies, statuses = wa.fire(standin, payloads, 8)
                base_rate, _p50 = wa.baseline(url, count, 8)
            else:
                base_rate, _p50 = wa.baseline(url, count, 8)
                wall, round_latencies, statuses = wa.fire(standin, payloads, 8)
            accepted = sum(1 for s in statuses if s == 200)
            check(accepted == count, f"webhook accepted {accepted}/{count}")
            rates.append(accepted / wall)
            base_rates.append(base_rate)
            latencies += round_latencies
    finally:
        standin.stop()
        if account:
            # the run's events go with it (cascade): no cron runs in this Odoo,
            # so a reused database would keep them pending from run to run
            admin("kelurahan.whatsapp.account", "unlink", [account])
    ratios = [rate / base for rate, base in zip(rates, base_rates, strict=True)]
    rate, ratio = median(rates), median(ratios)
    table.add(
        "WhatsApp webhook acks",
        "WhatsApp",
        rate,
        150,
        unit="msg/s",
        higher=True,
        text=f"{rate:,.1f} msg/s (p50 {pct(latencies, 0.5) * 1000:,.0f} ms)",
    )
    table.add(
        "WhatsApp acks / GET /web/health",
        "WhatsApp",
        ratio,
        0.9,
        unit="x",
        higher=True,
        text=f"{ratio:.2f} x ({min(ratios):.2f}-{max(ratios):.2f}; "
        f"/web/health {median(base_rates):,.0f}/s)",
    )


def http_part(args, db, rows, facts, table):
    log_dir = os.path.join(benchlib.ROOT, "var", "log")
    os.makedirs(log_dir, exist_ok=True)
    log_path = os.path.join(log_dir, f"{db}-bench-scale.log")
    proc, log_file, url = benchlib.start_server(db, log_path, workers=2)
    print(f"==> Odoo --workers=2 on {url} (log {log_path})", flush=True)
    log = ServerLog(log_path)
    try:
        if {"list", "followup", "search"} & rows:
            table.guard("lists", bench_lists, url, db, log, args.reps, table, rows)
        if "dashboard" in rows:
            table.guard("dashboard", bench_dashboard, url, db, log, args.reps, table)
        if "track" in rows:
            table.guard(
                "tracking link",
                bench_track,
                url,
                db,
                log,
                args.reps,
                facts["tokens"],
                table,
            )
        if {"form", "form20"} & rows:
            table.guard(
                "resident form", bench_form, url, db, log, args.reps, table, rows
            )
        if "whatsapp" in rows:
            table.guard("WhatsApp", bench_whatsapp, url, db, args.whatsapp, table)
    finally:
        benchlib.stop_server(proc, log_file)


# ----------------------------------------------------------------------
# Server-side phases (each in its own process)
# ----------------------------------------------------------------------


def phase_seed(opts):
    import scale_seed

    cr, env = benchlib.open_env(opts.db)
    try:
        timings, counts = scale_seed.seed(env, opts.n, opts.residents, opts.responses)
        cr.execute("SELECT pg_database_size(current_database())")
        return {"timings": timings, "counts": counts, "bytes": cr.fetchone()[0]}
    finally:
        cr.close()


def capture_queries(match):
    """Context manager recording (sql, params) of the queries whose text
    contains every string of ``match``."""
    import contextlib

    from odoo import sql_db
    from odoo.tools import SQL

    captured = []
    original = sql_db.Cursor.execute

    def spy(self, query, params=None, log_exceptions=True):
        code, values = (
            (query.code, query.params)
            if isinstance(query, SQL)
            else (
                query,
                params,
            )
        )
        if all(word in code for word in match) and code.lstrip().upper().startswith(
            "SELECT"
        ):
            captured.append((code, values))
        return original(self, query, params, log_exceptions)

    @contextlib.contextmanager
    def patched():
        sql_db.Cursor.execute = spy
        try:
            yield captured
        finally:
            sql_db.Cursor.execute = original

    return patched()


def phase_facts(opts):
    """Tracking tokens, the period of the latest ~100k complaints, the late
    dispositions' queries of the dashboard (as the lurah) with their plans, IKM."""
    cr, env = benchlib.open_env(opts.db, tz="Asia/Jakarta")
    out = {}
    try:
        cr.execute(
            "SELECT kel_track_token FROM helpdesk_ticket"
            " WHERE kel_track_token IS NOT NULL ORDER BY random() LIMIT 50"
        )
        out["tokens"] = [row[0] for row in cr.fetchall()]
        cr.execute(
            "SELECT (min(date_reported) AT TIME ZONE 'UTC' AT TIME ZONE"
            " 'Asia/Jakarta')::date, (max(date_reported) AT TIME ZONE 'UTC' AT TIME"
            " ZONE 'Asia/Jakarta')::date, count(*) FROM helpdesk_ticket"
        )
        first, last, total = cr.fetchone()
        cr.execute(
            "SELECT (date_reported AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Jakarta')"
            "::date + 1 FROM helpdesk_ticket ORDER BY date_reported DESC"
            " OFFSET %s LIMIT 1",
            [min(total, 100_000) - 1],
        )
        row = cr.fetchone()
        out["export_100k"] = [
            str(row[0] if row and total > 100_000 else first),
            str(last),
        ]
        out["export_all"] = [str(first), str(last)]
        out["complaints"] = total
        for row, key, fn in (
            ("dispositions", "plans", late_disposition_plans),
            ("ikm", "ikm", ikm_times),
        ):
            if row in opts.rows:
                try:
                    out[key] = fn(env, opts.reps)
                except Exception as error:
                    cr.rollback()
                    out[key] = {"error": repr(error)}
    finally:
        cr.rollback()
        cr.close()
    return out


def late_disposition_plans(env, _reps):
    lurah = env["res.users"].search([("login", "=", "lurah")])
    dashboard = env(user=lurah)["kelurahan.dashboard"]
    # The dashboard's queries of late dispositions (not its reads by id).
    with capture_queries(['"kelurahan_disposition"', '"date_done" IS NULL']) as queries:
        dashboard.get_dashboard_data()
    check(queries, "no late-disposition query captured from the dashboard")
    plans = []
    for code, params in queries:
        env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + code, params)
        lines = [row[0] for row in env.cr.fetchall()]
        scans = [
            line.strip()
            for line in lines
            if "Scan" in line and "kelurahan_disposition" in line
        ]
        plans.append(
            {
                "query": code,
                "plan": lines,
                "scans": scans,
                "index_only": bool(scans)
                and all("Index Only Scan" in line for line in scans),
            }
        )
    return plans


def ikm_times(env, reps):
    survey = env.ref("kelurahan_survey.survey_skm")
    today = date.today()
    start = today - timedelta(days=364)
    walls, result = [], None
    for i in range(reps + 1):
        env.invalidate_all()
        t0 = time.perf_counter()
        result = survey._kel_ikm(date_from=start, date_to=today)
        if i:
            walls.append((time.perf_counter() - t0) * 1000)
    whole = (result or {}).get(None) or {}
    check(whole.get("respondents") and whole.get("ikm"), "IKM result")
    return {"walls": walls, "respondents": whole["respondents"], "ikm": whole["ikm"]}


def phase_compare(opts):
    import bench_export

    cr, env = benchlib.open_env(opts.db, tz="Asia/Jakarta")
    try:
        survey = env.ref("kelurahan_survey.survey_skm")
        today = date.today()
        start, middle = today - timedelta(days=364), today - timedelta(days=182)
        wizard = env["kelurahan.survey.compare.wizard"].create(
            {
                "survey_id": survey.id,
                "mode": "periods",
                "before_from": start,
                "before_to": middle,
                "after_from": middle + timedelta(days=1),
                "after_to": today,
            }
        )
        env.invalidate_all()
        gc.collect()
        before = bench_export.rss_mb()
        t0 = time.perf_counter()
        html = wizard.result_html
        seconds = time.perf_counter() - t0
        check(html and len(html) > 100, "comparison result")
        cr.execute(
            "SELECT count(*) FROM survey_user_input WHERE survey_id = %s"
            " AND state = 'done'",
            [survey.id],
        )
        return {
            "growth_mb": max(0.0, bench_export.peak_mb() - before),
            "seconds": seconds,
            "responses": cr.fetchone()[0],
        }
    finally:
        cr.rollback()
        cr.close()


def phase_export(opts):
    """One phase of bench_export.py (a: ours, b: Odoo's list export, c: raw
    xlsxwriter) on the period ``--period``."""
    import bench_export

    date_from, date_to = opts.period.split(",")
    bench_export.bench_filters = lambda: {"date_from": date_from, "date_to": date_to}
    return bench_export.run_in_process(
        argparse.Namespace(db=opts.db, phase=opts.export_phase, rows=0)
    )


PHASES = {
    "seed": phase_seed,
    "facts": phase_facts,
    "compare": phase_compare,
    "export": phase_export,
}


def run_phase(db, phase, *extra):
    return benchlib.run_phase(__file__, phase, "--db", db, *extra)


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------


def fact(facts, key):
    value = facts[key]
    if isinstance(value, dict) and "error" in value:
        raise Failure(value["error"])
    return value


def report_plans(facts, table):
    for i, plan in enumerate(fact(facts, "plans"), 1):
        table.note(
            f"late dispositions, query {i}",
            "lurah",
            "; ".join(plan["scans"])[:43] or "no scan of the table",
            "index-only",
            plan["index_only"],
        )


def report_ikm(facts, table):
    ikm = fact(facts, "ikm")
    table.add(
        "IKM for a year (server)",
        "lurah",
        median(ikm["walls"]),
        300,
        text=f"{median(ikm['walls']):,.0f} ms ({ikm['respondents']:,} responses)",
    )


def bench_compare(db, table):
    result = run_phase(db, "compare")
    table.add(
        "survey comparison, growth",
        "lurah",
        result["growth_mb"],
        50,
        unit="MB",
        text=f"+{result['growth_mb']:,.1f} MB ({result['responses']:,} "
        f"responses, {result['seconds']:.1f} s)",
    )


def export_phase(db, period, phase):
    return run_phase(
        db, "export", "--period", ",".join(period), "--export-phase", phase
    )


def bench_export_100k(db, facts, table):
    res = {p: export_phase(db, facts["export_100k"], p) for p in "abc"}
    a, b, c = (res[p]["seconds"] for p in "abc")
    rows = res["a"]["rows"]
    # (b) counts one line per disposition (export_data of disposition_ids/...).
    check(
        rows > 0 and res["b"]["rows"] >= rows, f"export rows {rows}/{res['b']['rows']}"
    )
    figure = f"export {rows:,} rows"
    table.add(
        f"{figure}: Odoo/ours",
        "lurah",
        b / a,
        5,
        unit="x",
        higher=True,
        text=f"ours {a:.1f} s, Odoo {b:.1f} s: b/a {b / a:.2f}",
    )
    table.add(
        f"{figure}: ours/raw",
        "lurah",
        a / c,
        1.5,
        unit="x",
        text=f"raw xlsxwriter {c:.1f} s: a/c {a / c:.2f}",
    )
    table.add(f"{figure}: growth", "lurah", res["a"]["growth_mb"], 100, unit="MB")


def bench_export_all(db, facts, table):
    res = export_phase(db, facts["export_all"], "a")
    figure = f"export {res['rows']:,} rows"
    table.add(f"{figure}, time", "lurah", res["seconds"], 60, unit="s")
    table.add(f"{figure}, growth", "lurah", res["growth_mb"], 100, unit="MB")


def server_part(db, rows, facts, table):
    if "dispositions" in rows:
        table.guard("late dispositions", report_plans, facts, table)
    if "ikm" in rows:
        table.guard("IKM", report_ikm, facts, table)
    if "compare" in rows:
        table.guard("survey comparison", bench_compare, db, table)
    if "export100k" in rows:
        table.guard("export 100k", bench_export_100k, db, facts, table)
    if "export1m" in rows and facts["complaints"] >= 1_000_000:
        table.guard("export 1M", bench_export_all, db, facts, table)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="complaints")
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=5, help="repetitions per figure")
    parser.add_argument("--whatsapp", type=int, default=1000, help="deliveries")
    parser.add_argument("--db", default=DEFAULT_DB, help="name of the new database")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", metavar="NAME", help="measure this seeded database")
    parser.add_argument(
        "--no-map", action="store_true", help="without kelurahan_crm_map"
    )
    parser.add_argument("--only", help=f"comma-separated rows among: {', '.join(ROWS)}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny N, few repetitions; fails on any measurement that did not run",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--period", help=argparse.SUPPRESS)
    parser.add_argument("--export-phase", help=argparse.SUPPRESS)
    parser.add_argument("--rows", default=",".join(ROWS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.smoke:
        args.n, args.residents, args.responses = 2000, 200, 500
        args.reps, args.whatsapp = 2, 50
    args.rows = set((args.only or args.rows).split(","))
    unknown = args.rows - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    return args


def main():
    args = parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args), default=str))
        return 0
    load_start = os.getloadavg()
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in load_start)}")
    started = time.perf_counter()
    db = args.reuse or args.db
    table = Table()
    benchlib.start_postgres()
    failed = None
    try:
        if not args.reuse:
            benchlib.drop_database(db, check=True)
            addons = ADDONS + ("" if args.no_map else ",kelurahan_crm_map")
            t0 = time.perf_counter()
            benchlib.install_database(db, addons, "--max-cron-threads=0")
            print(
                f"==> database created in {time.perf_counter() - t0:.0f} s", flush=True
            )
            seeded = run_phase(
                db,
                "seed",
                "--n",
                args.n,
                "--residents",
                args.residents,
                "--responses",
                args.responses,
            )
            times = ", ".join(f"{k} {v:.0f} s" for k, v in seeded["timings"].items())
            print(f"==> seeded: {times}")
            print(
                "==> rows: "
                + ", ".join(f"{k} {v:,}" for k, v in seeded["counts"].items())
                + f"; database {seeded['bytes'] / 2**20:,.0f} MiB",
                flush=True,
            )
        facts = run_phase(
            db, "facts", "--rows", ",".join(args.rows), "--reps", args.reps
        )
        print(f"==> N = {facts['complaints']:,} complaints", flush=True)
        http_part(args, db, args.rows, facts, table)
        server_part(db, args.rows, facts, table)
        if isinstance(facts.get("plans"), list):
            for i, plan in enumerate(facts["plans"], 1):
                print(f"\nEXPLAIN of the dashboard's late-disposition query {i}:")
                for line in plan["plan"]:
                    print(f"    {line}")
    except (Failure, SystemExit, OSError, RuntimeError, KeyError) as error:
        failed = error
    finally:
        if not args.keep and not args.reuse:
            benchlib.drop_database(db)
            print(f"==> dropped database {db} and its filestore")
        elif not args.reuse:
            print(f"==> kept database {db} (data dir {benchlib.data_dir()})")
    table.print()
    load_end = os.getloadavg()
    print(
        f"load average at start {' '.join(f'{v:.2f}' for v in load_start)}, at end "
        f"{' '.join(f'{v:.2f}' for v in load_end)} ({os.cpu_count()} CPUs); "
        f"run {time.perf_counter() - started:.0f} s"
    )
    if failed or table.failures:
        for failure in table.failures:
            print(f"FAILED: {failure}")
        if failed:
            print(f"FAILED: {failed!r}")
        return 1
    if args.smoke:
        missing = [
            figure
            for figure in (
                "list",
                "Needs",
                "dashboard",
                "tracking",
                "late disp",
                "resident form",
                "WhatsApp",
                "IKM",
                "comparison",
                "export",
            )
            if not any(figure in row[0] for row in table.rows)
        ]
        if missing:
            print(f"FAILED: no figure for {', '.join(missing)}")
            return 1
        print("smoke: every measurement ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
