"""State of the `make run` database, printed as one word (used by tools/run.sh):

- ``absent``: no such database; ``empty``: no Odoo in it;
- ``presplit``: made before the addons were split into one per capability (the service
  and WhatsApp models were kelurahan_crm's): upgrading would drop their tables;
- ``ready``: every addon of ``ADDONS`` installed; ``partial``: some missing.

Usage: python tools/db_state.py <odoo options>, with DB_NAME and ADDONS (comma
separated) in the environment."""

import os
import sys

import odoo

# xmlids that only a database from before the split has
PRESPLIT_MARKERS = (
    "model_kelurahan_service_request",
    "model_kelurahan_whatsapp_message",
)


def state(cr, addons):
    cr.execute("SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'")
    if not cr.fetchone():
        return "empty"
    cr.execute(
        "SELECT 1 FROM ir_model_data WHERE module = 'kelurahan_crm' AND name IN %s",
        [PRESPLIT_MARKERS],
    )
    if cr.fetchone():
        return "presplit"
    cr.execute(
        "SELECT count(*) FROM ir_module_module "
        "WHERE name IN %s AND state = 'installed'",
        [tuple(addons)],
    )
    return "ready" if cr.fetchone()[0] == len(addons) else "partial"


def main():
    odoo.tools.config.parse_config(sys.argv[1:])
    db = os.environ["DB_NAME"]
    if db not in odoo.service.db.list_dbs(force=True):
        print("absent")
        return
    with odoo.sql_db.db_connect(db).cursor() as cr:
        print(state(cr, os.environ["ADDONS"].split(",")))


if __name__ == "__main__":
    main()
