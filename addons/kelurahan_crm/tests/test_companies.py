# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A record cannot be moved into another kelurahan through a related record, even by
an administrator of both (``check_company`` on the relations between
company-bound records)."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import KelurahanCase, role_user


@tagged("post_install", "-at_install")
class TestCompanies(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        both = (cls.company | cls.company_b).ids
        cls.district = role_user(
            cls.env,
            "t_district",
            "admin",
            company_id=cls.company.id,
            company_ids=[Command.set(both)],
        )
        cls.env = cls.env(user=cls.district, context={"allowed_company_ids": both})
        cls.agency_b = cls.env["kelurahan.agency"].create(
            {"name": "Sudin Gedong", "company_id": cls.company_b.id}
        )

    def test_complaint_cannot_move_with_an_rw_of_the_other_kelurahan(self):
        ticket = self.make_ticket()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.company_id = self.company_b
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.write({"rw_id": self.rw_other.id, "rt_id": False})
        self.assertEqual(ticket.company_id, self.company)
        # Moved with an RW of the other kelurahan, it is consistent again.
        ticket.write(
            {"company_id": self.company_b.id, "rw_id": self.rw_other.id, "rt_id": False}
        )
        self.assertEqual(ticket.rw_id.company_id, self.company_b)

    def test_rw_cannot_leave_with_its_complaints(self):
        self.make_ticket()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.rw_a.company_id = self.company_b
        empty = self.env["kelurahan.rw"].create(
            {"number": 77, "company_id": self.company.id}
        )
        self.env["kelurahan.rt"].create({"number": 1, "rw_id": empty.id})
        empty.company_id = self.company_b
        self.assertEqual(empty.rt_ids.company_id, self.company_b)

    def test_disposition_to_an_agency_of_the_other_kelurahan_refused(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["kelurahan.disposition"].create(
                {"ticket_id": ticket.id, "agency_id": self.agency_b.id}
            )
        self.env["kelurahan.disposition"].create(
            {"ticket_id": ticket.id, "agency_id": self.agency.id}
        )
