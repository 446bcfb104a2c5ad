# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import KelurahanCase


@tagged("post_install", "-at_install")
class TestComplaintLocation(KelurahanCase):
    def test_rt_must_be_in_rw(self):
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.make_ticket(rw_id=self.rw_a.id, rt_id=self.rt_b1.id)
        self.assertIn(self.rw_a.name, str(caught.exception))
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        ticket = self.make_ticket()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            ticket.rw_id = self.rw_b
        self.assertEqual(ticket.rw_id, self.rw_a)

    def test_rw_of_other_kelurahan_refused(self):
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            self.make_ticket(rw_id=self.rw_other.id, rt_id=False)
        self.assertIn(self.rw_other.display_name, str(caught.exception))

    def test_coordinates_in_range(self):
        ticket = self.make_ticket(latitude=-6.3340511, longitude=106.8590012)
        self.assertAlmostEqual(ticket.latitude, -6.3340511, places=7)
        for vals in ({"latitude": 91.0}, {"latitude": -90.5}, {"longitude": 180.1}):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                ticket.write(vals)
        self.assertAlmostEqual(ticket.latitude, -6.3340511, places=7)

    def test_rw_rt_names(self):
        self.assertEqual(self.rw_a.name, "RW 91")
        self.assertEqual(self.rt_a1.name, "RT 001")
        self.assertEqual(self.rt_a1.display_name, "RT 001 / RW 91")
        self.assertEqual(self.rw_a.rt_count, 2)
