# Kelurahan CRM — the project's commands. See README.md.
#   make run    set up, create/upgrade the `kelurahan` database with demo data, serve :8069
#   make test   set up, run every test on a throwaway database, print "N passed, N failed"
#   make lint   pre-commit: ruff, ruff-format, pylint-odoo, XML and whitespace checks
#   make shell  odoo shell on the development database
#   make stop   stop Odoo and the embedded PostgreSQL
#   make i18n   refresh i18n/*.pot and merge new terms into i18n/id.po
#   make backup [DB=kelurahan] [BACKUP_DIR=var/backups] [KEEP=N]   dump + filestore + checksums
#   make restore BACKUP=<dir> [DB=<new name>] [FORCE=1]   verified restore into a new database
#                (CHECK=1: a restore test that drops the restored copy again)
# Variables: ODOO_SRC (Odoo 18.0 tree, default ~/odoo-18.0), HTTP_PORT (8069), DB_NAME
# (kelurahan), PGHOST/PGPORT/PGUSER/PGPASSWORD (external PostgreSQL), TEST_ADDONS, TEST_TAGS.

SHELL := /bin/bash

.PHONY: setup run test lint shell stop i18n clean backup restore

setup:
	@bash tools/setup.sh

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

lint:
	@bash tools/lint.sh

shell:
	@bash tools/shell.sh

stop:
	@bash tools/stop.sh

clean: stop
	rm -rf var .venv

i18n:
	@bash tools/i18n.sh

backup:
	@bash tools/backup.sh backup

restore:
	@bash tools/backup.sh restore
