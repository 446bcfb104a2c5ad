#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake benchmark: the public complaint form and the WhatsApp webhook, one run.

Starts Odoo with --workers=2 (and one cron worker) on a free loopback port against
a throwaway database (kelurahan_crm + kelurahan_whatsapp, no demo; dropped at the
end) or the database given with --db, then measures in the same run:

1. the public complaint form (``POST /pengaduan/lapor``) from one client: the
   server time of each submission (query time + Python time of Odoo's request
   log line) and its query count;
2. the same form from --clients concurrent clients: p95 latency and submissions/s;
3. ``GET /web/health`` (Odoo's cheapest route) and signed WhatsApp deliveries with
   --concurrency clients each: acknowledgements/s and their ratio to /web/health.

Then it waits for the background jobs (intake of each complaint, processing of
each WhatsApp message) and checks that every one was done once. Odoo's CPU time
per request is printed next to the wall figures: on a shared machine the wall
time is dominated by the run queue (load average printed).

Targets (issue 22): form 1 client <= 30 ms server time; 20 clients p95 <= 300 ms
and >= 60/s; webhook >= 150 msg/s and >= 0.9 x /web/health.

    $VENV/bin/python bench/bench_intake.py --forms 400 --deliveries 2000
"""

import argparse
import http.cookiejar
import os
import re
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import whatsapp_webhook as wa
from benchlib import start_server, stop_server

TARGET_FORM_MS = 30.0
TARGET_P95_MS = 300.0
TARGET_FORM_RATE = 60.0
TARGET_WA_RATE = 150.0
TARGET_WA_SHARE = 0.9
# Odoo's request log: "POST /pengaduan/lapor HTTP/1.1" 303 - <queries> <sql s> <py s>
LOG_RE = re.compile(
    r'"POST /pengaduan/lapor HTTP/1\.1" (\d+) - (\d+) ([\d.]+) ([\d.]+)'
)
INPUT_RE = re.compile(r'name="(csrf_token|form_ts|form_sig)"\s+value="([^"]*)"')


def setup(rpc, standin):
    """A RW, a category offered to residents, no throttle and no minimum delay
    for the form, a WhatsApp account pointed at the stand-in."""
    company = rpc("res.company", "search", [], limit=1)[0]
    rws = rpc("kelurahan.rw", "search", [("number", "=", 99)])
    rw = (
        rws[0]
        if rws
        else rpc("kelurahan.rw", "create", {"number": 99, "company_id": company})
    )
    categories = rpc(
        "helpdesk.ticket.category", "search", [("show_in_portal", "=", True)]
    )
    category = (
        categories[0]
        if categories
        else rpc(
            "helpdesk.ticket.category",
            "create",
            {"name": "Bench", "show_in_portal": True},
        )
    )
    for key, value in (
        ("kelurahan_crm.portal_report_limit", "0"),
        ("kelurahan_crm.portal_form_min_seconds", "0"),
    ):
        rpc("ir.config_parameter", "set_param", key, value)
    wa.create_account(rpc, standin)
    return rw, category


class FormClient:
    """One resident's browser: its own session cookie, the form's hidden fields
    read once from ``GET /pengaduan/lapor`` (the signed time stamp and the CSRF
    token stay valid for the session)."""

    def __init__(self, url, rw, category, index):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect,
        )
        with self.opener.open(f"{url}/pengaduan/lapor", timeout=60) as resp:
            hidden = dict(INPUT_RE.findall(resp.read().decode()))
        if len(hidden) != 3:
            sys.exit("ERROR: the form page has no CSRF token / signed time stamp")
        self.fields = dict(
            hidden,
            name="Lampu jalan mati",
            description=f"Lampu jalan di gang {index} mati sejak kemarin malam.",
            category_id=str(category),
            rw_id=str(rw),
            reporter_name=f"Warga {index}",
            reporter_phone=f"0812{index:08d}",
            kel_consent="1",
        )

    def submit(self, _i=None):
        """POST the form; returns (seconds, status, tracking path)."""
        data = urllib.parse.urlencode(self.fields).encode()
        start = time.perf_counter()
        try:
            with self.opener.open(f"{self.url}/pengaduan/lapor", data, timeout=120):
                status, location = 200, ""
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location") or ""
        return time.perf_counter() - start, status, location


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_lines(log_path, offset):
    with open(log_path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        text = log.read()
    return [(int(q), float(sql) + float(py)) for _s, q, sql, py in LOG_RE.findall(text)]


def log_size(log_path):
    return os.path.getsize(log_path)


def form_phase(url, rw, category, log_path, proc, n_single, clients, n_multi):
    print(f"==> form, 1 client, {n_single} submissions")
    single = FormClient(url, rw, category, 0)
    for _ in range(3):  # warm-up of both workers, not counted
        single.submit()
    offset = log_size(log_path)
    cpu0 = wa.children_cpu(proc.pid)
    results = [single.submit() for _ in range(n_single)]
    cpu_single = wa.children_cpu(proc.pid) - cpu0
    time.sleep(1)
    server = log_lines(log_path, offset)
    bad = [r for r in results if r[1] != 303 or "/pengaduan/lacak/" not in r[2]]
    if bad:
        sys.exit(f"ERROR: a submission was refused: {bad[0]}")
    print(f"==> form, {clients} concurrent clients, {n_multi} submissions")
    browsers = [FormClient(url, rw, category, i + 1) for i in range(clients)]
    cpu1 = wa.children_cpu(proc.pid)
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        multi = list(pool.map(lambda i: browsers[i % clients].submit(), range(n_multi)))
    wall = time.perf_counter() - start
    cpu_multi = wa.children_cpu(proc.pid) - cpu1
    refused = sum(1 for r in multi if r[1] != 303)
    return {
        "single_wall": [r[0] for r in results],
        "single_server": [s for _q, s in server],
        "single_queries": [q for q, _s in server],
        "single_cpu": cpu_single / n_single,
        "multi_lat": [r[0] for r in multi],
        "multi_rate": (n_multi - refused) / wall,
        "multi_refused": refused,
        "multi_cpu": cpu_multi / n_multi,
    }


def webhook_phase(url, standin, proc, n, concurrency, residents):
    standin.webhook_url = f"{url}/kelurahan/whatsapp/webhook"
    numbers = [f"62811{index:07d}" for index in range(residents)]
    payloads = [
        standin.message(numbers[i % len(numbers)], text=f"Halo {i}") for i in range(n)
    ]
    for i in range(4):
        standin.deliver(standin.message("628000000000", text=f"warm {i}"))
    print(f"==> GET /web/health, {concurrency} concurrent clients")
    cpu0 = wa.children_cpu(proc.pid)
    base_rate, base_p50 = wa.baseline(url, n, concurrency)
    cpu_base = (wa.children_cpu(proc.pid) - cpu0) / n
    print(f"==> {n} signed deliveries, {concurrency} concurrent clients")
    cpu1 = wa.children_cpu(proc.pid)
    wall, latencies, statuses = wa.fire(standin, payloads, concurrency)
    cpu_ack = (wa.children_cpu(proc.pid) - cpu1) / n
    refused = sum(1 for s in statuses if s != 200)
    wamids = [
        p["entry"][0]["changes"][0]["value"]["messages"][0]["id"] for p in payloads
    ]
    return {
        "base_rate": base_rate,
        "base_p50": base_p50,
        "base_cpu": cpu_base,
        "rate": (n - refused) / wall,
        "refused": refused,
        "p50": wa.pct(latencies, 0.5) * 1000,
        "p95": wa.pct(latencies, 0.95) * 1000,
        "cpu": cpu_ack,
        "wamids": wamids,
    }


def intake_count(rpc, states):
    """Complaints whose intake job is in ``states`` (0 before the intake jobs
    existed, so the script also measures the code before them)."""
    if not rpc("helpdesk.ticket", "fields_get", ["kel_intake_state"]):
        return 0
    return rpc("helpdesk.ticket", "search_count", [("kel_intake_state", "in", states)])


def wait_background(rpc, wamids, timeout):
    """Seconds until no intake job and no WhatsApp event is left pending."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        left = rpc(
            "kelurahan.whatsapp.event",
            "search_count",
            [("wamid", "in", wamids), ("state", "=", "pending")],
        ) + intake_count(rpc, ["pending", "running"])
        if not left:
            return time.perf_counter() - start
        time.sleep(1)
    return None


