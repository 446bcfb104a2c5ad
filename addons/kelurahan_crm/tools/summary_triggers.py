# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statement triggers that keep a summary table exact by inserting deltas
(kelurahan.complaint.daily, kelurahan.disposition.monthly)."""

from odoo.tools import SQL

EVENTS = (
    ("INSERT", "NEW TABLE AS new_rows"),
    ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("DELETE", "OLD TABLE AS old_rows"),
)


def create_delta_triggers(cr, name, table, columns, delta):
    """(Re)create the function ``<name>_sync()`` and the AFTER ... FOR EACH
    STATEMENT triggers ``<name>_insert``, ``_update`` and ``_delete`` on
    ``table``. Each runs ``delta(source)`` (the SQL of one statement), where
    ``source`` selects ``columns`` of the statement's rows with ``sign``: +1 for
    the new rows, -1 for the old ones."""
    cols = SQL(", ").join(SQL.identifier(column) for column in columns)
    new = SQL("SELECT %s, 1 AS sign FROM new_rows", cols)
    old = SQL("SELECT %s, -1 AS sign FROM old_rows", cols)
    function = SQL.identifier(f"{name}_sync")
    cr.execute(
        SQL(
            """
            CREATE OR REPLACE FUNCTION %(function)s()
            RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    %(ins)s
                ELSIF TG_OP = 'DELETE' THEN
                    %(dele)s
                ELSE
                    %(upd)s
                END IF;
                RETURN NULL;
            END
            $fn$
            """,
            function=function,
            ins=delta(SQL("(%s)", new)),
            dele=delta(SQL("(%s)", old)),
            upd=delta(SQL("(%s UNION ALL %s)", new, old)),
        )
    )
    for event, refs in EVENTS:
        trigger = SQL.identifier(f"{name}_{event.lower()}")
        cr.execute(
            SQL("DROP TRIGGER IF EXISTS %s ON %s", trigger, SQL.identifier(table))
        )
        cr.execute(
            SQL(
                "CREATE TRIGGER %s AFTER %s ON %s REFERENCING %s"
                " FOR EACH STATEMENT EXECUTE FUNCTION %s()",
                trigger,
                SQL(event),
                SQL.identifier(table),
                SQL(refs),
                function,
            )
        )
