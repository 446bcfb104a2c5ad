"""`make backup` / `make restore` (tools/backup.py, the script both targets run).

The live test database gets complaints with attachments (over JSON-RPC, as an
officer would file them), is backed up while the server runs, and is restored into a
new database: every table has the same number of rows and every attachment the same
file, byte for byte, as the original. A corrupted backup (a byte flipped in the dump or
in a filestore file) and an existing target database are refused before anything is
created. Smaller databases made here (plain PostgreSQL, no Odoo) prove the rest: a
failed or interrupted backup leaves nothing behind, a restore that does not match its
manifest keeps nothing, FORCE replaces, KEEP prunes. Everything the tests create
(databases, filestores, backups) is removed.

Wall time: about a minute, nearly all of it the dump and restore of the full database.
"""

import base64
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest

from .pg_tools import ROOT, connect, databases, odoo_args, option, psql, query

BACKUP_PY = [sys.executable, str(ROOT / "tools" / "backup.py")]
PID = os.getpid()


def run_tool(*args, env=None, data_dir=None):
    extra = [f"--data-dir={data_dir}"] if data_dir else []
    return subprocess.run(
        [*BACKUP_PY, *args, *odoo_args(), *extra],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )


def data_dir():
    return Path(option("data-dir"))


def row_counts(db):
    """Rows per table, counted in one statement (independently of tools/backup.py)."""
    rows = query(
        "SELECT format('%I.%I', schemaname, tablename), (xpath('/row/n/text()', "
        "query_to_xml(format('SELECT count(*) AS n FROM %I.%I', schemaname, "
        "tablename), false, true, '')))[1]::text::bigint FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
        db=db,
    )
    return dict(rows)


def attachment_files(db, store=None):
    """{attachment id: (store_fname, checksum, sha256 of its file or None)}."""
    store = store or data_dir() / "filestore" / db
    files = {}
    for att_id, fname, checksum in query(
        "SELECT id, store_fname, checksum FROM ir_attachment "
        "WHERE store_fname IS NOT NULL",
        db=db,
    ):
        path = store / fname
        digest = (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        )
        files[att_id] = (fname, checksum, digest)
    return files


def drop(db, store_root=None):
    """Drop ``db`` and its filestore (a plain DROP, retried: autovacuum may be in a
    database just made, and only a plain DROP makes it leave)."""
    for attempt in range(1, 6):
        try:
            query(f'DROP DATABASE IF EXISTS "{db}"')
            break
        except psycopg2.errors.ObjectInUse:
            assert attempt < 5, f"{db} stays in use"
            time.sleep(attempt)
    store = (store_root or data_dir()) / "filestore" / db
    subprocess.run(["rm", "-rf", str(store)], check=True)


def leftovers():
    """Temporary databases of a restore still present (none may stay)."""
    return databases("kel_restoring_")


@contextmanager
def flipped(path, offset):
    """``path`` with one byte inverted, put back afterwards."""
    data = bytearray(path.read_bytes())
    original = data[offset]
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    try:
        yield
    finally:
        data[offset] = original
        path.write_bytes(bytes(data))


# ----------------------------------------------------------- the live test database


@pytest.fixture(scope="module")
def filed(admin):
    """Three complaints with attachments (one file shared by two of them)."""
    payloads = [os.urandom(50_000) + f"lampiran {i} {PID}".encode() for i in range(2)]
    complaints, attachments = [], {}
    for i in range(3):
        ticket = admin.call(
            "helpdesk.ticket",
            "create",
            {
                "name": f"Cadangan {PID} #{i}: jalan berlubang",
                "description": "<p>Lubang besar di depan balai RW.</p>",
            },
        )
        complaints.append(ticket)
        payload = payloads[min(i, 1)]
        att = admin.call(
            "ir.attachment",
            "create",
            {
                "name": f"foto-{i}.jpg",
                "datas": base64.b64encode(payload).decode(),
                "res_model": "helpdesk.ticket",
                "res_id": ticket,
            },
        )
        attachments[att] = payload
    return complaints, attachments


@pytest.fixture(scope="module")
def backed_up(filed, odoo_db, tmp_path_factory):
    """The live test database backed up by the script of `make backup`."""
    parent = tmp_path_factory.mktemp("backups")
    started = time.monotonic()
    run = run_tool("backup", f"--db={odoo_db}", f"--dir={parent}")
    assert run.returncode == 0, run.stderr
    print(f"backup of {odoo_db}: {time.monotonic() - started:.1f} s")
    [backup] = list(parent.iterdir())  # the backup and nothing else (no partial dir)
    assert backup.name.startswith(f"{odoo_db}-")
    yield backup
    subprocess.run(["rm", "-rf", str(parent)], check=True)


@pytest.fixture(scope="module")
def restored(backed_up):
    db = f"kel_restored_{PID}"
    started = time.monotonic()
    run = run_tool("restore", str(backed_up), f"--db={db}")
    print(f"restore into {db}: {time.monotonic() - started:.1f} s")
    try:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Restored and verified" in run.stdout
        yield db
    finally:
        drop(db)


