# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import geo


class KelurahanBoundaryMixin(models.AbstractModel):
    """A GeoJSON polygon (RW or RT boundary), checked when written: Polygon or
    MultiPolygon, closed rings, inside Indonesia, no self-intersection."""

    _name = "kelurahan.boundary.mixin"
    _description = "Area with a GeoJSON boundary"

    kel_boundary = fields.Text(
        string="Boundary (GeoJSON)",
        help="Polygon or MultiPolygon geometry, WGS84 [longitude, latitude].",
        # Read only where the map needs it: not with every RW or RT name a
        # complaint list or page shows (a polygon can be large).
        prefetch=False,
    )
    kel_has_boundary = fields.Boolean(
        string="Has boundary", compute="_compute_kel_has_boundary", store=True
    )

    @api.depends("kel_boundary")
    def _compute_kel_has_boundary(self):
        for area in self:
            area.kel_has_boundary = bool(area.kel_boundary)

    @api.constrains("kel_boundary")
    def _check_kel_boundary(self):
        for area in self.filtered("kel_boundary"):
            try:
                geo.parse_geometry(json.loads(area.kel_boundary))
            except ValueError as error:
                message = (
                    error.message(self.env.lang)
                    if isinstance(error, geo.GeoError)
                    else self.env._("The file is not valid GeoJSON.")
                )
                raise ValidationError(
                    self.env._(
                        "%(area)s: %(message)s",
                        area=area.display_name,
                        message=message,
                    )
                ) from error

    def _kel_polygons(self):
        """The parsed polygons of this area (empty without a boundary)."""
        self.ensure_one()
        if not self.kel_boundary:
            return []
        # checked when stored (_check_kel_boundary): read it without the
        # quadratic self-intersection test, on every report and map lookup
        return geo.parse_geometry(json.loads(self.kel_boundary), check=False)

    def _kel_containing(self, latitude, longitude):
        """The first of these areas whose boundary holds the point."""
        for area in self.filtered("kel_has_boundary"):
            if geo.contains(area._kel_polygons(), latitude, longitude):
                return area
        return self.browse()
