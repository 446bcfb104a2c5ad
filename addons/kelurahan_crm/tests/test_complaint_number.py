# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import KelurahanCase

NUMBER = re.compile(r"^ADU/\d{4}/\d{6}$")


@tagged("post_install", "-at_install")
class TestComplaintNumber(KelurahanCase):
    def test_number_format_and_per_company(self):
        ticket = self.make_ticket()
        self.assertRegex(ticket.number, NUMBER)
        other = self.make_ticket(
            company_id=self.company_b.id, rw_id=self.rw_other.id, rt_id=False
        )
        self.assertRegex(other.number, NUMBER)
        seq = self.env["ir.sequence"].search(
            [
                ("code", "=", "kelurahan.complaint"),
                ("company_id", "=", self.company_b.id),
            ]
        )
        self.assertEqual(len(seq), 1, "a new kelurahan gets its own sequence")

    def test_copy_gets_new_number(self):
        ticket = self.make_ticket()
        self.assertNotEqual(ticket.copy().number, ticket.number)

    @mute_logger("odoo.sql_db")
    def test_number_unique_in_database(self):
        first = self.make_ticket()
        second = self.make_ticket()
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            second.write({"number": first.number})
            second.flush_recordset()


@tagged("post_install", "-at_install")
class TestComplaintNumberConcurrency(BaseCase):
    """Complaints created at the same moment in separate transactions never share a
    number (PostgreSQL sequence, no row lock)."""

    def test_concurrent_creation_distinct_numbers(self):
        registry = Registry(get_db_name())
        workers = 4
        barrier = threading.Barrier(workers)

        def create_one(index):
            with registry.cursor() as cr:
                # The test runner holds the registry lock: give the cursor its
                # transaction directly instead of letting Environment look it up.
                cr.transaction = api.Transaction(registry)
                env = api.Environment(cr, SUPERUSER_ID, {"kel_no_notify": True})
                category = env.ref("kelurahan_crm.category_sampah")
                barrier.wait(timeout=10)
                tickets = env["helpdesk.ticket"].create(
                    [
                        {
                            "name": f"Sampah menumpuk {index}-{n}",
                            "description": "<p>Tes bersamaan</p>",
                            "category_id": category.id,
                        }
                        for n in range(5)
                    ]
                )
                numbers = tickets.mapped("number")
                cr.rollback()  # leave the database as it was
                return numbers

        with ThreadPoolExecutor(max_workers=workers) as executor:
            futures = [executor.submit(create_one, i) for i in range(workers)]
            numbers = [n for future in futures for n in future.result(timeout=60)]
        self.assertEqual(len(numbers), workers * 5)
        self.assertEqual(len(set(numbers)), len(numbers), numbers)
        for number in numbers:
            self.assertRegex(number, NUMBER)
