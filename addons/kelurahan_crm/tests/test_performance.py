# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KelurahanCase

LIST_SPEC = {
    "number": {},
    "name": {},
    "date_reported": {},
    "date_followup": {},
    "category_id": {"fields": {"display_name": {}}},
    "rw_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "kel_state": {},
    "is_overdue": {},
    "support_count": {},
    "user_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestPerformance(KelurahanCase):
    def test_indexes(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket'"
        )
        defs = " ".join(row[0] for row in self.env.cr.fetchall())
        for column in (
            "date_reported",
            "date_followup",
            "date_done",
            "kel_state",
            "is_overdue",
            "rw_id",
            "rt_id",
            "category_id",
            "channel_id",
            "stage_id",
            "company_id",
            "deadline_resolution",
        ):
            self.assertIn(f"({column})", defs, column)
        self.assertIn("(company_id, number)", defs)

    def test_list_query_count(self):
        for i in range(40):
            self.make_ticket(
                name=f"Aduan {i}", rw_id=(self.rw_a | self.rw_b)[i % 2].id, rt_id=False
            )
        # Opening the complaint list: one page of 80 with the columns staff use.
        for login, expected in (("t_officer", 9), ("t_rw", 15)):
            with self.with_user(login):
                Ticket = self.env["helpdesk.ticket"]
                Ticket.web_search_read([], LIST_SPEC, limit=80)  # warm the caches
                self.env.invalidate_all()
                with self.assertQueryCount(**{login: expected}):
                    result = Ticket.web_search_read([], LIST_SPEC, limit=80)
                self.assertTrue(result["records"])
