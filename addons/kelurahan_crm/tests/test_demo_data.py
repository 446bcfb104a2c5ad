# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import NO_MAIL


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The Kalisari demo tells a believable six-month story (demo databases only)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.tickets = cls.env["helpdesk.ticket"].search(
            [("company_id", "=", company.id), ("number", "=like", "ADU/%")]
        )

    def test_volume_period_and_states(self):
        self.assertGreaterEqual(len(self.tickets), 280)
        now = fields.Datetime.now()
        oldest = min(self.tickets.mapped("date_reported"))
        self.assertGreater(oldest, now - timedelta(days=190))
        self.assertLess(oldest, now - timedelta(days=120), "spans about six months")
        self.assertTrue(all(t.date_reported <= now for t in self.tickets))
        states = set(self.tickets.mapped("kel_state"))
        self.assertEqual(
            states, {"new", "verify", "dispatch", "progress", "done", "rejected"}
        )
        self.assertEqual(len(set(self.tickets.mapped("rw_id"))), 10)
        self.assertEqual(len(set(self.tickets.mapped("category_id"))), 10)
        self.assertGreaterEqual(len(set(self.tickets.mapped("channel_id"))), 8)

    def test_special_cases_present(self):
        tickets = self.tickets
        self.assertTrue(tickets.filtered("is_overdue"))
        self.assertTrue(tickets.filtered("is_anonymous"))
        self.assertTrue(tickets.filtered("is_confidential"))
        self.assertTrue(tickets.filtered("is_disputed"))
        self.assertTrue(tickets.filtered(lambda t: t.support_count > 1))
        self.assertTrue(tickets.filtered("duplicate_of_id"))
        self.assertTrue(tickets.filtered("rating"))
        # every demo rating and dispute is in the verdict history
        for ticket in tickets.filtered(lambda t: t.rating or t.is_disputed):
            kinds = ticket.feedback_ids.mapped("kind")
            self.assertIn("dispute" if ticket.is_disputed else "rating", kinds)
        dispositions = tickets.disposition_ids
        self.assertTrue(dispositions.filtered("date_done"))
        self.assertTrue(
            dispositions.filtered(
                lambda d: not d.date_done and d.date_due < fields.Datetime.now()
            ),
            "some dispositions are overdue for the dashboard",
        )
        done = tickets.filtered(lambda t: t.kel_state == "done")
        self.assertTrue(all(done.mapped("followup_note")))
        self.assertTrue(done.filtered("is_within_deadline"))
        self.assertTrue(done.filtered(lambda t: not t.is_within_deadline))

    def test_dates_are_consistent(self):
        followed = self.tickets.filtered("date_followup")
        done = self.tickets.filtered("date_done")
        # the demo has complaints followed up and done, so the checks below run
        self.assertTrue(followed)
        self.assertTrue(done)
        self.assertLessEqual(done, followed, "done complaints were followed up")
        for ticket in followed:
            self.assertGreaterEqual(ticket.date_followup, ticket.date_reported)
        for ticket in done:
            self.assertGreaterEqual(ticket.date_done, ticket.date_followup)

    def test_generator_is_deterministic(self):
        generator = self.env["kelurahan.demo"].with_context(**NO_MAIL)
        Ticket = self.env["helpdesk.ticket"]

        def run():
            before = Ticket.search([]).ids
            generator._generate_complaints(count=15, seed=7)
            new = Ticket.search([("id", "not in", before)], order="id")
            return [(t.name, t.category_id.id, t.rw_id.id, t.kel_state) for t in new]

        first = run()
        self.assertGreaterEqual(len(first), 15)
        self.assertEqual(run(), first)


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    """Every demo login is an Indonesian user of an office in Jakarta, and the demo
    holds no English sample data of the modules we build on."""

    def test_demo_users_are_indonesian(self):
        for xmlid in (
            "base.user_admin",
            "kelurahan_crm.user_demo_lurah",
            "kelurahan_crm.user_demo_officer",
            "kelurahan_crm.user_demo_rw",
            "kelurahan_crm.user_demo_warga",
        ):
            user = self.env.ref(xmlid)
            self.assertEqual((user.lang, user.tz), ("id_ID", "Asia/Jakarta"), xmlid)
        self.assertTrue(self.env["res.lang"]._lang_get("id_ID").active)

    def test_no_english_helpdesk_demo_tickets(self):
        for index in range(1, 9):
            self.assertFalse(
                self.env.ref(
                    f"helpdesk_mgmt.helpdesk_ticket_{index}", raise_if_not_found=False
                )
            )
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=False)
        self.assertFalse(Ticket.search([("number", "=like", "HT%")]))
        self.assertFalse(
            Ticket.search([("name", "in", ("Damaged Products", "Documents unclear"))])
        )
