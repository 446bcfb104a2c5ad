# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", "Complaint", index="btree_not_null", ondelete="set null"
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        "Channel",
        index="btree_not_null",
        ondelete="set null",
        help="Channel of the contact this response rates (walk-in, WhatsApp, …).",
    )
    kel_is_kiosk = fields.Boolean(
        "Answered at the kiosk",
        readonly=True,
        help="Started on the counter tablet: each respondent gets a fresh, "
        "anonymous response.",
    )

    def _mark_done(self):
        odoobot = self.env.ref("base.partner_root")
        for user_input in self.filtered("ticket_id"):
            # sudo: the respondent (often the public user) may not write on the
            # complaint; the note carries no answer, only that the survey was filled.
            user_input.ticket_id.sudo().message_post(
                body=self.env._("The resident answered the satisfaction survey."),
                author_id=odoobot.id,
                subtype_xmlid="mail.mt_note",
            )
        return super()._mark_done()

    def _kel_invitation_reason(self):
        """The invitation's first sentence: what the resident is asked to rate.
        Addons linking responses to other records (kelurahan_survey_service)
        extend it with ``super()``."""
        self.ensure_one()
        if self.ticket_id:
            return self._kel_sentence(
                self.env._("Your complaint %(number)s has been handled."),
                number=self.ticket_id.number,
            )
        return Markup()

    def _kel_sentence(self, text, **values):
        """``text`` (translated, with %(name)s placeholders) as HTML: each value
        escaped, and in bold unless given as Markup."""
        return Markup(escape(text)) % {
            key: value
            if isinstance(value, Markup)
            else Markup("<strong>%s</strong>") % (value or "")
            for key, value in values.items()
        }
