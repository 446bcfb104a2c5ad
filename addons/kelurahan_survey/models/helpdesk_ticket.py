# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
        """Closed as done (the complaint workflow's ``kel_state``), not rejected."""
        self.ensure_one()
        return self.kel_state == "done"

    def _kel_send_survey_invitation(self):
        """One invitation (token link by e-mail) per closed complaint with a
        reachable, non-anonymous reporter. Returns the created responses."""
        survey = self.env["survey.survey"]._kel_invitation_survey("complaint")
        inputs = self.env["survey.user_input"].sudo()
        for ticket in self:
            # sudo: only whether an invitation exists is checked
            if ticket.is_anonymous or ticket.sudo().kel_survey_input_ids:
                continue
            user_input = survey._kel_invite(
                ticket.partner_id,
                ticket=ticket,
                ticket_id=ticket.id,
                channel_id=ticket.channel_id.id,
            )
            if user_input:
                inputs |= user_input
                ticket.message_post(
                    body=self.env._(
                        "Satisfaction survey invitation sent to the reporter."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return inputs