def ms(seconds):
    return seconds * 1000


def report(form, hook, drained, rpc, wamids):
    load = os.getloadavg()
    print()
    print(
        f"load average        {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"on {os.cpu_count()} CPUs"
    )
    server = sorted(form["single_server"])
    med = wa.pct(server, 0.5)
    print(
        f"form, 1 client      server time median {ms(med):.1f} ms, p95 "
        f"{ms(wa.pct(server, 0.95)):.1f} ms (target <= {TARGET_FORM_MS:.0f}, "
        f"ratio {ms(med) / TARGET_FORM_MS:.2f}); client wall median "
        f"{ms(wa.pct(form['single_wall'], 0.5)):.1f} ms; "
        f"{wa.pct(form['single_queries'], 0.5)} queries; "
        f"Odoo CPU {ms(form['single_cpu']):.1f} ms/submission (all workers)"
    )
    p95 = ms(wa.pct(form["multi_lat"], 0.95))
    print(
        f"form, {len(form['multi_lat'])} posts     p95 {p95:.0f} ms (target <= "
        f"{TARGET_P95_MS:.0f}, ratio {p95 / TARGET_P95_MS:.2f}), "
        f"{form['multi_rate']:.1f}/s (target >= {TARGET_FORM_RATE:.0f}, ratio "
        f"{form['multi_rate'] / TARGET_FORM_RATE:.2f}), refused "
        f"{form['multi_refused']}, Odoo CPU {ms(form['multi_cpu']):.1f} ms/submission"
    )
    share = hook["rate"] / hook["base_rate"]
    print(
        f"/web/health         {hook['base_rate']:.1f} req/s, p50 "
        f"{hook['base_p50']:.1f} ms, Odoo CPU {ms(hook['base_cpu']):.2f} ms/request"
    )
    print(
        f"webhook acks        {hook['rate']:.1f} msg/s (target >= "
        f"{TARGET_WA_RATE:.0f}, ratio {hook['rate'] / TARGET_WA_RATE:.2f}), "
        f"{share:.2f} x /web/health (target >= {TARGET_WA_SHARE}), p50 "
        f"{hook['p50']:.1f} ms, p95 {hook['p95']:.1f} ms, refused {hook['refused']}, "
        f"Odoo CPU {ms(hook['cpu']):.2f} ms/delivery (incl. background)"
    )
    if drained is None:
        print("background          NOT drained")
    else:
        print(f"background          drained {drained:.1f} s after the last request")
    inbound = rpc(
        "kelurahan.whatsapp.message",
        "search_count",
        [("wamid", "in", wamids), ("direction", "=", "in")],
    )
    failed = intake_count(rpc, ["error"])
    print(
        f"exactly once        {inbound}/{len(wamids)} inbound messages, "
        f"{failed} complaint intake job(s) in error"
    )
    ok = (
        ms(med) <= TARGET_FORM_MS
        and p95 <= TARGET_P95_MS
        and form["multi_rate"] >= TARGET_FORM_RATE
        and hook["rate"] >= TARGET_WA_RATE
        and share >= TARGET_WA_SHARE
        and inbound == len(wamids)
        and not failed
    )
    print(f"RESULT              {'PASS' if ok else 'FAIL'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=200, help="1-client posts")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--concurrent-forms", type=int, default=600)
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--db", help="use this database instead of a throwaway one")
    parser.add_argument("--drain-timeout", type=int, default=900)
    opts = parser.parse_args()

    wa.subprocess.run(["bash", str(wa.ROOT / "tools/pg.sh"), "start"], check=True)
    wa.PY = sys.executable
    args = wa.odoo_args()
    db = opts.db or f"kel_bench_intake_{os.getpid()}"
    if not opts.db:
        wa.create_db(args, db, "kelurahan_crm,kelurahan_whatsapp")
    log_dir = wa.ROOT / "var" / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{db}-bench-intake.log"
    proc = log = None
    standin = wa.standin_mod.CloudApiStandin(
        phone_number_id=f"bench{os.urandom(6).hex()}", app_secret=os.urandom(16).hex()
    )
    standin.start()
    try:
        # one cron worker: the intake jobs run in the background as in production
        proc, log, url = start_server(
            db,
            log_path,
            cron_threads=1,
            extra=("--log-handler=werkzeug:INFO",),
        )
        print(f"==> Odoo --workers=2 on {url} (log {log_path})")
        rpc = wa.Rpc(url, db)
        rw, category = setup(rpc, standin)
        form = form_phase(
            url,
            rw,
            category,
            log_path,
            proc,
            opts.forms,
            opts.clients,
            opts.concurrent_forms,
        )
        hook = webhook_phase(
            url, standin, proc, opts.deliveries, opts.concurrency, opts.residents
        )
        drained = wait_background(rpc, hook["wamids"], opts.drain_timeout)
        ok = report(form, hook, drained, rpc, hook["wamids"])
        return 0 if ok else 1
    finally:
        standin.stop()
        if proc:
            stop_server(proc, log)
        if not opts.db:
            wa.drop_db(args, db)


if __name__ == "__main__":
    sys.exit(main())
