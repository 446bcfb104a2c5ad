# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""UU PDP over WhatsApp: the first answer gives the notice and asks for SETUJU;
nothing personal is kept before it; SETUJU is recorded with the notice version."""

import re

from odoo.tests import tagged

from .common import WhatsappCase

NEWCOMER = "6285712340000"


@tagged("post_install", "-at_install")
class TestWhatsappConsent(WhatsappCase):
    def consents(self, record):
        return (
            self.env["kelurahan.consent"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    def test_notice_first_then_setuju(self):
        notice = self.env["kelurahan.privacy.notice"]._kel_current()
        replies = self.say("Halo, saya Budi dari Jl. Kenanga 7", wa_id=NEWCOMER)
        self.assertEqual(len(replies), 1)
        self.assertIn(notice.body[:40], replies[0])
        self.assertIn("/privasi", replies[0])
        self.assertIn("SETUJU", replies[0])
        conversation = self.conversation(NEWCOMER)
        # only what the protocol needs: number, message ids and times
        self.assertFalse(conversation.partner_id)
        self.assertFalse(conversation.profile_name)
        self.assertFalse(conversation.kel_agreed)
        self.assertEqual(conversation.state, "idle")
        inbound = conversation.message_ids.filtered(lambda m: m.direction == "in")
        self.assertEqual(len(inbound), 1)
        self.assertFalse(inbound.body)
        self.assertTrue(inbound.wamid)
        self.assertFalse(self.consents(conversation))
        self.assertFalse(
            self.env["res.partner"].search([("phone", "=", f"+{NEWCOMER}")])
        )

        # a photo before agreeing is neither kept nor downloaded
        self.standin.add_media("MEDIA-PRE", b"\xff\xd8\xff\xe0pre", "image/jpeg")
        replies = self.say(kind="image", media_id="MEDIA-PRE", wa_id=NEWCOMER)
        self.assertIn("SETUJU", replies[0])
        self.assertFalse(
            self.Message.search([("media_id", "=", "MEDIA-PRE")]),
        )
        paths = [r["path"] for r in self.standin.requests if r["method"] == "GET"]
        self.assertNotIn(f"/{self.account.api_version}/MEDIA-PRE", paths)

        replies = self.say("setuju", wa_id=NEWCOMER)
        self.assertIn(self.category.name, replies[0])
        self.assertTrue(conversation.kel_agreed)
        self.assertEqual(conversation.partner_id.name, "Ibu Sari")
        self.assertEqual(conversation.state, "category")
        consent = self.consents(conversation)
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.channel, "whatsapp")
        self.assertEqual(consent.notice_id, notice)
        self.assertEqual(consent.partner_id, conversation.partner_id)

        # the complaint keeps the notice too
        self.say(self.category_number(self.category, NEWCOMER), wa_id=NEWCOMER)
        self.say(
            "Jalan berlubang besar di depan sekolah sejak minggu lalu", wa_id=NEWCOMER
        )
        self.say("RW 01 Jl. Melati no. 3", wa_id=NEWCOMER)
        self.say("lewati", wa_id=NEWCOMER)
        ticket = conversation.ticket_id
        self.assertTrue(ticket)
        ticket_consent = self.consents(ticket)
        self.assertEqual(ticket_consent.channel, "whatsapp")
        self.assertEqual(ticket_consent.notice_id, notice)

    def test_status_works_before_agreeing(self):
        ticket = self.report(photo=False)
        replies = self.say(f"STATUS {ticket.number}", wa_id=NEWCOMER)
        self.assertEqual(len(replies), 1)
        self.assertIn(ticket.number, replies[0])
        self.assertNotIn("SETUJU", replies[0])
        self.assertFalse(self.conversation(NEWCOMER).kel_agreed)

    def test_privacy_page_shows_whatsapp_retention(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_whatsapp.whatsapp_event_retention_days", "45"
        )
        self.account.max_age_days = 7
        page = self.url_open("/privasi")
        self.assertEqual(page.status_code, 200)
        retention = re.search(
            r'class="o_kel_privacy_retention">(.*?)</ul>', page.text, re.S
        )
        self.assertTrue(retention, page.text[:300])
        self.assertRegex(retention[1], r"45 (hari|days)")
        self.assertIn("SETUJU", page.text)
