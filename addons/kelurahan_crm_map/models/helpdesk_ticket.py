# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints on the map: where a point may be, the RW/RT it suggests, the map
features of the backend view, the open complaints near a resident's pin and the
public board's cells. Distances are searched with SQL on a btree index of
(category_id, latitude, longitude): a bounding box narrows the rows through the
index, the exact haversine runs only on those (see ``tools/geo.py``)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools import geo

MAP_LIMIT = 50000
NEARBY_LIMIT = 10
OPEN_STATES = ("new", "verify", "dispatch", "progress")
# Jakarta, when neither boundaries nor the office position are known.
DEFAULT_CENTER = (-6.2, 106.83)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    kel_support_ids = fields.One2many(
        "kelurahan.complaint.support",
        "ticket_id",
        string="Support from residents",
        groups="kelurahan_crm.group_kelurahan_rw",
    )

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            "helpdesk_ticket_kel_geo_idx",
            self._table,
            ["category_id", "latitude", "longitude"],
            where="latitude IS NOT NULL",
        )
        # The backend map's "complaints of a period with a point", newest first.
        create_index(
            self.env.cr,
            "helpdesk_ticket_kel_map_date_idx",
            self._table,
            ["date_reported"],
            where="latitude IS NOT NULL",
        )
        return res

    @api.depends("duplicate_ids", "kel_support_ids")
    def _compute_support_count(self):
        # A complaint being created (precomputed, no id yet) has no support:
        # no query then.
        ids = self._origin.ids
        counts = {}
        if ids:
            # sudo: counts only; residents supporting a complaint cannot read it.
            groups = (
                self.env["kelurahan.complaint.support"]
                .sudo()
                ._read_group([("ticket_id", "in", ids)], ["ticket_id"], ["__count"])
            )
            counts = {ticket.id: count for ticket, count in groups}
        for ticket in self:
            ticket.support_count = (
                1 + len(ticket.duplicate_ids) + counts.get(ticket._origin.id, 0)
            )

    @api.constrains("latitude", "longitude", "company_id")
    def _check_kel_position(self):
        for ticket in self:
            if ticket.latitude or ticket.longitude:
                problem = ticket._kel_position_problem(
                    ticket.latitude, ticket.longitude, ticket.company_id
                )
                if problem:
                    raise ValidationError(problem)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("rw_id") and (
                vals.get("latitude") or vals.get("longitude")
            ):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                rw, rt = self._kel_locate(vals["latitude"], vals["longitude"], company)
                if rw:
                    vals["rw_id"] = rw.id
                    if rt and not vals.get("rt_id"):
                        vals["rt_id"] = rt.id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Where a point may be and what it suggests
    # ------------------------------------------------------------------

    @api.model
    def _kel_areas(self, company):
        """RWs and RTs of ``company`` with a boundary. sudo: boundaries are not
        personal data; residents and visitors need them to place their pin."""
        company = company or self.env.company
        Rw = self.env["kelurahan.rw"].sudo()
        rws = Rw.search(
            [("company_id", "=", company.id), ("kel_has_boundary", "=", True)],
            order="number",
        )
        rts = (
            self.env["kelurahan.rt"]
            .sudo()
            .search(
                [("company_id", "=", company.id), ("kel_has_boundary", "=", True)],
                order="number",
            )
        )
        return rws, rts

    @api.model
    def _kel_position_problem(self, latitude, longitude, company=None):
        """Why a point cannot be a complaint's position (a message), or ``""``:
        outside Indonesia, or outside the kelurahan's RW boundaries once imported."""
        problem = super()._kel_position_problem(latitude, longitude, company)
        if problem:
            return problem
        if not geo.in_indonesia(latitude, longitude):
            return self.env._(
                "The map position is outside Indonesia. Move the pin to the place "
                "of the problem."
            )
        rws, _rts = self._kel_areas(company)
        if rws and not rws._kel_containing(latitude, longitude):
            return self.env._(
                "The map position is outside the kelurahan's boundary. Move the pin "
                "into the kelurahan or report to the kelurahan it belongs to."
            )
        return ""

    @api.model
    def _kel_locate(self, latitude, longitude, company=None):
        """``(rw, rt)`` whose imported boundaries hold the point (sudo records,
        possibly empty); the RT only within the RW found."""
        rws, rts = self._kel_areas(company)
        rw = rws._kel_containing(latitude, longitude)
        rt = rts.filtered(lambda r: r.rw_id == rw)._kel_containing(latitude, longitude)
        return rw, rt

    # ------------------------------------------------------------------
    # Backend map view
    # ------------------------------------------------------------------

    @api.model
    @api.readonly  # figures only: served by the read replica (README "Scaling")
    def kel_map_features(self, domain=None):
        """Markers of the complaints matching ``domain`` that the user may read
        (record rules apply: an RW officer gets their RW only). ``points`` is the
        JSON text of compact rows ``[id, latitude, longitude, status, overdue (1/0),
        number, category_id]`` built by PostgreSQL (coordinates rounded to 5
        decimals, about 1 m), newest first, at most MAP_LIMIT rows: it is passed
        through as is, no Python work per complaint. The labels of the statuses
        and of the categories present come once."""
        self.check_access("read")
        points, category_ids, count = self.env.execute_query(
            self._kel_map_features_sql(domain)
        )[0]
        categories = self.env["helpdesk.ticket.category"].browse(category_ids)
        states = dict(self._fields["kel_state"]._description_selection(self.env))
        return {
            "points": points,
            "count": count,
            # sudo: only the names of the categories of complaints the user reads.
            "categories": {c.id: c.display_name for c in categories.sudo()},
            "states": states,
            "limit": MAP_LIMIT,
        }

    @api.model
    def _kel_map_features_sql(self, domain=None):
        """The one query of ``kel_map_features``: the user's search (``_search``
        adds the record rules) on the complaints with a point, newest first
        (partial index ``helpdesk_ticket_kel_map_date_idx``), aggregated into
        one JSON text, the distinct categories and the count."""
        query = self._search(
            list(domain or []) + [("latitude", "!=", False)],
            # One sort key: the date index gives the order without a sort step.
            order="date_reported desc",
            limit=MAP_LIMIT,
        )
        table = query.table
        query.add_where(
            SQL("%s IS NOT NULL", SQL.identifier(table, "latitude")),
        )
        inner = query.select(
            SQL.identifier(table, "id"),
            SQL.identifier(table, "date_reported"),
            SQL("round(%s, 5)::float8 AS lat", SQL.identifier(table, "latitude")),
            SQL("round(%s, 5)::float8 AS lon", SQL.identifier(table, "longitude")),
            SQL("%s AS state", SQL.identifier(table, "kel_state")),
            SQL("%s::int AS overdue", SQL.identifier(table, "is_overdue")),
            SQL.identifier(table, "number"),
            SQL.identifier(table, "category_id"),
        )
        return SQL(
            "SELECT COALESCE(json_agg(json_build_array(f.id, f.lat, f.lon, f.state,"
            " COALESCE(f.overdue, 0), f.number, f.category_id)"
            " ORDER BY f.date_reported DESC, f.id DESC)::text, '[]'),"
            " COALESCE(array_agg(DISTINCT f.category_id)"
            " FILTER (WHERE f.category_id IS NOT NULL), '{}'), count(*)"
            " FROM (%s) AS f",
            inner,
        )

    # ------------------------------------------------------------------
    # Near a resident's pin, and the public board
    # ------------------------------------------------------------------

    @api.model
    def _kel_nearby(self, company, category, latitude, longitude, distance):
        """Open complaints of ``category`` within ``distance`` meters of the point
        that the public board may list (``_kel_public_domain``: never anonymous or
        confidential), nearest first: one SQL query whose bounding box uses the
        index on (category_id, latitude, longitude). Returns dicts of public
        columns only (number, category_id, kel_state, date_reported,
        support_count) and ``meters`` (to the complaint's grid cell); never a
        point."""
        # sudo: the public domain below decides what may be shown.
        Ticket = self.sudo()
        query = Ticket._search(
            Ticket._kel_public_domain()
            + [
                ("company_id", "=", company.id),
                ("category_id", "=", category.id),
                ("kel_state", "in", OPEN_STATES),
                ("duplicate_id", "=", False),
            ]
        )
        table = query.table
        # Measured to the centre of each complaint's public grid cell, as the public
        # board shows it: distances from a few pins (and whether a complaint is
        # within the distance at all) then locate it to its cell, never finer.
        query.add_where(
            geo.near_sql(table, latitude, longitude, distance, snapped=True)
        )
        meters = geo.distance_sql(table, latitude, longitude, snapped=True)
        query.order = meters
        query.limit = NEARBY_LIMIT
        columns = (
            "id",
            "number",
            "category_id",
            "kel_state",
            "date_reported",
            "support_count",
        )
        rows = self.env.execute_query(
            query.select(*(SQL.identifier(table, c) for c in columns), meters)
        )
        return [dict(zip((*columns, "meters"), row, strict=True)) for row in rows]

    @api.model
    def _kel_public_map_cells(self, company, since):
        """The public board's map: complaints reported since ``since`` that the
        board may list, counted per ~100 m grid cell, category and status. Only the
        cell's centre is given, never a complaint's point, number or reporter."""
        Ticket = self.sudo()
        query = Ticket._search(
            Ticket._kel_public_domain()
            + [
                ("company_id", "=", company.id),
                ("date_reported", ">=", since),
                ("latitude", "!=", False),
            ]
        )
        table = query.table
        cell = geo.GRID_DEG
        lat_cell = SQL("floor(%s / %s)::int", SQL.identifier(table, "latitude"), cell)
        lon_cell = SQL("floor(%s / %s)::int", SQL.identifier(table, "longitude"), cell)
        rows = self.env.execute_query(
            SQL(
                "SELECT %(lat)s, %(lon)s, %(category)s, %(state)s, count(*)"
                " FROM %(from)s WHERE %(where)s"
                " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
                lat=lat_cell,
                lon=lon_cell,
                category=SQL.identifier(table, "category_id"),
                state=SQL.identifier(table, "kel_state"),
                **{"from": query.from_clause, "where": query.where_clause},
            )
        )
        categories = {
            c.id: c.name
            for c in self.env["helpdesk.ticket.category"]
            .sudo()
            .browse({row[2] for row in rows if row[2]})
        }
        states = dict(self._fields["kel_state"]._description_selection(self.env))
        return [
            {
                "lat": round((lat + 0.5) * cell, 6),
                "lon": round((lon + 0.5) * cell, 6),
                "category": categories.get(category_id, ""),
                "state": state or "",
                "status": states.get(state, ""),
                "count": count,
            }
            for lat, lon, category_id, state, count in rows
        ]

    @api.model
    def _kel_portal_map(self, company=None):
        """What the portal maps need: tile server and attribution (web_leaflet_lib's
        settings; empty means no background tiles) and where to centre. sudo:
        visitors cannot read system parameters or boundaries; none is personal."""
        company = company or self.env.company
        params = self.env["ir.config_parameter"].sudo()
        tile_url = params.get_param("leaflet.tile_url") or ""
        if tile_url == "False":
            tile_url = ""
        rws, _rts = self._kel_areas(company)
        points = [geo.centroid(rw._kel_polygons()) for rw in rws]
        points = [p for p in points if p]
        partner = company.sudo().partner_id
        if points:
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
        elif partner.partner_latitude or partner.partner_longitude:
            lat, lon = partner.partner_latitude, partner.partner_longitude
        else:
            lat, lon = DEFAULT_CENTER
        return {
            "tile_url": tile_url,
            "attribution": (params.get_param("leaflet.copyright") or "").strip(),
            "lat": round(lat, 6),
            "lon": round(lon, 6),
            "zoom": 16 if points or partner.partner_latitude else 12,
        }
