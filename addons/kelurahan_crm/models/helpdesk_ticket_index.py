# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Indexes of the complaint that serve its lists at province scale (issue 22),
created by ``helpdesk.ticket.init`` (helpdesk_ticket.py).

Each index is named here with the query it serves; ``tests/test_scale_indexes.py``
checks with ``EXPLAIN`` that PostgreSQL can use each of them for that query.
"""

from odoo.tools.sql import create_index

# The "Needs Follow-up" filter (kelurahan_complaint_view_search, filter "open") and
# the actions of open complaints: the SQL the ORM writes for
# [('kel_state', 'not in', ('done', 'rejected'))] (archived ones are never listed),
# so that PostgreSQL proves that the filter implies the partial index's predicate.
OPEN_PREDICATE = (
    "(kel_state NOT IN ('done', 'rejected') OR kel_state IS NULL) AND active"
)
# The lists' default order (helpdesk_ticket_kelurahan_views.xml default_order),
# then company_id: helpdesk_mgmt's global company rule is checked in the index,
# so a lurah's count of open complaints is an index-only scan.
LIST_ORDER = ["date_reported DESC", "id DESC", "company_id"]
# name: (columns, partial index predicate)
INDEXES = {
    # Lurah / officers: "Needs Follow-up", its first page in the list's order and
    # its count, read from the open complaints only (a few % of the table).
    "helpdesk_ticket_kel_open_date_idx": (LIST_ORDER, OPEN_PREDICATE),
    # RW officers: their record rule starts with rw_id IN (their RWs); with
    # "Needs Follow-up" on, only their RW's open complaints are read.
    "helpdesk_ticket_kel_open_rw_idx": (["rw_id", *LIST_ORDER], OPEN_PREDICATE),
    # RW officers, whole list: their RW's complaints in the list's order (the
    # plain rw_id index would need a sort of every complaint of the RW).
    "helpdesk_ticket_kel_rw_date_idx": (["rw_id", *LIST_ORDER], ""),
    # The dashboard's overdue complaints (a few % of the table), with what every
    # role's record rules read: counted by an index-only scan.
    "helpdesk_ticket_kel_overdue_idx": (
        ["rw_id", "company_id", "partner_id", "is_confidential", "create_uid"],
        "is_overdue AND active",
    ),
}


def create_complaint_indexes(cr, table):
    """The indexes above (``helpdesk.ticket.init``)."""
    for name, (columns, where) in INDEXES.items():
        create_index(cr, name, table, columns, where=where)
