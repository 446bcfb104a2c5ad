# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint's WhatsApp side: its conversation and messages, notifications and
officer replies sent to the reporter over WhatsApp (the channel hooks of
kelurahan_crm, extended with ``super()``)."""

import logging
import re

from odoo import api, fields, models
from odoo.tools import html2plaintext

from odoo.addons.kelurahan_crm.models.kelurahan_complaint_notification import (
    mask_phone,
)

from .kelurahan_whatsapp_account import WhatsAppApiError

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    whatsapp_conversation_id = fields.Many2one(
        "kelurahan.whatsapp.conversation",
        string="WhatsApp conversation",
        index="btree_not_null",
        readonly=True,
        copy=False,
        # the conversation names the resident's number
        groups="kelurahan_crm.group_kelurahan_officer",
    )
    whatsapp_message_ids = fields.One2many(
        "kelurahan.whatsapp.message", "ticket_id", string="WhatsApp messages"
    )
    whatsapp_failed_count = fields.Integer(compute="_compute_whatsapp_failed_count")

    @api.depends("whatsapp_message_ids.state")
    def _compute_whatsapp_failed_count(self):
        for ticket in self:
            # sudo: only a count, also shown to RW officers who cannot read the log
            ticket.whatsapp_failed_count = len(
                ticket.sudo().whatsapp_message_ids.filtered(
                    lambda m: m.state == "failed"
                )
            )

    # ------------------------------------------------------------------
    # WhatsApp out
    # ------------------------------------------------------------------
    def _kel_whatsapp_target(self):
        """(account, wa_id) to reach the reporter's phone over WhatsApp, or
        (empty account, "") when there is no usable number or account."""
        self.ensure_one()
        ticket = self.sudo()  # reading the reporter's number only, not showing it
        Account = self.env["kelurahan.whatsapp.account"].sudo()
        digits = re.sub(r"\D", "", ticket._kel_reporter_contact()[2])
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        account = Account.search(
            [("company_id", "in", [ticket.company_id.id, False])], limit=1
        )
        if not (account and 8 <= len(digits) <= 15):
            return Account, ""
        return account, digits

    def _kel_whatsapp_conversation(self):
        """The conversation to reach this complaint's reporter over WhatsApp, or an
        empty recordset when they did not come through WhatsApp."""
        self.ensure_one()
        ticket = self.sudo()  # reading the link only, not showing it
        if ticket.whatsapp_conversation_id:
            return ticket.whatsapp_conversation_id
        if ticket.channel_id != self.env.ref("kelurahan_crm.channel_whatsapp"):
            return self.env["kelurahan.whatsapp.conversation"]
        account, digits = ticket._kel_whatsapp_target()
        if not account:
            return self.env["kelurahan.whatsapp.conversation"]
        conversation = (
            self.env["kelurahan.whatsapp.conversation"].sudo()._kel_get(account, digits)
        )
        ticket.whatsapp_conversation_id = conversation
        return conversation

    def _kel_whatsapp_send(self, text):
        """Queue ``text`` to each complaint's reporter over WhatsApp (free text in
        the 24-hour window, the approved template outside it). Returns the queued
        messages."""
        Message = self.env["kelurahan.whatsapp.message"].sudo()
        messages = Message
        for ticket in self:
            conversation = ticket._kel_whatsapp_conversation()
            if conversation and not conversation.blocked:
                # sudo: the message log is system-managed; the caller acts on a
                # complaint it may already read.
                messages |= Message._kel_queue(conversation, text, ticket=ticket)
        return messages

    def _kel_send_text(self, text):
        sent = super()._kel_send_text(text)
        return [*sent, *self._kel_whatsapp_send(text)]

    def _kel_otp_channels(self):
        channels = super()._kel_otp_channels()
        account, digits = self._kel_whatsapp_target()
        if account:
            channels["whatsapp"] = mask_phone(digits)
        return channels

    def _kel_otp_send(self, channel, code):
        """The code goes out at once, not through the message queue: the queue
        stores its texts. The message log keeps that a code was sent, without
        the code."""
        if channel != "whatsapp":
            return super()._kel_otp_send(channel, code)
        self.ensure_one()
        account, digits = self._kel_whatsapp_target()
        if not account:
            return False
        # sudo: conversations and the message log are system-managed; only this
        # complaint's reporter's own number is used.
        conversation = (
            self.env["kelurahan.whatsapp.conversation"].sudo()._kel_get(account, digits)
        )
        if conversation.blocked:
            return False
        Message = self.env["kelurahan.whatsapp.message"].sudo()
        _subject, text = self._kel_otp_text(code)
        draft = Message.new(
            {"conversation_id": conversation.id, "direction": "out", "body": text}
        )
        try:
            payload, sent_as = draft._kel_payload()
            wamid = account._kel_send_payload(payload)
        except WhatsAppApiError:
            _logger.warning("Verification code for complaint %s not sent", self.id)
            return False
        Message.create(
            {
                "conversation_id": conversation.id,
                "ticket_id": self.id,
                "direction": "out",
                "body": self._kel_otp_text("******")[1],
                "state": "sent",
                "sent_as": sent_as,
                "wamid": wamid,
                "date_sent": fields.Datetime.now(),
            }
        )
        return True

    def _kel_notify_channels(self):
        channels = super()._kel_notify_channels()
        if self._kel_whatsapp_conversation():
            channels = [*channels, "whatsapp"]
        return channels

    def _kel_notify_reporter(self, kind):
        # The e-mail notification is posted as a chatter message: it must not be
        # forwarded a second time as an officer reply.
        super(
            HelpdeskTicket, self.with_context(kel_whatsapp_no_forward=True)
        )._kel_notify_reporter(kind)
        if (self.env.su and self.env.context.get("kel_no_notify")) or kind == "reply":
            return
        if kind == "created" and self.env.context.get("kel_whatsapp_inbound"):
            return  # the conversation itself answered with the tracking number
        for ticket in self:
            if "whatsapp" in ticket._kel_notify_channels():
                _subject, text = ticket._kel_notify_message(kind)
                ticket._kel_whatsapp_send(text)

    def _kel_whatsapp_reply(self, message):
        body = html2plaintext(message.body or "").strip()
        if not body:
            return
        for ticket in self:
            text = ticket.with_context(lang=ticket._kel_reporter_lang()).env._(
                "Kelurahan officer, complaint %(number)s:\n%(text)s",
                number=ticket.number,
                text=body,
            )
            ticket._kel_whatsapp_send(text)

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            not self.env.context.get("kel_whatsapp_inbound")
            and not self.env.context.get("kel_whatsapp_no_forward")
            and message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and self.env.user._is_internal()
            and message.author_id == self.env.user.partner_id
        ):
            # "Send message" on the complaint (not "Log note") reaches the resident
            self._kel_whatsapp_reply(message)
        return message

    def action_whatsapp_retry(self):
        self.check_access("write")
        return self.whatsapp_message_ids.filtered(
            lambda m: m.state == "failed"
        ).action_retry()
