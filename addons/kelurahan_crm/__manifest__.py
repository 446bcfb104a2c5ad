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
    "depends": ["helpdesk_mgmt", "portal", "mail", "resource"],
    "data": [
        "data/res_lang_data.xml",
        "security/kelurahan_crm_security.xml",
        "security/ir.model.access.csv",
        "data/resource_calendar_data.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "data/kelurahan_agency_data.xml",
        "data/helpdesk_ticket_data.xml",
        "security/kelurahan_whatsapp_security.xml",
        "data/ir_cron_whatsapp_data.xml",
        "views/kelurahan_whatsapp_account_views.xml",
        "views/kelurahan_whatsapp_message_views.xml",
        "views/kelurahan_whatsapp_conversation_views.xml",
        "views/helpdesk_ticket_whatsapp_views.xml",
        "views/kelurahan_crm_menus.xml",
        "views/kelurahan_whatsapp_menus.xml",
    ],
    "demo": [
        "demo/kelurahan_rw_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kelurahan_crm/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {"python": ["scipy", "numpy", "polib", "requests"]},
    "application": True,
    "installable": True,
}
