# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def post_init_hook(env):
    """OpenStreetMap tiles by default (web_leaflet_lib leaves "False" outside
    demo databases); an admin may change or empty it in the settings."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param("leaflet.tile_url") in (False, "", "False"):
        params.set_param("leaflet.tile_url", OSM_TILES)
