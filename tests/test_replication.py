"""Province scale on more than one machine, for real, on this machine (issue 23).

From the project's embedded PostgreSQL (the primary) a streaming standby is built
with ``pg_basebackup -R`` and started on its own socket with every statement logged
(``log_statement=all``, each line prefixed with the client's application name). Two
Odoo processes (node A, node B) serve the live test database, both with
``db_replica_host``/``db_replica_port`` pointing at the standby and one shared
``data_dir`` (sessions and filestore), as the compose profile ``scale`` runs them.
Then:

- a complaint filed through node A is written on the primary and reaches the standby;
- the read-only public routes (tracking page, transparency board, letter check) asked
  of node B are answered from the standby: their queries are in the standby's
  statement log under node B's application name;
- with the standby's replay paused (a lagging replica), a resident who just reported
  still sees their complaint, and so does anyone opening its link: the tracking page
  falls back to the primary when the replica does not have the complaint yet;
- a session opened by logging in on node A is honoured by node B;
- an attachment uploaded through node A is read back through node B;
- neither node logged an ERROR or retried a read-only request on the primary
  ("retrying with a read/write cursor").

Everything is removed afterwards (nodes, standby, its folder), also on failure.
Needs the embedded cluster (``tools/pg.sh``): an external PostgreSQL fails the test
with the reason. Wall time: about 40 s (the base backup and two Odoo starts).
"""

import base64
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
import pytest
import requests

from .odoo_client import OdooClient
from .pg_tools import odoo_args, option
from .test_portal_http import report

PID = os.getpid()
ODOO_SRC = os.environ.get("KEL_ODOO_SRC") or os.environ.get("ODOO_SRC")
ODOO_BIN = Path(ODOO_SRC or Path.home() / "odoo-18.0") / "odoo-bin"
RETRY = "retrying with a read/write cursor"
TRACK_QUERY = re.compile(r'"kel_track_token" = ', re.I)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bindir():
    return subprocess.check_output(["pg_config", "--bindir"], text=True).strip()


def superuser_query(sql, host, port, db="postgres", params=None):
    """``sql`` as the cluster's superuser (trusted on the local socket)."""
    conn = psycopg2.connect(host=str(host), port=port, user="postgres", dbname=db)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()
    finally:
        conn.close()


def primary_query(sql, db="postgres", params=None):
    return superuser_query(sql, option("db_host"), option("db_port"), db, params)


class Standby:
    """A streaming standby of the project's cluster, in a folder of its own."""

    def __init__(self):
        self.bindir = pg_bindir()
        [(data_dir,)] = primary_query("SHOW data_directory")
        self.owner = Path(data_dir).stat().st_uid
        self.root = Path(tempfile.mkdtemp(prefix=f"kel-replica-{PID}-"))
        self.data = self.root / "data"
        self.socket = self.root / "run"
        self.log = self.root / "standby.log"
        self.port = free_port()
        self.socket.mkdir()
        for path in (self.root, self.socket):
            os.chown(path, self.owner, -1)

    def run(self, *cmd, **kwargs):
        """A PostgreSQL tool as the cluster's owner (PostgreSQL refuses root)."""
        if os.getuid() == 0 and self.owner != 0:
            user = pwd.getpwuid(self.owner).pw_name
            cmd = ("runuser", "-u", user, "--", *cmd)
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=300, check=False, **kwargs
        )

    def build(self):
        run = self.run(
            f"{self.bindir}/pg_basebackup",
            f"--host={option('db_host')}",
            f"--port={option('db_port')}",
            "--username=postgres",
            f"--pgdata={self.data}",
            "--write-recovery-conf",  # -R: standby.signal + primary_conninfo
            "--wal-method=stream",
            "--checkpoint=fast",
        )
        assert run.returncode == 0, f"pg_basebackup failed: {run.stderr}"
        assert (self.data / "standby.signal").exists()
        settings = {
            "port": self.port,
            "unix_socket_directories": f"'{self.socket}'",
            "listen_addresses": "''",
            "hot_standby": "on",
            "shared_buffers": "32MB",
            "log_statement": "all",
            "log_line_prefix": "'app=%a '",
        }
        options = " ".join(f"-c {key}={value}" for key, value in settings.items())
        run = self.run(
            f"{self.bindir}/pg_ctl",
            f"--pgdata={self.data}",
            f"--log={self.log}",
            f"--options={options}",
            "--wait",
            "--timeout=60",
            "start",
        )
        assert run.returncode == 0, f"standby did not start: {run.stderr}"

    def query(self, sql, db="postgres", params=None):
        return superuser_query(sql, self.socket, self.port, db, params)

    def wait_caught_up(self, timeout=60):
        """Until the standby replayed everything the primary wrote so far (the
        insert position: the embedded cluster commits asynchronously, so a commit
        may still be in the WAL buffers, past the write position)."""
        [(target,)] = primary_query("SELECT pg_current_wal_insert_lsn()::text")
        deadline = time.monotonic() + timeout
        while True:
            [(behind,)] = self.query(
                "SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn()) > 0",
                params=[target],
            )
            if not behind:
                return
            assert time.monotonic() < deadline, "the standby does not catch up"
            time.sleep(0.2)

    def statements(self):
        return self.log.read_text(errors="replace").splitlines()

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.run(
                f"{self.bindir}/pg_ctl",
                f"--pgdata={self.data}",
                "--mode=immediate",
                "--wait",
                "stop",
            )
        shutil.rmtree(self.root, ignore_errors=True)


