# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan WhatsApp",
    "summary": "Complaints and replies over the WhatsApp Business Cloud API for "
    "kelurahan",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["kelurahan_crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/kelurahan_whatsapp_security.xml",
        "data/ir_cron_whatsapp_data.xml",
        "views/kelurahan_whatsapp_account_views.xml",
        "views/kelurahan_whatsapp_message_views.xml",
        "views/kelurahan_whatsapp_conversation_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/kelurahan_whatsapp_menus.xml",
    ],
    "external_dependencies": {"python": ["requests"]},
    "installable": True,
}
