"""Backup and restore of one Kelurahan CRM database together with its filestore.

    backup.py backup  [--db NAME] [--dir PARENT] [--keep N]        <connection options>
    backup.py restore BACKUP_DIR [--db NAME] [--force] [--jobs N]  <connection options>
    backup.py restore BACKUP_DIR --check                           <connection options>
    backup.py verify  BACKUP_DIR

Connection options are Odoo's (what tools/common.sh ``odoo_args`` prints, so `make`
passes them): ``--config`` (an odoo.conf: db_host, db_port, db_user, db_password,
data_dir), ``--data-dir``, ``--db_host``, ``--db_port``, ``--db_user``,
``--db_password``; others are ignored. What they leave unset comes from libpq's
environment (PGHOST, PGPORT, PGUSER, PGPASSWORD). PostgreSQL's client programs come
from PG_BINDIR, else ``pg_config --bindir``, else PATH.

A backup is one directory ``<db>-<YYYYmmddTHHMMSSZ>/``:

    db.dump          pg_dump -Fc, taken in the same snapshot as the counts below
    filestore/       the database's filestore (<data_dir>/filestore/<db>), file by file
    manifest.json    database, Odoo and module versions, rows per table, attachments,
                     tool versions, creation time
    MANIFEST.sha256  sha256 of every other file (in the format of ``sha256sum -c``)

It is written to a hidden ``.<name>.partial-<pid>`` directory beside it and renamed
when complete: a failed or interrupted backup leaves no directory that looks like a
backup. A restore verifies every checksum before it creates anything, restores into a
temporary database and filestore, checks rows per table and attachment files against
the manifest, and only then renames them to the target (and, with --force, replaces
an existing database). ``--check`` is a restore test: restore, verify, drop again.
"""

import argparse
import configparser
import datetime
import fcntl
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

FORMAT = 1
DUMP = "db.dump"
MANIFEST = "manifest.json"
SUMS = "MANIFEST.sha256"
FILESTORE = "filestore"
STAMP = "%Y%m%dT%H%M%SZ"
# Odoo's own rule for database names (odoo/service/db.py DBNAME_PATTERN)
DB_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")
CHUNK = 1 << 20


class Refused(Exception):
    """A clear reason to stop; printed as one ERROR line."""


