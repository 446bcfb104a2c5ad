# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

COMPLAINT_SEQUENCE_CODE = "kelurahan.complaint"


class ResCompany(models.Model):
    _inherit = "res.company"

    def _default_kel_calendar(self):
        return self.env.ref(
            "kelurahan_crm.calendar_kelurahan", raise_if_not_found=False
        )

    kel_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Office working calendar",
        default=_default_kel_calendar,
        help="Office hours and public holidays used for response/resolution times "
        "and deadlines of complaints.",
    )
    kel_dispute_days = fields.Integer(
        string="Dispute window (days)",
        default=7,
        help="Days after Selesai during which the resident may dispute the result.",
    )
    kel_duplicate_days = fields.Integer(
        string="Duplicate window (days)",
        default=14,
        help="Complaints reported within this many days of each other can be "
        "duplicates.",
    )
    kel_duplicate_distance = fields.Integer(
        string="Duplicate distance (m)",
        default=100,
        help="Complaints of the same category within this distance can be duplicates.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._kel_ensure_complaint_sequence()
        return companies

    def _kel_ensure_complaint_sequence(self):
        """One complaint sequence per kelurahan (ADU/2026/000123). Standard
        (PostgreSQL sequence) implementation: concurrent creations never share a
        number and never wait on each other."""
        # sudo: sequences are technical records officers cannot create themselves.
        sequences = self.env["ir.sequence"].sudo()
        for company in self:
            if not sequences.search_count(
                [
                    ("code", "=", COMPLAINT_SEQUENCE_CODE),
                    ("company_id", "=", company.id),
                ]
            ):
                sequences.create(
                    {
                        "name": f"Complaint number ({company.name})",
                        "code": COMPLAINT_SEQUENCE_CODE,
                        "prefix": "ADU/%(year)s/",
                        "padding": 6,
                        "implementation": "standard",
                        "company_id": company.id,
                    }
                )

    @api.model
    def _kel_install_complaint_sequences(self):
        self.search([])._kel_ensure_complaint_sequence()

    @api.model
    def _kel_set_default_calendar(self):
        calendar = self._default_kel_calendar()
        self.search([("kel_calendar_id", "=", False)]).kel_calendar_id = calendar
