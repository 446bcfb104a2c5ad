# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kel_nearby_distance = fields.Integer(
        related="company_id.kel_nearby_distance", readonly=False
    )
    # web_leaflet_lib's parameters, read by the backend map and the portal maps.
    kel_map_tile_url = fields.Char(
        string="Map tile server URL",
        config_parameter="leaflet.tile_url",
        help="e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: no "
        "background tiles (markers only, nothing requested outside this server).",
    )
    kel_map_copyright = fields.Char(
        string="Map attribution", config_parameter="leaflet.copyright"
    )
