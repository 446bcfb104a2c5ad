# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: the deadline job picks, in one query, the complaints it has to
escalate, instead of walking every overdue complaint at each run."""

from odoo import fields
from odoo.tests import tagged

from .common import KelurahanCase


@tagged("post_install", "-at_install")
class TestDeadlineCronSetBased(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category.write({"followup_days": 1, "resolution_days": 3})
        cls.escalation = cls.env.ref("kelurahan_crm.mail_activity_type_escalation")

    def escalations(self, tickets):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", tickets.ids),
                ("activity_type_id", "=", self.escalation.id),
                ("user_id", "=", self.user_lurah.id),
            ]
        )

    def run_cron(self):
        """(escalated complaints, queries of the run)."""
        Ticket = self.env["helpdesk.ticket"]
        before = self.env.cr.sql_log_count
        escalated = Ticket._cron_kel_deadlines()
        self.env.flush_all()
        return escalated, self.env.cr.sql_log_count - before

    def test_only_new_escalations_are_walked(self):
        Ticket = self.env["helpdesk.ticket"]
        with self.at(2026, 5, 13, 10, 0):
            first = self.make_ticket() | self.make_ticket()
        with self.at(2026, 5, 15, 11, 0):
            escalated, _queries = self.run_cron()
            self.assertEqual(escalated, first)
            self.assertEqual(len(self.escalations(first)), 2)
            self.assertTrue(all(first.mapped("is_overdue")))
            now = fields.Datetime.now()
            self.assertFalse(Ticket._kel_to_escalate(now))
            _escalated, idle_two = self.run_cron()
        with self.at(2026, 5, 13, 10, 0):
            more = self.make_ticket() | self.make_ticket() | self.make_ticket()
        with self.at(2026, 5, 15, 11, 0):
            self.assertEqual(self.run_cron()[0], more)
            self.assertEqual(len(self.escalations(more)), 3)
            # Five overdue complaints, all escalated: the run costs the same
            # queries as with two (nothing walked one by one), escalates nothing.
            escalated, idle_five = self.run_cron()
            self.assertFalse(escalated)
            self.assertEqual(idle_five, idle_two)
        self.assertEqual(len(self.escalations(first | more)), 5, "once each")
        # The resolution deadline passes: escalated once more, each.
        with self.at(2026, 5, 19, 11, 0):
            self.assertEqual(self.run_cron()[0], first | more)
            self.assertFalse(self.run_cron()[0])
        self.assertEqual(len(self.escalations(first | more)), 10)
