# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KelurahanRt(models.Model):
    """A Rukun Tetangga, always inside one RW."""

    _name = "kelurahan.rt"
    _description = "RT (Rukun Tetangga)"
    _order = "rw_id, number, id"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True
    )
    number = fields.Integer(required=True, help="RT number, e.g. 3 for RT 003.")
    rw_id = fields.Many2one(
        "kelurahan.rw", string="RW", required=True, index=True, ondelete="cascade"
    )
    head_name = fields.Char(string="Head (Ketua RT)")
    company_id = fields.Many2one(
        related="rw_id.company_id", store=True, index=True, string="Kelurahan"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [  # noqa: RUF012
        (
            "number_rw_uniq",
            "unique(rw_id, number)",
            "This RT number already exists in this RW.",
        ),
        ("number_positive", "check(number > 0)", "The RT number must be positive."),
    ]

    @api.depends("number")
    def _compute_name(self):
        for rt in self:
            if rt.number and not rt.name:
                rt.name = f"RT {rt.number:03d}"

    @api.depends("name", "rw_id.name")
    def _compute_display_name(self):
        for rt in self:
            rt.display_name = (
                f"{rt.name} / {rt.rw_id.name}" if rt.rw_id else (rt.name or "")
            )
