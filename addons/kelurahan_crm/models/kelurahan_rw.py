# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KelurahanRw(models.Model):
    """A Rukun Warga of the kelurahan, with its post (balai RW) and officers."""

    _name = "kelurahan.rw"
    _description = "RW (Rukun Warga)"
    _order = "company_id, number, id"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    number = fields.Integer(required=True, help="RW number, e.g. 1 for RW 01.")
    chair_name = fields.Char(string="Chair (Ketua RW)")
    chair_phone = fields.Char(groups="base.group_user")
    post_address = fields.Char(string="RW post address")
    phone = fields.Char(string="RW post phone")
    company_id = fields.Many2one(
        "res.company",
        string="Kelurahan",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    rt_ids = fields.One2many("kelurahan.rt", "rw_id", string="RTs")
    rt_count = fields.Integer(compute="_compute_rt_count", string="Number of RTs")
    user_ids = fields.Many2many(
        "res.users",
        "kelurahan_rw_res_users_rel",
        "rw_id",
        "user_id",
        string="RW officers",
        domain=[("share", "=", False)],
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [  # noqa: RUF012
        (
            "number_company_uniq",
            "unique(company_id, number)",
            "This RW number already exists in this kelurahan.",
        ),
        ("number_positive", "check(number > 0)", "The RW number must be positive."),
    ]

    def write(self, vals):
        res = super().write(vals)
        if "user_ids" in vals:
            # Record rules read user.kel_rw_ids and are cached per user.
            self.env.registry.clear_cache()
        return res

    @api.depends("number")
    def _compute_name(self):
        for rw in self:
            if rw.number and not rw.name:
                rw.name = f"RW {rw.number:02d}"

    @api.depends("rt_ids")
    def _compute_rt_count(self):
        for rw in self:
            rw.rt_count = len(rw.rt_ids)

    @api.constrains("company_id")
    def _check_complaints_stay(self):
        """An RW cannot move to another kelurahan while complaints of its own
        kelurahan point to it (``check_company`` guards the other direction).
        sudo: counts only, over every complaint of the RW."""
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        for rw in self:
            if Ticket.search_count(
                [("rw_id", "=", rw.id), ("company_id", "!=", rw.company_id.id)],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(rw)s has complaints in its kelurahan: it cannot be moved "
                        "to another one.",
                        rw=rw.display_name,
                    )
                )
