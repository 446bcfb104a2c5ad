# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    kel_nearby_distance = fields.Integer(
        string="Nearby reports distance (m)",
        default=150,
        help="The report form shows open complaints of the chosen category within "
        "this distance of the resident's pin.",
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "kel_nearby_distance_range",
            "check(kel_nearby_distance IS NULL OR "
            "(kel_nearby_distance >= 10 AND kel_nearby_distance <= 2000))",
            "The nearby reports distance must be between 10 and 2000 meters.",
        ),
    ]
