# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KelurahanAnnouncement(models.Model):
    """A notice of the office shown on the public home page (``/``) between its
    publication dates: closed days, new services, events. Officers write them in the
    backend, in the language of the office (not translated); the public sees only
    published ones, read by the home controller."""

    _name = "kelurahan.announcement"
    _description = "Public Announcement"
    _order = "sequence, date_start desc, id desc"

    name = fields.Char(string="Title", required=True)
    body = fields.Text(string="Text")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Published",
        default=True,
        help="Shown on the public home page between the dates below.",
    )
    date_start = fields.Date(
        string="From",
        default=fields.Date.context_today,
        help="First day it is shown; empty: from now on.",
    )
    date_end = fields.Date(
        string="Until", help="Last day it is shown; empty: until unpublished."
    )
    company_id = fields.Many2one(
        "res.company",
        string="Kelurahan",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for announcement in self:
            if (
                announcement.date_start
                and announcement.date_end
                and announcement.date_end < announcement.date_start
            ):
                raise ValidationError(
                    self.env._("An announcement cannot end before it starts.")
                )

    @api.model
    def _kel_published_domain(self, company):
        """Announcements of ``company`` the public may read today (office's date)."""
        today = company._kel_today()
        return [
            ("company_id", "=", company.id),
            ("is_published", "=", True),
            "|",
            ("date_start", "=", False),
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]
