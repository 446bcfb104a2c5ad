# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import re

from odoo import api, fields, models
from odoo.tools import html2plaintext, plaintext2html

_logger = logging.getLogger(__name__)

STATUS_RE = re.compile(r"^\s*status\s+(\S+)\s*$", re.IGNORECASE)
RW_RE = re.compile(
    r"^\s*(?:rw\.?\s*)?0*(\d{1,3})\b[\s,.:-]*(.*)$", re.IGNORECASE | re.S
)
SKIP_WORDS = {"lewati", "skip", "tidak", "tidak ada", "-", "no"}
CANCEL_WORDS = {"batal", "cancel", "stop"}
NEW_WORDS = {"baru", "lapor", "pengaduan baru"}
MIN_DESCRIPTION = 10


class KelurahanWhatsappConversation(models.Model):
    """One resident's WhatsApp number and the guided exchange that turns their
    messages into a complaint (category → description → location/RW → photo)."""

    _name = "kelurahan.whatsapp.conversation"
    _description = "WhatsApp conversation"
    _order = "last_inbound_date desc, id desc"
    _rec_name = "wa_id"

    account_id = fields.Many2one(
        "kelurahan.whatsapp.account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True)
    wa_id = fields.Char(string="WhatsApp number", required=True, readonly=True)
    profile_name = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", index=True)
    lang = fields.Char(default="id_ID", required=True)
    blocked = fields.Boolean(
        help="Messages from a blocked number are logged and ignored."
    )
    last_inbound_date = fields.Datetime(
        string="Last message from resident",
        readonly=True,
        help="Free text may be sent during the 24 hours after this moment; later "
        "only the approved template.",
    )
    state = fields.Selection(
        [
            ("idle", "Idle"),
            ("category", "Choosing a category"),
            ("description", "Describing"),
            ("location", "Giving the location"),
            ("photo", "Sending a photo"),
        ],
        default="idle",
        required=True,
        readonly=True,
    )
    flow_start = fields.Datetime(readonly=True)
    choice_ids = fields.Char(readonly=True, help="Category ids offered, in order.")
    draft_category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    draft_description = fields.Text(readonly=True)
    draft_rw_number = fields.Integer(readonly=True)
    draft_address = fields.Char(readonly=True)
    draft_latitude = fields.Float(digits=(10, 7), readonly=True)
    draft_longitude = fields.Float(digits=(10, 7), readonly=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Current complaint", readonly=True
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "whatsapp_conversation_id")
    message_ids = fields.One2many("kelurahan.whatsapp.message", "conversation_id")

    _sql_constraints = [  # noqa: RUF012
        (
            "wa_id_uniq",
            "unique(account_id, wa_id)",
            "This WhatsApp number already has a conversation.",
        )
    ]

    @api.depends("wa_id", "profile_name")
    def _compute_display_name(self):
        for conversation in self:
            name = f"+{conversation.wa_id}"
            if conversation.profile_name:
                name = f"{conversation.profile_name} ({name})"
            conversation.display_name = name

    # ------------------------------------------------------------------
    # Lookup
    # ------------------------------------------------------------------
    @api.model
    def _kel_phone_variants(self, wa_id):
        variants = [wa_id, f"+{wa_id}"]
        if wa_id.startswith("62"):
            variants.append(f"0{wa_id[2:]}")
        return variants

    @api.model
    def _kel_get(self, account, wa_id, name=""):
        conversation = self.search(
            [("account_id", "=", account.id), ("wa_id", "=", wa_id)], limit=1
        )
        if conversation:
            if name and name != conversation.profile_name:
                conversation.profile_name = name
            return conversation
        variants = self._kel_phone_variants(wa_id)
        partner = self.env["res.partner"].search(
            ["|", ("phone", "in", variants), ("mobile", "in", variants)], limit=1
        )
        if not partner:
            partner = self.env["res.partner"].create(
                {"name": name or f"+{wa_id}", "phone": f"+{wa_id}", "lang": "id_ID"}
            )
        return self.create(
            {
                "account_id": account.id,
                "wa_id": wa_id,
                "profile_name": name,
                "partner_id": partner.id,
            }
        )

    # ------------------------------------------------------------------
    # Incoming message
    # ------------------------------------------------------------------
    def _kel_receive(self, message, sent_at):
        """Record an inbound WhatsApp message and answer it."""
        self.ensure_one()
        self = self.with_context(lang=self.lang)
        Message = self.env["kelurahan.whatsapp.message"]
        wamid = message.get("id")
        if Message.search_count([("wamid", "=", wamid)]):
            return Message.browse()
        kind = message.get("type")
        vals = {
            "conversation_id": self.id,
            "direction": "in",
            "wamid": wamid,
            "state": "received",
            "date": sent_at,
            "msg_type": "other",
        }
        if kind == "text":
            vals.update(msg_type="text", body=(message.get("text") or {}).get("body"))
        elif kind in ("image", "document"):
            media = message.get(kind) or {}
            vals.update(
                msg_type=kind,
                media_id=media.get("id"),
                media_state="pending" if media.get("id") else False,
                body=media.get("caption") or "",
            )
        elif kind == "location":
            loc = message.get("location") or {}
            try:
                lat, lon = float(loc.get("latitude")), float(loc.get("longitude"))
            except (TypeError, ValueError):
                lat = lon = None
            if lat is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
                vals.update(
                    msg_type="location",
                    latitude=lat,
                    longitude=lon,
                    body=" ".join(filter(None, [loc.get("name"), loc.get("address")])),
                )
        else:
            vals["body"] = f"[{kind}]"
        record = Message.create(vals)
        if not self.last_inbound_date or sent_at > self.last_inbound_date:
            self.last_inbound_date = sent_at
        if record.media_state == "pending":
            self.env.ref("kelurahan_whatsapp.ir_cron_whatsapp_media")._trigger()
        if kind == "reaction":
            return record  # an emoji on one of our messages needs no answer
        self._kel_dispatch(record)
        return record

    def _kel_dispatch(self, record):
        text = (record.body or "").strip() if record.msg_type == "text" else ""
        low = text.lower()
        status = STATUS_RE.match(text)
        if status:
            return self._kel_reply(self._kel_timeline(status.group(1)))
        if low in CANCEL_WORDS:
            self._kel_reset()
            return self._kel_reply(
                self.env._(
                    "Your report has been cancelled. Send any message to start again."
                )
            )
        if low in NEW_WORDS:
            return self._kel_start()
        if record.msg_type == "other":
            return self._kel_reply(
                self.env._(
                    "Sorry, we cannot process this kind of message. Please send "
                    "text, a photo or a location."
                )
            )
        handler = getattr(self, f"_kel_step_{self.state}")
        return handler(record, text)

    # Steps ------------------------------------------------------------
    def _kel_step_idle(self, record, text):
        ticket = self.ticket_id
        if ticket and not ticket.stage_id.closed:
            return self._kel_append(ticket, record)
        return self._kel_start()

    def _kel_step_category(self, record, text):
        choices = json.loads(self.choice_ids or "[]")
        if text.isdigit() and 1 <= int(text) <= len(choices):
            category = self.env["helpdesk.ticket.category"].browse(
                choices[int(text) - 1]
            )
            if category.exists():
                self.draft_category_id = category
                self.state = "description"
                return self._kel_reply(
                    self.env._(
                        "Category: %(category)s.\nPlease describe the problem "
                        "(what happened, since when).",
                        category=category.name,
                    )
                )
        return self._kel_reply(
            self.env._("Please answer with the number of a category.\n\n")
            + self._kel_category_menu()
        )

    def _kel_step_description(self, record, text):
        if len(text) < MIN_DESCRIPTION:
            return self._kel_reply(
                self.env._(
                    "The description is too short. Please tell us a little more "
                    "(at least %(count)s characters).",
                    count=MIN_DESCRIPTION,
                )
            )
        self.write({"draft_description": text, "state": "location"})
        return self._kel_reply(
            self.env._(
                "Where is it? Send a WhatsApp location pin, or type the RW number "
                "and address (for example: RW 05 Jl. Melati no. 3)."
            )
        )

    def _kel_step_location(self, record, text):
        if record.msg_type == "location":
            self.write(
                {
                    "draft_latitude": record.latitude,
                    "draft_longitude": record.longitude,
                    "draft_address": record.body or False,
                    "state": "photo",
                }
            )
            return self._kel_ask_photo()
        match = RW_RE.match(text) if text else None
        if match and self._kel_find_rw(int(match.group(1))) is not False:
            self.write(
                {
                    "draft_rw_number": int(match.group(1)),
                    "draft_address": match.group(2).strip() or False,
                    "state": "photo",
                }
            )
            return self._kel_ask_photo()
        return self._kel_reply(
            self.env._(
                "We could not recognise the RW. Type the RW number and address "
                "(for example: RW 05 Jl. Melati no. 3) or send a location pin."
            )
        )

    def _kel_step_photo(self, record, text):
        if record.msg_type in ("image", "document") or text.lower() in SKIP_WORDS:
            return self._kel_create_ticket()
        return self._kel_ask_photo()

    # Helpers ----------------------------------------------------------
    def _kel_reply(self, body, ticket=None):
        return self.env["kelurahan.whatsapp.message"]._kel_queue(
            self, body, ticket=ticket or self.ticket_id
        )

    def _kel_reset(self):
        self.write(
            {
                "state": "idle",
                "choice_ids": False,
                "draft_category_id": False,
                "draft_description": False,
                "draft_rw_number": 0,
                "draft_address": False,
                "draft_latitude": 0.0,
                "draft_longitude": 0.0,
            }
        )

    def _kel_categories(self):
        """The categories offered to residents, by the portal's rule."""
        return self.env["helpdesk.ticket.category"]._kel_for_residents(self.company_id)

    def _kel_category_menu(self):
        choices = json.loads(self.choice_ids or "[]")
        categories = self.env["helpdesk.ticket.category"].browse(choices).exists()
        lines = [
            f"{index}. {category.name}"
            for index, category in enumerate(categories, start=1)
        ]
        return "\n".join(lines)

    def _kel_start(self):
        self._kel_reset()
        categories = self._kel_categories()
        self.write(
            {
                "state": "category",
                "flow_start": fields.Datetime.now(),
                "choice_ids": json.dumps(categories.ids),
            }
        )
        company = self.company_id.name
        return self._kel_reply(
            self.env._(
                "Welcome to the complaint service of %(company)s.\n"
                "Choose the category of your complaint by typing its number:\n\n"
                "%(menu)s\n\nType BATAL at any time to cancel, or "
                "STATUS <number> to follow a complaint.",
                company=company,
                menu=self._kel_category_menu(),
            )
        )

    def _kel_ask_photo(self):
        return self._kel_reply(
            self.env._("Send a photo of the problem, or type LEWATI to skip.")
        )

    def _kel_find_rw(self, number):
        """The active RW with this number in the account's company, or False."""
        rw = self.env["kelurahan.rw"].search(
            [("number", "=", number), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        return rw or False

    def _kel_ticket_vals(self):
        description = self.draft_description or ""
        category = self.draft_category_id
        title = " ".join(description.split())
        if len(title) > 60:
            title = title[:57] + "..."
        channel = self.env.ref("kelurahan_crm.channel_whatsapp")
        rw = self.draft_rw_number and self._kel_find_rw(self.draft_rw_number)
        return {
            "name": f"{category.name}: {title}" if category else title,
            "description": plaintext2html(description),
            "category_id": category.id,
            "channel_id": channel.id,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "reporter_name": self.partner_id.name or self.profile_name,
            "reporter_phone": f"+{self.wa_id}",
            "rw_id": rw.id if rw else False,
            "location_address": self.draft_address or False,
            "latitude": self.draft_latitude,
            "longitude": self.draft_longitude,
            "company_id": self.company_id.id,
            "whatsapp_conversation_id": self.id,
        }

    def _kel_create_ticket(self):
        # sudo: a system job acting for a resident identified by their verified
        # WhatsApp number; the resident only gets their own tracking number back.
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(kel_whatsapp_inbound=True)
            .create(self._kel_ticket_vals())
        )
        inbound = self.message_ids.filtered(
            lambda m: m.direction == "in"
            and not m.ticket_id
            and (not self.flow_start or m.date >= self.flow_start)
        )
        inbound._kel_link_ticket(ticket)
        self._kel_reset()
        self.ticket_id = ticket
        return self._kel_reply(
            self.env._(
                "Thank you. Your complaint is registered with number %(number)s.\n"
                "Type STATUS %(number)s to follow it. Messages you send now are "
                "added to this complaint; type BARU for a new complaint.",
                number=ticket.number,
            ),
            ticket=ticket,
        )

    def _kel_append(self, ticket, record):
        record._kel_link_ticket(ticket)
        body = record.body or ""
        if record.msg_type == "location":
            body = self.env._(
                "Location: %(lat)s, %(lon)s %(address)s",
                lat=record.latitude,
                lon=record.longitude,
                address=body,
            )
        elif record.msg_type in ("image", "document"):
            body = body or self.env._("(photo)")
        # sudo: the resident is identified by their number and writes only on the
        # complaint linked to this conversation.
        ticket.sudo().with_context(kel_whatsapp_inbound=True).message_post(
            body=plaintext2html(body),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return self._kel_reply(
            self.env._(
                "Your message was added to complaint %(number)s. Type BARU for a "
                "new complaint.",
                number=ticket.number,
            ),
            ticket=ticket,
        )

    def _kel_timeline(self, number):
        """The status history of one of this resident's own complaints."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        ticket = Ticket.search(
            [
                ("number", "=ilike", number.strip()),
                "|",
                ("whatsapp_conversation_id", "=", self.id),
                ("partner_id", "=", self.partner_id.id or -1),
            ],
            limit=1,
        )
        if not ticket:
            return self.env._(
                "No complaint %(number)s was found for this WhatsApp number.",
                number=number,
            )
        tz_self = self.with_context(tz=self.company_id._kel_tz_name())

        def fmt(value):
            local = fields.Datetime.context_timestamp(tz_self, value)
            return local.strftime("%d/%m/%Y %H:%M")

        lines = [
            f"{ticket.number} — {ticket.name}",
            self.env._(
                "Received: %(date)s",
                date=fmt(ticket.date_reported or ticket.create_date),
            ),
        ]
        trackings = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("mail_message_id.res_id", "=", ticket.id),
                    ("field_id.name", "=", "stage_id"),
                ],
                order="id",
            )
        )
        for tracking in trackings:
            lines.append(
                f"{fmt(tracking.mail_message_id.date)} — {tracking.new_value_char}"
            )
        lines.append(
            self.env._("Current status: %(stage)s", stage=ticket.stage_id.name or "-")
        )
        replies = ticket.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and m.subtype_id == self.env.ref("mail.mt_comment")
            and m.author_id != self.partner_id
        )[:1]
        if replies:
            lines.append(
                self.env._(
                    "Last answer: %(text)s",
                    text=html2plaintext(replies.body or "")[:300],
                )
            )
        return "\n".join(lines)

    def action_block(self):
        self.write({"blocked": True})

    def action_unblock(self):
        self.write({"blocked": False})