def test_restore_has_every_row_and_attachment(filed, odoo_db, backed_up, restored):
    complaints, attachments = filed
    original = row_counts(odoo_db)
    assert row_counts(restored) == original
    assert original["public.helpdesk_ticket"] >= 3
    # the manifest's counts are the original's
    manifest = json.loads((backed_up / "manifest.json").read_text())
    assert manifest["db"] == odoo_db
    assert {
        (k if "." in k else f"public.{k}"): v for k, v in manifest["row_counts"].items()
    } == original
    assert manifest["modules"]["kelurahan_crm"].startswith("18.0.")
    # every attachment: same file name, checksum and content
    before = attachment_files(odoo_db)
    after = attachment_files(restored)
    assert after == before
    for att_id, payload in attachments.items():
        fname, checksum, digest = after[att_id]
        assert checksum == hashlib.sha1(payload).hexdigest()
        assert digest == hashlib.sha256(payload).hexdigest()
        path = data_dir() / "filestore" / restored / fname
        assert path.read_bytes() == payload
    names = query(
        "SELECT name FROM helpdesk_ticket WHERE id IN %s ORDER BY id",
        [tuple(complaints)],
        db=restored,
    )
    assert [n for (n,) in names] == [
        f"Cadangan {PID} #{i}: jalan berlubang" for i in range(3)
    ]
    assert not leftovers()


def test_a_corrupted_backup_is_refused_and_nothing_created(backed_up, filed):
    _complaints, attachments = filed
    db = f"kel_corrupt_{PID}"
    fname = attachment_files_of_backup(backed_up, attachments)
    for name, offset in (("db.dump", 1000), (f"filestore/{fname}", 7)):
        with flipped(backed_up / name, offset):
            run = run_tool("restore", str(backed_up), f"--db={db}")
        assert run.returncode == 1
        assert f"backup {backed_up} is corrupted: {name} does not match its sha256" in (
            run.stderr
        )
        assert "Nothing was restored" in run.stderr
        assert db not in databases(db)
        assert not (data_dir() / "filestore" / db).exists()
        assert not leftovers()


def attachment_files_of_backup(backup, attachments):
    """The filestore name of one attachment the test filed, as listed in the backup."""
    sums = (backup / "MANIFEST.sha256").read_text()
    digest = hashlib.sha256(next(iter(attachments.values()))).hexdigest()
    [line] = [line for line in sums.splitlines() if line.startswith(digest)]
    return line.split("  ", 1)[1].removeprefix("filestore/")


def test_an_existing_database_is_not_overwritten(backed_up, odoo_db):
    before = row_counts(odoo_db)
    run = run_tool("restore", str(backed_up), f"--db={odoo_db}")
    assert run.returncode == 1
    assert (
        f"ERROR: database {odoo_db!r} already exists; restore into a new database "
        "with DB=<new name> (--db), or replace it with FORCE=1 (--force). "
        "Nothing was restored."
    ) in run.stderr
    assert row_counts(odoo_db) == before
    assert not leftovers()


# ------------------------------------------------------- small plain databases


@pytest.fixture
def small(tmp_path):
    """A plain PostgreSQL database with an ir_attachment table and a filestore of its
    own (in tmp_path), and a folder for its backups."""
    db = f"kel_bk_small_{PID}"
    store_root = tmp_path / "data"
    payload = b"surat pengantar RT\n"
    fname = f"ab/{hashlib.sha1(payload).hexdigest()}"
    (store_root / "filestore" / db / "ab").mkdir(parents=True)
    (store_root / "filestore" / db / fname).write_bytes(payload)
    psql(f'CREATE DATABASE "{db}" TEMPLATE template0')
    psql(
        "CREATE TABLE ir_attachment (id serial PRIMARY KEY, store_fname varchar, "
        "checksum varchar); CREATE TABLE warga (id int);"
        "INSERT INTO warga SELECT generate_series(1, 250);"
        f"INSERT INTO ir_attachment (store_fname, checksum) VALUES "
        f"('{fname}', '{hashlib.sha1(payload).hexdigest()}')",
        db=db,
    )
    (tmp_path / "backups").mkdir()
    yield db, store_root, tmp_path / "backups"
    for name in databases(f"kel_bk_small_{PID}") | leftovers():
        drop(name, store_root)


def backup_small(small):
    db, store_root, parent = small
    run = run_tool("backup", f"--db={db}", f"--dir={parent}", data_dir=store_root)
    assert run.returncode == 0, run.stderr
    return sorted(parent.iterdir())[-1]


