# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan Services and Queue",
    "summary": "Service requests, verifiable letters and the office queue for "
    "kelurahan",
    "version": "18.0.1.0.0",
    "category": "Services",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["kelurahan_crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/kelurahan_service_security.xml",
        "data/kelurahan_service_config_data.xml",
        "data/kelurahan_service_data.xml",
        "report/kelurahan_letter_report.xml",
        "views/kelurahan_service_views.xml",
        "views/kelurahan_counter_views.xml",
        "views/kelurahan_service_request_views.xml",
        "views/kelurahan_letter_views.xml",
        "views/kelurahan_queue_views.xml",
        "views/kelurahan_portal_templates.xml",
        "views/kelurahan_public_templates.xml",
        "views/kelurahan_home_templates.xml",
        "views/kelurahan_export_views.xml",
        "views/kelurahan_service_menus.xml",
        "views/kelurahan_queue_screen_templates.xml",
        "views/kelurahan_queue_call_views.xml",
        "views/kelurahan_privacy_templates.xml",
    ],
    "demo": [
        "demo/kelurahan_service_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kelurahan_service/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {"python": ["qrcode", "Pillow", "scipy", "numpy"]},
    "installable": True,
}
