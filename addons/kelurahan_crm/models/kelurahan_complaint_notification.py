# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Notifications to the reporter of a complaint (received, status changes, replies)
on every channel of ``_kel_notify_channels``; channel addons (WhatsApp) add theirs."""

import logging

from markupsafe import Markup

from odoo import models

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

_logger = logging.getLogger(__name__)


def mask_email(email):
    """budi.santoso@example.id → b***@example.id"""
    local, _at, domain = (email or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def mask_phone(phone):
    """0812 3456 7890 → ********7890"""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


class KelurahanComplaintNotification(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.notification"
    _description = "Complaint notifications to the reporter"

    def _kel_notify_channels(self):
        """Channels the reporter is notified on: e-mail here; channel addons
        (kelurahan_whatsapp) add theirs with ``super()`` and send on them through
        ``_kel_send_text``."""
        return ["email"]

    def _kel_text_channels(self):
        """The reporter's channels that carry a short plain text (every notify
        channel but e-mail)."""
        self.ensure_one()
        return [
            channel for channel in self._kel_notify_channels() if channel != "email"
        ]

    def _kel_send_text(self, text):
        """Send ``text`` to each complaint's reporter on their text channels; the
        hook other addons use to reach a reporter (survey invitations…). Channel
        addons extend it with ``super()``. Returns the messages queued."""
        return []

    # ------------------------------------------------------------------
    # One-time codes (kelurahan.complaint.otp)
    # ------------------------------------------------------------------

    def _kel_otp_channels(self):
        """{channel: masked destination} where the reporter can receive a one-time
        code: the e-mail address they gave here; channel addons (kelurahan_whatsapp)
        add theirs with ``super()``."""
        self.ensure_one()
        email = self._kel_reporter_contact()[1]
        return {"email": mask_email(email)} if email else {}

    def _kel_otp_text(self, code):
        """(subject, text) carrying ``code``, in the reporter's language."""
        self.ensure_one()
        ticket = self.with_context(lang=self._kel_reporter_lang())
        _ = ticket.env._
        return (
            _("Verification code for complaint %(number)s", number=ticket.number),
            _(
                "Your verification code for complaint %(number)s is %(code)s. It is "
                "valid for 10 minutes. Do not share it with anyone, kelurahan "
                "officers will never ask for it.",
                number=ticket.number,
                code=code,
            ),
        )

    def _kel_otp_send(self, channel, code):
        """Send ``code`` to the reporter on ``channel``; True when sent. Channel
        addons handle theirs and call ``super()`` for the others. The code is sent
        at once and never stored: no mail.mail, no chatter message, no log."""
        self.ensure_one()
        if channel != "email":
            return False
        email = self._kel_reporter_contact()[1]
        subject, text = self._kel_otp_text(code)
        # sudo: the mail server settings are system records; the message goes to
        # this complaint's own reporter only.
        MailServer = self.env["ir.mail_server"].sudo()
        email_from = (
            self.company_id.email_formatted or MailServer._get_default_from_address()
        )
        if not (email and email_from):
            return False
        message = MailServer.build_email(
            email_from=email_from,
            email_to=[email],
            subject=subject,
            body=text,
            subtype="plain",
        )
        try:
            MailServer.send_email(message)
        except MailDeliveryException:
            _logger.warning("Verification code for complaint %s not sent", self.id)
            return False
        return True

    def _kel_reporter_lang(self):
        self.ensure_one()
        return self._kel_reporter_partner().lang or "id_ID"

    def _kel_has_contact(self):
        self.ensure_one()
        _name, email, phone = self._kel_reporter_contact()
        return bool(email or phone)

    def _kel_notify_message(self, kind):
        """(subject, plain text body) for the reporter, in their language."""
        self.ensure_one()
        ticket = self.with_context(lang=self._kel_reporter_lang())
        _ = ticket.env._
        name = ticket._kel_reporter_contact()[0]
        greeting = _("Dear %(name)s,", name=name) if name else _("Dear resident,")
        if kind == "created":
            subject = _("Complaint %(number)s received", number=ticket.number)
            text = _(
                "Your complaint has been received by %(office)s with number "
                "%(number)s. Keep this number to follow its progress.",
                office=ticket.company_id.name,
                number=ticket.number,
            )
        elif kind == "stage":
            status = ticket.stage_id.name
            subject = _(
                "Complaint %(number)s: %(status)s", number=ticket.number, status=status
            )
            text = _(
                "The status of your complaint %(number)s is now: %(status)s.",
                number=ticket.number,
                status=status,
            )
            if ticket.kel_state == "done" and ticket.followup_note:
                text += "\n" + _("Follow-up: %(note)s", note=ticket.followup_note)
            if ticket.kel_state == "rejected" and ticket.reject_reason:
                text += "\n" + _("Reason: %(reason)s", reason=ticket.reject_reason)
        else:
            subject = _("Reply on complaint %(number)s", number=ticket.number)
            text = _(
                "The kelurahan replied on your complaint %(number)s.",
                number=ticket.number,
            )
        return subject, f"{greeting}\n{text}"

    def _kel_notify_reporter(self, kind):
        """Tell the reporter about their complaint (kind: created, stage, reply)
        on every channel of ``_kel_notify_channels``. Complaints without any
        contact are skipped. Data loading may pass ``kel_no_notify``; it is
        honoured only in a superuser environment, which no RPC caller has."""
        if self.env.su and self.env.context.get("kel_no_notify"):
            return
        for ticket in self:
            if not ticket._kel_has_contact():
                continue
            channels = ticket._kel_notify_channels()
            if "email" in channels:
                ticket._kel_notify_email(kind)

    def _kel_notify_email(self, kind):
        self.ensure_one()
        _name, email, _phone = self._kel_reporter_contact()
        if not email or kind == "reply":
            # Replies from the chatter already reach the recipients chosen there.
            return
        subject, text = self._kel_notify_message(kind)
        body = Markup("<br/>").join(text.split("\n"))
        body = Markup("<p>%s</p>") % body
        # Status messages are the office's, whoever's action caused them (a
        # reporter's dispute reopens the complaint): authored by the kelurahan.
        office = self.company_id.partner_id
        office_from = office.email_formatted or self.env.user.email_formatted or None
        if self.partner_id.email:
            self.with_context(kel_no_followup=True).message_post(
                body=body,
                subject=subject,
                author_id=office.id,
                email_from=office_from,
                partner_ids=self.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
            return
        # No partner on the complaint (a reporter without an account, or a hidden
        # one): mail the address given, and keep a trace that names nobody.
        # sudo: outgoing mail queue (system administrators only), restricted to
        # this complaint's own reporter.
        self.env["mail.mail"].sudo().create(
            {
                "subject": subject,
                "body_html": body,
                "email_to": email,
                "email_from": self.company_id.email_formatted
                or self.env.user.email_formatted,
                "model": self._name,
                "res_id": self.id,
                "auto_delete": True,
            }
        )
        self.message_post(
            body=self.env._(
                "Message sent to the reporter: %(subject)s", subject=subject
            ),
            author_id=office.id,
            email_from=office_from,
            subtype_xmlid="mail.mt_note",
        )

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        # A public reply from the office is a follow-up action (Tgl TL), and the
        # reporter's other channels (WhatsApp addon) hear about it.
        if (
            kwargs.get("message_type") == "comment"
            and not self.env.user.share
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not self.env.context.get("kel_no_followup")
        ):
            self.with_context(kel_no_followup=True)._kel_notify_reporter("reply")
            todo = self.filtered(
                lambda t: not t.date_followup and t.kel_state != "rejected"
            )
            if (
                todo
                and message.author_id == self.env.user.partner_id
                and todo.has_access("write")
            ):
                todo._kel_mark_followup()
        return message
