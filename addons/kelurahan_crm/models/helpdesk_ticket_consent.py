# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints keep the privacy notice and consent they were given
(``kelurahan.consent.mixin``); the legal basis of a complaint is consent."""

from odoo import models

CONSENT_CHANNELS = {
    "kelurahan_crm.channel_balai_rw": "rw_form",
    "kelurahan_crm.channel_whatsapp": "whatsapp",
    "kelurahan_crm.channel_portal": "portal",
}


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "kelurahan.consent.mixin"]  # noqa: RUF012

    def _kel_consent_channel(self):
        self.ensure_one()
        for xmlid, channel in CONSENT_CHANNELS.items():
            if self.channel_id == self.env.ref(xmlid, raise_if_not_found=False):
                return channel
        return "office"

    def _kel_consent_partner(self):
        self.ensure_one()
        # sudo: the hidden reporter is stored where only officers read; the partner
        # goes on the consent row, which only officers and that resident read.
        return self.partner_id or self.sudo().kel_reporter_id.partner_id
