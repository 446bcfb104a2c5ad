# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import geo

HOTSPOT_LIMIT = 8
# Cells drawn on the dashboard's heat layer (the busiest first).
LAYER_LIMIT = 400


class KelurahanDashboard(models.AbstractModel):
    _inherit = "kelurahan.dashboard"

    @api.model
    @api.readonly  # figures only: served by the read replica (README "Scaling")
    def get_dashboard_hotspots(self, date_from=None, date_to=None):
        """The heat layer of the dashboard's period, asked by the dashboard after
        its figures (a separate call keeps the figures' queries unchanged):
        ``cells`` (the busiest LAYER_LIMIT ~100 m cells, see ``_kel_hotspots``;
        the first HOTSPOT_LIMIT are listed under the map), ``top`` and ``grid``
        (cell size in degrees), and ``map``: the tile server (empty: no
        background tiles) and the kelurahan's centre."""
        if not self.env.user.has_group("kelurahan_crm.group_kelurahan_rw"):
            raise AccessError(
                self.env._("The dashboard is for the kelurahan staff only.")
            )
        self.env["helpdesk.ticket"].check_access("read")
        _date_from, _date_to, start, end = self._kel_period(date_from, date_to)
        cells = self._kel_hotspots(
            [
                ("date_reported", ">=", fields.Datetime.to_string(start)),
                ("date_reported", "<", fields.Datetime.to_string(end)),
            ],
            limit=LAYER_LIMIT,
        )
        return {
            "cells": cells,
            "top": HOTSPOT_LIMIT,
            "grid": geo.GRID_DEG,
            "map": self.env["helpdesk.ticket"]._kel_portal_map(),
        }

    @api.model
    def _kel_hotspots(self, period, limit=HOTSPOT_LIMIT):
        """The period's ``limit`` busiest ~100 m cells (grid heat layer): per
        cell its centre, the complaints by category (with the category's id for
        the layer of one category), the RW most of them are in, and the domain
        opening them. Read as the user: record rules apply (an RW officer's
        hotspots are in their RW). One GROUP BY query."""
        Ticket = self.env["helpdesk.ticket"]
        query = Ticket._search(period + [("latitude", "!=", False)])
        table = query.table
        cell = geo.GRID_DEG
        rows = self.env.execute_query(
            SQL(
                "SELECT floor(%(lat)s / %(cell)s)::int AS y,"
                " floor(%(lon)s / %(cell)s)::int AS x, %(category)s, %(rw)s, count(*)"
                " FROM %(from)s WHERE %(where)s GROUP BY 1, 2, 3, 4",
                lat=SQL.identifier(table, "latitude"),
                lon=SQL.identifier(table, "longitude"),
                cell=cell,
                category=SQL.identifier(table, "category_id"),
                rw=SQL.identifier(table, "rw_id"),
                **{"from": query.from_clause, "where": query.where_clause},
            )
        )
        cells = {}
        for y, x, category_id, rw_id, count in rows:
            entry = cells.setdefault((y, x), {"total": 0, "categories": {}, "rws": {}})
            entry["total"] += count
            entry["categories"][category_id] = (
                entry["categories"].get(category_id, 0) + count
            )
            entry["rws"][rw_id] = entry["rws"].get(rw_id, 0) + count
        top = sorted(cells.items(), key=lambda item: (-item[1]["total"], item[0]))
        top = top[:limit]
        # names of every RW and category shown, read at once
        rw_names = {
            rw.id: rw.display_name
            for rw in self.env["kelurahan.rw"].browse(
                {rw for _key, entry in top for rw in entry["rws"] if rw}
            )
        }
        category_names = {
            category.id: category.display_name
            for category in self.env["helpdesk.ticket.category"].browse(
                {c for _key, entry in top for c in entry["categories"] if c}
            )
        }
        peak = top[0][1]["total"] if top else 1
        result = []
        for (y, x), entry in top:
            lat_min, lon_min = y * cell, x * cell
            rw_id = max(entry["rws"], key=lambda key: entry["rws"][key])
            categories = sorted(
                entry["categories"].items(), key=lambda item: (-item[1], item[0] or 0)
            )
            result.append(
                {
                    "key": f"{y}_{x}",
                    "lat": round(lat_min + cell / 2, 6),
                    "lon": round(lon_min + cell / 2, 6),
                    "rw": rw_names.get(rw_id, ""),
                    "count": entry["total"],
                    "heat": round(entry["total"] / peak, 2),
                    "categories": [
                        {
                            "id": category_id or 0,
                            "name": category_names.get(category_id, ""),
                            "count": count,
                        }
                        for category_id, count in categories
                    ],
                    "domain": period
                    + [
                        ("latitude", ">=", lat_min),
                        ("latitude", "<", lat_min + cell),
                        ("longitude", ">=", lon_min),
                        ("longitude", "<", lon_min + cell),
                    ],
                }
            )
        return result
