# Shared settings for the project's scripts; sourced, never run.
# Every path can be overridden from the environment (see README, "Configuration").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
ODOO_SRC="${ODOO_SRC:-$HOME/odoo-18.0}"
ODOO_UPSTREAM="${ODOO_UPSTREAM:-https://github.com/odoo/odoo.git}"
VAR="${KEL_VAR:-$ROOT/var}"
DB_NAME="${DB_NAME:-kelurahan}"
HTTP_PORT="${HTTP_PORT:-8069}"
# The addons of the product, installed by `make run` and tested by `make test`; the glue
# addons (kelurahan_survey_service, kelurahan_survey_whatsapp) install themselves.
ADDONS="kelurahan_crm,kelurahan_service,kelurahan_whatsapp,kelurahan_survey,kelurahan_crm_map"

# Embedded PostgreSQL unless the user points at an external server with PGHOST.
LOCAL_CONF="$ROOT/config/local.conf"
PG_EXTERNAL=0
if [ -f "$LOCAL_CONF" ] && grep -qE '^\s*db_host\s*=\s*\S' "$LOCAL_CONF"; then
  PG_EXTERNAL=1   # database settings come from config/local.conf
  DB_HOST="" DB_PORT="" DB_USER="" DB_PASSWORD=""
elif [ -n "${PGHOST:-}" ]; then
  PG_EXTERNAL=1
  DB_HOST="$PGHOST"
  DB_PORT="${PGPORT:-5432}"
  DB_USER="${PGUSER:-odoo}"
  DB_PASSWORD="${PGPASSWORD:-}"
else
  PG_DATA="$VAR/pg/data"
  PG_SOCKET="$VAR/pg/run"
  # A unix socket path may not exceed 107 bytes; fall back to /tmp for deep checkouts.
  if [ ${#PG_SOCKET} -gt 80 ]; then
    PG_SOCKET="/tmp/kelurahan-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)"
  fi
  DB_HOST="$PG_SOCKET"
  DB_PORT="${KEL_PG_PORT:-5432}"
  DB_USER="odoo"
  DB_PASSWORD=""
fi

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Odoo's command line for this checkout: addons of core, OCA wheels (found through the
# odoo.addons namespace of the venv) and ours; database settings; data under var/.
odoo_args() {
  local args=()
  if [ -f "$LOCAL_CONF" ]; then args+=(--config="$LOCAL_CONF"); fi
  args+=(--addons-path="$ODOO_SRC/addons,$ROOT/addons" --data-dir="$VAR/data")
  if [ -n "$DB_HOST" ]; then args+=(--db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER"); fi
  if [ -n "$DB_PASSWORD" ]; then args+=(--db_password="$DB_PASSWORD"); fi
  printf '%s\n' "${args[@]}"
}
