# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .kelurahan_service_request import is_reachable


class KelurahanQueueTicket(models.Model):
    _inherit = "kelurahan.queue.ticket"

    kel_survey_input_ids = fields.One2many(
        "survey.user_input",
        "queue_ticket_id",
        "Satisfaction surveys",
        groups="survey.group_survey_user",
    )

    def _kel_on_served(self):
        res = super()._kel_on_served()
        self._kel_send_survey_invitation()
        return res

    def _kel_send_survey_invitation(self):
        """One invitation per served visit of a reachable resident. A visit
        belonging to a service request is not rated here: the request is, when
        it completes. Returns the responses."""
        survey = self.env["survey.survey"]._kel_invitation_survey("service")
        inputs = self.env["survey.user_input"].sudo()
        if not survey:
            return inputs
        walk_in = self.env.ref(
            "kelurahan_crm.channel_walk_in", raise_if_not_found=False
        )
        for visit in self:
            if visit.state != "served" or visit.request_id:
                continue
            # sudo: the counter officer may not read survey responses; only
            # whether an invitation exists is checked.
            if visit.sudo().kel_survey_input_ids:
                continue
            if not is_reachable(self.env, visit.partner_id):
                continue
            inputs |= survey._kel_invite(
                visit.partner_id,
                queue_ticket_id=visit.id,
                channel_id=walk_in.id if walk_in else False,
            )
        return inputs
