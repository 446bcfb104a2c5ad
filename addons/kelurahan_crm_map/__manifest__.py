# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan CRM Map",
    "summary": "Complaints on maps: pin and nearby reports in the portal, officers' "
    "map view, hotspots, public board map, RW/RT boundaries",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["kelurahan_crm", "web_view_leaflet_map"],
    "data": [
        "security/ir.model.access.csv",
        "security/kelurahan_complaint_support_security.xml",
        "views/helpdesk_ticket_views.xml",
        "views/kelurahan_rw_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "kelurahan_crm_map/static/src/js/kelurahan_map_portal.js",
            "kelurahan_crm_map/static/src/scss/kelurahan_map_portal.scss",
        ],
        "web.assets_backend": [
            "kelurahan_crm_map/static/src/views/*",
            "kelurahan_crm_map/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "kelurahan_crm_map/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
