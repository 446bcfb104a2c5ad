# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One office time zone: the company's calendar (WIB, WITA or WIT) decides what
"today", a day or a period is, for the dashboard, the export and the board,
whatever the user's own time zone."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KelurahanCase

# 10 March 2026 16:30 UTC: 23:30 in Jakarta (WIB), already 11 March 00:30 in
# Makassar (WITA).
NOW = datetime(2026, 3, 10, 16, 30)


@tagged("post_install", "-at_install")
class TestOfficeTime(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wita = cls.env["resource.calendar"].create(
            {"name": "Jam kerja WITA", "tz": "Asia/Makassar", "company_id": False}
        )
        cls.company_b.kel_calendar_id = cls.wita
        cls.user_officer_b.tz = "Europe/Brussels"

    def test_today_and_period_bounds_follow_the_office_calendar(self):
        with freeze_time(NOW):
            self.assertEqual(self.company._kel_today(), date(2026, 3, 10))
            self.assertEqual(self.company_b._kel_today(), date(2026, 3, 11))
            self.assertEqual(
                self.company_b._kel_period_bounds(date(2026, 3, 11)),
                (datetime(2026, 3, 10, 16, 0), datetime(2026, 3, 11, 16, 0)),
            )
            self.assertEqual(
                self.company._kel_period_bounds(date(2026, 3, 10)),
                (datetime(2026, 3, 9, 17, 0), datetime(2026, 3, 10, 17, 0)),
            )

    def test_dashboard_and_export_count_office_days(self):
        officer_b = self.user_officer_b
        env_b = self.env(user=officer_b, context={"tz": "Europe/Brussels"})
        with freeze_time(NOW):
            ticket = self.make_ticket(
                env=self.env["helpdesk.ticket"].with_company(self.company_b).env,
                rw_id=self.rw_other.id,
                rt_id=False,
                company_id=self.company_b.id,
                date_reported=datetime(2026, 3, 10, 16, 10),  # 00:10 WITA, 11 March
            )
            dashboard = env_b["kelurahan.dashboard"].with_company(self.company_b)
            date_from, date_to, start, _end = dashboard._kel_period()
            self.assertEqual(date_to, date(2026, 3, 11))
            data = dashboard.get_dashboard_data(date_to, date_to)
            self.assertEqual(data["date_from"], "2026-03-11")
            self.assertEqual(data["total"], 1)
            engine = env_b["kelurahan.report.engine"].with_company(self.company_b)
            self.assertEqual(engine._kel_today(), date(2026, 3, 11))
            day = {"date_from": "2026-03-11", "date_to": "2026-03-11"}
            self.assertEqual(list(engine._kel_complaint_ids(day)), ticket.ids)
            day = {"date_from": "2026-03-10", "date_to": "2026-03-10"}
            self.assertEqual(list(engine._kel_complaint_ids(day)), [])
            rows = list(engine._kel_complaint_rows({}, ids=ticket.ids))
            self.assertEqual(rows[0][1], datetime(2026, 3, 11, 0, 10))
