# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan Survey for Services",
    "summary": "Glue: satisfaction survey invitations after completed service "
    "requests and served queue visits",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["kelurahan_survey", "kelurahan_service"],
    "data": [
        "data/survey_survey_data.xml",
        "views/survey_survey_views.xml",
        "security/ir.model.access.csv",
        "views/kelurahan_service_channel_analysis_views.xml",
    ],
    "external_dependencies": {"python": ["scipy", "numpy"]},
    "auto_install": True,
    "installable": True,
}
