# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", "Complaint", index="btree_not_null", ondelete="set null"
    )
    service_request_id = fields.Many2one(
        "kelurahan.service.request",
        "Service request",
        index="btree_not_null",
        ondelete="set null",
    )
    queue_ticket_id = fields.Many2one(
        "kelurahan.queue.ticket",
        "Queue visit",
        index="btree_not_null",
        ondelete="set null",
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
