# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reporter's word on the result: rating (1-5) or dispute of a complaint marked
Selesai. A resident acts only as the complaint's reporter, hidden or not; a reporter
without an account acts from the private tracking link after a one-time code.

The rule (``_kel_feedback_refusal``, the one place that decides, for the pages and the
actions alike): each result (each Tgl Selesai) gets one verdict from the reporter.
"Yes, solved" is the rating, at any time after Selesai; "No, not solved" is the
dispute, within the kelurahan's dispute window (``kel_dispute_days``) and only while
the result is not rated: a rating confirms the result. A dispute reopens the
complaint; when it is Selesai again the reporter judges the new result. Every verdict
is kept (``kelurahan.complaint.feedback.entry``): a reopening never erases a rating."""

from datetime import timedelta

from odoo import SUPERUSER_ID, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html


class KelurahanComplaintFeedback(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.feedback"
    _description = "Complaint rating and dispute"

    # ------------------------------------------------------------------
    # The rule
    # ------------------------------------------------------------------

    def _kel_dispute_until(self):
        """End of the dispute window of the current result (False when not done)."""
        self.ensure_one()
        ticket = self.sudo()
        if not ticket.date_done:
            return False
        return ticket.date_done + timedelta(days=ticket.company_id.kel_dispute_days)

    def _kel_current_verdict(self):
        """The reporter's verdict on the current result, if any."""
        self.ensure_one()
        ticket = self.sudo()
        if not ticket.date_done:
            return ticket.feedback_ids.browse()
        return ticket.feedback_ids.filtered(
            lambda entry: entry.done_date == ticket.date_done
        )[:1]

    def _kel_feedback_refusal(self, kind):
        """Why the reporter may not give ``kind`` ("rating" or "dispute") now, as a
        message for them; None when they may."""
        self.ensure_one()
        ticket = self.sudo()
        _ = self.env._
        if ticket.kel_state != "done" or not ticket.date_done:
            if kind == "rating":
                return _("Only a complaint marked Selesai can be rated.")
            return _("Only a complaint marked Selesai can be disputed.")
        verdict = ticket._kel_current_verdict()
        if verdict and kind == "rating":
            return _("This result was already rated. Thank you!")
        if verdict:
            return _(
                "You confirmed this result with your rating, so it can no longer be "
                "disputed. If the problem came back, report it as a new complaint."
            )
        if kind == "dispute" and fields.Datetime.now() > ticket._kel_dispute_until():
            return _(
                "The dispute period of %(days)s days after Selesai has passed.",
                days=ticket.company_id.kel_dispute_days,
            )
        return None

    def _kel_check_feedback(self, kind):
        refusal = self._kel_feedback_refusal(kind)
        if refusal:
            raise UserError(refusal)

    def _kel_feedback_values(self, fmt_dt):
        """What the reporter's pages show: the verdicts so far (newest first), the
        current one, and which forms are offered. ``fmt_dt`` formats a datetime
        for the reader."""
        self.ensure_one()
        ticket = self.sudo()
        until = ticket._kel_dispute_until()
        return {
            "can_rate": not ticket._kel_feedback_refusal("rating"),
            "can_dispute": not ticket._kel_feedback_refusal("dispute"),
            "dispute_until": fmt_dt(until) if until else "",
            "dispute_days": ticket.company_id.kel_dispute_days,
            "window_passed": bool(
                ticket.kel_state == "done"
                and until
                and fields.Datetime.now() > until
                and not ticket._kel_current_verdict()
            ),
            "current": ticket._kel_current_verdict()._kel_as_dict(fmt_dt),
            "history": [entry._kel_as_dict(fmt_dt) for entry in ticket.feedback_ids],
        }

    # ------------------------------------------------------------------
    # Actions (any user may call them: the checks hold at RPC)
    # ------------------------------------------------------------------

    def action_dispute(self, reason):
        """The reporter disputes a Selesai complaint (an officer may register it
        for them): it reopens (Dalam Proses), flagged, with new deadlines."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Explain why the result is not satisfactory."))
        self._kel_check_reporter_action(
            self.env._("Only the reporter can dispute this complaint.")
        )
        self._kel_check_feedback("dispute")
        self._kel_record_dispute(reason)
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
        self._kel_check_feedback("rating")
        self._kel_record_rating(rating, (comment or "").strip())
        return True

    def _kel_check_reporter_action(self, message):
        """A resident acts on a complaint only as its reporter (hidden or not);
        office users on complaints they may read."""
        user = self.env.user
        if not user.share:
            self.check_access("read")
        elif self._kel_reporter_partner() != user.commercial_partner_id:
            raise AccessError(message)

    # ------------------------------------------------------------------
    # Recording a verdict (private: callers checked who acts and the rule)
    # ------------------------------------------------------------------

    def _kel_feedback_via(self):
        user = self.env.user
        if user._is_public():
            return "tracking"
        return "portal" if user.share else "office"

    def _kel_add_verdict(self, kind, comment, via, rating=False):
        # sudo: verdicts are written by the workflow only, after the caller's checks.
        return (
            self.env["kelurahan.complaint.feedback.entry"]
            .sudo()
            .create(
                {
                    "ticket_id": self.id,
                    "kind": kind,
                    "rating": rating,
                    "comment": comment or False,
                    "done_date": self.sudo().date_done,
                    "via": via,
                }
            )
        )

    def _kel_reporter_post(self, text, internal=False, attachment_ids=None):
        """Post ``text`` (plain) in the complaint's thread as its reporter: their
        partner when signed in, the neutral author on a hidden complaint, their
        name without a partner when they have no account (tracking link). Public
        (visible to the reporter and the officers) unless ``internal``."""
        ticket = self._kel_as_reporter()
        if self.env.user._is_public() and not ticket.sudo()._kel_hides_reporter():
            name = ticket.sudo()._kel_reporter_contact()[0] or self.env._("Reporter")
            author = {"author_id": False, "email_from": name}
        else:
            author = {"author_id": ticket._kel_reporter_author().id}
        message = ticket.message_post(
            body=plaintext2html(text) if text else "",
            message_type="comment",
            subtype_xmlid="mail.mt_note" if internal else "mail.mt_comment",
            attachment_ids=attachment_ids or [],
            **author,
        )
        ticket.env.flush_all()  # as the reporter's environment, see _kel_as_reporter
        return message

    def _kel_record_rating(self, rating, comment):
        self.ensure_one()
        # Residents (portal) have no write access on complaints; the callers
        # restricted this to the reporter and the rule; two fields are written.
        via = self._kel_feedback_via()
        ticket = self._kel_as_reporter()
        ticket._kel_add_verdict("rating", comment, via, rating=rating)
        ticket.write({"rating": rating, "rating_comment": comment or False})
        ticket._kel_reporter_post(
            self.env._(
                "The reporter confirmed the result and rated the handling "
                "%(rating)s/5.",
                rating=rating,
            )
            + (f"\n{comment}" if comment else ""),
            internal=True,
        )

    def _kel_record_dispute(self, reason):
        self.ensure_one()
        via = self._kel_feedback_via()
        ticket = self._kel_as_reporter()
        ticket._kel_add_verdict("dispute", reason, via)
        # The reason is the reporter's own words, in the thread they share with
        # the officers.
        ticket._kel_reporter_post(
            self.env._(
                "Not solved, reopened by the reporter: %(reason)s", reason=reason
            )
        )
        # The reopening itself is the office's workflow, not the reporter's words:
        # the stage change, its tracking and the status message are written as
        # OdooBot under the kelurahan's name (see _kel_notify_email). sudo
        # (superuser): the caller checked the reporter and the rule above.
        office = self.with_user(SUPERUSER_ID)
        now = fields.Datetime.now()
        office.write(
            {
                "stage_id": self.env.ref("kelurahan_crm.stage_progress").id,
                "is_disputed": True,
                "dispute_reason": reason,
                "dispute_date": now,
                "kel_reopen_date": now,
            }
        )
        office._kel_refreeze_targets()
        office.env.flush_all()