class Node:
    """One Odoo process of the cluster of nodes, its database reads on the standby."""

    def __init__(self, name, db, standby, log_dir):
        self.name = f"kel-node-{name}-{PID}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"{self.name}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed by stop
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ODOO_BIN),
                *odoo_args(),  # the same --data-dir: shared sessions and filestore
                "-d",
                db,
                f"--db_replica_host={standby.socket}",
                f"--db_replica_port={standby.port}",
                f"--http-port={self.port}",
                f"--gevent-port={free_port()}",
                "--max-cron-threads=0",  # the cron node is another one
                "--log-handler=werkzeug:WARNING",
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # the application name each connection shows in pg_stat_activity and
            # in the standby's statement log
            env=dict(os.environ, ODOO_PGAPPNAME=self.name),
        )

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"{self.name} exited: {self.log_path}"
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"{self.name} did not start ({self.log_path})")

    def client(self, db):
        return OdooClient(self.url, db)

    def log_lines(self):
        return self.log_path.read_text(errors="replace").splitlines()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()


@pytest.fixture(scope="module")
def cluster(admin, odoo_db, tmp_path_factory):
    """(standby, node A, node B) on the live test database; the portal's limits are
    relaxed by ``admin`` for the module."""
    if option("db_host") is None or not option("db_host").startswith("/"):
        pytest.fail(
            "the replication test builds a standby of the embedded PostgreSQL "
            "(tools/pg.sh); it cannot run against an external server"
        )
    started = time.monotonic()
    standby = Standby()
    nodes = []
    try:
        standby.build()
        standby.wait_caught_up()
        assert standby.query("SELECT pg_is_in_recovery()") == [(True,)]
        log_dir = tmp_path_factory.mktemp("nodes")
        nodes = [Node(name, odoo_db, standby, log_dir) for name in ("a", "b")]
        for node in nodes:
            node.wait_ready()
        print(f"standby and two nodes ready in {time.monotonic() - started:.1f} s")
        yield standby, *nodes
        for node in nodes:
            bad = [
                line
                for line in node.log_lines()
                if RETRY in line or re.search(r"\d \d+ (ERROR|CRITICAL) ", line)
            ]
            assert not bad, f"{node.name} logged:\n" + "\n".join(bad)
    finally:
        for node in nodes:
            node.stop()
        standby.remove()
        print(f"replication test: {time.monotonic() - started:.1f} s in all")


def track_link(response):
    assert response.status_code == 303, response.text[:500]
    link = response.headers["Location"]
    match = re.search(r"/pengaduan/lacak/([\w-]+)", link)
    assert match, link
    return link, match[1]


def ticket_by_token(token, db, standby=None):
    sql = "SELECT number FROM helpdesk_ticket WHERE kel_track_token = %s"
    run = standby.query if standby else primary_query
    rows = run(sql, db=db, params=[token])
    return rows[0][0] if rows else None


