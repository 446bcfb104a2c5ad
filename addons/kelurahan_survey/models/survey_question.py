# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

UNSUR_SELECTION = [
    ("U1", "U1 Requirements"),
    ("U2", "U2 System, mechanism and procedure"),
    ("U3", "U3 Completion time"),
    ("U4", "U4 Cost/tariff"),
    ("U5", "U5 Product specification of the service"),
    ("U6", "U6 Staff competence"),
    ("U7", "U7 Staff behaviour"),
    ("U8", "U8 Handling of complaints, suggestions and feedback"),
    ("U9", "U9 Facilities and infrastructure"),
]

PROFILE_SELECTION = [
    ("age", "Age"),
    ("sex", "Sex"),
    ("education", "Education"),
    ("occupation", "Occupation"),
    ("service", "Service received"),
    ("rw", "RW"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    kel_unsur = fields.Selection(
        UNSUR_SELECTION,
        "SKM element (unsur)",
        index="btree_not_null",
        help="The PermenPANRB 14/2017 element this question measures. The IKM is "
        "computed from this code, never from the question order.",
    )
    kel_aspect = fields.Char(
        "Aspect code",
        help="Code of the aspect a Likert or literacy question measures "
        "(e.g. 'kecepatan'); results are grouped by it.",
    )
    kel_profile = fields.Selection(
        PROFILE_SELECTION,
        "Respondent profile",
        help="Respondent profile item this question records (shown in aggregates "
        "only). 'Service received' is used to compute the IKM per service.",
    )
    kel_indicator_id = fields.Many2one(
        "kelurahan.survey.indicator",
        "Table-1 indicator",
        index="btree_not_null",
        ondelete="set null",
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "kel_unsur_unique",
            "unique(survey_id, kel_unsur)",
            "A survey can hold each SKM element (unsur) only once.",
        ),
    ]
