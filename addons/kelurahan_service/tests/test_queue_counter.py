# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The service counter: call order with priority numbers and its fairness rule,
the calm answer of an empty queue, recall, skip (no-show) and transfer, and who
may use them (over RPC, as the web client does)."""

import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.kelurahan_crm.tests.common import call_kw

from ..models.kelurahan_queue_ticket_call import PRIORITY_STREAK
from .test_queue import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueCallOrder(QueueCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()
        cls.counter = cls.counter.with_user(cls.user_officer)
        cls.counter_b = cls.counter_b.with_user(cls.user_officer)

    def _issue(self, second, service=None, reason=False):
        """A walk-in number checked in ``second`` seconds after the first one."""
        ticket = self.Ticket._kel_issue_walkin(
            service or self.service, priority_reason=reason
        )
        ticket.checkin_date = self.start + datetime.timedelta(seconds=second)
        return ticket

    def setUp(self):
        super().setUp()
        self.start = fields.Datetime.now().replace(microsecond=0)

    def _at(self, second):
        return freeze_time(self.start + datetime.timedelta(seconds=60 + second))

    def test_priority_numbers_have_their_own_series(self):
        regular = self._issue(0)
        elderly = self._issue(1, reason="elderly")
        pregnant = self._issue(2, reason="pregnant")
        self.assertEqual(
            (regular.name, elderly.name, pregnant.name), ("T001", "PT001", "PT002")
        )
        self.assertTrue(elderly.is_priority)
        self.assertFalse(regular.is_priority)
        self.assertEqual(self._issue(3).name, "T002")

    def test_priority_called_before_earlier_regular(self):
        first = self._issue(0)
        second = self._issue(5)
        disabled = self._issue(10, reason="disability")
        self.assertEqual(first.people_ahead, 1, "the priority number goes first")
        self.assertEqual(second.people_ahead, 2)
        self.assertEqual(disabled.people_ahead, 0)
        self.assertEqual(self.counter.action_call_next(), disabled)
        self.counter.action_serve()
        self.assertEqual(self.counter.action_call_next(), first)
        self.counter.action_serve()
        self.assertEqual(self.counter.action_call_next(), second)

    def test_fairness_after_a_priority_streak(self):
        regular = self._issue(0)
        priority = [self._issue(1 + n, reason="elderly") for n in range(4)]
        called = []
        for _n in range(PRIORITY_STREAK + 2):
            called.append(self.counter.action_call_next())
            self.counter.action_serve()
        self.assertEqual(
            [t.name for t in called],
            [p.name for p in priority[:PRIORITY_STREAK]]
            + [regular.name, priority[PRIORITY_STREAK].name],
        )

    def test_empty_queue_is_a_calm_note(self):
        self._issue(0, service=self.service_b)  # another counter's service
        action = self.counter.action_call_next()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "info")
        self.assertIn("Nobody is waiting", action["params"]["message"])
        self.assertFalse(self.counter.current_ticket_id)

    def test_recall_skip_and_transfer(self):
        ticket = self._issue(0)
        waiting_b = self._issue(1, service=self.service_b)
        with self._at(10):
            self.counter.action_call_next()
        with self._at(12):
            self.counter.action_recall()
        self.assertEqual(ticket.recall_count, 1)
        self.assertEqual(
            ticket.last_called_date, self.start + datetime.timedelta(seconds=72)
        )
        action = self.counter.action_transfer()
        wizard = (
            self.env["kelurahan.queue.transfer"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"counter_id": self.counter_b.id})
        )
        wizard.action_transfer()
        self.assertEqual(
            (ticket.state, ticket.transfer_counter_id, ticket.transfer_count),
            ("waiting", self.counter_b, 1),
        )
        self.assertFalse(self.counter.current_ticket_id)
        self.assertEqual(self.counter.action_call_next()["tag"], "display_notification")
        # At the other counter the transferred visitor comes first, even before
        # that counter's own number issued earlier; the first call is kept.
        with self._at(20):
            self.assertEqual(self.counter_b.action_call_next(), ticket)
        self.assertEqual(
            ticket.called_date, self.start + datetime.timedelta(seconds=70)
        )
        with self.assertRaises(UserError):
            ticket._kel_transfer(self.counter_b)  # already there
        self.counter_b.action_no_show()
        self.assertEqual(ticket.state, "no_show")
        self.assertTrue(ticket.no_show_date)
        self.assertEqual(self.counter_b.action_call_next(), waiting_b)

    def test_walkin_dialog_issues_and_prints(self):
        action = self.counter.action_issue_walkin()
        self.assertEqual(action["res_model"], "kelurahan.queue.walkin")
        Walkin = self.env["kelurahan.queue.walkin"].with_user(self.user_officer)
        wizard = Walkin.with_context(**action["context"]).create(
            {"priority_reason": "pregnant"}
        )
        self.assertEqual(wizard.service_id, self.service)
        wizard.action_issue()
        self.assertEqual(wizard.ticket_name, "PT001")
        self.assertEqual(wizard.ticket_id.priority_reason, "pregnant")
        wizard.action_issue()  # pressed twice: still one number
        self.assertEqual(
            self.Ticket.search_count([("service_id", "=", self.service.id)]), 1
        )
        self.assertEqual(
            wizard.print_url_58, f"/antrian/cetak/{wizard.ticket_id.id}?lebar=58"
        )

    def test_roles_refused(self):
        ticket = self.Ticket._kel_issue_walkin(self.service)
        self.counter.sudo().action_call(ticket)
        for user in (self.user_rw, self.user_portal):
            with self.assertRaises(AccessError):
                self.counter.with_user(user).action_call_next()
            with self.assertRaises(AccessError):
                self.counter.with_user(user).action_recall()
            with self.assertRaises(AccessError):
                self.counter.with_user(user).action_issue_walkin()
            with self.assertRaises(AccessError):
                ticket.with_user(user)._kel_transfer(self.counter_b)
        self.assertEqual((ticket.state, ticket.recall_count), ("called", 0))


@tagged("post_install", "-at_install")
class TestQueueCounterRpc(QueueCommon, HttpCase):
    """The new buttons over /web/dataset/call_kw: officers allowed, residents and
    RW officers refused with an access error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()

    def test_call_kw_by_role(self):
        ticket = self.Ticket._kel_issue_walkin(self.service)
        for login, password in (("kel_warga1", "kel_warga1_pw"), ("kel_rw", "kel_rw")):
            self.authenticate(login, password)
            for model, method, record in (
                ("kelurahan.counter", "action_call_next", self.counter),
                ("kelurahan.counter", "action_transfer", self.counter),
                ("kelurahan.counter", "action_issue_walkin", self.counter),
                ("kelurahan.queue.ticket", "action_recall", ticket),
                ("kelurahan.queue.ticket", "action_no_show", ticket),
            ):
                answer = call_kw(self, model, method, record.ids)
                self.assertIn("error", answer, (login, method))
                self.assertEqual(
                    answer["error"]["data"]["name"],
                    "odoo.exceptions.AccessError",
                    (login, method),
                )
            answer = call_kw(
                self,
                "kelurahan.queue.walkin",
                "create",
                {"counter_id": self.counter.id},
            )
            self.assertEqual(
                answer["error"]["data"]["name"], "odoo.exceptions.AccessError"
            )
        self.assertEqual(ticket.state, "waiting")
        self.authenticate("kel_officer", "kel_officer")
        answer = call_kw(
            self, "kelurahan.counter", "action_call_next", self.counter.ids
        )
        self.assertNotIn("error", answer)
        self.assertEqual(ticket.state, "called")
        answer = call_kw(self, "kelurahan.counter", "action_transfer", self.counter.ids)
        self.assertEqual(answer["result"]["res_model"], "kelurahan.queue.transfer")
