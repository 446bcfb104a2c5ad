# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KEL_STATES = [
    ("new", "New"),
    ("verify", "Verification"),
    ("dispatch", "Disposition / Coordination"),
    ("progress", "In Progress"),
    ("done", "Done"),
    ("rejected", "Rejected"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    kel_state = fields.Selection(
        KEL_STATES,
        string="Complaint status",
        index=True,
        help="What this stage means for the complaint workflow: deadlines, Tgl TL, "
        "closing rules and reports rely on it.",
    )
