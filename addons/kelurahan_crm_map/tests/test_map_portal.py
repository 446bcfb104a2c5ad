# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The map routes over real HTTP, as a visitor without an account and as a
resident: nearby reports, support, the public map, the refusals."""

import json

from odoo.tests import tagged

from odoo.addons.kelurahan_crm.models.kelurahan_complaint_duplicate import (
    haversine_m,
)
from odoo.addons.kelurahan_crm.tests.portal_case import PortalCase

from ..tools import geo

# Away from the demo complaints, so that a ~100 m cell holds only these.
HERE = (-6.20021, 106.80013)
NEAR = (-6.20060, 106.80040)  # ~50 m
FAR = (-6.20900, 106.80900)  # ~1.4 km


@tagged("post_install", "-at_install")
class TestMapPortal(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ICP = cls.env["ir.config_parameter"].sudo()
        ICP.set_param("leaflet.tile_url", "")
        ICP.set_param("kelurahan_crm_map.portal_map_limit", "100")
        ICP.set_param("kelurahan_crm_map.portal_support_limit", "100")
        cls.public_near = cls.make_ticket(
            latitude=NEAR[0],
            longitude=NEAR[1],
            reporter_name="Siti Rahayu",
            location_address="Jl. Melati 7 rumah pagar hijau",
        )
        cls.anonymous_near = cls.make_ticket(
            latitude=NEAR[0], longitude=NEAR[1], is_anonymous=True
        )
        cls.confidential_near = cls.make_ticket(
            latitude=NEAR[0], longitude=NEAR[1], is_confidential=True
        )
        cls.far = cls.make_ticket(latitude=FAR[0], longitude=FAR[1])
        cls.done_near = cls.close_ticket(
            cls.make_ticket(latitude=NEAR[0], longitude=NEAR[1])
        )
        cls.other_category = cls.make_ticket(
            latitude=NEAR[0],
            longitude=NEAR[1],
            category_id=cls.env.ref("kelurahan_crm.category_parkir_liar").id,
        )

    def url_open(self, *args, timeout=90, **kwargs):
        # The first page of a class builds the assets: slow on a shared machine.
        return super().url_open(*args, timeout=timeout, **kwargs)

    def nearby(self, lat=HERE[0], lon=HERE[1], category=None):
        query = {"lat": lat, "lon": lon}
        if category is not False:
            query["category_id"] = (category or self.category).id
        return self.url_open(
            "/pengaduan/peta/sekitar?"
            + "&".join(f"{key}={value}" for key, value in query.items())
        )

    def test_nearby_lists_only_public_open_same_category(self):
        response = self.nearby()
        self.assertEqual(response.status_code, 200, response.text[:300])
        data = response.json()
        numbers = [row["number"] for row in data["nearby"]]
        self.assertIn(self.public_near.number, numbers)
        for hidden in (
            self.anonymous_near,
            self.confidential_near,
            self.far,
            self.done_near,
            self.other_category,
        ):
            self.assertNotIn(hidden.number, numbers)
        row = data["nearby"][numbers.index(self.public_near.number)]
        self.assertEqual(row["meters"] % 10, 0)
        self.assertLessEqual(row["meters"], 150)
        self.assertEqual(data["distance"], 150)
        # No personal data and no point of any complaint.
        for fragment in ("Siti", "Melati", "0813", str(NEAR[0]), "latitude"):
            self.assertNotIn(fragment, response.text)

    def test_nearby_measures_to_the_public_cell_only(self):
        """Distances from a few pins would locate a complaint (trilateration):
        they are measured to the centre of its ~100 m public cell, as the public
        board shows it, so pins learn the cell and nothing finer."""
        centre = (geo.snap(NEAR[0]), geo.snap(NEAR[1]))
        self.assertNotEqual(centre, NEAR)

        def meters_from(lat, lon):
            rows = self.nearby(lat=lat, lon=lon).json()["nearby"]
            [row] = [r for r in rows if r["number"] == self.public_near.number]
            return row["meters"]

        self.assertEqual(meters_from(*centre), 0)
        # From the complaint's exact point: the distance to its cell's centre.
        expected = int(round(haversine_m(*NEAR, *centre) / 10.0) * 10)
        self.assertGreater(expected, 0)
        self.assertEqual(meters_from(*NEAR), expected)
        # Two pins on either side of the exact point, same distance from it,
        # differ: they are measured to the centre, not to the point.
        east = meters_from(NEAR[0], NEAR[1] + 0.0004)
        west = meters_from(NEAR[0], NEAR[1] - 0.0004)
        self.assertNotEqual(east, west)

    def test_nearby_without_category_or_outside_indonesia(self):
        response = self.nearby(category=False)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["nearby"], [])
        self.assertTrue(response.json()["message"])
        response = self.nearby(lat=48.85, lon=2.35)
        self.assertEqual(response.status_code, 422)
        self.assertIn("Indonesia", response.json()["error"])
        response = self.nearby(lat="abc", lon="nan")
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.json()["error"])

    def test_support_instead_of_duplicate(self):
        tokens = self.form_tokens("/pengaduan/lapor")
        url = "/pengaduan/peta/dukung"
        data = {"csrf_token": tokens["csrf_token"], "number": self.public_near.number}
        before = self.public_near.support_count
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.json()["support_count"], before + 1)
        self.public_near.invalidate_recordset()
        self.assertEqual(self.public_near.support_count, before + 1)
        # Twice from the same connection: refused, counted once.
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 409)
        self.assertTrue(response.json()["error"])
        # A hidden or closed complaint cannot be supported.
        for ticket in (self.anonymous_near, self.done_near):
            response = self.url_open(url, data=dict(data, number=ticket.number))
            self.assertEqual(response.status_code, 404)
            self.assertTrue(response.json()["error"])
        # Without the form's token: refused.
        response = self.url_open(url, data=dict(data, csrf_token="x"))
        self.assertEqual(response.status_code, 400)

    def test_support_as_resident(self):
        self.authenticate("kel_res_b", "kel_res_b")
        tokens = self.form_tokens("/my/pengaduan/baru")
        response = self.url_open(
            "/pengaduan/peta/dukung",
            data={"csrf_token": tokens["csrf_token"], "number": self.far.number},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        support = self.env["kelurahan.complaint.support"].search(
            [("ticket_id", "=", self.far.id)]
        )
        self.assertEqual(support.partner_id, self.resident_b.partner_id)
        self.assertFalse(support.client_key)

    def test_public_map_has_no_personal_data_nor_exact_point(self):
        response = self.url_open("/pengaduan/peta/publik")
        self.assertEqual(response.status_code, 200, response.text[:300])
        cells = response.json()["cells"]
        self.assertTrue(cells)
        self.assertEqual(
            set(cells[0]), {"lat", "lon", "category", "state", "status", "count"}
        )
        for fragment in ("Siti", "Melati", "0813", self.public_near.number):
            self.assertNotIn(fragment, response.text)
        exact = {
            (t.latitude, t.longitude)
            for t in self.env["helpdesk.ticket"].search([("latitude", "!=", False)])
        }
        for cell in cells:
            self.assertNotIn((cell["lat"], cell["lon"]), exact)
            # Centre of a 0.001° cell: x.xxx5
            self.assertAlmostEqual((abs(cell["lat"]) * 1000) % 1, 0.5, places=4)
            self.assertAlmostEqual((abs(cell["lon"]) * 1000) % 1, 0.5, places=4)
        # Near: public_near and other_category are new; the anonymous and the
        # confidential ones are not counted, the done one has its own status.
        near_cell = [
            (c["state"], c["count"])
            for c in cells
            if (c["lat"], c["lon"]) == (-6.2005, 106.8005)
        ]
        self.assertEqual(sorted(near_cell), [("done", 1), ("new", 1), ("new", 1)])

    def test_map_routes_are_throttled(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_crm_map.portal_map_limit", "1"
        )
        self.assertEqual(self.url_open("/pengaduan/peta/publik").status_code, 200)
        response = self.url_open("/pengaduan/peta/publik")
        self.assertEqual(response.status_code, 429)
        self.assertTrue(json.loads(response.text)["error"])

    def test_form_pages_carry_the_maps(self):
        page = self.url_open("/pengaduan/lapor")
        self.assertIn("o_kel_map_picker", page.text)
        self.assertIn('data-tile-url=""', page.text)
        page = self.url_open("/pengaduan/transparansi")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_public_map", page.text)

    def test_report_outside_indonesia_refused(self):
        before = self.counts()
        response = self.post_report(latitude="48.85", longitude="2.35")
        self.assertRefused(response, before, "Indonesia")
        response = self.post_report(latitude=str(HERE[0]), longitude=str(HERE[1]))
        self.assertEqual(response.status_code, 303, response.text[:300])
