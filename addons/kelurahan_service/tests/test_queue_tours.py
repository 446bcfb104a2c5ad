# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The counter and the follow link in Chromium: the officer issues, prints and
calls numbers (priority first), the TV shows them; the resident's phone follows
its number live."""

from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import PhoneBrowserMixin

from .test_queue import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueCounterTour(QueueCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()

    def test_officer_issues_prints_and_calls(self):
        self.start_tour(
            f"/odoo/action-kelurahan_service.kelurahan_counter_action/{self.counter.id}",
            "kelurahan_queue_counter",
            login="kel_officer",
        )
        tickets = self.Ticket.search([("service_id", "=", self.service.id)])
        self.assertEqual(
            sorted((t.name, t.state, t.priority_reason) for t in tickets),
            [("PT001", "served", "elderly"), ("T001", "called", False)],
        )
        self.assertEqual(self.counter.current_ticket_id.name, "T001")


@tagged("post_install", "-at_install")
class TestQueueFollowTourMobile(PhoneBrowserMixin, QueueCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()

    def test_resident_follows_number_on_phone(self):
        ahead = self.Ticket._kel_issue_walkin(self.service)
        ticket = self.Ticket._kel_issue_walkin(self.service)
        url = ticket._kel_follow_url()
        path = url[url.index("/antrian/ikuti/") :]
        # The officer's session calls the number ahead from the page (RPC).
        self.start_tour(
            f"{path}?loket={self.counter.id}",
            "kelurahan_queue_follow_mobile",
            login="kel_officer",
        )
        self.assertEqual(ahead.state, "called")
        self.assertEqual(ticket.people_ahead, 0)
