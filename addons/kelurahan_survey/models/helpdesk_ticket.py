# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    kel_survey_input_ids = fields.One2many(
        "survey.user_input", "ticket_id", "Satisfaction surveys"
    )

    def write(self, vals):
        before = {}
        if "stage_id" in vals:
            before = {ticket.id: ticket._kel_is_done() for ticket in self}
        res = super().write(vals)
        if before:
            newly_done = self.filtered(
                lambda t: t._kel_is_done() and not before.get(t.id)
            )
            if newly_done:
                newly_done._kel_send_survey_invitation()
        return res

    def _kel_is_done(self):
        """Closed as done: the contract's ``kel_state == 'done'`` once the complaint
        workflow is installed, else helpdesk_mgmt's "Done" stage (not cancelled
        or rejected ones, which are closed too)."""
        self.ensure_one()
        if "kel_state" in self._fields:
            return self.kel_state == "done"
        done = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_done", raise_if_not_found=False
        )
        return bool(done) and self.stage_id == done

    def _kel_survey_invitation_survey(self):
        # sudo: choosing the configured survey is not the closing officer's choice
        return (
            self.env["survey.survey"]
            .sudo()
            .search(
                [("kel_invite_complaint", "=", True), ("active", "=", True)],
                order="id desc",
                limit=1,
            )
        )

    def _kel_send_survey_invitation(self):
        """One invitation (token link by e-mail) per closed complaint with a
        reachable, non-anonymous reporter. Returns the created responses."""
        survey = self._kel_survey_invitation_survey()
        inputs = self.env["survey.user_input"].sudo()
        if not survey:
            return inputs
        template = self.env.ref(
            "kelurahan_survey.mail_template_survey_invitation", raise_if_not_found=False
        )
        for ticket in self:
            partner = ticket.partner_id
            if (
                not partner
                or not partner.email
                or ticket.sudo().kel_survey_input_ids
                or ("is_anonymous" in ticket._fields and ticket.is_anonymous)
            ):
                continue
            # sudo: the closing officer may not create survey responses; the response
            # is created for the reporter, who alone receives its token.
            user_input = survey.sudo()._create_answer(
                partner=partner,
                check_attempts=False,
                ticket_id=ticket.id,
                channel_id=ticket.channel_id.id,
            )
            inputs |= user_input
            if template:
                template.sudo().send_mail(user_input.id)
            ticket.message_post(
                body=self.env._("Satisfaction survey invitation sent to the reporter."),
                subtype_xmlid="mail.mt_note",
            )
        return inputs
