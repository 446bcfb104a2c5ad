# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan CRM",
    "summary": "Complaints (pengaduan), RW posts, dispositions and reports for "
    "kelurahan offices",
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
        "views/helpdesk_ticket_kelurahan_views.xml",
        "views/helpdesk_ticket_label_views.xml",
        "views/helpdesk_ticket_config_views.xml",
        "views/helpdesk_ticket_source_views.xml",
        "views/kelurahan_rw_views.xml",
        "views/kelurahan_agency_views.xml",
        "views/kelurahan_dashboard_views.xml",
        "views/kelurahan_crm_menus.xml",
        "views/helpdesk_ticket_portal_templates.xml",
        "views/webclient_templates.xml",
        "data/kelurahan_report_data.xml",
        "views/kelurahan_export_job_views.xml",
        "views/kelurahan_report_subscription_views.xml",
        "views/helpdesk_ticket_analysis_views.xml",
        "wizards/kelurahan_export_wizard_views.xml",
        "wizards/kelurahan_kpi_summary_views.xml",
        "wizards/kelurahan_nik_reveal_views.xml",
        "views/kelurahan_audit_log_views.xml",
        "views/kelurahan_report_menus.xml",
    ],
    "demo": [
        "demo/kelurahan_rw_demo.xml",
        "demo/res_users_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "kelurahan_crm/static/src/js/kelurahan_portal.js",
            "kelurahan_crm/static/src/scss/kelurahan_portal.scss",
        ],
        "web.assets_backend": [
            "kelurahan_crm/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "kelurahan_crm/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {
        "python": [
            "scipy",
            "numpy",
            "polib",
            "Pillow",
            "xlsxwriter",
        ]
    },
    "application": True,
    "installable": True,
}
