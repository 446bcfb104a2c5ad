# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one rule of what anyone without a login may see of the complaints.

``_kel_public_domain`` decides which complaints may be listed publicly (the
transparency board; later maps and open data), ``_kel_public_row`` which of their
fields at what precision, ``_kel_public_timeline`` what the tracking pages show to
whoever proves they may follow one complaint (number + phone digits, or the private
link). Never the reporter, NIK, address, RT, coordinates or the conversation."""

from odoo import api, models


class KelurahanComplaintPublic(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only."""

    _name = "kelurahan.complaint.public"
    _description = "Complaint public visibility"

    @api.model
    def _kel_public_domain(self):
        """Complaints that may be listed publicly: in a kelurahan stage, neither
        anonymous nor confidential (rahasia)."""
        return [
            ("kel_state", "!=", False),
            ("is_anonymous", "=", False),
            ("is_confidential", "=", False),
        ]

    def _kel_public_row(self, fmt_dt):
        """A complaint of ``_kel_public_domain`` as a public list shows it: number,
        category, RW (never finer), stage and the day it was reported."""
        self.ensure_one()
        return {
            "number": self.number,
            "category": self.category_id.name or "",
            "rw": self.rw_id.name or "",
            "stage": self.stage_id.name or "",
            "state": self.kel_state,
            "date": fmt_dt(self.date_reported),
        }

    def _kel_public_timeline(self, fmt_dt):
        """The status timeline of this complaint without any personal data: dates,
        stage, dispositions (agency and state only), the follow-up note when done.
        ``fmt_dt`` formats a datetime for the reader."""
        self.ensure_one()
        ticket = self
        env = self.env
        state = ticket.kel_state
        steps = [
            {
                "key": "reported",
                "label": env._("Received (Tgl Masuk)"),
                "date": fmt_dt(ticket.date_reported),
                "done": True,
            },
            {
                "key": "followup",
                "label": env._("First follow-up (Tgl TL)"),
                "date": fmt_dt(ticket.date_followup),
                "done": bool(ticket.date_followup),
                "deadline": fmt_dt(ticket.deadline_followup)
                if not ticket.date_followup
                else "",
            },
        ]
        dispositions = [
            {
                "agency": disposition.agency_id.name,
                "state": dict(
                    disposition._fields["state"]._description_selection(env)
                ).get(disposition.state, ""),
                "date": fmt_dt(disposition.date_sent),
            }
            for disposition in ticket.disposition_ids.sorted("date_sent")
        ]
        if state == "rejected":
            final = {
                "key": "rejected",
                "label": env._("Rejected"),
                "date": fmt_dt(ticket.date_done),
                "done": True,
                "note": ticket.reject_reason or "",
            }
        else:
            final = {
                "key": "done",
                "label": env._("Done (Selesai)"),
                "date": fmt_dt(ticket.date_done) if state == "done" else "",
                "done": state == "done",
                "note": ticket.followup_note if state == "done" else "",
                "deadline": fmt_dt(ticket.deadline_resolution)
                if state != "done"
                else "",
            }
        return {
            "number": ticket.number,
            "category": ticket.category_id.name or "",
            "rw": ticket.rw_id.name or "",
            "stage": ticket.stage_id.name or "",
            "state": state,
            "is_disputed": ticket.is_disputed,
            "steps": steps,
            "dispositions": dispositions,
            "final": final,
        }
