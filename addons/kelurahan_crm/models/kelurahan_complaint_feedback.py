# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reporter's word on the result: rating (1-5) and dispute of a complaint marked
Selesai. A resident acts only as the complaint's reporter, hidden or not."""

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class KelurahanComplaintFeedback(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.feedback"
    _description = "Complaint rating and dispute"

    def action_dispute(self, reason):
        """The resident disputes a Selesai complaint: it reopens (Dalam Proses) and is
        flagged, within the kelurahan's dispute window."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Explain why the result is not satisfactory."))
        self._kel_check_reporter_action(
            self.env._("Only the reporter can dispute this complaint.")
        )
        ticket = self.sudo()
        if ticket.kel_state != "done" or not ticket.date_done:
            raise UserError(
                self.env._("Only a complaint marked Selesai can be disputed.")
            )
        days = ticket.company_id.kel_dispute_days
        if fields.Datetime.now() > ticket.date_done + timedelta(days=days):
            raise UserError(
                self.env._(
                    "The dispute period of %(days)s days after Selesai has passed.",
                    days=days,
                )
            )
        # Residents (portal) have no write access on complaints; the checks above
        # restrict this to the reporter, within the window, on this record only.
        ticket = self._kel_as_reporter()
        ticket.write(
            {
                "stage_id": self.env.ref("kelurahan_crm.stage_progress").id,
                "is_disputed": True,
                "dispute_reason": reason,
                "dispute_date": fields.Datetime.now(),
            }
        )
        ticket.message_post(
            body=self.env._("Disputed by the reporter: %(reason)s", reason=reason),
            author_id=ticket._kel_reporter_author().id,
            subtype_xmlid="mail.mt_note",
        )
        ticket.env.flush_all()  # as the reporter's environment, see _kel_as_reporter
        return True

    def action_kel_rate(self, rating, comment=None):
        """The reporter rates the handling of their Selesai complaint (1-5)."""
        self.ensure_one()
        rating = str(rating)
        if rating not in dict(self._fields["rating"].selection):
            raise UserError(self.env._("Choose a rating from 1 to 5."))
        self._kel_check_reporter_action(
            self.env._("Only the reporter can rate this complaint.")
        )
        if self.sudo().kel_state != "done":
            raise UserError(self.env._("Only a complaint marked Selesai can be rated."))
        # Residents (portal) have no write access on complaints; the checks above
        # restrict this to the reporter's own Selesai complaint, two fields.
        ticket = self._kel_as_reporter()
        ticket.write({"rating": rating, "rating_comment": comment or False})
        ticket.env.flush_all()  # as the reporter's environment, see _kel_as_reporter
        return True

    def _kel_check_reporter_action(self, message):
        """A resident acts on a complaint only as its reporter (hidden or not);
        office users on complaints they may read."""
        user = self.env.user
        if not user.share:
            self.check_access("read")
        elif self._kel_reporter_partner() != user.commercial_partner_id:
            raise AccessError(message)
