"""PostgreSQL and Odoo settings of this checkout, for the tooling tests: the options
`make` gives Odoo (tools/common.sh ``odoo_args``) and psql/psycopg2 on that server."""

import functools
import subprocess
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def odoo_args():
    """The database and data-dir options `make` gives Odoo in this checkout (one
    per line; read once: every psql call and connection asks for several)."""
    out = subprocess.run(
        ["bash", "-c", f"source {ROOT}/tools/common.sh; odoo_args"],
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(out.stdout.splitlines())


def option(name):
    """The value of one of those options (None when absent)."""
    prefix = f"--{name}="
    values = [a[len(prefix) :] for a in odoo_args() if a.startswith(prefix)]
    return values[-1] if values else None


def psql(sql, db="postgres"):
    run = subprocess.run(
        ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", option("db_host")]
        + ["-p", option("db_port"), "-U", option("db_user"), "-d", db, "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, f"psql {sql[:60]!r} on {db}: {run.stderr}"


def connect(db="postgres"):
    """A psycopg2 connection (autocommit) to ``db`` on the project's server."""
    keys = {"host": "db_host", "port": "db_port", "user": "db_user"}
    keys["password"] = "db_password"
    params = {key: option(name) for key, name in keys.items()}
    conn = psycopg2.connect(dbname=db, **{k: v for k, v in params.items() if v})
    conn.autocommit = True
    return conn


def query(sql, params=None, db="postgres"):
    conn = connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def databases(prefix=""):
    rows = query(
        "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}%"]
    )
    return {name for (name,) in rows}
