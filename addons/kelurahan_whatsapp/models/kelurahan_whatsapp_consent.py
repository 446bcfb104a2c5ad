# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy notice over WhatsApp (UU PDP, Law 27/2022).

The first answer to a new number gives the notice and asks for "SETUJU". Until the
resident agrees, the conversation keeps only what the protocol needs: the number
(to answer at all), the time of the last message (the 24-hour window) and each
message's id, type and time (so that a redelivery is not answered twice). Texts,
photos, locations and the WhatsApp profile name are not kept, and no contact is
created. "SETUJU" is recorded as consent (``kelurahan.consent``, channel WhatsApp,
current notice version) and the complaint flow starts. A conversation the office
opened about an existing complaint (its reporter's number) continues under that
complaint's record and basis."""

from odoo import fields, models

from .kelurahan_whatsapp_conversation import STATUS_RE

AGREE_WORDS = {"setuju", "ya setuju", "saya setuju"}


class KelurahanWhatsappConversation(models.Model):
    _name = "kelurahan.whatsapp.conversation"
    _inherit = ["kelurahan.whatsapp.conversation", "kelurahan.consent.mixin"]  # noqa: RUF012

    kel_agreed = fields.Boolean(
        string="Agreed to the privacy notice", readonly=True, copy=False
    )

    def _kel_consent_channel(self):
        return "whatsapp"

    def _kel_consent_partner(self):
        self.ensure_one()
        return self.partner_id

    def _kel_needs_consent(self):
        self.ensure_one()
        return not self.kel_agreed and not self.ticket_ids

    def _kel_get(self, account, wa_id, name=""):
        """As before, but a number that has not agreed gets no contact and no
        stored profile name (an existing contact with that phone is linked)."""
        conversation = self.search(
            [("account_id", "=", account.id), ("wa_id", "=", wa_id)], limit=1
        )
        if conversation:
            if name and conversation.kel_agreed and name != conversation.profile_name:
                conversation.profile_name = name
            return conversation
        variants = self._kel_phone_variants(wa_id)
        partner = self.env["res.partner"].search(
            ["|", ("phone", "in", variants), ("mobile", "in", variants)], limit=1
        )
        return self.create(
            {"account_id": account.id, "wa_id": wa_id, "partner_id": partner.id}
        )

    def _kel_agree(self, name=""):
        """Record the resident's SETUJU: consent row, profile name, contact."""
        self.ensure_one()
        vals = {"kel_agreed": True, "profile_name": name or self.profile_name}
        if not self.partner_id:
            vals["partner_id"] = (
                self.env["res.partner"]
                .create(
                    {
                        "name": name or f"+{self.wa_id}",
                        "phone": f"+{self.wa_id}",
                        "lang": "id_ID",
                    }
                )
                .id
            )
        self.write(vals)
        self._kel_record_consent()

    def _kel_receive(self, message, sent_at, name=""):
        self.ensure_one()
        if not self._kel_needs_consent():
            return super()._kel_receive(message, sent_at)
        self = self.with_context(lang=self.lang)
        Message = self.env["kelurahan.whatsapp.message"]
        wamid = message.get("id")
        if Message.search_count([("wamid", "=", wamid)]):
            return Message.browse()
        kind = message.get("type")
        text = ((message.get("text") or {}).get("body") or "") if kind == "text" else ""
        agreed = " ".join(text.lower().split()) in AGREE_WORDS
        record = Message.create(
            {
                "conversation_id": self.id,
                "direction": "in",
                "wamid": wamid,
                "state": "received",
                "date": sent_at,
                "msg_type": "text" if kind == "text" else "other",
                # Only the agreement itself is kept, nothing the resident wrote.
                "body": "SETUJU" if agreed else False,
            }
        )
        if not self.last_inbound_date or sent_at > self.last_inbound_date:
            self.last_inbound_date = sent_at
        if kind == "reaction":
            return record
        status = STATUS_RE.match(text)
        if agreed:
            self._kel_agree(name)
            self._kel_start()
        elif status:
            # Following a complaint stores nothing new about the resident.
            self._kel_reply(self._kel_timeline(status.group(1)))
        else:
            self._kel_reply(self._kel_notice_text())
        return record

    def _kel_notice_text(self):
        notice = self.env["kelurahan.privacy.notice"]._kel_current(self.company_id)
        base_url = self.company_id.get_base_url()
        return self.env._(
            "Welcome to the complaint service of %(company)s.\n\n"
            "Privacy notice: %(notice)s\n"
            "Privacy page: %(url)s/privasi\n\n"
            "Reply SETUJU to agree and start your report. Until then we keep "
            "nothing you write. Without agreement you can still report anonymously "
            "at %(url)s/pengaduan/lapor or at your RW post.",
            company=self.company_id.name,
            notice=notice.body,
            url=base_url,
        )

    def _kel_ticket_vals(self):
        # The complaint keeps the notice version the resident agreed to over
        # WhatsApp (a new consent row on the complaint, channel WhatsApp).
        return dict(super()._kel_ticket_vals(), kel_notice_ack=True)
