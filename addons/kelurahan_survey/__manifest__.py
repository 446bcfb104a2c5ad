# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Kelurahan Survey (SKM/IKM)",
    "summary": "Satisfaction surveys (SKM/IKM, PermenPANRB 14/2017) for kelurahan",
    "version": "18.0.1.0.0",
    "category": "Marketing/Surveys",
    "author": "Kelurahan CRM",
    "website": "https://github.com/kelurahan-crm/kelurahan-crm",
    "license": "AGPL-3",
    "depends": ["survey", "kelurahan_crm"],
    "data": [
        "security/kelurahan_survey_security.xml",
    ],
    "installable": True,
}
