# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.kelurahan_crm.tests.common import KelurahanCase

from ..tools import geo


def square(lon1, lat1, lon2, lat2):
    return [[[lon1, lat1], [lon2, lat1], [lon2, lat2], [lon1, lat2], [lon1, lat1]]]


def feature(polygon, **properties):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": polygon},
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


# Two neighbouring RWs and one RT inside the first (WGS84, around Jakarta Timur).
RW_A = square(106.850, -6.340, 106.855, -6.335)
RW_B = square(106.855, -6.340, 106.860, -6.335)
RT_A1 = square(106.850, -6.340, 106.8525, -6.335)
BOWTIE = [
    [
        [106.850, -6.340],
        [106.855, -6.335],
        [106.855, -6.340],
        [106.850, -6.335],
        [106.850, -6.340],
    ]
]


@tagged("post_install", "-at_install")
class TestMapBoundaries(KelurahanCase):
    def import_geojson(self, text, user=None):
        wizard = (
            self.env["kelurahan.boundary.import"]
            .with_user(user or self.user_admin)
            .create(
                {
                    "company_id": self.company.id,
                    "file": base64.b64encode(text.encode()),
                    "filename": "rw.geojson",
                }
            )
        )
        wizard.action_import()
        return wizard

    def import_rws(self):
        return self.import_geojson(
            collection(
                feature(RW_A, rw=91),
                feature(RW_B, rw="92"),
                feature(RT_A1, rw=91, rt=1),
            )
        )

    def test_rw_and_rt_suggested_from_point(self):
        wizard = self.import_rws()
        self.assertIn("RW 91", wizard.result)
        self.assertTrue(self.rw_a.kel_has_boundary and self.rt_a1.kel_has_boundary)
        Ticket = self.env["helpdesk.ticket"]
        rw, rt = Ticket._kel_locate(-6.337, 106.851)
        self.assertEqual((rw, rt), (self.rw_a, self.rt_a1))
        rw, rt = Ticket._kel_locate(-6.337, 106.854)
        self.assertEqual((rw, rt.id), (self.rw_a, False))
        # A complaint with a point and no RW gets the RW and RT of the point.
        ticket = self.make_ticket(
            rw_id=False, rt_id=False, latitude=-6.337, longitude=106.858
        )
        self.assertEqual(ticket.rw_id, self.rw_b)
        ticket = self.make_ticket(
            rw_id=False, rt_id=False, latitude=-6.338, longitude=106.851
        )
        self.assertEqual((ticket.rw_id, ticket.rt_id), (self.rw_a, self.rt_a1))

    def test_point_outside_boundary_refused(self):
        self.import_rws()
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaises(ValidationError) as refusal:
            self.make_ticket(latitude=-6.30, longitude=106.90)
        self.assertIn("outside the kelurahan", str(refusal.exception))
        ticket = self.make_ticket(latitude=-6.337, longitude=106.851)
        with self.assertRaises(ValidationError) as refusal:
            ticket.write({"latitude": -6.20})
        self.assertIn("outside the kelurahan", str(refusal.exception))
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count + 1)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.latitude, -6.337)

    def test_point_outside_indonesia_refused_without_boundaries(self):
        self.make_ticket(latitude=-6.30, longitude=106.90)  # no boundary: accepted
        with self.assertRaises(ValidationError) as refusal:
            self.make_ticket(latitude=48.85, longitude=2.35)
        self.assertIn("outside Indonesia", str(refusal.exception))

    def test_bad_geojson_refused_nothing_stored(self):
        cases = [
            ("{not json", "not valid GeoJSON"),
            (json.dumps({"type": "Point"}), "FeatureCollection"),
            (collection(feature(BOWTIE, rw=91)), "crosses itself"),
            (collection(feature(square(2.0, 48.0, 2.1, 48.1), rw=91)), "outside"),
            (collection(feature(RW_A)), "no 'rw' property"),
            (collection(feature(RW_A, rw=77)), "RW 77 does not exist"),
            # A good feature before a bad one: the whole file is refused.
            (
                collection(feature(RW_B, rw=92), feature(BOWTIE, rw=91)),
                "crosses itself",
            ),
        ]
        for text, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(UserError) as refusal:
                    self.import_geojson(text)
                self.assertIn(message, str(refusal.exception))
                self.assertFalse(self.rw_a.kel_boundary or self.rw_b.kel_boundary)

    def test_boundary_written_directly_is_checked(self):
        with self.assertRaises(ValidationError) as refusal:
            self.rw_a.kel_boundary = json.dumps(
                {"type": "Polygon", "coordinates": BOWTIE}
            )
        self.assertIn("crosses itself", str(refusal.exception))

    def test_import_is_for_admins(self):
        with self.assertRaises(AccessError):
            # An officer cannot even open the wizard (no access to the model).
            self.import_geojson(collection(feature(RW_A, rw=91)), self.user_officer)

    def test_geometry_helpers(self):
        polygons = geo.parse_geometry({"type": "Polygon", "coordinates": RW_A})
        self.assertTrue(geo.contains(polygons, -6.337, 106.851))
        self.assertFalse(geo.contains(polygons, -6.337, 106.856))
        self.assertTrue(geo.ring_self_intersects([tuple(p) for p in BOWTIE[0]]))
        self.assertFalse(geo.ring_self_intersects([tuple(p) for p in RW_A[0]]))
        self.assertEqual(geo.snap(-6.33712), -6.3375)
