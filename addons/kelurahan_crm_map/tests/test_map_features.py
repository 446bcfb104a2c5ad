# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.kelurahan_crm.tests.common import KelurahanCase, role_user


@tagged("post_install", "-at_install")
class TestMapFeatures(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.in_a = cls.make_ticket(latitude=-6.3371, longitude=106.8512)
        cls.in_a2 = cls.make_ticket(latitude=-6.33715, longitude=106.85125)
        cls.in_b = cls.make_ticket(
            rw_id=cls.rw_b.id, rt_id=False, latitude=-6.3372, longitude=106.8572
        )
        cls.no_point = cls.make_ticket()
        cls.ids = (cls.in_a | cls.in_a2 | cls.in_b | cls.no_point).ids

    def features(self, user, domain=()):
        """The map call as ``user``, its JSON text of points decoded."""
        Ticket = self.env["helpdesk.ticket"].with_user(user)
        data = Ticket.kel_map_features([("id", "in", self.ids), *domain])
        self.assertIsInstance(data["points"], str)
        data["points"] = json.loads(data["points"])
        self.assertEqual(data["count"], len(data["points"]))
        return data

    def test_officer_map_has_every_rw(self):
        data = self.features(self.user_officer)
        ids = {row[0] for row in data["points"]}
        self.assertEqual(ids, {self.in_a.id, self.in_a2.id, self.in_b.id})
        row = next(r for r in data["points"] if r[0] == self.in_b.id)
        self.assertEqual(row[1:5], [-6.3372, 106.8572, "new", 0])
        self.assertEqual(row[5], self.in_b.number)
        self.assertEqual(row[6], self.category.id)
        self.assertEqual(
            data["categories"][self.category.id], self.category.display_name
        )

    def test_rw_officer_map_only_their_rw(self):
        data = self.features(self.user_rw)
        self.assertEqual(
            {row[0] for row in data["points"]}, {self.in_a.id, self.in_a2.id}
        )
        # The same search filter as the list (here "Overdue") narrows the map.
        self.in_a.sudo().is_overdue = True
        data = self.features(self.user_rw, [("is_overdue", "=", True)])
        self.assertEqual([row[0] for row in data["points"]], [self.in_a.id])
        # Overdue is flagged (1) on the marker's row.
        self.assertEqual(data["points"][0][4], 1)

    def test_coordinates_rounded_newest_first(self):
        """Officers get points rounded to 5 decimals (about 1 m), newest first."""
        older = self.make_ticket(
            latitude=-6.337123456,
            longitude=106.851298765,
            date_reported="2026-01-02 03:00:00",
        )
        newer = self.make_ticket(
            latitude=-6.3371, longitude=106.8512, date_reported="2026-01-03 03:00:00"
        )
        data = self.env["helpdesk.ticket"].kel_map_features(
            [("id", "in", (older | newer).ids)]
        )
        points = json.loads(data["points"])
        self.assertEqual([p[0] for p in points], [newer.id, older.id])
        self.assertEqual(points[1][1:3], [-6.33712, 106.8513])

    def test_resident_map_only_their_own(self):
        # Residents may read their own complaints only (helpdesk_mgmt's portal
        # rule): none of these.
        self.assertEqual(self.features(self.user_portal)["points"], [])
        self.assertEqual(self.features(self.user_portal)["categories"], {})
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.user_portal).browse(
                self.in_a.id
            ).read(["latitude"])

    def test_hotspots_by_cell_and_category(self):
        Dashboard = self.env["kelurahan.dashboard"]
        period = [("id", "in", self.ids)]
        spots = Dashboard.with_user(self.user_officer)._kel_hotspots(period)
        self.assertEqual([s["count"] for s in spots], [2, 1])
        top = spots[0]
        self.assertEqual(top["rw"], self.rw_a.display_name)
        self.assertEqual(
            top["categories"],
            [{"id": self.category.id, "name": self.category.display_name, "count": 2}],
        )
        self.assertEqual(
            set(self.env["helpdesk.ticket"].search(top["domain"]).ids),
            {self.in_a.id, self.in_a2.id},
        )
        # An RW officer's hotspots are in their RW only.
        spots = Dashboard.with_user(self.user_rw)._kel_hotspots(period)
        self.assertEqual([s["count"] for s in spots], [2])

    def test_dashboard_hotspots_of_the_period(self):
        Dashboard = self.env["kelurahan.dashboard"]
        self.env["ir.config_parameter"].sudo().set_param("leaflet.tile_url", "")
        data = Dashboard.with_user(self.user_lurah).get_dashboard_hotspots()
        spots = data["cells"]
        self.assertTrue(any(s["count"] >= 2 for s in spots), spots)
        self.assertEqual(spots, sorted(spots, key=lambda s: -s["count"]))
        self.assertEqual(data["top"], 8)
        # The layer's map: the tile server the tests empty (no outside request).
        self.assertEqual(data["map"]["tile_url"], "")
        with self.assertRaises(AccessError):
            Dashboard.with_user(self.user_portal).get_dashboard_hotspots()

    def test_support_readable_with_its_complaint_only(self):
        Support = self.env["kelurahan.complaint.support"]
        supports = Support.create(
            [
                {
                    "ticket_id": self.in_a.id,
                    "partner_id": self.user_portal.partner_id.id,
                },
                {
                    "ticket_id": self.in_b.id,
                    "partner_id": self.user_portal_2.partner_id.id,
                },
            ]
        )
        mine, other_rw = supports
        self.assertEqual(mine.company_id, self.in_a.company_id)
        self.assertEqual(
            Support.with_user(self.user_rw).search([("id", "in", supports.ids)]), mine
        )
        with self.assertRaises(AccessError):
            other_rw.with_user(self.user_rw).read(["partner_id"])
        self.assertEqual(self.in_a.with_user(self.user_rw).kel_support_ids, mine)
        self.assertEqual(
            Support.with_user(self.user_officer).search([("id", "in", supports.ids)]),
            supports,
        )
        self.assertFalse(
            Support.with_user(self.user_officer_b).search([("id", "in", supports.ids)])
        )

    def test_support_counts_as_dukungan(self):
        self.assertEqual(self.in_a.support_count, 1)
        self.env["kelurahan.complaint.support"].create(
            {"ticket_id": self.in_a.id, "client_key": "abc"}
        )
        self.in_b.duplicate_id = self.in_a
        self.assertEqual(self.in_a.support_count, 3)
        resident = role_user(self.env, "t_map_res", "portal")
        self.assertFalse(
            self.env["kelurahan.complaint.support"]
            .with_user(resident)
            .has_access("read")
        )
