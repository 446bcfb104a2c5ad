#!/usr/bin/env bash
# `make run`: set up, create (first run) or upgrade (later runs) the database, serve Odoo.
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/pg.sh" start
mapfile -t ODOO_ARGS < <(odoo_args)

if "$PY" - "$HTTP_PORT" <<'PY'
import socket, sys
with socket.socket() as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("0.0.0.0", int(sys.argv[1])))
    except OSError:
        sys.exit(0)
sys.exit(1)
PY
then
  die "Port $HTTP_PORT is already in use (another Odoo?). Stop it or choose another port: make run HTTP_PORT=8070"
fi

db_state() {
  "$PY" "$ROOT/tools/db_state.py" "${ODOO_ARGS[@]}"
}

drop_db() {
  "$PY" - "${ODOO_ARGS[@]}" <<'PY'
import os, sys, odoo
odoo.tools.config.parse_config(sys.argv[1:])
odoo.service.db.exp_drop(os.environ["DB_NAME"])
PY
}

export DB_NAME ADDONS
mkdir -p "$VAR/log"
state="$(db_state)"
if [ "$state" = presplit ]; then
  say "Database '$DB_NAME' was made before the addons were split (services and WhatsApp"
  say "lived in kelurahan_crm); an upgrade would drop their data. Recreating it with"
  say "demo data."
  drop_db >"$VAR/log/odoo-drop.log" 2>&1
  state=absent
fi
LOG="$VAR/log/odoo-init.log"
case "$state" in
  absent|empty|partial)
    say "Creating database '$DB_NAME' with $ADDONS and demo data (about a minute)"
    args=(-i "$ADDONS")
    ;;
  ready)
    say "Upgrading $ADDONS in database '$DB_NAME'"
    args=(-u "$ADDONS")
    ;;
esac
if ! "$PY" "$ODOO_SRC/odoo-bin" "${ODOO_ARGS[@]}" -d "$DB_NAME" "${args[@]}" \
    --stop-after-init --max-cron-threads=0 --log-level=warn >"$LOG" 2>&1; then
  tail -30 "$LOG" >&2
  die "Installing/upgrading the addons failed (full log: $LOG)."
fi
if grep -qE " (ERROR|CRITICAL) " "$LOG"; then
  grep -E " (ERROR|CRITICAL) " "$LOG" | head -5 >&2
  die "Errors while installing/upgrading the addons (full log: $LOG)."
fi

cat <<MSG

  Kelurahan CRM is running: http://localhost:$HTTP_PORT  (database: $DB_NAME)

  Demo logins (login / password):
    admin   / admin     Admin Kelurahan (configuration, everything)
    lurah   / lurah     Lurah / Pimpinan (dashboards, reports, corrections)
    petugas / petugas   Petugas Kelurahan (office officer)
    rw01    / rw01      Petugas RW 01 (RW post officer)
    warga   / warga     Warga (resident, portal: http://localhost:$HTTP_PORT/my)

  Stop with Ctrl+C; \`make stop\` also stops the embedded PostgreSQL.

MSG
exec "$PY" "$ODOO_SRC/odoo-bin" "${ODOO_ARGS[@]}" -d "$DB_NAME" \
  --http-port="$HTTP_PORT" --log-handler=werkzeug:WARNING
