#!/usr/bin/env bash
# `make i18n`: refresh .pot files and merge them into id.po (see tools/i18n.py).
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/pg.sh" start
mapfile -t ODOO_ARGS < <(odoo_args)
export KEL_I18N_DB="kel_i18n_$$"
trap '"$PY" -c "import os, sys, odoo; odoo.tools.config.parse_config(sys.argv[1:]); odoo.service.db.exp_drop(os.environ[\"KEL_I18N_DB\"])" "${ODOO_ARGS[@]}" >/dev/null 2>&1' EXIT
say "Installing $ADDONS on $KEL_I18N_DB to collect terms"
"$PY" "$ODOO_SRC/odoo-bin" "${ODOO_ARGS[@]}" -d "$KEL_I18N_DB" -i "$ADDONS" --without-demo=all \
  --stop-after-init --max-cron-threads=0 --log-level=warn
"$PY" "$ROOT/tools/i18n.py" "${ODOO_ARGS[@]}"
