# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.kelurahan_crm.models.kelurahan_complaint_duplicate import haversine_m

from .common import KelurahanCase

# Two points ~55 m apart on Jl. Kalisari Raya, a third ~1 km away.
HERE = (-6.3340000, 106.8590000)
NEAR = (-6.3345000, 106.8590000)
FAR = (-6.3430000, 106.8590000)


@tagged("post_install", "-at_install")
class TestDuplicates(KelurahanCase):
    def setUp(self):
        super().setUp()
        self.company.write({"kel_duplicate_days": 14, "kel_duplicate_distance": 100})

    def test_haversine(self):
        self.assertAlmostEqual(haversine_m(*HERE, *NEAR), 55.6, delta=0.5)
        self.assertAlmostEqual(haversine_m(*HERE, *FAR), 1000.8, delta=2)

    def test_candidates_same_rw_rt_or_near(self):
        with self.at(2026, 3, 2, 9, 0):
            main = self.make_ticket(latitude=HERE[0], longitude=HERE[1])
        with self.at(2026, 3, 5, 9, 0):
            same_rt = self.make_ticket()
            near_other_rw = self.make_ticket(
                rw_id=self.rw_b.id, rt_id=False, latitude=NEAR[0], longitude=NEAR[1]
            )
            far_other_rw = self.make_ticket(
                rw_id=self.rw_b.id, rt_id=False, latitude=FAR[0], longitude=FAR[1]
            )
            other_rt = self.make_ticket(rt_id=self.rt_a2.id)
            other_category = self.make_ticket(
                category_id=self.env.ref("kelurahan_crm.category_sampah").id
            )
            new = self.make_ticket(latitude=HERE[0], longitude=HERE[1])
        with self.at(2026, 4, 30, 9, 0):
            too_late = self.make_ticket()
        candidates = new.duplicate_candidate_ids
        self.assertIn(main, candidates)
        self.assertIn(same_rt, candidates)
        self.assertIn(near_other_rw, candidates)
        for ticket in (far_other_rw, other_rt, other_category, too_late, new):
            self.assertNotIn(ticket, candidates, ticket.name)
        action = new.action_kel_find_duplicates()
        self.assertEqual(
            set(self.env["helpdesk.ticket"].search(action["domain"]).ids),
            set(candidates.ids),
        )

    def test_candidates_respect_access(self):
        main = self.make_ticket(rw_id=self.rw_b.id, rt_id=self.rt_b1.id)
        new = self.make_ticket(rw_id=self.rw_b.id, rt_id=self.rt_b1.id)
        self.assertIn(main, new.duplicate_candidate_ids)
        other = self.make_ticket(
            company_id=self.company_b.id, rw_id=self.rw_other.id, rt_id=False
        )
        self.assertNotIn(other, new.duplicate_candidate_ids)

    def test_link_and_support_count(self):
        main = self.make_ticket()
        first = self.make_ticket(partner_id=self.user_portal.partner_id.id)
        second = self.make_ticket()
        self.assertEqual(main.support_count, 1)
        (first | second).with_user(self.user_officer).action_kel_link_duplicate(main)
        self.assertEqual(main.support_count, 3)
        self.assertEqual(first.duplicate_of_id, main)
        self.assertIn(self.user_portal.partner_id, main.message_partner_ids)
        self.assertEqual(first.kel_state, "new", "linking keeps it open")
        self.assertNotIn(first, self.make_ticket().duplicate_candidate_ids)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            main.duplicate_of_id = first

    def test_merge_closes_duplicate(self):
        main = self.make_ticket()
        dup = self.make_ticket()
        dup.with_user(self.user_officer).action_kel_merge_into(main.id)
        self.assertEqual(dup.kel_state, "rejected")
        self.assertIn(main.number, dup.reject_reason)
        self.assertEqual(main.support_count, 2)
