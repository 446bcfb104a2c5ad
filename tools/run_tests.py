"""Run the Odoo test suites of our addons and the top-level pytest suite, then print
one line ``N passed, N failed``. Started by tools/test.sh after the set-up.

1. Every addon of the product (``KEL_ADDONS``; the glue addons install themselves)
   on one throwaway database, with the tests of every addon under addons/, then the
   pytest suite in tests/ against that database over HTTP.
2. Each addon alone (``STANDALONE_ADDONS``) on a fresh database, with its
   dependencies only, and its own tests: proves that no addon needs another it does
   not depend on. Skipped when the run is narrowed (TEST_ADDONS / TEST_TAGS) or with
   STANDALONE=0.

The run fails on any failed or erroring test, on any skipped test (a browser tour that
cannot find Chromium is a failure, not a pass), on any ERROR/CRITICAL log line, when a
suite reports no test at all, and when an addon alone installs more of our addons
than its dependencies.
"""

import ast
import os
import re
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(os.environ["KEL_ROOT"])
VAR = Path(os.environ["KEL_VAR"])
ODOO_BIN = Path(os.environ["KEL_ODOO_SRC"]) / "odoo-bin"
PY = os.environ["KEL_PY"]
OUR_ADDONS = sorted(
    path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")
)
ADDONS = os.environ.get("TEST_ADDONS") or os.environ["KEL_ADDONS"]
TAGS = os.environ.get("TEST_TAGS") or ",".join(
    f"/{a}" for a in (ADDONS.split(",") if "TEST_ADDONS" in os.environ else OUR_ADDONS)
)
NARROWED = bool(os.environ.get("TEST_ADDONS") or os.environ.get("TEST_TAGS"))
# Addons that must install and pass their tests without the others.
STANDALONE_ADDONS = [
    "kelurahan_crm",
    "kelurahan_service",
    "kelurahan_whatsapp",
    "kelurahan_survey",
    "kelurahan_crm_map",
]

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
RESULT = re.compile(
    r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests"
)
SKIPPED = re.compile(r" INFO \S+ \S+: skipped (.*)$")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_cmd(odoo_args, db, *extra):
    return [
        PY,
        str(ODOO_BIN),
        *odoo_args,
        "-d",
        db,
        "--log-handler=werkzeug:WARNING",
        *extra,
    ]


def check_browser():
    if not any(
        Path(p).exists() for p in ("/usr/bin/chromium", "/usr/bin/google-chrome")
    ):
        sys.exit(
            "ERROR: Chromium is required for the browser tests "
            "(apt-get install chromium)."
        )


def run_odoo_tests(odoo_args, db, log_path, addons=ADDONS, tags=TAGS):
    """Install the addons with tests enabled; stream notable lines, keep the log."""
    cmd = odoo_cmd(
        odoo_args,
        db,
        "-i",
        addons,
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        "--log-level=test",
        f"--http-port={free_port()}",
        "--max-cron-threads=0",
    )
    errors, skipped, result = [], [], None
    in_error = False
    with (
        open(log_path, "w") as log,
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as proc,
    ):
        for line in proc.stdout:
            log.write(line)
            match = LOG_LINE.match(line)
            if match:
                in_error = match["level"] in (
                    "ERROR",
                    "CRITICAL",
                ) and not SERVER_REFUSAL.search(line)
                if in_error:
                    errors.append(line.rstrip())
                summary = RESULT.search(line)
                if summary:
                    result = tuple(int(g) for g in summary.groups())
                if m := SKIPPED.search(line):
                    skipped.append(m[1])
                if in_error or "FAIL" in line or match["level"] == "WARNING" or summary:
                    print(line, end="")
            elif in_error:
                print(line, end="")
        returncode = proc.wait()
    return returncode, result, errors, skipped


