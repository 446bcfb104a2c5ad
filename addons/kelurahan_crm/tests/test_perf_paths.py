# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22's hot paths read only what they show: the private tracking page reads
the complaint in one narrow query, an officer's list page reads its rows in one
query, a new complaint's two deadlines read each window of the office calendar
once and are exactly those of two separate plans. The queries are taken with
Odoo's own SQL profiler (``BaseCase.profile``), nothing is mocked."""

import re
from datetime import datetime

from odoo.tests import tagged

from .common import KelurahanCase
from .portal_case import PortalCase

WIDE_TICKET_COLUMN = '"helpdesk_ticket"."description"'


def sql_of(profiler):
    """The SQL a profiled block ran, the requests' it served included."""
    entries = list(profiler.collectors[0].entries)
    for sub in profiler.sub_profilers:
        entries += sub.collectors[0].entries
    return [entry["full_query"] for entry in entries]


def selects_from(queries, table):
    pattern = re.compile(rf'^\s*SELECT\b.*\bFROM "{table}"', re.S)
    return [query for query in queries if pattern.search(query)]


@tagged("post_install", "-at_install")
class TestPerfPaths(PortalCase):
    def test_tracking_page_reads_the_complaint_once_narrowly(self):
        ticket = self.make_ticket(
            reporter_name="Siti Pelapor Rahasia",
            description="<p>Rumah Pak Joko nomor 12</p>",
        )
        url = f"/pengaduan/lacak/{ticket.kel_track_token}"
        for _i in range(2):  # templates compiled, caches warm
            self.assertEqual(self.url_open(url).status_code, 200)
        nested = self.profile(collectors=["sql"], db=False)
        with nested:
            page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.number, page.text)
        self.assertNotIn("Siti Pelapor Rahasia", page.text)
        self.assertNotIn("Pak Joko", page.text)
        queries = sql_of(nested.profiler)
        tickets = selects_from(queries, "helpdesk_ticket")
        self.assertEqual(len(tickets), 1, "\n\n".join(tickets))
        self.assertIn('"helpdesk_ticket"."number"', tickets[0])
        self.assertNotIn(WIDE_TICKET_COLUMN, tickets[0])

    def test_public_form_reads_each_calendar_window_once(self):
        nested = self.profile(collectors=["sql"], db=False)
        with nested:
            response = self.post_report(public=True)
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        self.assertIn("/pengaduan/lacak/", response.headers["Location"])
        ticket = self.env["helpdesk.ticket"].search(
            [("reporter_name", "=", "Budi Santoso")], order="id desc", limit=1
        )
        self.assertTrue(ticket.deadline_followup)
        self.assertTrue(ticket.deadline_resolution)
        self.assertEqual(
            ticket.deadline_resolution,
            ticket._kel_plan_days(ticket.date_reported, ticket.kel_resolution_target),
        )
        # Each 14-day window of the calendar (holidays) is searched once, not
        # once per deadline.
        windows = [
            query
            for query in selects_from(
                sql_of(nested.profiler), "resource_calendar_leaves"
            )
            if '"date_from" <=' in query
        ]
        self.assertTrue(windows)
        self.assertEqual(len(windows), len(set(windows)), "\n\n".join(windows))


@tagged("post_install", "-at_install")
class TestPerfPlanDays(KelurahanCase):
    def test_many_targets_equal_separate_plans(self):
        ticket = self.make_ticket()
        holiday = datetime(2026, 8, 17)
        starts = [
            datetime(2026, 3, 2, 2, 0),  # Monday 09:00 WIB
            datetime(2026, 3, 6, 9, 30),  # Friday afternoon
            datetime(2026, 3, 7, 5, 0),  # Saturday
            datetime(2026, 8, 14, 8, 59),  # before a holiday weekend
            holiday,
            datetime(2026, 12, 24, 1, 15),
        ]
        targets = [(0.5, 5.0), (1.0, 1.0), (2.0, 14.0), (3.0, 45.0), (7.0, 2.0)]
        for start in starts:
            for days in targets:
                with self.subTest(start=start, days=days):
                    self.assertEqual(
                        ticket._kel_plan_days_many(start, list(days)),
                        [ticket._kel_plan_days(start, d) for d in days],
                    )

    def test_officer_list_page_reads_rows_in_one_query(self):
        tickets = self.make_ticket() | self.make_ticket(name="Lampu mati")
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_officer)
        spec = {"number": {}, "name": {}}
        domain = [("id", "in", tickets.ids)]
        Ticket.web_search_read(domain, spec, limit=80)  # rules and access cached
        self.env.invalidate_all()
        with self.profile(collectors=["sql"], db=False) as profiler:
            result = Ticket.web_search_read(domain, spec, limit=80)
        self.assertEqual(
            sorted(row["number"] for row in result["records"]),
            sorted(tickets.mapped("number")),
        )
        reads = selects_from(sql_of(profiler), "helpdesk_ticket")
        self.assertEqual(len(reads), 1, "\n\n".join(reads))
        self.assertNotIn(WIDE_TICKET_COLUMN, reads[0])