# --------------------------------------------------------------------------- settings


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["backup", "restore", "verify"])
    parser.add_argument("backup_dir", nargs="?", help="the backup (restore, verify)")
    parser.add_argument("--db", help="database to back up / to restore into")
    parser.add_argument("--dir", help="where backups go (default var/backups)")
    parser.add_argument("--keep", type=int, default=0, help="keep the N newest")
    parser.add_argument("--force", action="store_true", help="replace an existing db")
    parser.add_argument(
        "--check", action="store_true", help="restore, verify, drop again (a test)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="pg_restore --jobs")
    parser.add_argument("--config", "-c")
    parser.add_argument("--data-dir", dest="data_dir")
    for option in ("db_host", "db_port", "db_user", "db_password"):
        parser.add_argument(f"--{option}")
    opts, _odoo_only = parser.parse_known_args(argv)
    if opts.command in ("restore", "verify") and not opts.backup_dir:
        parser.error(f"{opts.command} needs the backup directory")
    return opts


def settings(opts):
    """libpq keyword arguments and the data_dir, from the config file then options."""
    conf = {}
    if opts.config:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(opts.config)
        if parser.has_section("options"):
            conf = {
                key: value
                for key, value in parser.items("options")
                if value not in ("", "False", "None")
            }
    for key in ("db_host", "db_port", "db_user", "db_password", "data_dir"):
        if getattr(opts, key):
            conf[key] = getattr(opts, key)
    libpq = {
        "host": conf.get("db_host"),
        "port": conf.get("db_port"),
        "user": conf.get("db_user"),
        "password": conf.get("db_password"),
    }
    libpq = {key: value for key, value in libpq.items() if value}
    data_dir = Path(
        conf.get("data_dir") or Path.home() / ".local" / "share" / "Odoo"
    ).expanduser()
    return libpq, data_dir


def pg_env(libpq):
    """The environment of pg_dump/pg_restore: libpq variables from the settings."""
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER"}
    names["password"] = "PGPASSWORD"
    env = dict(os.environ)
    env.update({names[key]: str(value) for key, value in libpq.items()})
    return env


def pg_program(name):
    """A PostgreSQL client program: PG_BINDIR, the cluster's bindir, or PATH."""
    bindir = os.environ.get("PG_BINDIR")
    if not bindir and shutil.which("pg_config"):
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
    if bindir and (Path(bindir) / name).is_file():
        return str(Path(bindir) / name)
    found = shutil.which(name)
    if not found:
        raise Refused(f"{name} not found (set PG_BINDIR or install postgresql-client)")
    return found


def connect(libpq, dbname):
    import psycopg2  # only the commands that talk to PostgreSQL need it

    try:
        return psycopg2.connect(dbname=dbname, **libpq)
    except psycopg2.OperationalError as exc:
        raise Refused(
            f"cannot connect to PostgreSQL (database {dbname}): {exc}".strip()
        ) from exc


def database_exists(libpq, name):
    conn = connect(libpq, "postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())
    finally:
        conn.close()


def quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


# ------------------------------------------------------------------------- checksums


def read_hashed(handle, sink=None):
    """(sha256, sha1) of what ``handle`` reads (sha1: Odoo's attachment checksum),
    each chunk also given to ``sink`` when there is one."""
    sha256, sha1 = hashlib.sha256(), hashlib.sha1()
    while chunk := handle.read(CHUNK):
        sha256.update(chunk)
        sha1.update(chunk)
        if sink:
            sink(chunk)
    return sha256.hexdigest(), sha1.hexdigest()


def file_digests(path):
    """(sha256, sha1) of a file, read once."""
    with open(path, "rb") as handle:
        return read_hashed(handle)


def copy_hashed(src, dst):
    """Copy ``src`` to ``dst`` (fsynced) and return (sha256, sha1) of the bytes."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as source, open(dst, "wb") as target:
        digests = read_hashed(source, target.write)
        target.flush()
        os.fsync(target.fileno())
    shutil.copystat(src, dst)
    return digests


def files_under(root):
    """Relative paths (posix) of the regular files under ``root``, sorted."""
    if not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
    )


def read_sums(backup):
    """{relative path: sha256} of MANIFEST.sha256."""
    sums = {}
    for number, line in enumerate((backup / SUMS).read_text().splitlines(), 1):
        digest, sep, name = line.partition("  ")
        bad_name = not name or name.startswith("/") or ".." in name.split("/")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or bad_name:
            raise Refused(f"{backup / SUMS} line {number} is not '<sha256>  <path>'")
        sums[name] = digest
    return sums


def verify_backup(backup):
    """Refuse a backup whose files do not all match MANIFEST.sha256; return its
    manifest and checksums."""
    if not backup.is_dir():
        raise Refused(f"no backup directory {backup}")
    for name in (SUMS, MANIFEST, DUMP):
        if not (backup / name).is_file():
            raise Refused(f"{backup} is not a complete backup: {name} is missing")
    sums = read_sums(backup)
    present = set(files_under(backup)) - {SUMS}
    problems = [f"{name} is not in {SUMS}" for name in sorted(present - set(sums))]
    problems += [f"{name} is missing" for name in sorted(set(sums) - present)]
    for name in sorted(set(sums) & present):
        if file_digests(backup / name)[0] != sums[name]:
            problems.append(f"{name} does not match its sha256")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise Refused(
            f"backup {backup} is corrupted: {'; '.join(problems[:5])}{more}. "
            "Nothing was restored; use another backup."
        )
    manifest = json.loads((backup / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise Refused(f"{backup}: unknown backup format {manifest.get('format')!r}")
    return manifest, sums


# --------------------------------------------------------------------------- reading


def row_counts(cr):
    """Exact rows per table of the database (schema-qualified outside public)."""
    cr.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    )
    counts = {}
    for schema, table in cr.fetchall():
        cr.execute(f"SELECT count(*) FROM {quote_ident(schema)}.{quote_ident(table)}")
        key = table if schema == "public" else f"{schema}.{table}"
        counts[key] = cr.fetchone()[0]
    return counts


def stored_attachments(cr):
    """{store_fname: checksum} of the attachments kept in the filestore."""
    cr.execute("SELECT to_regclass('ir_attachment') IS NOT NULL")
    if not cr.fetchone()[0]:
        return {}
    cr.execute(
        "SELECT DISTINCT store_fname, checksum FROM ir_attachment "
        "WHERE store_fname IS NOT NULL AND store_fname != ''"
    )
    return dict(cr.fetchall())


def attachment_problems(attachments, digests):
    """Attachments whose file is missing, or whose content is not their checksum.
    ``digests``: {store_fname: (sha256, sha1)} of the filestore's files."""
    missing = sorted(name for name in attachments if name not in digests)
    damaged = sorted(
        name
        for name, checksum in attachments.items()
        if name in digests and checksum and digests[name][1] != checksum
    )
    return missing, damaged


def odoo_versions(cr):
    cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
    if not cr.fetchone()[0]:
        return None, {}
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module "
        "WHERE state = 'installed' ORDER BY name"
    )
    modules = dict(cr.fetchall())
    try:
        from odoo import release  # optional: the Odoo code's version

        version = release.version
    except ImportError:
        version = modules.get("base")
    return version, modules


def tool_versions(cr, pg_dump):
    cr.execute("SHOW server_version")
    server = cr.fetchone()[0]
    dump_version = subprocess.run(
        [pg_dump, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    commit = (
        subprocess.run(
            ["git", "-C", str(Path(__file__).parent), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if shutil.which("git")
        else ""
    )
    return {
        "postgresql_server": server,
        "pg_dump": dump_version,
        "python": platform.python_version(),
        "backup_tool": f"tools/backup.py format {FORMAT}",
        "code_commit": commit or None,
    }


# ---------------------------------------------------------------------------- backup


def fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_partials(parent):
    """Partial backups of runs killed outright: nobody holds their lock any more
    (a running backup holds a flock on its partial folder, across containers too)."""
    for path in parent.glob(".*.partial-*"):
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)


def read_snapshot(cr, pg_dump):
    """Rows per table, versions, attachments and locale of the database."""
    info = {"row_counts": row_counts(cr)}
    info["odoo_version"], info["modules"] = odoo_versions(cr)
    info["attachments"] = stored_attachments(cr)
    info["tools"] = tool_versions(cr, pg_dump)
    cr.execute(
        "SELECT pg_encoding_to_char(encoding), datcollate, datctype "
        "FROM pg_database WHERE datname = current_database()"
    )
    info["database"] = dict(
        zip(("encoding", "collate", "ctype"), cr.fetchone(), strict=True)
    )
    return info


def dump_and_read(libpq, db, dump_path):
    """pg_dump the database in a snapshot; read counts, versions and attachments of
    that very snapshot while pg_dump runs."""
    pg_dump = pg_program("pg_dump")
    conn = connect(libpq, db)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cr:
            cr.execute("SELECT pg_export_snapshot()")
            snapshot = cr.fetchone()[0]
            proc = subprocess.Popen(
                [pg_dump, "-Fc", f"--snapshot={snapshot}", "-f", str(dump_path), db],
                env=pg_env(libpq),
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                info = read_snapshot(cr, pg_dump)
                _out, err = proc.communicate()
            except BaseException:
                proc.kill()
                proc.wait()
                raise
            if proc.returncode:
                raise Refused(f"pg_dump failed: {err.strip()}")
    finally:
        conn.close()
    return info


def copy_filestore(source, target):
    """Copy the files of ``source`` into ``target``: {relative path: (sha256, sha1)}."""
    return {rel: copy_hashed(source / rel, target / rel) for rel in files_under(source)}


def write_backup(libpq, data_dir, db, tmp):
    info = dump_and_read(libpq, db, tmp / DUMP)
    digests = copy_filestore(data_dir / FILESTORE / db, tmp / FILESTORE)
    attachments = info.pop("attachments")
    missing, damaged = attachment_problems(attachments, digests)
    for name in missing:
        print(f"WARNING: attachment file {name} is missing from the filestore")
    for name in damaged:
        print(f"WARNING: attachment file {name} does not match its checksum")
    manifest = {
        "format": FORMAT,
        "db": db,
        "created_at": datetime.datetime.now(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "odoo_version": info["odoo_version"],
        "database": info["database"],
        "modules": info["modules"],
        "row_counts": info["row_counts"],
        "attachments": {
            "stored": len(attachments),
            "missing_files": missing,
            "checksum_mismatch": damaged,
        },
        "filestore": {
            "files": len(digests),
            "bytes": sum((tmp / FILESTORE / rel).stat().st_size for rel in digests),
        },
        "dump_bytes": (tmp / DUMP).stat().st_size,
        "tools": info["tools"],
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    lines = [f"{file_digests(tmp / DUMP)[0]}  {DUMP}"]
    lines.append(f"{file_digests(tmp / MANIFEST)[0]}  {MANIFEST}")
    lines += [f"{sha256}  {FILESTORE}/{rel}" for rel, (sha256, _) in digests.items()]
    (tmp / SUMS).write_text("\n".join(lines) + "\n")
    for name in (DUMP, MANIFEST, SUMS):
        with open(tmp / name, "rb+") as handle:
            os.fsync(handle.fileno())
    return manifest


def prune(parent, db, keep):
    """Delete all but the ``keep`` newest complete backups of ``db`` in ``parent``."""
    pattern = re.compile(re.escape(db) + r"-\d{8}T\d{6}Z")
    backups = sorted(
        path
        for path in parent.iterdir()
        if pattern.fullmatch(path.name) and (path / SUMS).is_file()
    )
    for path in backups[:-keep] if keep > 0 else []:
        shutil.rmtree(path)
        print(f"==> Removed old backup {path}")


def backup(opts, libpq, data_dir):
    db = opts.db or os.environ.get("DB_NAME") or "kelurahan"
    if not database_exists(libpq, db):
        raise Refused(f"database {db!r} does not exist; nothing was backed up")
    parent = Path(opts.dir or "var/backups").resolve()
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(parent)
    stamp = datetime.datetime.now(datetime.UTC).strftime(STAMP)
    final = parent / f"{db}-{stamp}"
    if final.exists():
        raise Refused(f"{final} already exists (two backups in one second?)")
    tmp = parent / f".{final.name}.partial-{os.getpid()}"
    tmp.mkdir(mode=0o700)  # personal data (NIK, addresses): for the backup's owner
    lock = os.open(tmp, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    print(f"==> Backing up database {db!r} and its filestore into {final}")
    try:
        manifest = write_backup(libpq, data_dir, db, tmp)
        os.rename(tmp, final)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        os.close(lock)
    print(
        f"==> Backup complete: {final} ({manifest['dump_bytes']} bytes of dump, "
        f"{manifest['filestore']['files']} filestore files, "
        f"{sum(manifest['row_counts'].values())} rows in "
        f"{len(manifest['row_counts'])} tables)"
    )
    if opts.keep:
        prune(parent, db, opts.keep)
    return final


# --------------------------------------------------------------------------- restore


def create_database(libpq, name, database):
    """An empty database with the backup's encoding and collation (Odoo's way:
    from template0)."""
    import psycopg2

    conn = connect(libpq, "postgres")
    conn.autocommit = True
    base = f"CREATE DATABASE {quote_ident(name)} TEMPLATE template0 ENCODING 'UTF8'"
    collate = database.get("collate") or "C"
    try:
        with conn.cursor() as cr:
            try:
                cr.execute(
                    f"{base} LC_COLLATE %s LC_CTYPE %s",
                    [collate, database.get("ctype") or collate],
                )
            except psycopg2.errors.InvalidParameterValue:
                # the backup's LC_CTYPE is not a locale of this server
                print("WARNING: restoring with this server's default LC_CTYPE")
                cr.execute(f"{base} LC_COLLATE %s", [collate])
    finally:
        conn.close()


def drop_database(libpq, name, terminate=False):
    """DROP DATABASE; with ``terminate``, end this role's sessions on it first (a
    running Odoo). Not WITH (FORCE): for a role that is not superuser, that fails
    while an autovacuum worker is in the database, which a plain DROP makes leave."""
    import psycopg2

    conn = connect(libpq, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            for attempt in range(1, 6):
                if terminate:
                    cr.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND usename = current_user "
                        "AND pid != pg_backend_pid()",
                        [name],
                    )
                try:
                    cr.execute(f"DROP DATABASE IF EXISTS {quote_ident(name)}")
                    return
                except psycopg2.errors.ObjectInUse:
                    if attempt == 5:
                        raise
                    time.sleep(attempt)
    finally:
        conn.close()


def rename_database(libpq, old, new):
    conn = connect(libpq, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(
                f"ALTER DATABASE {quote_ident(old)} RENAME TO {quote_ident(new)}"
            )
    finally:
        conn.close()


def compare_restored(libpq, db, filestore, manifest, sums):
    """What differs between the restored database/filestore and the manifest."""
    conn = connect(libpq, db)
    try:
        with conn.cursor() as cr:
            counts = row_counts(cr)
            attachments = stored_attachments(cr)
    finally:
        conn.close()
    expected = manifest["row_counts"]
    problems = [
        f"table {table}: {expected.get(table)} rows in the backup, "
        f"{counts.get(table)} restored"
        for table in sorted(set(expected) | set(counts))
        if expected.get(table) != counts.get(table)
    ]
    digests = {}
    for rel in files_under(filestore):
        digests[rel] = file_digests(filestore / rel)
        if sums.get(f"{FILESTORE}/{rel}") != digests[rel][0]:
            problems.append(f"filestore file {rel} differs from the backup")
    for name in sums:
        rel = name.removeprefix(f"{FILESTORE}/")
        if rel != name and rel not in digests:
            problems.append(f"filestore file {rel} was not restored")
    missing, damaged = attachment_problems(attachments, digests)
    before = manifest["attachments"]
    if missing != before["missing_files"]:
        problems.append(f"attachment files missing after the restore: {missing}")
    if damaged != before["checksum_mismatch"]:
        problems.append(f"attachments not matching their checksum: {damaged}")
    return problems


def restore_verified(opts, libpq, data_dir, backup_dir, verified):
    """Restore into a temporary database and filestore and compare them with the
    manifest; nothing stays when anything fails. Returns (database, filestore)."""
    manifest, sums = verified
    tmp_db = f"kel_restoring_{os.getpid()}"
    tmp_store = data_dir / FILESTORE / tmp_db
    try:
        create_database(libpq, tmp_db, manifest.get("database", {}))
        run = subprocess.run(
            [pg_program("pg_restore"), "--no-owner", "--no-privileges"]
            + ["--exit-on-error", f"--jobs={max(opts.jobs, 1)}", "-d", tmp_db]
            + [str(backup_dir / DUMP)],
            env=pg_env(libpq),
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode:
            raise Refused(f"pg_restore failed: {run.stderr.strip()}")
        if (backup_dir / FILESTORE).is_dir():
            shutil.copytree(backup_dir / FILESTORE, tmp_store)
        else:
            tmp_store.mkdir(parents=True)
        problems = compare_restored(libpq, tmp_db, tmp_store, manifest, sums)
        if problems:
            raise Refused(
                "the restored database differs from the backup: "
                + "; ".join(problems[:10])
                + ". Nothing was kept."
            )
    except BaseException:
        drop_database(libpq, tmp_db)
        shutil.rmtree(tmp_store, ignore_errors=True)
        raise
    return tmp_db, tmp_store


def restore(opts, libpq, data_dir):
    backup_dir = Path(opts.backup_dir).resolve()
    print(f"==> Verifying the checksums of {backup_dir}")
    manifest, sums = verify_backup(backup_dir)
    target = opts.db or manifest["db"]
    if not DB_NAME.match(target) or len(target) > 63:
        raise Refused(f"invalid database name {target!r}")
    exists = database_exists(libpq, target)
    target_store = data_dir / FILESTORE / target
    if (exists or target_store.exists()) and not (opts.force or opts.check):
        what = "database" if exists else "filestore of database"
        raise Refused(
            f"{what} {target!r} already exists; restore into a new database with "
            "DB=<new name> (--db), or replace it with FORCE=1 (--force). "
            "Nothing was restored."
        )
    as_what = "a test restore" if opts.check else repr(target)
    print(f"==> Restoring {manifest['db']!r} of {manifest['created_at']} as {as_what}")
    restored = restore_verified(opts, libpq, data_dir, backup_dir, (manifest, sums))
    summary = (
        f"({len(manifest['row_counts'])} tables with the backup's row counts, "
        f"{manifest['filestore']['files']} filestore files with their checksums)"
    )
    if opts.check:
        drop_database(libpq, restored[0])
        shutil.rmtree(restored[1])
        print(f"==> Test restore passed {summary}; its database was dropped again")
        return
    replace_target(libpq, restored, (target, target_store), opts.force)
    print(f"==> Restored and verified: database {target!r} {summary}")


def replace_target(libpq, restored, target, force):
    """Move the verified restore into place; with --force the old one goes only now.
    Should this fail half-way, the verified copy stays under its temporary name."""
    (tmp_db, tmp_store), (target, target_store) = restored, target
    old_store = target_store.with_name(f".{target}.replaced-{os.getpid()}")
    try:
        if force and target_store.exists():
            target_store.rename(old_store)
        if force:
            drop_database(libpq, target, terminate=True)
        rename_database(libpq, tmp_db, target)
        tmp_store.rename(target_store)
    except Exception as exc:
        raise Refused(
            f"the restore was verified but could not be renamed to {target!r} ({exc}); "
            f"it is kept as database {tmp_db!r} with filestore {tmp_store}"
        ) from exc
    shutil.rmtree(old_store, ignore_errors=True)


# ------------------------------------------------------------------------------ main


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    # A stop (systemd, docker stop, kill) cleans up like Ctrl+C does.
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    try:
        if opts.command == "verify":
            manifest, sums = verify_backup(Path(opts.backup_dir))
            print(f"==> {opts.backup_dir}: {len(sums)} files match their checksums")
            print(f"    database {manifest['db']!r} of {manifest['created_at']}")
            return 0
        libpq, data_dir = settings(opts)
        if opts.command == "backup":
            backup(opts, libpq, data_dir)
        else:
            restore(opts, libpq, data_dir)
    except Refused as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"ERROR: {exc}; nothing was kept.", file=sys.stderr)
        return 1
    except Exception as exc:
        if not type(exc).__module__.startswith("psycopg2"):
            raise
        print(
            f"ERROR: PostgreSQL: {str(exc).strip()}; nothing was kept.", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
