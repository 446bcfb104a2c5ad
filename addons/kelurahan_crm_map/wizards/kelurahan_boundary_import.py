# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii
import json

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import geo

MAX_FILE_BYTES = 5 * 1024 * 1024


class KelurahanBoundaryImport(models.TransientModel):
    """Import RW (and optionally RT) boundaries from a GeoJSON FeatureCollection.
    Each feature names its area in its properties: ``rw`` (the RW number) and
    optionally ``rt`` (an RT number of that RW). Everything is checked first;
    one bad feature refuses the whole file and nothing is stored."""

    _name = "kelurahan.boundary.import"
    _description = "Import RW/RT boundaries (GeoJSON)"

    company_id = fields.Many2one(
        "res.company",
        string="Kelurahan",
        required=True,
        default=lambda self: self.env.company,
    )
    file = fields.Binary(string="GeoJSON file", required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def _kel_number(self, properties, key, index):
        value = properties.get(key)
        if value in (None, ""):
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if number <= 0:
            raise UserError(
                self.env._(
                    "Feature %(index)s: '%(key)s' must be a positive number.",
                    index=index,
                    key=key,
                )
            )
        return number

    def _kel_targets(self, features):
        """[(area record, geometry dict)] for the parsed features."""
        Rw = self.env["kelurahan.rw"]
        targets = []
        for index, (properties, polygons) in enumerate(features, start=1):
            rw_number = self._kel_number(properties, "rw", index)
            if rw_number is None:
                raise UserError(
                    self.env._(
                        "Feature %(index)s has no 'rw' property (the RW number).",
                        index=index,
                    )
                )
            rw = Rw.search(
                [("company_id", "=", self.company_id.id), ("number", "=", rw_number)],
                limit=1,
            )
            if not rw:
                raise UserError(
                    self.env._(
                        "Feature %(index)s: RW %(number)s does not exist in this "
                        "kelurahan. Create it first.",
                        index=index,
                        number=rw_number,
                    )
                )
            area = rw
            rt_number = self._kel_number(properties, "rt", index)
            if rt_number is not None:
                area = rw.rt_ids.filtered(lambda rt, n=rt_number: rt.number == n)[:1]
                if not area:
                    raise UserError(
                        self.env._(
                            "Feature %(index)s: RT %(rt)s does not exist in "
                            "%(rw)s. Create it first.",
                            index=index,
                            rt=rt_number,
                            rw=rw.display_name,
                        )
                    )
            geometry = {
                "type": "MultiPolygon",
                "coordinates": [
                    [[list(point) for point in ring] for ring in rings]
                    for rings in polygons
                ],
            }
            targets.append((area, geometry))
        return targets

    def action_import(self):
        self.ensure_one()
        self.env["kelurahan.rw"].check_access("write")
        try:
            raw = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file is not valid GeoJSON.")) from error
        if len(raw) > MAX_FILE_BYTES:
            raise UserError(self.env._("The file is too large (at most 5 MB)."))
        try:
            features = geo.load_features(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise UserError(self.env._("The file is not valid GeoJSON.")) from error
        except geo.GeoError as error:
            raise UserError(error.message(self.env.lang)) from error
        targets = self._kel_targets(features)
        for area, geometry in targets:
            area.kel_boundary = json.dumps(geometry, separators=(",", ":"))
        self.result = self.env._(
            "%(count)s boundaries imported: %(names)s.",
            count=len(targets),
            names=", ".join(area.display_name for area, _geometry in targets),
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
