# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: the indexes of "Needs Follow-up", the private tracking link and the
late dispositions are usable for the queries the ORM writes. Plans on a few rows
are not what PostgreSQL would choose on a million, so each check switches off the
other ways of reading the table and asserts the plan still reads the intended
index (else PostgreSQL falls back to a disabled sequential scan). Where several
indexes could serve a query on a few rows (the RW officers'), the check is that
the intended index holds every column the query reads."""

import re

from odoo.tests import tagged
from odoo.tools import SQL

from ..models.helpdesk_ticket_index import INDEXES
from ..models.kelurahan_disposition import LATE_INDEX
from ..models.kelurahan_disposition_index import DISPOSITION_INDEXES
from .common import KelurahanCase, walk_to_stage

NEEDS_FOLLOW_UP = [("kel_state", "not in", ("done", "rejected"))]
LIST_ORDER = "date_reported desc, id desc"
# Only index scans left (PostgreSQL's enable_indexscan also governs index-only
# scans, so it stays on); that they are index-only on a vacuumed table is shown by
# the EXPLAIN ANALYZE of the figures ("Heap Fetches: 0").
ONLY_INDEX = {"enable_seqscan": "off", "enable_bitmapscan": "off"}


@tagged("post_install", "-at_install")
class TestScaleIndexes(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_ticket = cls.make_ticket()
        cls.done_ticket = cls.make_ticket()
        walk_to_stage(cls.done_ticket, "done", followup_note="Sudah ditambal.")
        walk_to_stage(cls.open_ticket, "verify")
        cls.disposition = cls.env["kelurahan.disposition"].create(
            {"ticket_id": cls.open_ticket.id, "agency_id": cls.agency.id}
        )

    def plan(self, sql, **planner):
        cr = self.env.cr
        self.env.flush_all()
        for setting, value in planner.items():
            cr.execute(SQL("SET %s = %s", SQL(setting), SQL(value)))
        try:
            cr.execute(SQL("EXPLAIN %s", sql))
            return "\n".join(row[0] for row in cr.fetchall())
        finally:
            for setting in planner:
                cr.execute(SQL("RESET %s", SQL(setting)))

    def query(self, model, user, domain, **kwargs):
        return self.env[model].with_user(user)._search(domain, **kwargs)

    def test_indexes_exist(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)",
            [[*INDEXES, LATE_INDEX, *DISPOSITION_INDEXES]],
        )
        self.assertEqual(
            {name for (name,) in self.env.cr.fetchall()},
            {*INDEXES, LATE_INDEX, *DISPOSITION_INDEXES},
        )

    def test_needs_follow_up_lurah_from_open_index(self):
        """The first page in the list's order and the count: index-only scans of
        the open complaints' partial index (its predicate is implied by the
        filter), no sort."""
        page = self.query(
            "helpdesk.ticket",
            self.user_lurah,
            NEEDS_FOLLOW_UP,
            order=LIST_ORDER,
            limit=80,
        )
        plan = self.plan(page.select(), **ONLY_INDEX)
        self.assertRegex(
            plan, r"Index (Only )?Scan using helpdesk_ticket_kel_open_rules_idx"
        )
        self.assertNotIn("Sort", plan)
        count = self.query("helpdesk.ticket", self.user_lurah, NEEDS_FOLLOW_UP)
        plan = self.plan(count.select(SQL("COUNT(*)")), **ONLY_INDEX)
        self.assertRegex(
            plan, r"Index (Only )?Scan using helpdesk_ticket_kel_open_\w+_idx"
        )
        self.assertEqual(
            set(
                self.env["helpdesk.ticket"]
                .with_user(self.user_lurah)
                .search(
                    NEEDS_FOLLOW_UP
                    + [("id", "in", (self.open_ticket | self.done_ticket).ids)]
                )
                .ids
            ),
            {self.open_ticket.id},
        )

    def index_columns(self, index):
        """The columns of ``index`` (keys and included), and the columns its
        partial index predicate tests."""
        self.env.cr.execute(
            r"""SELECT array_agg(a.attname::text)
                          FILTER (WHERE a.attnum = ANY(i.indkey)),
                      array_agg(a.attname::text) FILTER (
                          WHERE pg_get_expr(i.indpred, i.indrelid)
                                ~ ('\m' || a.attname || '\M'))
               FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0
                   AND NOT a.attisdropped
               WHERE c.relname = %s""",
            [index],
        )
        columns, predicate_columns = self.env.cr.fetchone()
        return set(columns), set(predicate_columns or ())

    def assert_index_covers(self, sql, table, index):
        """Every column ``sql`` reads (record rules, filter, order) is in
        ``index``, and every column of the index's predicate is tested by the
        query: PostgreSQL can answer it from the index alone (an index-only
        scan on a vacuumed table; which plan it picks among its index scans
        depends on the table's size, see the benchmark's plans at 1M)."""
        columns, tested = self.index_columns(index)
        read = set(re.findall(rf'"{table}"\."(\w+)"', sql.code))
        self.assertLessEqual(tested, read, f"{index}: predicate not implied")
        # What the predicate tests is implied, not read from the index.
        self.assertLessEqual(read - tested, columns, f"{index} misses columns")

    def test_rw_officer_lists_from_rules_indexes(self):
        """An RW officer's record rules are an OR (their RW, or what they report
        or follow) that no index condition serves. Their list's count (up to
        10,001, whole list and "Needs Follow-up") and first page read an index
        holding every column of those rules and of the list's order, never the
        table's rows. At 1M complaints: 13 ms each instead of a sequential scan
        (44 ms) and a bitmap heap scan (36 ms)."""
        followed = self.make_ticket(rw_id=self.rw_b.id, rt_id=False)
        followed.message_subscribe(partner_ids=self.user_rw.partner_id.ids)
        expected = {
            "all": ([], "helpdesk_ticket_kel_rules_idx"),
            "open": (NEEDS_FOLLOW_UP, "helpdesk_ticket_kel_open_rules_idx"),
        }
        for name, (domain, index) in expected.items():
            for kwargs in ({"limit": 10001}, {"order": LIST_ORDER, "limit": 80}):
                with self.subTest(list=name, **kwargs):
                    query = self.query(
                        "helpdesk.ticket", self.user_rw, domain, **kwargs
                    )
                    sql = query.select()
                    # the rule's every branch: RW, reporter, followed ids
                    for column in ("rw_id", "partner_id", "id", "create_uid"):
                        self.assertIn(f'"helpdesk_ticket"."{column}"', sql.code)
                    self.assert_index_covers(sql, query.table, index)
                    plan = self.plan(sql, **ONLY_INDEX)
                    self.assertNotIn("Seq Scan", plan)
            found = self.env["helpdesk.ticket"].with_user(self.user_rw).search(domain)
            self.assertIn(followed, found)
            self.assertIn(self.open_ticket, found)
            self.assertEqual(found.rw_id, self.rw_a | self.rw_b)
        # Without its predicate's column in the query, the index cannot serve it.
        archived_too = self.env["helpdesk.ticket"].with_context(active_test=False)
        query = archived_too.with_user(self.user_rw)._search([])
        with self.assertRaises(AssertionError):
            self.assert_index_covers(
                query.select(), query.table, "helpdesk_ticket_kel_rules_idx"
            )

    def test_tracking_tokens_by_index(self):
        for fname in ("kel_track_token", "access_token"):
            with self.subTest(field=fname):
                query = (
                    self.env["helpdesk.ticket"]
                    .sudo()
                    ._search([(fname, "=", "x" * 32)], limit=1)
                )
                plan = self.plan(query.select(), enable_seqscan="off")
                self.assertIn(f"helpdesk_ticket__{fname}_index", plan)
                self.assertNotIn("Seq Scan", plan)

    def test_late_dispositions_index_only(self):
        """The dashboard's late dispositions: count and the ten most overdue,
        each read from the open dispositions' partial index."""
        late = [("date_done", "=", False), ("date_due", "<", "2999-01-01 00:00:00")]
        # On a few rows the planner may prefer the company_id index; the plan at
        # 200k (Index Only Scan, Heap Fetches: 0) is in the figures.
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [LATE_INDEX]
        )
        indexdef = self.env.cr.fetchone()[0]
        self.assertIn("(date_due, id, company_id) WHERE (date_done IS NULL)", indexdef)
        self.assertIn(
            self.disposition,
            self.env["kelurahan.disposition"].with_user(self.user_lurah).search(late),
        )

    def dashboard_queries(self, user):
        """The dashboard's overdue complaints count, late dispositions count and
        agency performance of a period, as ``user``."""
        Disposition = self.env["kelurahan.disposition"].with_user(user)
        late = [("date_done", "=", False), ("date_due", "<", "2999-01-01 00:00:00")]
        sent = [
            ("date_sent", ">=", "2020-01-01 00:00:00"),
            ("date_sent", "<", "2999-01-01 00:00:00"),
            ("state", "!=", "cancelled"),
        ]
        performance = Disposition._search(sent)
        return {
            "overdue": self.query(
                "helpdesk.ticket", user, [("is_overdue", "=", True)]
            ).select(SQL("COUNT(*)")),
            "late": Disposition._search(late).select(SQL("COUNT(*)")),
            "performance": SQL(
                "SELECT agency_id, is_within_target, is_answered, COUNT(*),"
                " SUM(response_days_taken) FROM %s WHERE %s GROUP BY 1, 2, 3",
                performance.from_clause,
                performance.where_clause,
            ),
        }

    def test_dashboard_aggregates_index_only(self):
        """Every aggregate of the dashboard over complaints or dispositions is
        read from one index holding what it and the user's record rules need:
        with sequential and bitmap scans off, each plan is an index(-only) scan
        and never joins the complaints (the RW officer's disposition rule reads
        the complaint's values stored on the disposition)."""
        expected = {
            "overdue": "helpdesk_ticket_kel_overdue_idx",
            "late": r"kelurahan_disposition_kel_(rw_)?late_idx",
            "performance": r"kelurahan_disposition_kel_(rw_)?sent_idx",
        }
        for user in (self.user_lurah, self.user_officer, self.user_rw):
            for name, sql in self.dashboard_queries(user).items():
                with self.subTest(user=user.login, query=name):
                    plan = self.plan(sql, **ONLY_INDEX)
                    self.assertNotIn("Seq Scan", plan)
                    if name != "overdue":
                        self.assertNotIn("helpdesk_ticket", plan)
                    # On a few rows the planner may read the dispositions by
                    # the company_id index instead; the RW officer's indexes
                    # hold all their queries read (plans at 1M: bench_scale).
                    if name == "overdue":
                        self.assertRegex(
                            plan, rf"Index (Only )?Scan using {expected[name]}"
                        )
                    elif user == self.user_rw:
                        index = expected[name].replace("(rw_)?", "rw_")
                        self.assert_index_covers(sql, "kelurahan_disposition", index)
