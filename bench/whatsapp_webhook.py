#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WhatsApp webhook benchmark: signed deliveries against a running Odoo (2 workers).

Starts Odoo with --workers=2 on a free loopback port against a throwaway database
(created with kelurahan_crm, dropped at the end) or the database given with --db,
configures a WhatsApp account pointed at the local Cloud-API stand-in, then:

1. POSTs N signed deliveries (one message each, from --residents numbers) with
   --concurrency client threads and prints messages/s accepted, p50/p95 latency;
2. waits until the background queue has processed them (processing rate);
3. replays the whole batch and proves nothing was stored or processed twice.

Target (issue 8): >= 100 messages/s accepted, median <= 250 ms.

    .venv/bin/python bench/whatsapp_webhook.py --n 2000 --concurrency 8
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchlib import start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
MAX_N = 20000
TARGET_RATE = 100.0
TARGET_P50_MS = 250.0

_spec = importlib.util.spec_from_file_location(
    "whatsapp_standin", ROOT / "addons/kelurahan_whatsapp/tests/whatsapp_standin.py"
)
standin_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(standin_mod)


def odoo_args():
    out = subprocess.check_output(
        ["bash", "-c", f"source '{ROOT}/tools/common.sh'; odoo_args"], text=True
    )
    return [line for line in out.splitlines() if line]


def odoo_bin():
    src = os.environ.get("ODOO_SRC") or str(Path.home() / "odoo-18.0")
    return str(Path(src) / "odoo-bin")


class Rpc:
    def __init__(self, url, db, login="admin", password="admin"):
        self.url, self.db = url, db
        self.uid = self._call("common", "login", db, login, password)
        if not self.uid:
            sys.exit(f"ERROR: cannot log in to {db} as {login}")
        self.password = password

    def _call(self, service, method, *args):
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
                "id": 1,
            }
        ).encode()
        req = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=120) as resp:
            reply = json.loads(resp.read())
        if "error" in reply:
            raise RuntimeError(reply["error"]["data"]["message"])
        return reply["result"]

    def __call__(self, model, method, *args, **kwargs):
        return self._call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


