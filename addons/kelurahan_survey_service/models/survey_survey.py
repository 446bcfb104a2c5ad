# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    kel_invite_service = fields.Boolean(
        "Invite after completed services",
        help="Residents whose service request is completed, or whose queue visit "
        "is served, receive an invitation to this survey by e-mail.",
    )
