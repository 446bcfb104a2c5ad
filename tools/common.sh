# Shared settings for the project's scripts; sourced, never run.
# Every path can be overridden from the environment (see README, "Configuration").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Python of the virtualenv: PY_VERSION=3.11 (default, development) or 3.12 (the Python of the
# official odoo:18.0 image, Ubuntu 24.04). Each version has its own virtualenv (.venv for
# 3.11, .venv-3.12 for 3.12), so switching never rebuilds or wipes the other one.
PY_VERSION="${PY_VERSION:-3.11}"
case "$PY_VERSION" in
  3.11) VENV="${VENV:-$ROOT/.venv}" ;;
  3.12) VENV="${VENV:-$ROOT/.venv-3.12}" ;;
  *) printf 'ERROR: PY_VERSION=%s is not supported (3.11 or 3.12)\n' "$PY_VERSION" >&2; exit 1 ;;
esac
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

# The interpreter that builds the virtualenv: python$PY_VERSION from PATH when it runs
# (a pyenv shim of a version that is not activated is on PATH but fails), otherwise the
# newest pyenv install of that version. Prints nothing when there is none.
base_python() {
  local cand="python$PY_VERSION" root
  if "$cand" -c '' >/dev/null 2>&1; then command -v "$cand"; return; fi
  root="${PYENV_ROOT:-$HOME/.pyenv}"
  for cand in $(ls -d "$root/versions/$PY_VERSION".* 2>/dev/null | sort -V -r); do
    if "$cand/bin/python$PY_VERSION" -c '' >/dev/null 2>&1; then
      printf '%s\n' "$cand/bin/python$PY_VERSION"; return
    fi
  done
}

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
