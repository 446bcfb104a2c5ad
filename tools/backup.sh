#!/usr/bin/env bash
# `make backup` / `make restore`: tools/backup.py with this checkout's database settings
# (embedded PostgreSQL under var/pg, or the external one) and filestore (var/data).
#   make backup  [DB=kelurahan] [BACKUP_DIR=var/backups] [KEEP=N]
#   make restore BACKUP=<dir> [DB=<new name>] [FORCE=1] [JOBS=2]
#   make restore BACKUP=<dir> CHECK=1     restore test: restore, verify, drop again
source "$(dirname "$0")/common.sh"
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/pg.sh" start
mapfile -t ODOO_ARGS < <(odoo_args)
case "${1:-}" in
  backup)
    exec "$PY" "$ROOT/tools/backup.py" backup --db="${DB:-$DB_NAME}" \
      --dir="${BACKUP_DIR:-$VAR/backups}" --keep="${KEEP:-0}" "${ODOO_ARGS[@]}"
    ;;
  restore)
    [ -n "${BACKUP:-}" ] || die "Which backup? make restore BACKUP=var/backups/<db>-<time> [DB=<new name>]"
    args=(restore "$BACKUP" --jobs="${JOBS:-2}")
    if [ -n "${DB:-}" ]; then args+=(--db="$DB"); fi
    if [ "${FORCE:-0}" = 1 ]; then args+=(--force); fi
    if [ "${CHECK:-0}" = 1 ]; then args+=(--check); fi
    exec "$PY" "$ROOT/tools/backup.py" "${args[@]}" "${ODOO_ARGS[@]}"
    ;;
  *) die "usage: backup.sh backup|restore" ;;
esac
