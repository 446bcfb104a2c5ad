# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KelurahanCase, role_user, walk_to_stage, wib


@tagged("post_install", "-at_install")
class TestComplaintSla(KelurahanCase):
    """Deadlines per category in working days, overdue flags, escalation job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category.write({"followup_days": 1, "resolution_days": 3})

    def activities(self, ticket, user):
        return ticket.activity_ids.filtered(
            lambda a: a.user_id == user
            and a.activity_type_id
            == self.env.ref("kelurahan_crm.mail_activity_type_escalation")
        )

    def test_deadlines_skip_weekend_and_holiday(self):
        # Wed 13 May 2026 10:00 WIB; Thu 14 May holiday; weekend 16-17 May.
        with self.at(2026, 5, 13, 10, 0):
            ticket = self.make_ticket()
        # 1 working day = 8 h: Wed 10-16 (6 h), Fri 08-10 (2 h).
        self.assertEqual(ticket.deadline_followup, wib(2026, 5, 15, 10, 0))
        # 3 days = 24 h: Wed 6 + Fri 8 + Mon 8 + Tue 2.
        self.assertEqual(ticket.deadline_resolution, wib(2026, 5, 19, 10, 0))

    def test_report_on_saturday_starts_monday(self):
        with self.at(2026, 3, 7, 20, 0):
            ticket = self.make_ticket()
        self.assertEqual(ticket.deadline_followup, wib(2026, 3, 9, 16, 0))

    def test_subcategory_inherits_parent_targets(self):
        child = self.env["helpdesk.ticket.category"].create(
            {
                "name": "Jalan berlubang",
                "parent_id": self.category.id,
                "followup_days": 0,
                "resolution_days": 0,
            }
        )
        self.assertEqual(child._kel_sla(), (1.0, 3.0))

    def test_category_edit_keeps_past_deadlines(self):
        """A complaint keeps the targets it was filed under: tightening the category
        afterwards neither moves its deadlines nor turns it late."""
        with self.at(2026, 5, 13, 10, 0):
            past = self.make_ticket()
        with self.at(2026, 5, 18, 10, 0):
            walk_to_stage(past, "done", followup_note="Sudah diperbaiki")
        self.assertEqual(past.deadline_resolution, wib(2026, 5, 19, 10, 0))
        self.assertTrue(past.is_within_deadline)
        self.category.write({"followup_days": 0.5, "resolution_days": 1})
        self.env.flush_all()
        self.assertEqual(past.deadline_resolution, wib(2026, 5, 19, 10, 0))
        self.assertEqual((past.kel_followup_target, past.kel_resolution_target), (1, 3))
        self.assertTrue(past.is_within_deadline)
        # A new complaint takes the new targets.
        with self.at(2026, 5, 13, 10, 0):
            new = self.make_ticket()
        self.assertEqual((new.kel_followup_target, new.kel_resolution_target), (0.5, 1))
        self.assertEqual(new.deadline_resolution, wib(2026, 5, 15, 10, 0))
        # Moved to another category, a complaint takes that one's targets.
        other = self.env.ref("kelurahan_crm.category_sampah")
        other.write({"followup_days": 2, "resolution_days": 4})
        past.category_id = other
        self.assertEqual((past.kel_followup_target, past.kel_resolution_target), (2, 4))

    def test_parent_targets_reach_new_subcategory_complaints(self):
        child = self.env["helpdesk.ticket.category"].create(
            {
                "name": "Jalan berlubang",
                "parent_id": self.category.id,
                "followup_days": 0,
                "resolution_days": 0,
            }
        )
        with self.at(2026, 5, 13, 10, 0):
            before = self.make_ticket(category_id=child.id)
        self.category.write({"followup_days": 2, "resolution_days": 6})
        with self.at(2026, 5, 13, 10, 0):
            after = self.make_ticket(category_id=child.id)
        self.assertEqual(
            (before.kel_followup_target, before.kel_resolution_target), (1, 3)
        )
        self.assertEqual(
            (after.kel_followup_target, after.kel_resolution_target), (2, 6)
        )
        self.assertEqual(after.deadline_followup, wib(2026, 5, 18, 10, 0))

    def test_category_targets_validated(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.category.followup_days = -1
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.category.write({"followup_days": 5, "resolution_days": 2})

    def test_overdue_and_within_deadline(self):
        with self.at(2026, 5, 13, 10, 0):
            late = self.make_ticket()
            on_time = self.make_ticket()
        self.assertFalse(late.is_overdue)
        with self.at(2026, 5, 15, 9, 0):
            walk_to_stage(on_time, "progress")
            on_time.write(
                {"followup_note": "Sudah diperbaiki", "stage_id": self.stage["done"].id}
            )
        self.assertTrue(on_time.is_within_deadline)
        self.assertFalse(on_time.is_overdue)
        with self.at(2026, 5, 15, 11, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
        self.assertTrue(late.is_overdue, "no Tgl TL after the follow-up deadline")
        self.assertFalse(on_time.is_overdue)
        overdue = self.env["helpdesk.ticket"].search([("is_overdue", "=", True)])
        self.assertIn(late, overdue)
        with self.at(2026, 5, 20, 9, 0):
            walk_to_stage(late, "progress")
            self.assertTrue(late.is_overdue, "still past its resolution deadline")
            late.write({"followup_note": "Beres", "stage_id": self.stage["done"].id})
        self.assertFalse(late.is_overdue)
        self.assertFalse(late.is_within_deadline)

    def test_escalation_once_per_deadline(self):
        with self.at(2026, 5, 13, 10, 0):
            ticket = self.make_ticket()
        with self.at(2026, 5, 15, 9, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
        self.assertFalse(self.activities(ticket, self.user_lurah), "not yet due")
        with self.at(2026, 5, 15, 11, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
        activity = self.activities(ticket, self.user_lurah)
        self.assertEqual(len(activity), 1, "follow-up deadline escalated once")
        self.assertFalse(self.activities(ticket, self.user_officer))
        self.assertFalse(self.activities(ticket, self.user_admin), "lurah, not admin")
        self.assertEqual(ticket.kel_escalated_followup, ticket.deadline_followup)
        with self.at(2026, 5, 19, 11, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
        self.assertEqual(
            len(self.activities(ticket, self.user_lurah)), 2, "then resolution once"
        )

    def test_escalation_stays_in_its_kelurahan(self):
        lurah_b = role_user(
            self.env,
            "t_lurah_b",
            "lurah",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        with self.at(2026, 5, 13, 10, 0):
            ticket = self.make_ticket(
                company_id=self.company_b.id, rw_id=self.rw_other.id, rt_id=False
            )
        with self.at(2026, 5, 15, 11, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
        self.assertEqual(len(self.activities(ticket, lurah_b)), 1, "B's lurah")
        self.assertIn(ticket.number, self.activities(ticket, lurah_b).note)
        self.assertFalse(self.activities(ticket, self.user_lurah))

    def test_cron_record_exists(self):
        cron = self.env.ref("kelurahan_crm.ir_cron_kel_deadlines")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "helpdesk.ticket")
