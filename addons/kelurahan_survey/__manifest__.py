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
    "depends": ["survey", "kelurahan_crm", "report_xlsx"],
    "data": [
        "security/kelurahan_survey_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/survey_survey_data.xml",
        "report/ikm_templates.xml",
        "report/ikm_report.xml",
        "views/survey_templates.xml",
        "views/kelurahan_home_templates.xml",
        "views/survey_survey_views.xml",
        "views/kelurahan_survey_indicator_views.xml",
        "views/kelurahan_survey_ikm_wizard_views.xml",
        "views/kelurahan_survey_menus.xml",
        "data/survey_evaluation_data.xml",
        "report/evaluation_templates.xml",
        "views/kelurahan_survey_evaluation_wizard_views.xml",
        "views/kelurahan_survey_theme_views.xml",
        "views/kelurahan_survey_indicator_baseline_views.xml",
        "views/survey_privacy_templates.xml",
    ],
    "demo": [
        "demo/survey_demo.xml",
        "demo/survey_evaluation_demo.xml",
    ],
    "assets": {
        "survey.survey_assets": [
            "kelurahan_survey/static/src/js/kiosk.js",
        ],
        "web.assets_tests": [
            "kelurahan_survey/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {"python": ["scipy", "numpy", "xlsxwriter"]},
    "installable": True,
}
