# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain geometry for a kelurahan's few RW/RT polygons (no PostGIS, no shapely):
GeoJSON parsing with self-intersection checks, point in polygon, and the SQL of an
indexed distance search (bounding box on a btree index, then exact haversine).

Coordinates are WGS84 degrees, GeoJSON order ``[longitude, latitude]``. The
messages of ``GeoError`` are English sources translated by the caller."""

import json
import math

from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

EARTH_RADIUS_M = 6371008.8
# Indonesia with its seas, generously: points outside are refused everywhere.
INDONESIA_BBOX = (-11.5, 94.5, 6.5, 141.5)  # south, west, north, east
MAX_VERTICES = 5000
# Size of a public map cell in degrees of latitude (~111 m).
GRID_DEG = 0.001


class GeoError(ValueError):
    """Refused geometry; ``args[0]`` is its lazily translated message."""

    def message(self, lang):
        """The message in ``lang``."""
        return self.args[0]._translate(lang)


def in_indonesia(latitude, longitude):
    south, west, north, east = INDONESIA_BBOX
    return south <= latitude <= north and west <= longitude <= east


def _orient(a, b, c):
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _on_segment(a, b, c):
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[
        1
    ] <= max(a[1], b[1])


def segments_cross(p1, p2, p3, p4):
    """True when segment p1-p2 touches or crosses segment p3-p4."""
    o1, o2 = _orient(p1, p2, p3), _orient(p1, p2, p4)
    o3, o4 = _orient(p3, p4, p1), _orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(p1, p2, p3))
        or (o2 == 0 and _on_segment(p1, p2, p4))
        or (o3 == 0 and _on_segment(p3, p4, p1))
        or (o4 == 0 and _on_segment(p3, p4, p2))
    )


def ring_self_intersects(ring):
    """A closed ring (first point == last) whose non-adjacent edges touch."""
    edges = list(zip(ring[:-1], ring[1:], strict=True))
    count = len(edges)
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # the closing edge meets the first one at the start point
            if segments_cross(*edges[i], *edges[j]):
                return True
    return False


def _ring(raw, check=True):
    if not isinstance(raw, list) or len(raw) < 4:
        raise GeoError(_lt("A polygon ring needs at least 4 points."))
    ring = []
    for point in raw:
        if (
            not isinstance(point, list)
            or len(point) < 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool)
                for v in point[:2]
            )
        ):
            raise GeoError(
                _lt("A point of the polygon is not a [longitude, latitude] pair.")
            )
        lon, lat = float(point[0]), float(point[1])
        if not in_indonesia(lat, lon):
            raise GeoError(
                _lt(
                    "The polygon has a point outside Indonesia (%(lat)s, %(lon)s).",
                    lat=lat,
                    lon=lon,
                )
            )
        ring.append((lon, lat))
    if ring[0] != ring[-1]:
        raise GeoError(_lt("A polygon ring must end at its first point."))
    if check and ring_self_intersects(ring):
        raise GeoError(_lt("The polygon crosses itself (self-intersection)."))
    return ring


def parse_geometry(geometry, check=True):
    """A GeoJSON Polygon/MultiPolygon (dict) checked and normalised to a list of
    polygons, each a list of rings of ``(lon, lat)`` tuples (outer ring first).
    ``check=False`` skips the quadratic self-intersection test, for a boundary
    already checked when it was stored."""
    if not isinstance(geometry, dict):
        raise GeoError(_lt("The geometry is missing."))
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coords = [coords]
    elif kind != "MultiPolygon":
        raise GeoError(
            _lt(
                "Only Polygon and MultiPolygon geometries are accepted (got %(kind)s).",
                kind=str(kind),
            )
        )
    if not isinstance(coords, list) or not coords:
        raise GeoError(_lt("The polygon has no coordinates."))
    polygons = []
    vertices = 0
    for polygon in coords:
        if not isinstance(polygon, list) or not polygon:
            raise GeoError(_lt("The polygon has no coordinates."))
        rings = [_ring(raw, check) for raw in polygon]
        vertices += sum(len(r) for r in rings)
        polygons.append(rings)
    if vertices > MAX_VERTICES:
        raise GeoError(
            _lt("The polygon has too many points (at most %(max)s).", max=MAX_VERTICES)
        )
    return polygons


def load_features(text):
    """The features of a GeoJSON FeatureCollection (or a single Feature) as
    ``[(properties, polygons)]``; raises GeoError on anything malformed."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as error:
        raise GeoError(_lt("The file is not valid GeoJSON.")) from error
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoError(_lt("The file must be a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoError(_lt("The file has no features."))
    result = []
    for feature in features:
        if not isinstance(feature, dict):
            raise GeoError(_lt("The file is not valid GeoJSON."))
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise GeoError(_lt("The file is not valid GeoJSON."))
        result.append((properties, parse_geometry(feature.get("geometry"))))
    return result


def _in_ring(lon, lat, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:], strict=True):
        if (y1 > lat) != (y2 > lat):
            x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x:
                inside = not inside
    return inside


def contains(polygons, latitude, longitude):
    """True when the point is inside one of ``polygons`` (outside its holes)."""
    for rings in polygons:
        if _in_ring(longitude, latitude, rings[0]) and not any(
            _in_ring(longitude, latitude, hole) for hole in rings[1:]
        ):
            return True
    return False


def centroid(polygons):
    """Mean of the outer rings' vertices: a label point, good enough for an RW."""
    points = [p for rings in polygons for p in rings[0][:-1]]
    if not points:
        return None
    return (
        sum(p[1] for p in points) / len(points),
        sum(p[0] for p in points) / len(points),
    )


def bbox(latitude, longitude, distance_m):
    """(lat_min, lat_max, lon_min, lon_max) around a point, covering ``distance_m``."""
    dlat = math.degrees(distance_m / EARTH_RADIUS_M)
    dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def _position_sql(alias, column, snapped):
    """``alias``'s latitude or longitude column, or the centre of its public grid
    cell (``snap`` in SQL)."""
    column = SQL.identifier(alias, column)
    if not snapped:
        return column
    return SQL("((floor(%s / %s) + 0.5) * %s)", column, GRID_DEG, GRID_DEG)


def distance_sql(alias, latitude, longitude, snapped=False):
    """SQL: haversine distance in meters from the point to ``alias``'s position
    (to the centre of its public grid cell when ``snapped``)."""
    return SQL(
        "(2 * %(r)s * asin(sqrt("
        "power(sin(radians(%(col_lat)s - %(lat)s) / 2), 2)"
        " + cos(radians(%(lat)s)) * cos(radians(%(col_lat)s))"
        " * power(sin(radians(%(col_lon)s - %(lon)s) / 2), 2))))",
        r=EARTH_RADIUS_M,
        lat=latitude,
        lon=longitude,
        col_lat=_position_sql(alias, "latitude", snapped),
        col_lon=_position_sql(alias, "longitude", snapped),
    )


def near_sql(alias, latitude, longitude, distance_m, snapped=False):
    """SQL condition: within ``distance_m`` of the point (its grid cell's centre
    when ``snapped``). The bounding box comes first so that the btree index on
    (category_id, latitude, longitude) narrows the rows (widened by a cell when
    snapped: a point outside the distance may have its centre inside); the exact
    haversine only runs on those."""
    lat_min, lat_max, lon_min, lon_max = bbox(latitude, longitude, distance_m)
    margin = GRID_DEG if snapped else 0.0
    return SQL(
        "%(col_lat)s BETWEEN %(lat_min)s AND %(lat_max)s"
        " AND %(col_lon)s BETWEEN %(lon_min)s AND %(lon_max)s"
        " AND %(distance)s <= %(max)s",
        col_lat=SQL.identifier(alias, "latitude"),
        col_lon=SQL.identifier(alias, "longitude"),
        lat_min=lat_min - margin,
        lat_max=lat_max + margin,
        lon_min=lon_min - margin,
        lon_max=lon_max + margin,
        distance=distance_sql(alias, latitude, longitude, snapped),
        max=float(distance_m),
    )


def snap(value):
    """Centre of the ~100 m public grid cell holding ``value`` (degrees)."""
    return round((math.floor(value / GRID_DEG) + 0.5) * GRID_DEG, 6)
