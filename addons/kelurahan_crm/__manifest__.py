# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan CRM",
    "summary": "Complaints (pengaduan), RW posts and services for kelurahan offices",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["helpdesk_mgmt", "portal"],
    "data": [
        "data/res_lang_data.xml",
        "security/kelurahan_crm_security.xml",
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
        "views/kelurahan_crm_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/kelurahan_service_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kelurahan_crm/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {"python": ["scipy", "numpy", "polib", "qrcode"]},
    "application": True,
    "installable": True,
}
