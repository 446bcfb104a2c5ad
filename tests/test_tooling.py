"""The project's own set-up: a missing Odoo tree stops with one clear error line and
creates nothing."""

import os
import subprocess
import sys
from pathlib import Path

from .pg_tools import odoo_args as _odoo_args
from .pg_tools import psql as _psql

ROOT = Path(__file__).resolve().parent.parent


def test_missing_odoo_tree_is_one_clear_error(tmp_path):
    missing = tmp_path / "odoo-18.0"
    env = dict(
        os.environ,
        ODOO_SRC=str(missing),
        ODOO_UPSTREAM=f"file://{tmp_path}/no-such-repo",
        VENV=str(tmp_path / "venv"),
        KEL_VAR=str(tmp_path / "var"),
    )
    run = subprocess.run(
        ["bash", str(ROOT / "tools" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1
    assert "ODOO_SRC" in errors[0] and str(missing) in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_tree_of_another_version_is_refused(tmp_path):
    fake = tmp_path / "odoo"
    (fake / "odoo").mkdir(parents=True)
    (fake / "addons" / "web").mkdir(parents=True)
    (fake / "odoo" / "release.py").write_text(
        "version_info = (17, 0, 0, FINAL, 0, '')\n"
    )
    env = dict(os.environ, ODOO_SRC=str(fake), VENV=str(tmp_path / "venv"))
    run = subprocess.run(
        ["bash", str(ROOT / "tools" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "not an Odoo 18.0 source tree" in run.stderr
    assert not (tmp_path / "venv").exists()


def _db_state(db, addons):
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "db_state.py"), *_odoo_args()],
        env=dict(os.environ, DB_NAME=db, ADDONS=addons),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_make_run_recognises_a_database_from_before_the_split(odoo_db):
    """`make run` must not upgrade a database whose kelurahan_crm still owned the
    service and WhatsApp models (the upgrade would drop their tables): it is
    recognised, so run.sh recreates it."""
    addons = "kelurahan_crm,kelurahan_service,kelurahan_whatsapp,kelurahan_survey"
    assert _db_state(odoo_db, addons) == "ready"
    assert _db_state("kel_no_such_db", addons) == "absent"
    db = f"kel_presplit_{os.getpid()}"
    _psql(f"CREATE DATABASE {db}")
    try:
        _psql(
            "CREATE TABLE ir_module_module (name varchar, state varchar);"
            "CREATE TABLE ir_model_data (module varchar, name varchar);"
            "INSERT INTO ir_module_module VALUES "
            "('kelurahan_crm', 'installed'), ('kelurahan_survey', 'installed');"
            "INSERT INTO ir_model_data VALUES "
            "('kelurahan_crm', 'model_kelurahan_service_request');",
            db=db,
        )
        assert _db_state(db, addons) == "presplit"
        _psql("DELETE FROM ir_model_data", db=db)
        assert _db_state(db, addons) == "partial"
    finally:
        _psql(f"DROP DATABASE {db}")
