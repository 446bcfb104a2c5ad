# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dispositions reach the agency's contacts on WhatsApp too (their mobile or phone
number), when the kelurahan has a WhatsApp account."""

import re

from odoo import models


class KelurahanDisposition(models.Model):
    _inherit = "kelurahan.disposition"

    def _kel_agency_send_text(self, text):
        sent = super()._kel_agency_send_text(text)
        # sudo: accounts, conversations and the message log are system-managed;
        # the text goes to the agency's own contacts only and names no reporter.
        Account = self.env["kelurahan.whatsapp.account"].sudo()
        Conversation = self.env["kelurahan.whatsapp.conversation"].sudo()
        Message = self.env["kelurahan.whatsapp.message"].sudo()
        messages = Message
        for disposition in self.sudo():
            account = Account.search(
                [("company_id", "in", [disposition.company_id.id, False])], limit=1
            )
            if not account:
                continue
            for partner in disposition.agency_id.contact_user_ids.filtered(
                "active"
            ).partner_id:
                digits = re.sub(r"\D", "", partner.mobile or partner.phone or "")
                digits = "62" + digits[1:] if digits.startswith("0") else digits
                if not 8 <= len(digits) <= 15:
                    continue
                conversation = Conversation._kel_get(account, digits)
                if not conversation.blocked:
                    messages |= Message._kel_queue(conversation, text)
        return [*sent, *messages]
