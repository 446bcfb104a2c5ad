#!/usr/bin/env bash
# `make stop`: stop an Odoo started by `make run` from this checkout and the embedded PostgreSQL.
source "$(dirname "$0")/common.sh"
pkill -INT -f "odoo-bin .*--data-dir=$VAR/data" && say "Odoo stopped." || true
sleep 1
bash "$ROOT/tools/pg.sh" stop
