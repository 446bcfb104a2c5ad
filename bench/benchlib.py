# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every benchmark needs from this checkout: its Odoo options, the
PostgreSQL client options, a throwaway database with an addon installed, and an
environment of the admin user (not the superuser: record rules apply as for a
person)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shell_conf():
    """Odoo command-line arguments of this checkout (tools/common.sh odoo_args)."""
    out = subprocess.run(
        ["bash", "-c", f"source {ROOT}/tools/common.sh; odoo_args"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.splitlines() if line]


def odoo_src():
    return os.environ.get("ODOO_SRC", os.path.expanduser("~/odoo-18.0"))


def pg_args():
    """createdb/dropdb/psql options matching the Odoo options."""
    flags = {"--db_host=": "-h", "--db_port=": "-p", "--db_user=": "-U"}
    out = []
    for item in shell_conf():
        for flag, opt in flags.items():
            if item.startswith(flag):
                out += [opt, item.split("=", 1)[1]]
    return out


def start_postgres():
    subprocess.run(["bash", f"{ROOT}/tools/pg.sh", "start"], check=True)


def install_database(db, addon, *extra):
    """Install ``addon`` without demo data into database ``db``."""
    print(f"Creating database {db} ({addon}, no demo)...", flush=True)
    subprocess.run(
        [
            sys.executable,
            os.path.join(odoo_src(), "odoo-bin"),
            *shell_conf(),
            "-d",
            db,
            "-i",
            addon,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            *extra,
        ],
        check=True,
    )


def data_dir():
    for item in shell_conf():
        if item.startswith("--data-dir="):
            return item.split("=", 1)[1]
    return os.path.expanduser("~/.local/share/Odoo")


def drop_database(db, check=False):
    """Drop ``db`` and its filestore (what Odoo's own database drop removes)."""
    subprocess.run(["dropdb", *pg_args(), "--if-exists", db], check=check)
    shutil.rmtree(os.path.join(data_dir(), "filestore", db), ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db, log_path, workers=2, cron_threads=0, extra=()):
    """Odoo serving ``db`` alone with ``workers`` prefork workers on a free loopback
    port; returns ``(process, log file, url)`` once /web/health answers. ``extra``
    comes last (e.g. a ``--log-handler`` overriding the default ones)."""
    port = free_port()
    log = open(log_path, "w")  # noqa: SIM115 - closed in stop_server
    proc = subprocess.Popen(
        [
            sys.executable,
            os.path.join(odoo_src(), "odoo-bin"),
            *shell_conf(),
            # -d alone, like config/odoo.conf's db_name: with a --db-filter Odoo
            # lists the databases on a new connection at every request without a
            # session (the public form, the webhook), about 8 ms each
            "-d",
            db,
            f"--workers={workers}",
            f"--max-cron-threads={cron_threads}",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            "--limit-time-real=600",
            *extra,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"ERROR: Odoo exited, see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2) as r:
                if r.status == 200:
                    return proc, log, url
        except OSError:
            time.sleep(0.5)
    stop_server(proc, log)
    sys.exit(f"ERROR: Odoo did not start, see {log_path}")


def stop_server(proc, log):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
    log.close()


def run_phase(script, phase, *args):
    """Run ``script --phase <phase> *args`` in a fresh interpreter (so its memory
    figures are its own) and return the JSON of its last output line."""
    result = subprocess.run(
        [sys.executable, script, "--phase", phase, *map(str, args)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"phase {phase} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def open_env(db, **context):
    """(cursor, environment of the admin user) on ``db``."""
    import odoo
    from odoo.tools import config

    config.parse_config([*shell_conf(), "-d", db, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    return cr, odoo.api.Environment(cr, admin.id, dict({"lang": "en_US"}, **context))


def vacuum_analyze(env, *tables):
    """Commit, then VACUUM ANALYZE ``tables`` (all when none): statistics and the
    visibility map, as autovacuum keeps them on a live database whose rows
    arrived over years. Without the map no index-only scan is one. VACUUM runs
    outside a transaction, hence the connection's autocommit around it."""
    env.cr.commit()
    env.cr._cnx.autocommit = True
    try:
        env.cr.execute("VACUUM ANALYZE " + ", ".join(tables))
    finally:
        env.cr._cnx.autocommit = False
