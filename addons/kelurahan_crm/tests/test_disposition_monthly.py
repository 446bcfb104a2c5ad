# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: the agency performance read from the monthly disposition summary
(whole months) plus the dispositions (the ends of the period) equals the direct
count over the dispositions, after every kind of change, for every role."""

from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import KelurahanCase, call_kw
from .test_agency_disposition import agency_contact

PERIODS = [
    # whole months inside, ends in Nov and Feb
    (datetime(2025, 11, 20, 17, 0), datetime(2026, 2, 10, 17, 0)),
    # exactly two whole months
    (datetime(2025, 12, 1), datetime(2026, 2, 1)),
    # within one month: no whole month, only the dispositions
    (datetime(2026, 1, 3), datetime(2026, 1, 20)),
    # everything
    (datetime(2020, 1, 1), datetime(2030, 1, 1)),
]


@tagged("post_install", "-at_install")
class TestDispositionMonthly(KelurahanCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.satpol = cls.env.ref("kelurahan_crm.agency_satpol_pp")
        cls.contact = agency_contact(cls.env, "t_monthly_bm", cls.agency)
        cls.ticket = cls.make_ticket(stage_id=cls.stage["verify"].id)
        cls.ticket_b = cls.make_ticket(
            stage_id=cls.stage["verify"].id, rw_id=cls.rw_b.id, rt_id=cls.rt_b1.id
        )
        cls.dispositions = cls.env["kelurahan.disposition"]
        for ticket, agency, sent in (
            (cls.ticket, cls.agency, datetime(2025, 11, 25, 3, 0)),
            (cls.ticket, cls.agency, datetime(2025, 12, 31, 23, 59)),
            (cls.ticket, cls.satpol, datetime(2026, 1, 1, 0, 0)),
            (cls.ticket_b, cls.agency, datetime(2026, 1, 15, 2, 0)),
            (cls.ticket_b, cls.satpol, datetime(2026, 2, 5, 2, 0)),
            (cls.ticket_b, cls.agency, datetime(2026, 2, 20, 2, 0)),
        ):
            cls.dispositions |= cls.send(ticket, agency, sent)
        cls.dispositions[0]._kel_agency_answer(cls.contact, "done", "Selesai")
        cls.dispositions[3]._kel_agency_answer(cls.contact, "accept")

    @classmethod
    def send(cls, ticket, agency, sent):
        return (
            cls.env["kelurahan.disposition"]
            .with_user(cls.user_officer)
            .create({"ticket_id": ticket.id, "agency_id": agency.id, "date_sent": sent})
        )

    def figures(self, rows):
        return sorted(
            (row["agency"].id, row["received"], row["within"], row["avg_days"])
            for row in rows
        )

    def assert_exact(self, users=None):
        for user in users or (self.user_lurah, self.user_officer, self.user_rw):
            Disposition = self.env["kelurahan.disposition"].with_user(user)
            for start, end in PERIODS:
                with self.subTest(user=user.login, start=start, end=end):
                    direct = Disposition._kel_agency_performance(
                        [("date_sent", ">=", start), ("date_sent", "<", end)]
                    )
                    self.assertEqual(
                        self.figures(
                            Disposition._kel_agency_performance_period(start, end)
                        ),
                        self.figures(direct),
                    )

    def summary_rows(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT company_id, month, agency_id, is_cancelled, is_within_target,"
            " is_answered, sum(received), round(sum(response_days_sum)::numeric, 6)"
            " FROM kelurahan_disposition_monthly GROUP BY 1, 2, 3, 4, 5, 6"
            " HAVING sum(received) <> 0 OR sum(response_days_sum) <> 0"
            " ORDER BY 1, 2, 3, 4, 5, 6"
        )
        return self.env.cr.fetchall()

    def test_exact_after_each_change(self):
        self.assertTrue(self.summary_rows())
        self.assert_exact()
        late = self.dispositions[3]
        late._kel_agency_answer(self.contact, "done", "Sudah")
        self.assert_exact()
        self.dispositions[1].with_user(self.user_officer).action_cancel()
        self.assert_exact()
        self.dispositions[2].date_sent = datetime(2026, 2, 2, 1, 0)
        self.assert_exact()
        self.dispositions[4].unlink()
        self.assert_exact()
        self.send(self.ticket, self.satpol, datetime(2025, 12, 10, 5, 0))
        self.assert_exact()
        # merged into one row per key, the same sums, still exact
        before = self.summary_rows()
        self.env["kelurahan.disposition.monthly"]._kel_compact()
        self.assertEqual(self.summary_rows(), before)
        self.env.cr.execute(
            "SELECT count(*) FROM kelurahan_disposition_monthly m"
            " JOIN kelurahan_disposition_monthly n ON n.id <> m.id"
            " AND n.company_id = m.company_id AND n.month = m.month"
            " AND n.agency_id = m.agency_id AND n.is_cancelled = m.is_cancelled"
            " AND n.is_within_target = m.is_within_target"
            " AND n.is_answered = m.is_answered"
            " WHERE m.company_id = %s",
            [self.env.company.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assert_exact()
        # a rebuild from the dispositions gives the same summary
        self.env["kelurahan.disposition.monthly"]._kel_rebuild()
        self.assertEqual(self.summary_rows(), before)

    def test_summary_used_for_whole_months_only(self):
        """The lurah's three months read the summary (a change made behind the
        triggers' back shows there), an RW officer's never do."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE kelurahan_disposition_monthly SET received = received + 100"
            " WHERE month = '2025-12-01'"
        )
        start, end = PERIODS[0]
        lurah = self.env["kelurahan.disposition"].with_user(self.user_lurah)
        total = sum(
            row["received"] for row in lurah._kel_agency_performance_period(start, end)
        )
        self.assertGreaterEqual(total, 100)
        rw = self.env["kelurahan.disposition"].with_user(self.user_rw)
        self.assertLess(
            sum(
                row["received"] for row in rw._kel_agency_performance_period(start, end)
            ),
            100,
        )

    def test_other_kelurahan_and_rw_officer(self):
        """Another kelurahan's dispositions never count; an RW officer may not
        read the summary at all (RPC refused) and gets their RW's figures."""
        ticket = self.make_ticket(
            env=self.env(user=self.user_officer_b),
            company_id=self.company_b.id,
            rw_id=self.rw_other.id,
            rt_id=False,
            stage_id=self.stage["verify"].id,
        )
        agency_b = self.env["kelurahan.agency"].create(
            {"name": "Puskesmas B", "kind": "instansi", "company_id": self.company_b.id}
        )
        self.env["kelurahan.disposition"].with_user(self.user_officer_b).create(
            {
                "ticket_id": ticket.id,
                "agency_id": agency_b.id,
                "date_sent": datetime(2025, 12, 15),
            }
        )
        self.assert_exact(
            (self.user_lurah, self.user_officer, self.user_rw, self.user_officer_b)
        )
        lurah = self.env["kelurahan.disposition"].with_user(self.user_lurah)
        agencies = {
            row["agency"] for row in lurah._kel_agency_performance_period(*PERIODS[3])
        }
        self.assertNotIn(agency_b, agencies)
        with self.assertRaises(AccessError):
            self.env["kelurahan.disposition.monthly"].with_user(self.user_rw).search([])
        self.authenticate("t_rw", "t_rw")
        for method, kwargs in (
            ("search_read", {"fields": ["received"]}),
            ("read_group", {"fields": ["received:sum"], "groupby": ["agency_id"]}),
        ):
            with self.subTest(method=method):
                response = call_kw(
                    self, "kelurahan.disposition.monthly", method, [], **kwargs
                )
                self.assertEqual(
                    response["error"]["data"]["name"], "odoo.exceptions.AccessError"
                )
