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

from lxml import etree

from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

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
# Bitmap scans only: each ilike of the search box's OR must have its own index.
ONLY_BITMAP = {"enable_seqscan": "off", "enable_indexscan": "off"}


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
        # On a few rows, sorting them can cost less than the ordered index (as
        # PostgreSQL chose once the whole suite had filled the table): the check
        # is that the index serves the order, a sort being the last resort.
        plan = self.plan(page.select(), **ONLY_INDEX, enable_sort="off")
        self.assertRegex(
            plan, r"Index (Only )?Scan using helpdesk_ticket_kel_company_open_rules_idx"
        )
        self.assertNotIn("Sort", plan)
        count = self.query("helpdesk.ticket", self.user_lurah, NEEDS_FOLLOW_UP)
        plan = self.plan(count.select(SQL("COUNT(*)")), **ONLY_INDEX)
        self.assertRegex(
            plan, r"Index (Only )?Scan using helpdesk_ticket_kel_company_open_\w+_idx"
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
            "all": ([], "helpdesk_ticket_kel_company_rules_idx"),
            "open": (NEEDS_FOLLOW_UP, "helpdesk_ticket_kel_company_open_rules_idx"),
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
                query.select(), query.table, "helpdesk_ticket_kel_company_rules_idx"
            )

    def search_box_domains(self, user, term):
        """{search field: domain} of the search box's "Complaint" and "Reporter"
        entries as ``user``'s screen has them (the view's filter_domain)."""
        arch = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .get_views([(False, "search")])["views"]["search"]["arch"]
        )
        fields = {
            node.get("name"): node.get("filter_domain")
            for node in etree.fromstring(arch).iter("field")
        }
        return {
            name: safe_eval(fields[name], {"self": term})
            for name in ("number", "reporter_name")
        }

    def test_search_box_filters_by_trigram_indexes(self):
        """An officer types a complaint's number (or part of its title, address,
        the reporter's name or phone) in the search box: an OR of ilike '%…%'
        over several columns, which a sequential scan served (2.5 s at 1M for
        the count and the page). Each column has a trigram index, so PostgreSQL
        ORs their bitmaps; every role's query holds that OR (and ANDs it with
        its record rules)."""
        self.open_ticket.write(
            {"reporter_name": "Sudirjo Wiratmaja", "reporter_phone": "0812 3456 7890"}
        )
        columns = {
            "number": ("number", "name", "location_address"),
            "reporter_name": ("reporter_name", "reporter_phone"),
        }
        terms = {
            "number": [self.open_ticket.number],
            "reporter_name": ["Wiratmaja", "3456 78"],
        }
        for field, field_terms in terms.items():
            for term in field_terms:
                domain = self.search_box_domains(self.user_officer, term)[field]
                # the OR alone (no rule, no active filter whose partial indexes
                # would win on a few rows): only its indexes can serve it
                query = (
                    self.env["helpdesk.ticket"]
                    .sudo()
                    .with_context(active_test=False)
                    ._search(domain, limit=80)
                )
                plan = self.plan(query.select(), **ONLY_BITMAP)
                with self.subTest(field=field, term=term):
                    self.assertNotIn("Seq Scan on helpdesk_ticket", plan)
                    self.assertIn("BitmapOr", plan)
                    for column in columns[field]:
                        self.assertIn(f"helpdesk_ticket__{column}_index", plan)
                for user in (self.user_officer, self.user_lurah, self.user_rw):
                    domain = self.search_box_domains(user, term)[field]
                    with self.subTest(user=user.login, field=field, term=term):
                        Ticket = self.env["helpdesk.ticket"].with_user(user)
                        self.assertEqual(Ticket.search(domain), self.open_ticket)
                        sql = self.query("helpdesk.ticket", user, domain).select()
                        for column in columns[field]:
                            self.assertIn(f'"helpdesk_ticket"."{column}"', sql.code)

    def test_number_search_reads_its_digits_from_the_index(self):
        """A typed number holding a run of digits: the index reads the run (the
        common prefix "ADU/2026/" is in every row of it), the whole term is
        checked on those rows; the rows found are those of a plain ILIKE, for
        every shape of term, wildcards included."""
        number = self.open_ticket.number
        digits = number.rsplit("/", 1)[1]
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        terms = [
            number,
            number.lower(),
            number[2:],
            number.replace("/", "%"),
            number.replace("/", "_"),
            f"{digits}/",
            digits,
            "2026",
            "ADU/",
        ]
        for term in terms:
            with self.subTest(term=term):
                self.env.cr.execute(
                    "SELECT id FROM helpdesk_ticket WHERE number ILIKE %s",
                    [f"%{term}%"],
                )
                plain = {row[0] for row in self.env.cr.fetchall()}
                found = Ticket.search([("number", "ilike", term)])
                self.assertEqual(set(found.ids), plain)
        self.assertEqual(Ticket.search([("number", "ilike", number)]), self.open_ticket)
        query = Ticket._search([("number", "ilike", number)])
        plan = self.plan(query.select(), **ONLY_BITMAP)
        index_conds = re.findall(r"Index Cond: (.*)", plan)
        self.assertEqual(index_conds, [f"((number)::text ~~* '%{digits}%'::text)"])
        self.assertIn(f"'%{number}%'", plan)  # checked on the run's rows
        # no digit run to narrow with: Odoo's own condition
        query = Ticket._search([("number", "ilike", "ADU/")])
        self.assertNotIn("|| ''", query.select().code)

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
