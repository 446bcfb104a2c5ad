#!/usr/bin/env bash
# The embedded PostgreSQL cluster under var/pg: start | stop | status.
# Unix socket only (no TCP), trust authentication for local socket connections, role "odoo"
# with CREATEDB. PostgreSQL refuses to run as root, so as root the cluster belongs to the
# unprivileged "postgres" OS user (created by Debian's package) or, failing that, "kelurahan".
source "$(dirname "$0")/common.sh"

if [ "$PG_EXTERNAL" = 1 ]; then
  [ "${1:-}" = start ] && say "Using the external PostgreSQL configured by the environment/config."
  exit 0
fi

BINDIR="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$BINDIR/initdb" ] || die "PostgreSQL server binaries not found (pg_config --bindir); install postgresql-15."

pg_os_user() {
  if [ "$(id -u)" != 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  id kelurahan >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin kelurahan
  echo kelurahan
}
PGUSER_OS="$(pg_os_user)"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PGUSER_OS" -- "$@"
  else
    "$@"
  fi
}

PG_LOG="$VAR/pg/log/server.log"

running() { as_pg "$BINDIR/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

init_cluster() {
  say "Initialising the embedded PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_SOCKET"
  chmod 755 "$VAR" "$VAR/pg" 2>/dev/null || true
  if [ "$(id -u)" = 0 ]; then chown "$PGUSER_OS" "$PG_DATA" "$PG_SOCKET"; fi
  chmod 700 "$PG_DATA"
  if ! as_pg "$BINDIR/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$VAR/pg/initdb.log" 2>&1; then
    cat "$VAR/pg/initdb.log" >&2
    rm -rf "$PG_DATA"
    die "initdb failed (log above)."
  fi
  cat >>"$PG_DATA/postgresql.conf" <<CONF
# kelurahan embedded cluster
listen_addresses = ''
unix_socket_directories = '$PG_SOCKET'
port = $DB_PORT
fsync = off            # development/test cluster: speed over crash safety
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 256MB
CONF
}

start() {
  [ -f "$PG_DATA/PG_VERSION" ] || init_cluster
  mkdir -p "$PG_SOCKET" "$VAR/pg/log"
  if [ "$(id -u)" = 0 ]; then chown "$PGUSER_OS" "$PG_SOCKET" "$VAR/pg/log"; fi
  if ! running; then
    as_pg "$BINDIR/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null \
      || { tail -20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: $VAR/pg/server.log)."; }
  fi
  if ! psql -h "$PG_SOCKET" -p "$DB_PORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_roles WHERE rolname='odoo'" | grep -q 1; then
    psql -q -h "$PG_SOCKET" -p "$DB_PORT" -U postgres -d postgres -c "CREATE ROLE odoo LOGIN CREATEDB"
  fi
}

stop() {
  if [ -f "$PG_DATA/PG_VERSION" ] && running; then
    as_pg "$BINDIR/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    say "PostgreSQL stopped."
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && echo running || echo stopped ;;
  *) die "usage: pg.sh start|stop|status" ;;
esac