def create_db(args, db, addons="kelurahan_crm"):
    print(f"==> creating throwaway database {db} with {addons} (about a minute)")
    subprocess.run(
        [
            str(PY),
            odoo_bin(),
            *args,
            "-d",
            db,
            "-i",
            addons,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def drop_db(args, db):
    script = (
        "import sys, odoo; odoo.tools.config.parse_config(sys.argv[2:]); "
        "odoo.service.db.exp_drop(sys.argv[1])"
    )
    subprocess.call([str(PY), "-c", script, db, *args])


def create_account(rpc, standin):
    """The WhatsApp account of the benchmark, speaking to ``standin``."""
    return rpc(
        "kelurahan.whatsapp.account",
        "create",
        {
            "name": "Bench",
            "phone_number_id": standin.phone_number_id,
            "api_base_url": standin.base_url,
            "access_token": standin.token,
            "app_secret": standin.app_secret,
            "verify_token": os.urandom(8).hex(),
        },
    )


def fire(standin, payloads, concurrency):
    """POST every payload; returns (wall seconds, latencies, statuses). Each body
    is encoded and signed before the clock starts: Meta signs on its own
    servers, so the client's HMAC is not part of what the webhook costs (and
    ``baseline``'s GET does nothing of the kind)."""
    deliveries = []
    for payload in payloads:
        body = json.dumps(payload).encode()
        deliveries.append((body, standin_mod.sign(standin.app_secret, body)))
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(
            pool.map(
                lambda d: standin.deliver(None, raw=d[0], signature=d[1]), deliveries
            )
        )
    wall = time.perf_counter() - start
    return wall, [r[2] for r in results], [r[0] for r in results]


def baseline(url, n, concurrency):
    """Rate of Odoo's cheapest route (/web/health) on this machine right now: the
    ceiling any route can reach, so the webhook figure can be read against it."""

    def get(_i):
        start = time.perf_counter()
        with urllib.request.urlopen(f"{url}/web/health", timeout=30) as r:
            r.read()
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(get, range(n)))
    return n / (time.perf_counter() - start), pct(latencies, 0.5) * 1000


def children_cpu(pid):
    """CPU seconds (user + system) used so far by the children of ``pid`` (the
    Odoo workers of a prefork server)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields_ = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields_[1]) == pid:
            total += (int(fields_[11]) + int(fields_[12])) / tick
    return total


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def wait_drained(rpc, wamids, timeout):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        pending = rpc(
            "kelurahan.whatsapp.event",
            "search_count",
            [("wamid", "in", wamids), ("state", "=", "pending")],
        )
        if not pending:
            return time.perf_counter() - start
        time.sleep(1)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="deliveries (max 20000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--db", help="use this database instead of a throwaway one")
    parser.add_argument("--drain-timeout", type=int, default=600)
    opts = parser.parse_args()
    n = max(1, min(opts.n, MAX_N))

    subprocess.run(["bash", str(ROOT / "tools/pg.sh"), "start"], check=True)
    args = odoo_args()
    db = opts.db or f"kel_bench_wa_{os.getpid()}"
    if not opts.db:
        create_db(args, db)
    log_dir = ROOT / "var" / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{db}-bench-whatsapp.log"
    proc = log = None
    standin = standin_mod.CloudApiStandin(
        phone_number_id=f"bench{os.urandom(6).hex()}", app_secret=os.urandom(16).hex()
    )
    standin.start()
    try:
        proc, log, url = start_server(
            db, log_path, cron_threads=1, extra=["--log-handler=werkzeug:WARNING"]
        )
        print(f"==> Odoo --workers=2 on {url} (log {log_path})")
        rpc = Rpc(url, db)
        create_account(rpc, standin)
        standin.webhook_url = f"{url}/kelurahan/whatsapp/webhook"
        residents = [f"62811{index:07d}" for index in range(opts.residents)]
        payloads = [
            standin.message(residents[i % len(residents)], text=f"Halo {i}")
            for i in range(n)
        ]
        wamids = [
            p["entry"][0]["changes"][0]["value"]["messages"][0]["id"] for p in payloads
        ]
        # warm-up: one request per worker, not counted
        for i in range(4):
            standin.deliver(standin.message("628000000000", text=f"warm {i}"))

        base_rate, base_p50 = baseline(url, min(n, 1000), opts.concurrency)
        print(f"==> {n} signed deliveries, {opts.concurrency} concurrent clients")
        cpu0 = children_cpu(proc.pid)
        wall, latencies, statuses = fire(standin, payloads, opts.concurrency)
        refused = sum(1 for s in statuses if s != 200)
        rate = (n - refused) / wall
        p50, p95 = pct(latencies, 0.5) * 1000, pct(latencies, 0.95) * 1000
        stored = rpc(
            "kelurahan.whatsapp.event", "search_count", [("wamid", "in", wamids)]
        )
        drained = wait_drained(rpc, wamids, opts.drain_timeout)
        cpu_batch = children_cpu(proc.pid) - cpu0

        print("==> replaying the whole batch")
        cpu1 = children_cpu(proc.pid)
        r_wall, r_lat, r_statuses = fire(standin, payloads, opts.concurrency)
        cpu_replay = children_cpu(proc.pid) - cpu1
        wait_drained(rpc, wamids, opts.drain_timeout)
        deadline = time.time() + 120
        while time.time() < deadline and rpc(
            "kelurahan.whatsapp.message",
            "search_count",
            [("direction", "=", "out"), ("state", "=", "queued")],
        ):
            time.sleep(1)
        events = rpc(
            "kelurahan.whatsapp.event", "search_count", [("wamid", "in", wamids)]
        )
        inbound = rpc(
            "kelurahan.whatsapp.message",
            "search_count",
            [("wamid", "in", wamids), ("direction", "=", "in")],
        )
        states = rpc(
            "kelurahan.whatsapp.event",
            "read_group",
            [("wamid", "in", wamids)],
            ["state"],
            ["state"],
        )
        sent = len(standin.sent)
        replies = rpc(
            "kelurahan.whatsapp.message",
            "search_count",
            [("direction", "=", "out"), ("conversation_id.wa_id", "in", residents)],
        )

        print()
        print(
            f"machine baseline    GET /web/health {base_rate:.1f} req/s, "
            f"p50 {base_p50:.1f} ms (load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs)"
        )
        print(f"accepted            {n - refused}/{n} (refused {refused})")
        print(
            f"webhook / baseline  {rate / base_rate:.2f} of the cheapest route's rate"
        )
        print(
            f"throughput          {rate:.1f} messages/s accepted "
            f"(target >= {TARGET_RATE:.0f})  ratio {rate / TARGET_RATE:.2f}"
        )
        print(
            f"latency             p50 {p50:.1f} ms (target <= {TARGET_P50_MS:.0f})"
            f"  p95 {p95:.1f} ms  max {max(latencies) * 1000:.1f} ms"
        )
        if drained is not None:
            print(
                f"background          all {n} processed {drained:.1f} s after the "
                f"last ack (cron, 1 thread)"
            )
        else:
            print(f"background          NOT drained within {opts.drain_timeout} s")
        print(
            f"odoo CPU            {cpu_batch / n * 1000:.1f} ms/message for ack + "
            f"background processing; {cpu_replay / n * 1000:.1f} ms/message for the "
            f"ack alone (replay)"
        )
        print(
            f"idle-machine est.   {os.cpu_count() / max(cpu_replay / n, 1e-6):.0f} "
            f"messages/s accepted on {os.cpu_count()} idle cores (Odoo CPU only)"
        )
        print(
            f"replay              {sum(1 for s in r_statuses if s == 200)}/{n} acked "
            f"in {r_wall:.1f} s, p50 {pct(r_lat, 0.5) * 1000:.1f} ms"
        )
        print(
            f"stored events       {stored} after batch, {events} after replay "
            f"(expected {n})"
        )
        print(f"inbound messages    {inbound} (expected {n})")
        print(
            "event states        "
            + ", ".join(f"{g['state']}={g['state_count']}" for g in states)
        )
        print(
            f"replies             {replies} queued for residents, {sent} received "
            f"by the stand-in so far (sending continues in the background)"
        )
        ok = (
            refused == 0
            and events == n
            and inbound == n
            and stored == n
            and rate >= TARGET_RATE
            and p50 <= TARGET_P50_MS
        )
        print(
            f"RESULT              {'PASS' if ok else 'FAIL'}"
            " (no duplicates after replay: "
            f"{'yes' if events == n and inbound == n else 'NO'})"
        )
        return 0 if ok else 1
    finally:
        standin.stop()
        if proc:
            stop_server(proc, log)
        if not opts.db:
            drop_db(args, db)


if __name__ == "__main__":
    sys.exit(main())
