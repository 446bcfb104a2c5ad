"""The project's own set-up: a missing Odoo tree stops with one clear error line and
creates nothing."""

import os
import subprocess
from pathlib import Path

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
