# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reporter's verdicts on a complaint, one row per rating or dispute, kept for
good: a dispute reopens the complaint but never erases an earlier rating, and the
resident's page and the officers' form show the whole history."""

from odoo import fields, models


class KelurahanComplaintFeedbackEntry(models.Model):
    _name = "kelurahan.complaint.feedback.entry"
    _description = "Complaint rating or dispute"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("rating", "Rating"), ("dispute", "Dispute")], required=True, readonly=True
    )
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")], readonly=True
    )
    comment = fields.Text(
        readonly=True, help="The rating's comment or the dispute's reason."
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    done_date = fields.Datetime(
        string="Selesai judged",
        readonly=True,
        help="Tgl Selesai of the result this verdict is about: one verdict per result.",
    )
    via = fields.Selection(
        [
            ("portal", "Resident portal"),
            ("tracking", "Private tracking link"),
            ("office", "Office"),
        ],
        required=True,
        default="portal",
        readonly=True,
    )

    def _kel_as_dict(self, fmt_dt):
        """The verdict as the reporter's pages show it (None when empty)."""
        if not self:
            return None
        self.ensure_one()
        return {
            "kind": self.kind,
            "rating": self.rating or "",
            "comment": self.comment or "",
            "date": fmt_dt(self.date),
        }