def start_server(odoo_args, db, port, log_path):
    """Odoo as in production: prefork workers (and the gevent process)."""
    log = open(log_path, "w")  # noqa: SIM115 - closed by stop_server
    proc = subprocess.Popen(
        odoo_cmd(
            odoo_args,
            db,
            f"--http-port={port}",
            f"--gevent-port={free_port()}",
            "--workers=2",
            "--max-cron-threads=0",
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, log
        except OSError:
            time.sleep(0.5)
    stop_server(proc, log)
    sys.exit(f"ERROR: Odoo did not start for the HTTP tests (log: {log_path})")


def stop_server(proc, log):
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    log.close()


def run_pytest(odoo_args, db):
    """Top-level tests drive a real Odoo over HTTP; counts come from JUnit XML."""
    port = free_port()
    server, server_log = start_server(
        odoo_args, db, port, VAR / "log" / f"{db}-http.log"
    )
    junit = VAR / "log" / f"{db}-pytest.xml"
    env = dict(os.environ, KEL_ODOO_URL=f"http://127.0.0.1:{port}", KEL_ODOO_DB=db)
    try:
        rc = subprocess.call(
            [PY, "-m", "pytest", "-q", str(ROOT / "tests"), f"--junitxml={junit}"],
            env=env,
            cwd=ROOT,
        )
    finally:
        stop_server(server, server_log)
    if not junit.exists():
        return rc, 0, 1
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, fails = (
        int(suite.get("tests")),
        int(suite.get("failures")) + int(suite.get("errors")),
    )
    skipped = int(suite.get("skipped"))
    server_errors = log_errors(VAR / "log" / f"{db}-http.log")
    for line in server_errors:
        print(line)
    if server_errors:
        # The live server must not log errors either (a test may pass on a retry).
        print(f"ERROR: {len(server_errors)} ERROR-level line(s) in the server log")
    return rc, total - fails - skipped, fails + skipped + bool(server_errors)


# The HTTP server itself refusing an overlong request line or headers (the hostile
# input test sends 100k-character addresses) logs one ERROR line without traceback:
# that refusal is the designed answer, not a failure. So is the socket timeout Odoo
# sets in test mode (5 s, odoo/service/server.py RequestHandler.setup) to close
# Chromium's idle preconnect sockets: on a loaded machine such a socket waits longer
# while assets build.
SERVER_REFUSAL = re.compile(
    r" werkzeug: .* (code (414|431), message |Request timed out: TimeoutError)"
)


def log_errors(path):
    """ERROR/CRITICAL lines of an Odoo log file (but the server's own refusals of
    overlong requests)."""
    with open(path) as log:
        return [
            line.rstrip()
            for line in log
            if (match := LOG_LINE.match(line))
            and match["level"] in ("ERROR", "CRITICAL")
            and not SERVER_REFUSAL.search(line)
        ]


def drop_db(db):
    script = (
        "import os, sys, odoo; odoo.tools.config.parse_config(sys.argv[1:]); "
        "odoo.service.db.exp_drop(os.environ['KEL_DROP_DB'])"
    )
    subprocess.call(
        [PY, "-c", script, *ODOO_ARGS],
        env=dict(os.environ, KEL_DROP_DB=db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def our_dependencies(addon):
    """``addon`` and the addons of ours it depends on, directly or not."""
    manifest_path = ROOT / "addons" / addon / "__manifest__.py"
    manifest = ast.literal_eval(manifest_path.read_text())
    found = {addon}
    for dep in manifest.get("depends", []):
        if dep in OUR_ADDONS:
            found |= our_dependencies(dep)
    return found


INSTALLED_SCRIPT = """
import os, sys, odoo
odoo.tools.config.parse_config(sys.argv[1:])
with odoo.sql_db.db_connect(os.environ["KEL_DB"]).cursor() as cr:
    cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
    print(",".join(sorted(row[0] for row in cr.fetchall())))
"""


def installed_addons(db):
    """Our addons installed in ``db``."""
    out = subprocess.check_output(
        [PY, "-c", INSTALLED_SCRIPT, *ODOO_ARGS],
        env=dict(os.environ, KEL_DB=db),
        text=True,
    )
    return set(out.strip().split(",")) & set(OUR_ADDONS)


def odoo_suite(db, addons, tags):
    """One Odoo test run on a fresh database; returns (passed, failed)."""
    log_path = VAR / "log" / f"{db}.log"
    print(f"==> Installing {addons} with tests ({tags}) on throwaway database {db}")
    print(f"    full log: {log_path}")
    passed = failed = 0
    rc, result, errors, skipped = run_odoo_tests(ODOO_ARGS, db, log_path, addons, tags)
    if result is None:
        print("ERROR: Odoo printed no test result line (did the install fail?)")
        failed += 1
    else:
        n_failed, n_errors, n_run = result
        bad = n_failed + n_errors + len(skipped)
        passed += n_run - bad
        failed += bad
        if n_run == 0:
            print("ERROR: Odoo ran no test")
            failed += 1
    for reason in skipped:
        print(f"SKIPPED (counted as failed): {reason}")
    if errors and not failed:
        # ERROR lines outside any test (import problems, bad data) fail the run too.
        print(f"ERROR: {len(errors)} ERROR-level log line(s) in {log_path}")
        failed += 1
    if rc != 0:
        print(f"ERROR: Odoo exited with status {rc}")
        failed += 1
    return passed, failed, result is not None and rc == 0


def standalone_suite(addon):
    """``addon`` alone with its dependencies: its tests pass, and nothing of ours
    beyond its dependencies was installed."""
    db = f"kel_test_{os.getpid()}_{addon.removeprefix('kelurahan_')}"
    try:
        passed, failed, ok = odoo_suite(db, addon, f"/{addon}")
        if ok:
            extra = installed_addons(db) - our_dependencies(addon)
            if extra:
                print(f"ERROR: {addon} alone installed {', '.join(sorted(extra))}")
                failed += 1
    finally:
        if os.environ.get("KEEP_DB") != "1":
            drop_db(db)
    print(f"    {addon} alone: {passed} passed, {failed} failed")
    return passed, failed


def main():
    global ODOO_ARGS
    ODOO_ARGS = sys.argv[sys.argv.index("--") + 1 :]
    check_browser()
    db = f"kel_test_{os.getpid()}"
    passed = failed = 0
    started = time.monotonic()
    try:
        passed, failed, ok = odoo_suite(db, ADDONS, TAGS)
        if os.environ.get("PYTEST", "1") != "0" and ok:
            print("==> Running the HTTP test suite (tests/) against a live Odoo")
            _rc, p_passed, p_failed = run_pytest(ODOO_ARGS, db)
            passed += p_passed
            failed += p_failed
    finally:
        if os.environ.get("KEEP_DB") != "1":
            drop_db(db)
    print(f"    all addons: {passed} passed, {failed} failed")
    if not NARROWED and os.environ.get("STANDALONE", "1") != "0":
        for addon in STANDALONE_ADDONS:
            s_passed, s_failed = standalone_suite(addon)
            passed += s_passed
            failed += s_failed
    print(f"    wall time {time.monotonic() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
