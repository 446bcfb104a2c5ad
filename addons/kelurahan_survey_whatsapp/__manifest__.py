# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan Survey over WhatsApp",
    "summary": "Glue: survey invitations reach WhatsApp reporters (tests of the "
    "combination)",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["kelurahan_survey", "kelurahan_whatsapp"],
    "auto_install": True,
    "installable": True,
}
