# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every benchmark needs from this checkout: its Odoo options, the
PostgreSQL client options, a throwaway database with an addon installed, and an
environment of the admin user (not the superuser: record rules apply as for a
person)."""

import os
import subprocess
import sys

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


def drop_database(db, check=False):
    subprocess.run(["dropdb", *pg_args(), "--if-exists", db], check=check)


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
