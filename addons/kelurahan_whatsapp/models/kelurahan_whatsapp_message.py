# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import mimetypes
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .kelurahan_whatsapp_account import WhatsAppApiError

_logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 5
SERVICE_WINDOW = timedelta(hours=24)
# Graph error "re-engagement message": free text refused outside the 24 h window.
REENGAGEMENT_CODE = 131047
STATUS_RANK = {"queued": 0, "sent": 1, "delivered": 2, "read": 3}


class KelurahanWhatsappMessage(models.Model):
    """Every WhatsApp message exchanged with a resident, in and out, with its
    delivery status."""

    _name = "kelurahan.whatsapp.message"
    _inherit = "kelurahan.job.mixin"
    _description = "WhatsApp message"
    _order = "id desc"

    conversation_id = fields.Many2one(
        "kelurahan.whatsapp.conversation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    account_id = fields.Many2one(
        related="conversation_id.account_id", store=True, index=True
    )
    wa_id = fields.Char(related="conversation_id.wa_id", string="WhatsApp number")
    partner_id = fields.Many2one(related="conversation_id.partner_id")
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        ondelete="set null",
    )
    direction = fields.Selection(
        [("in", "Incoming"), ("out", "Outgoing")], required=True, readonly=True
    )
    wamid = fields.Char(string="WhatsApp message ID", readonly=True, copy=False)
    msg_type = fields.Selection(
        [
            ("text", "Text"),
            ("image", "Image"),
            ("document", "Document"),
            ("location", "Location"),
            ("other", "Other"),
        ],
        string="Type",
        default="text",
        required=True,
    )
    body = fields.Text()
    sent_as = fields.Selection(
        [("text", "Free text"), ("template", "Template")], readonly=True
    )
    force_template = fields.Boolean(readonly=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("read", "Read"),
            ("failed", "Failed"),
        ],
        required=True,
        default="queued",
        index=True,
    )
    error = fields.Char(readonly=True)
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    date_sent = fields.Datetime(readonly=True)
    date_delivered = fields.Datetime(readonly=True)
    date_read = fields.Datetime(readonly=True)
    media_id = fields.Char(readonly=True)
    media_state = fields.Selection(
        [
            ("pending", "To download"),
            ("done", "Downloaded"),
            ("failed", "Not downloaded"),
        ],
        readonly=True,
        index="btree_not_null",
    )
    attachment_id = fields.Many2one("ir.attachment", readonly=True)
    latitude = fields.Float(digits=(10, 7), readonly=True)
    longitude = fields.Float(digits=(10, 7), readonly=True)

    _sql_constraints = [  # noqa: RUF012
        ("wamid_uniq", "unique(wamid)", "This WhatsApp message is already recorded.")
    ]

    # ------------------------------------------------------------------
    # Outgoing
    # ------------------------------------------------------------------
    @api.model
    def _kel_queue(self, conversation, body, ticket=None):
        """Queue a text for a resident and wake the sender up."""
        message = self.create(
            {
                "conversation_id": conversation.id,
                "ticket_id": ticket.id if ticket else False,
                "direction": "out",
                "body": body,
                "state": "queued",
                "next_try": fields.Datetime.now(),
            }
        )
        self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_send")._trigger()
        return message

    @api.model
    def _cron_send(self, limit=20):
        """Send queued messages whose time has come, claimed with SKIP LOCKED and
        committed one by one in a cron run (``kelurahan.job.mixin``): a later
        failure must not roll back, and so resend, messages the API accepted."""
        due = SQL(
            "state = 'queued' AND direction = 'out' "
            "AND (next_try IS NULL OR next_try <= %s)",
            fields.Datetime.now(),
        )
        return self._kel_job_run(due, lambda message: message._kel_send_one(), limit)

    def _kel_job_failed(self, error):
        """An unexpected error (not an answer of the API, which ``_kel_send_one``
        and ``_kel_download_one`` handle): give up on this message or its photo."""
        _logger.warning(
            "WhatsApp message %s: %s", self.id, type(error).__name__, exc_info=True
        )
        vals = {"attempts": self.attempts + 1, "error": str(error)[:250]}
        if self.direction == "out":
            vals["state"] = "failed"
        else:
            vals["media_state"] = "failed"
        self.write(vals)

    def _kel_in_window(self):
        """True when the resident wrote to us less than 24 hours ago."""
        last = self.conversation_id.last_inbound_date
        return bool(last and fields.Datetime.now() - last < SERVICE_WINDOW)

    def _kel_payload(self):
        self.ensure_one()
        account = self.account_id
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": self.conversation_id.wa_id,
        }
        body = (self.body or "")[:4000]
        if self._kel_in_window() and not self.force_template:
            payload.update(type="text", text={"preview_url": False, "body": body})
            return payload, "text"
        if not account.template_name:
            raise WhatsAppApiError(
                self.env._(
                    "The resident's 24-hour window is closed and no message "
                    "template is configured."
                )
            )
        # Template parameters may not hold new lines or more than 4 spaces.
        param = " ".join(body.split())[:1000]
        payload.update(
            type="template",
            template={
                "name": account.template_name,
                "language": {"code": account.template_lang or "id"},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": param}]}
                ],
            },
        )
        return payload, "template"

    def _kel_send_one(self):
        self.ensure_one()
        attempts = self.attempts + 1
        try:
            payload, sent_as = self._kel_payload()
            wamid = self.account_id._kel_send_payload(payload)
        except WhatsAppApiError as exc:
            vals = {"attempts": attempts, "error": str(exc)[:250]}
            if exc.retry and attempts < MAX_SEND_ATTEMPTS:
                delay = exc.retry_after or 30 * 2 ** (attempts - 1)
                vals["next_try"] = fields.Datetime.now() + timedelta(seconds=delay)
                self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_send")._trigger(
                    at=vals["next_try"]
                )
            else:
                vals["state"] = "failed"
            _logger.warning(
                "WhatsApp message %s not sent (attempt %s, status %s)%s",
                self.id,
                attempts,
                exc.status or "-",
                "; will retry" if "state" not in vals else "",
            )
            self.write(vals)
            return False
        if self.search_count([("wamid", "=", wamid)]):
            # Meta's ids are unique; a clash means a misbehaving endpoint. Keep the
            # message as sent (it was accepted) without the id rather than fail.
            _logger.warning("WhatsApp message %s: API returned a known id", self.id)
            wamid = False
        self.write(
            {
                "wamid": wamid,
                "sent_as": sent_as,
                "state": "sent",
                "attempts": attempts,
                "error": False,
                "date_sent": fields.Datetime.now(),
            }
        )
        return True

    def _kel_apply_status(self, status):
        """Record a delivery status from the webhook (statuses may arrive out of
        order: a status never moves a message backwards)."""
        self.ensure_one()
        new = status.get("status")
        now = fields.Datetime.now()
        if new == "failed":
            errors = status.get("errors") or [{}]
            code = errors[0].get("code")
            text = errors[0].get("title") or errors[0].get("message") or ""
            if code == REENGAGEMENT_CODE and self.sent_as == "text":
                # The window closed between our check and delivery: resend it as
                # the approved template.
                self.write(
                    {
                        "state": "queued",
                        "force_template": True,
                        "wamid": False,
                        "next_try": now,
                        "error": f"[{code}] {text}"[:250],
                    }
                )
                self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_send")._trigger()
                return
            if self.state != "read":
                self.write({"state": "failed", "error": f"[{code}] {text}"[:250]})
            return
        if new not in STATUS_RANK:
            return
        vals = {f"date_{new}": now}
        if STATUS_RANK[new] > STATUS_RANK.get(self.state, -1):
            vals["state"] = new
        self.write(vals)

    def action_retry(self):
        """Send failed messages again (button on the complaint)."""
        for message in self:
            if message.ticket_id:
                message.ticket_id.check_access("write")
            elif not self.env.user.has_group("kelurahan_crm.group_kelurahan_admin"):
                raise UserError(self.env._("Only an administrator can retry this."))
        failed = self.filtered(lambda m: m.direction == "out" and m.state == "failed")
        # sudo: the user may write the complaint; the log itself is system-managed
        failed.sudo().write(
            {"state": "queued", "attempts": 0, "next_try": fields.Datetime.now()}
        )
        if failed:
            self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_send").sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # Incoming media, downloaded in the background
    # ------------------------------------------------------------------
    @api.model
    def _cron_download_media(self, limit=10):
        return self._kel_job_run(
            SQL("media_state = 'pending'"),
            lambda message: message._kel_download_one(),
            limit,
        )

    def _kel_download_one(self):
        self.ensure_one()
        attempts = self.attempts + 1
        try:
            content, mimetype = self.account_id._kel_download_media(self.media_id)
        except WhatsAppApiError as exc:
            retry = exc.retry and attempts < MAX_SEND_ATTEMPTS
            _logger.warning(
                "WhatsApp media of message %s not downloaded (status %s)",
                self.id,
                exc.status or "-",
            )
            self.write(
                {
                    "attempts": attempts,
                    "error": str(exc)[:250],
                    "media_state": "pending" if retry else "failed",
                }
            )
            if not retry and self.ticket_id:
                self.ticket_id.sudo().message_post(
                    body=self.env._(
                        "A photo sent over WhatsApp could not be downloaded: %(error)s",
                        error=str(exc)[:250],
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            return False
        extension = mimetypes.guess_extension(mimetype) or ""
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"whatsapp-{self.media_id}{extension}",
                "datas": base64.b64encode(content),
                "mimetype": mimetype or "application/octet-stream",
                "res_model": "helpdesk.ticket" if self.ticket_id else self._name,
                "res_id": self.ticket_id.id or self.id,
            }
        )
        self.write(
            {
                "attachment_id": attachment.id,
                "media_state": "done",
                "attempts": attempts,
                "error": False,
            }
        )
        return True

    def _kel_link_ticket(self, ticket):
        """Attach this inbound message (and its photo, if already downloaded) to a
        complaint."""
        self.write({"ticket_id": ticket.id})
        attachments = self.mapped("attachment_id")
        if attachments:
            attachments.write({"res_model": "helpdesk.ticket", "res_id": ticket.id})