def fake_pg_dump(tmp_path, script):
    """A PG_BINDIR whose pg_dump runs ``script`` (the real one answers --version)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    tool = bindir / "pg_dump"
    tool.write_text(
        '#!/bin/sh\n[ "$1" = --version ] && exec pg_dump --version\n'
        'for a; do case "$a" in -f) f=1;; *) [ -n "$f" ] && out="$a" && f=;; esac;'
        " done\n"
        f"{script}\n"
    )
    tool.chmod(0o755)
    return dict(os.environ, PG_BINDIR=str(bindir))


def test_a_failed_backup_leaves_nothing(small, tmp_path):
    db, store_root, parent = small
    env = fake_pg_dump(
        tmp_path, 'echo half > "$out"; echo "pg_dump: error: disk full" >&2; exit 1'
    )
    run = run_tool(
        "backup", f"--db={db}", f"--dir={parent}", env=env, data_dir=store_root
    )
    assert run.returncode == 1
    assert "ERROR: pg_dump failed: pg_dump: error: disk full" in run.stderr
    assert list(parent.iterdir()) == []


def test_an_interrupted_backup_leaves_nothing(small, tmp_path):
    db, store_root, parent = small
    env = fake_pg_dump(tmp_path, 'echo half > "$out"; exec sleep 60')
    proc = subprocess.Popen(
        [*BACKUP_PY, "backup", f"--db={db}", f"--dir={parent}", *odoo_args()]
        + [f"--data-dir={store_root}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not list(parent.glob(f".{db}-*.partial-{proc.pid}/db.dump")):
        assert time.monotonic() < deadline, "pg_dump never started"
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) != 0
    assert list(parent.iterdir()) == []


def test_a_killed_backup_is_cleared_by_the_next(small, tmp_path):
    """kill -9 leaves a hidden partial folder (never a backup); the next run, seeing
    nobody holds its lock, removes it."""
    db, store_root, parent = small
    pid_file = tmp_path / "pg_dump.pid"
    env = fake_pg_dump(
        tmp_path, f'echo half > "$out"; echo $$ > {pid_file}; exec sleep 60'
    )
    proc = subprocess.Popen(
        [*BACKUP_PY, "backup", f"--db={db}", f"--dir={parent}", *odoo_args()]
        + [f"--data-dir={store_root}"],
        env=env,
    )
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "pg_dump never started"
        time.sleep(0.1)
    proc.kill()
    proc.wait(30)
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    [partial] = list(parent.iterdir())
    assert partial.name.startswith(f".{db}-") and ".partial-" in partial.name
    backup = backup_small(small)
    assert list(parent.iterdir()) == [backup]


def test_a_restore_that_does_not_match_its_manifest_keeps_nothing(small):
    db, store_root, _parent = small
    backup = backup_small(small)
    # a consistent-looking backup whose manifest claims one more row
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["row_counts"]["warga"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    digest = hashlib.sha256((backup / "manifest.json").read_bytes()).hexdigest()
    sums = (backup / "MANIFEST.sha256").read_text().splitlines()
    sums = [
        f"{digest}  manifest.json" if s.endswith("  manifest.json") else s for s in sums
    ]
    (backup / "MANIFEST.sha256").write_text("\n".join(sums) + "\n")
    target = f"{db}_copy"
    run = run_tool("restore", str(backup), f"--db={target}", data_dir=store_root)
    assert run.returncode == 1
    assert (
        "the restored database differs from the backup: table warga: 251 rows in the "
        "backup, 250 restored. Nothing was kept."
    ) in run.stderr
    assert target not in databases(target)
    assert not leftovers()
    assert sorted(p.name for p in (store_root / "filestore").iterdir()) == [db]


def test_force_replaces_an_existing_database(small):
    db, store_root, _parent = small
    backup = backup_small(small)
    psql("DELETE FROM warga WHERE id > 10", db=db)
    (store_root / "filestore" / db / "stray").write_text("not in the backup")
    running_odoo = connect(db)  # a session on the database being replaced
    try:
        run = run_tool(
            "restore", str(backup), f"--db={db}", "--force", data_dir=store_root
        )
        assert run.returncode == 0, run.stderr
        assert running_odoo.closed or _is_gone(running_odoo)
    finally:
        running_odoo.close()
    assert query("SELECT count(*) FROM warga", db=db) == [(250,)]
    assert not (store_root / "filestore" / db / "stray").exists()
    assert [p.name for p in (store_root / "filestore").iterdir()] == [db]
    assert not leftovers()


def _is_gone(conn):
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1")
    except psycopg2.OperationalError:
        return True
    return False


def test_keep_prunes_the_oldest_backups(small):
    _db, _store_root, parent = small
    made = []
    for _ in range(3):
        made.append(backup_small(small).name)
        time.sleep(1.1)  # backups are named to the second
    run = run_tool(
        "backup", f"--db={small[0]}", f"--dir={parent}", "--keep=2", data_dir=small[1]
    )
    assert run.returncode == 0, run.stderr
    kept = sorted(p.name for p in parent.iterdir())
    assert len(kept) == 2
    assert kept[0] == made[-1]
    assert "Removed old backup" in run.stdout


def test_a_restore_test_leaves_nothing(small):
    """CHECK=1 (the nightly restore test): restored, verified, dropped again."""
    db, store_root, _parent = small
    backup = backup_small(small)
    assert backup.stat().st_mode & 0o777 == 0o700  # NIKs: for the backup's owner only
    run = run_tool("restore", str(backup), "--check", data_dir=store_root)
    assert run.returncode == 0, run.stderr
    assert "Test restore passed (2 tables with the backup's row counts" in run.stdout
    assert databases(f"kel_bk_small_{PID}") == {db}
    assert not leftovers()
    assert [p.name for p in (store_root / "filestore").iterdir()] == [db]
