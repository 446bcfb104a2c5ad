# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data-protection settings of a kelurahan: retention shown on the privacy page,
breach notification deadline and reminder."""

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    kel_retention_complaint_years = fields.Integer(
        string="Complaint retention (years)",
        default=5,
        help="How long complaints and their photos are kept after closing; shown on "
        "the privacy page.",
    )
    kel_breach_notify_hours = fields.Integer(
        string="Breach notification deadline (hours)",
        default=72,
        help="UU PDP art. 46: residents and the authority are notified within 3x24 "
        "hours of finding a breach.",
    )
    kel_breach_reminder_hours = fields.Integer(
        string="Breach reminder (hours before the deadline)", default=24
    )
    kel_privacy_contact = fields.Char(
        string="Data protection contact",
        help="E-mail or phone where residents exercise their rights; the office "
        "contacts are shown when empty.",
    )
