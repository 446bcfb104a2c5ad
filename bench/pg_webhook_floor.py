#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PostgreSQL's share of the webhook against `/web/health` (issue 22).

Replays with pgbench, on 2 clients, the statements Odoo 18 sends to PostgreSQL for
one request (its connection pool runs DISCARD ALL at every cursor borrow, so every
statement is planned again at every request):

- ``health``: GET /web/health (registry check, then an empty transaction);
- ``bare``: the same plus the smallest durable write there is, one row into a
  table with only a primary key, and its COMMIT;
- ``webhook``: the same plus the webhook's statement (the event's INSERT and the
  cron's wake-up, ``kelurahan.whatsapp.event._kel_enqueue``) and its COMMIT.

It prints the rate of each and their ratios to ``health``: ``bare`` / ``health``
is the ceiling of the webhook's ratio to `/web/health` that any durable
acknowledgement can reach on this machine before Odoo's own work is counted.
The rows it inserts are deleted at the end.

    .venv/bin/python bench/pg_webhook_floor.py kel_bench_scale_1m [--seconds 10]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import benchlib

REQUEST_START = """DISCARD ALL;
BEGIN ISOLATION LEVEL REPEATABLE READ READ WRITE;
SELECT base_registry_signaling.last_value, base_cache_signaling_default.last_value,
 base_cache_signaling_assets.last_value, base_cache_signaling_templates.last_value,
 base_cache_signaling_routing.last_value, base_cache_signaling_groups.last_value
 FROM base_registry_signaling, base_cache_signaling_default,
 base_cache_signaling_assets, base_cache_signaling_templates,
 base_cache_signaling_routing, base_cache_signaling_groups;
ROLLBACK;
DISCARD ALL;
BEGIN ISOLATION LEVEL REPEATABLE READ READ WRITE;
"""
PAYLOAD = (
    '{"message": {"from": "628110000000", "id": "wamid.x", "timestamp": '
    '"1796000000", "type": "text", "text": {"body": "Jalan di depan rumah '
    'berlubang"}}, "contacts": [{"profile": {"name": "Warga"}, '
    '"wa_id": "628110000000"}]}'
)
SCRIPTS = {
    "health": "ROLLBACK;\n",
    "bare": "INSERT INTO kel_pgbench_floor DEFAULT VALUES;\nCOMMIT;\n",
    # the statement as Odoo logs it (log_statement = all), with pgbench variables
    "webhook": (
        "\\set k random(1, 2000000000)\n"
        "WITH new AS (INSERT INTO kelurahan_whatsapp_event (account_id, dedup_key,"
        " wamid, event_type, wa_id, payload, state, attempts, received_date,"
        " create_uid, create_date, write_uid, write_date) VALUES (:account,"
        " 'pgbench-' || :k || '-' || :client_id, 'wamid.x', 'message',"
        f" '628110000000', '{PAYLOAD}', 'pending', 0, now() at time zone 'UTC',"
        " NULL, now() at time zone 'UTC', NULL, now() at time zone 'UTC')"
        " ON CONFLICT (dedup_key) DO NOTHING RETURNING id),"
        " wake AS (INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid,"
        " create_date, write_uid, write_date) SELECT cron.id, now() at time zone"
        " 'UTC', NULL, now() at time zone 'UTC', NULL, now() at time zone 'UTC'"
        " FROM ir_cron cron WHERE cron.id = :cron AND cron.active AND EXISTS"
        " (SELECT 1 FROM new) AND NOT EXISTS (SELECT 1 FROM ir_cron_trigger"
        " waiting WHERE waiting.cron_id = cron.id AND waiting.call_at <= now() at"
        " time zone 'UTC') RETURNING id) SELECT (SELECT count(*) FROM new),"
        " EXISTS (SELECT 1 FROM wake);\nCOMMIT;\n"
    ),
}


def psql(db, sql):
    out = subprocess.run(
        ["psql", *benchlib.pg_args(), "-d", db, "-Atqc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def pgbench_binary():
    bindir = subprocess.run(
        ["pg_config", "--bindir"], check=True, capture_output=True, text=True
    ).stdout.strip()
    found = os.path.join(bindir, "pgbench")
    return found if os.path.exists(found) else shutil.which("pgbench")


def rate(binary, db, script, seconds, variables):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(REQUEST_START + script)
    try:
        out = subprocess.run(
            [binary, *benchlib.pg_args(), "-n", "-c", "2", "-j", "2"]
            + ["-T", str(seconds), "-f", handle.name]
            + [f"-D{name}={value}" for name, value in variables.items()]
            + [db],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    return float(re.search(r"tps = ([\d.]+)", out)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a database with kelurahan_whatsapp installed")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    binary = pgbench_binary()
    if not binary:
        sys.exit("ERROR: pgbench not found (PostgreSQL's server package)")
    account = psql(args.db, "SELECT min(id) FROM kelurahan_whatsapp_account")
    if not account:
        sys.exit("ERROR: no WhatsApp account in this database (run bench_scale.py)")
    cron = psql(
        args.db,
        "SELECT res_id FROM ir_model_data WHERE module = 'kelurahan_whatsapp'"
        " AND name = 'ir_cron_whatsapp_process_events'",
    )
    psql(
        args.db,
        "CREATE TABLE IF NOT EXISTS kel_pgbench_floor (id bigserial PRIMARY KEY)",
    )
    try:
        rates = {
            name: rate(
                binary,
                args.db,
                script,
                args.seconds,
                {"account": account, "cron": cron},
            )
            for name, script in SCRIPTS.items()
        }
    finally:
        psql(args.db, "DROP TABLE IF EXISTS kel_pgbench_floor")
        psql(
            args.db,
            "DELETE FROM kelurahan_whatsapp_event WHERE dedup_key LIKE 'pgbench-%'",
        )
    print(
        f"{'request':10} {'rate /s':>10} {'/ health':>9}  (PostgreSQL alone, 2 clients)"
    )
    for name, value in rates.items():
        print(f"{name:10} {value:10,.0f} {value / rates['health']:9.2f}")


if __name__ == "__main__":
    main()