def test_writes_on_the_primary_reads_on_the_replica(cluster, odoo_db):
    standby, node_a, node_b = cluster
    # a complaint filed through node A: written on the primary...
    _link, token = track_link(report(node_a.client(odoo_db), "/pengaduan/lapor"))
    number = ticket_by_token(token, odoo_db)
    assert number and number.startswith("ADU/")
    # ...and streamed to the standby
    standby.wait_caught_up()
    assert ticket_by_token(token, odoo_db, standby) == number
    # the read-only public routes through node B are answered from the standby
    visitor = node_b.client(odoo_db)
    mark = len(standby.statements())
    page = visitor.get(f"/pengaduan/lacak/{token}")
    assert page.status_code == 200
    assert number in page.text
    board = visitor.get("/pengaduan/transparansi")
    assert board.status_code == 200
    assert "o_kel_board_total" in board.text
    letter = visitor.get("/verifikasi", params={"nomor": "TIDAK-ADA"})
    assert letter.status_code == 404
    read_there = [
        line for line in standby.statements()[mark:] if f"app={node_b.name}" in line
    ]
    assert any(
        TRACK_QUERY.search(line) for line in read_there
    ), "the tracking page did not read the standby"
    assert any(
        "kelurahan_complaint_daily" in line for line in read_there
    ), "the transparency board did not read the standby"
    assert any(
        '"kelurahan_letter"' in line for line in read_there
    ), "the letter check did not read the standby"
    # and the standby saw node B's connections
    apps = {
        app
        for (app,) in standby.query(
            "SELECT application_name FROM pg_stat_activity WHERE datname = "
            f"'{odoo_db}'"
        )
    }
    assert node_b.name in apps


def test_a_lagging_replica_still_shows_the_new_complaint(cluster, odoo_db):
    standby, _node_a, node_b = cluster
    standby.query("SELECT pg_wal_replay_pause()")
    try:
        resident = node_b.client(odoo_db)
        link, token = track_link(report(resident, "/pengaduan/lapor"))
        number = ticket_by_token(token, odoo_db)
        assert number
        # the replica does not have it (replay paused)...
        assert ticket_by_token(token, odoo_db, standby) is None
        # ...yet the page the reporter is sent to shows it (?baru=1: the primary)
        page = resident.get(link)
        assert page.status_code == 200
        assert number in page.text
        # and so does the bare link opened at once (a miss on the replica is
        # looked up again on the primary)
        mark = len(standby.statements())
        page = node_b.client(odoo_db).get(f"/pengaduan/lacak/{token}")
        assert page.status_code == 200
        assert number in page.text
        asked = [
            line
            for line in standby.statements()[mark:]
            if f"app={node_b.name}" in line and TRACK_QUERY.search(line)
        ]
        assert asked, "the bare link did not try the standby first"
        # a link that exists nowhere is still refused
        missing = node_b.client(odoo_db).get(f"/pengaduan/lacak/{'x' * 32}")
        assert missing.status_code == 404
    finally:
        standby.query("SELECT pg_wal_replay_resume()")
    standby.wait_caught_up()
    assert ticket_by_token(token, odoo_db, standby) == number


def test_a_session_moves_between_nodes(cluster, odoo_db):
    _standby, node_a, node_b = cluster
    on_a = node_a.client(odoo_db)
    assert on_a.login("admin", "admin")["uid"]
    on_b = node_b.client(odoo_db)
    on_b.session.cookies.set("session_id", on_a.session.cookies["session_id"])
    info = on_b.jsonrpc("/web/session/get_session_info", {})
    assert info["username"] == "admin"
    assert info["uid"] == on_a.jsonrpc("/web/session/get_session_info", {})["uid"]
    # without the cookie node B does not know the visitor
    page = node_b.client(odoo_db).get("/odoo", allow_redirects=False)
    assert page.status_code in (302, 303)
    assert "/web/login" in page.headers["Location"]


def test_an_attachment_written_on_one_node_is_read_on_the_other(cluster, odoo_db):
    _standby, node_a, node_b = cluster
    payload = os.urandom(20_000) + f"lampiran replika {PID}".encode()
    on_a = node_a.client(odoo_db)
    on_a.login("admin", "admin")
    att_id = on_a.call(
        "ir.attachment",
        "create",
        {"name": f"replika-{PID}.bin", "datas": base64.b64encode(payload).decode()},
    )
    on_b = node_b.client(odoo_db)
    on_b.login("admin", "admin")
    [record] = on_b.call("ir.attachment", "read", [att_id], ["datas", "store_fname"])
    assert base64.b64decode(record["datas"]) == payload
    assert record["store_fname"], "the attachment is not in the filestore"
    content = on_b.get(f"/web/content/{att_id}?download=true")
    assert content.status_code == 200
    assert content.content == payload
    on_a.call("ir.attachment", "unlink", [att_id])
