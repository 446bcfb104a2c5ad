# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Indexes of the complaint that serve its lists at province scale (issue 22),
created by ``helpdesk.ticket.init`` (helpdesk_ticket.py).

Each index is named here with the query it serves; ``tests/test_scale_indexes.py``
checks with ``EXPLAIN`` that PostgreSQL can use each of them for that query.
"""

from odoo.tools.sql import create_index, drop_index

# The "Needs Follow-up" filter (kelurahan_complaint_view_search, filter "open") and
# the actions of open complaints: the SQL the ORM writes for
# [('kel_state', 'not in', ('done', 'rejected'))] (archived ones are never listed),
# so that PostgreSQL proves that the filter implies the partial index's predicate.
OPEN_PREDICATE = (
    "(kel_state NOT IN ('done', 'rejected') OR kel_state IS NULL) AND active"
)
# The lists' default order (helpdesk_ticket_kelurahan_views.xml default_order),
# led by company_id: a province's database holds many kelurahan whose complaints
# arrive interleaved; helpdesk_mgmt's global company rule (rewritten to
# company_id IN (...), security/helpdesk_ticket_security.xml) is then a range of
# each index, not a filter of every row (at 1M over 50 kelurahan: 54-85 ms
# without, 28-46 ms with).
LIST_ORDER = ["date_reported DESC", "id DESC"]
# What an RW officer's record rules read besides the company
# (security/kelurahan_crm_security.xml, security/helpdesk_ticket_security.xml):
# their RW; the confidential flag and who entered it; the reporter. Complaints they
# follow are ids, already in the index.
RULE_COLUMNS = ["rw_id", "partner_id", "is_confidential", "create_uid"]
# name: (columns, partial index predicate)
INDEXES = {
    # "Needs Follow-up" (open complaints, a few % of the table), in the list's
    # order, with every column of every role's record rules: the first page and
    # the count up to 10,001 of each role are index-only scans. For an RW
    # officer the rules are an OR (their RW, or what they report or follow), which
    # no single index condition serves: the count walks this index instead of
    # the table's rows.
    "helpdesk_ticket_kel_company_open_rules_idx": (
        ["company_id", *LIST_ORDER, *RULE_COLUMNS],
        OPEN_PREDICATE,
    ),
    # The same for the whole list (active complaints).
    "helpdesk_ticket_kel_company_rules_idx": (
        ["company_id", *LIST_ORDER, *RULE_COLUMNS],
        "active",
    ),
    # RW officers: their record rule starts with rw_id IN (their RWs); with
    # "Needs Follow-up" on, only their RW's open complaints are read.
    "helpdesk_ticket_kel_company_open_rw_idx": (
        ["company_id", "rw_id", *LIST_ORDER, "partner_id", "is_confidential"]
        + ["create_uid"],
        OPEN_PREDICATE,
    ),
    # RW officers, whole list: their RW's complaints in the list's order (the
    # plain rw_id index would need a sort of every complaint of the RW).
    "helpdesk_ticket_kel_company_rw_idx": (
        ["company_id", "rw_id", *LIST_ORDER, "partner_id", "is_confidential"]
        + ["create_uid"],
        "active",
    ),
    # The dashboard's overdue complaints (a few % of the table), with what every
    # role's record rules read: counted by an index-only scan.
    "helpdesk_ticket_kel_overdue_idx": (
        ["rw_id", "company_id", "partner_id", "is_confidential", "create_uid"],
        "is_overdue AND active",
    ),
}
# Replaced by an index above: dropped on update.
OBSOLETE_INDEXES = [
    "helpdesk_ticket_kel_open_date_idx",
    "helpdesk_ticket_kel_open_rules_idx",
    "helpdesk_ticket_kel_rules_idx",
    "helpdesk_ticket_kel_open_rw_idx",
    "helpdesk_ticket_kel_rw_date_idx",
]


def create_complaint_indexes(cr, table):
    """The indexes above (``helpdesk.ticket.init``)."""
    for name in OBSOLETE_INDEXES:
        drop_index(cr, name, table)
    for name, (columns, where) in INDEXES.items():
        create_index(cr, name, table, columns, where=where)
