#!/usr/bin/env bash
# `make test`: set up, then run every Odoo test of our addons and the HTTP pytest suite on a
# throwaway database. Options (environment): TEST_ADDONS, TEST_TAGS, PYTEST=0, KEEP_DB=1.
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/pg.sh" start
mapfile -t ODOO_ARGS < <(odoo_args)
mkdir -p "$VAR/log"
export KEL_ROOT="$ROOT" KEL_VAR="$VAR" KEL_ODOO_SRC="$ODOO_SRC" KEL_PY="$PY" KEL_ADDONS="$ADDONS"
exec "$PY" "$ROOT/tools/run_tests.py" -- "${ODOO_ARGS[@]}"
