# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanServiceRequirement(models.Model):
    """A document the applicant brings or uploads for a service."""

    _name = "kelurahan.service.requirement"
    _description = "Service Requirement"
    _order = "service_id, sequence, id"

    service_id = fields.Many2one(
        "kelurahan.service", required=True, ondelete="cascade", index=True
    )
    # stored for the multi-company record rule (security/kelurahan_service_security.xml)
    company_id = fields.Many2one(
        related="service_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    required = fields.Boolean(default=True)
    upload = fields.Boolean(
        default=True, help="Uploaded online; otherwise only shown at the counter."
    )
