#!/usr/bin/env bash
# `make shell`: an Odoo shell on the development database.
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/pg.sh" start
mapfile -t ODOO_ARGS < <(odoo_args)
exec "$PY" "$ODOO_SRC/odoo-bin" shell "${ODOO_ARGS[@]}" -d "$DB_NAME" --no-http
