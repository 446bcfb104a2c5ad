# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# service request channel (selection of kelurahan_crm) -> its channel record
CHANNEL_XMLIDS = {
    "portal": "kelurahan_crm.channel_portal",
    "rw_post": "kelurahan_crm.channel_balai_rw",
    "counter": "kelurahan_crm.channel_walk_in",
}


def is_reachable(env, partner):
    """A resident who can receive an invitation: a real contact with an e-mail,
    not the public (anonymous website) user's partner."""
    if not partner or not partner.email:
        return False
    public = env.ref("base.public_partner", raise_if_not_found=False)
    return partner != public


class KelurahanServiceRequest(models.Model):
    _inherit = "kelurahan.service.request"

    kel_survey_input_ids = fields.One2many(
        "survey.user_input",
        "service_request_id",
        "Satisfaction surveys",
        groups="survey.group_survey_user",
    )

    def _kel_on_completed(self):
        res = super()._kel_on_completed()
        self._kel_send_survey_invitation()
        return res

    def _kel_send_survey_invitation(self):
        """One invitation per completed request with a reachable applicant (the
        visits of the request are rated through it). Returns the responses."""
        survey = self.env["survey.survey"]._kel_invitation_survey("service")
        inputs = self.env["survey.user_input"].sudo()
        if not survey:
            return inputs
        for request in self:
            # sudo: the officer completing the request may not read survey
            # responses; only whether an invitation exists is checked.
            if request.sudo().kel_survey_input_ids:
                continue
            if not is_reachable(self.env, request.partner_id):
                continue
            channel = self.env.ref(
                CHANNEL_XMLIDS.get(request.channel, "kelurahan_crm.channel_walk_in"),
                raise_if_not_found=False,
            )
            inputs |= survey._kel_invite(
                request.partner_id,
                service_request_id=request.id,
                channel_id=channel.id if channel else False,
            )
        return inputs
