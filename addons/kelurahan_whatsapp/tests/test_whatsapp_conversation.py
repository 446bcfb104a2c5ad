# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.tests import tagged

from .common import RESIDENT, WhatsappCase

OTHER = "6289900001111"


@tagged("post_install", "-at_install")
class TestWhatsappConversation(WhatsappCase):
    """A resident reports and follows a complaint entirely over WhatsApp."""

    def test_full_report_with_photo(self):
        replies = self.say("Halo, saya mau lapor")
        self.assertEqual(len(replies), 1)
        self.assertIn(self.category.name, replies[0])
        self.assertIn(f"{self.category_number(self.category)}. ", replies[0])
        conversation = self.conversation()
        self.assertEqual(conversation.state, "category")
        self.assertEqual(conversation.partner_id.phone, f"+{RESIDENT}")
        self.assertEqual(conversation.partner_id.name, "Ibu Sari")

        # a wrong choice repeats the menu, nothing advances
        replies = self.say("99")
        self.assertIn(self.category.name, replies[0])
        self.assertEqual(conversation.state, "category")
        self.say(self.category_number(self.category))
        self.assertEqual(conversation.draft_category_id, self.category)
        self.say("rusak")  # too short
        self.assertEqual(conversation.state, "description")
        self.say("Jalan berlubang besar di depan SDN 03, sudah dua minggu")
        self.assertEqual(conversation.state, "location")
        self.say("RW 01 Jl. Melati no. 3")
        self.assertEqual(conversation.state, "photo")
        self.assertFalse(conversation.ticket_id)

        self.standin.add_media("MEDIA-1", b"\xff\xd8\xff\xe0photo", "image/jpeg")
        replies = self.say(kind="image", media_id="MEDIA-1")
        ticket = conversation.ticket_id
        self.assertTrue(ticket)
        self.assertIn(ticket.number, replies[0])
        self.assertEqual(conversation.state, "idle")
        self.assertEqual(ticket.category_id, self.category)
        self.assertEqual(ticket.partner_id, conversation.partner_id)
        self.assertEqual(ticket.whatsapp_conversation_id, conversation)
        self.assertIn("dua minggu", ticket.description)
        self.assertEqual(
            ticket.channel_id, self.env.ref("kelurahan_crm.channel_whatsapp")
        )
        self.assertEqual(ticket.reporter_phone, f"+{RESIDENT}")
        self.assertEqual(ticket.rw_id.number, 1)
        self.assertIn("Melati", ticket.location_address)
        # the photo was downloaded in the background and attached to the complaint
        photo = self.Message.search(
            [("conversation_id", "=", conversation.id), ("media_id", "=", "MEDIA-1")]
        )
        self.assertEqual(photo.media_state, "done")
        self.assertEqual(photo.attachment_id.res_model, "helpdesk.ticket")
        self.assertEqual(photo.attachment_id.res_id, ticket.id)
        self.assertEqual(photo.attachment_id.raw, b"\xff\xd8\xff\xe0photo")
        paths = [r["path"] for r in self.standin.requests if r["method"] == "GET"]
        self.assertIn(f"/{self.account.api_version}/MEDIA-1", paths)
        self.assertIn("/media-download/MEDIA-1", paths)
        # every exchange is logged on the complaint
        self.assertEqual(
            set(ticket.whatsapp_message_ids.mapped("direction")), {"in", "out"}
        )

    def test_categories_offered_as_on_the_portal(self):
        """WhatsApp offers the categories of the portal's rule: shown on the portal,
        sub-categories included, hidden ones not."""
        Category = self.env["helpdesk.ticket.category"]
        child = Category.create(
            {"name": "Lubang jalan (test)", "parent_id": self.category.id}
        )
        hidden = Category.create({"name": "Internal (test)", "show_in_portal": False})
        replies = self.say("Halo")
        self.assertIn(child.name, replies[0])
        self.assertNotIn(hidden.name, replies[0])
        offered = self.conversation()._kel_categories()
        self.assertEqual(offered, Category._kel_for_residents(self.env.company))
        self.assertIn(child, offered)
        self.assertNotIn(hidden, offered)

    def test_status_and_append(self):
        ticket = self.report(photo=False)
        self.assertTrue(ticket)
        self.assertFalse(ticket.attachment_ids)
        reply = self.say(f"status {ticket.number}")[0]
        self.assertIn(ticket.number, reply)
        self.assertIn(ticket.with_context(lang="id_ID").stage_id.name, reply)
        # a later message goes onto the open complaint, no new complaint
        count = self.env["helpdesk.ticket"].search_count([])
        reply = self.say("Tambahan: lubangnya makin besar")[0]
        self.assertIn(ticket.number, reply)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self.assertIn(
            "makin besar",
            "".join(ticket.message_ids.mapped("body")),
        )
        # a photo sent later is attached to the same complaint
        self.standin.add_media("MEDIA-2", b"\x89PNGdata", "image/png")
        self.say(kind="image", media_id="MEDIA-2")
        self.assertEqual(ticket.attachment_ids.mapped("raw"), [b"\x89PNGdata"])
        # BARU starts a new complaint
        self.assertIn(self.category.name, self.say("baru")[0])
        self.assertEqual(self.conversation().state, "category")
        self.say("batal")
        self.assertEqual(self.conversation().state, "idle")

    def test_status_of_someone_else_is_not_shown(self):
        ticket = self.report(photo=False)
        reply = self.say(f"status {ticket.number}", wa_id=OTHER)[0]
        self.assertNotIn(ticket.name, reply)
        self.assertIn(ticket.number, reply)  # echoes what was typed, nothing else
        self.assertNotEqual(self.conversation(OTHER).ticket_id, ticket)

    def test_location_pin(self):
        self.say("Halo")
        self.say(self.category_number(self.category))
        self.say("Sampah menumpuk di pinggir kali sejak kemarin")
        self.say(
            kind="location", latitude=-6.3312, longitude=106.8712, address="Jl. Kali"
        )
        conversation = self.conversation()
        self.assertEqual(conversation.state, "photo")
        self.say("lewati")
        ticket = conversation.ticket_id
        self.assertEqual(len(ticket), 1)
        self.assertAlmostEqual(ticket.latitude, -6.3312)
        self.assertAlmostEqual(ticket.longitude, 106.8712)

    def test_unsupported_messages(self):
        self.say("Halo")
        replies = self.say(kind="sticker", media_id="STK")
        self.assertEqual(len(replies), 1)
        self.assertEqual(self.conversation().state, "category")
        self.assertEqual(self.say(kind="reaction", content={"emoji": "👍"}), [])
        # a broken location pin is treated as an unknown message
        self.assertEqual(len(self.say(kind="location", latitude="x")), 1)
        events = self.Event.search([("wa_id", "=", RESIDENT)])
        self.assertEqual(set(events.mapped("state")), {"done"})

    def test_blocked_and_old_messages_ignored(self):
        self.say("Halo")
        self.conversation().action_block()
        self.assertEqual(self.say("spam spam spam"), [])
        self.assertEqual(self.Event.search([], limit=1).state, "ignored")
        old = self.standin.message(OTHER, text="Halo", ts=time.time() - 30 * 86400)
        self.assertEqual(self.deliver(old)[0], 200)
        self.run_queue()
        self.assertEqual(self.Event.search([], limit=1).state, "ignored")
        self.assertFalse(self.conversation(OTHER))

    def test_oversized_media_not_downloaded(self):
        self.standin.add_media(
            "MEDIA-BIG", b"x" * 100, "image/jpeg", declared_size=5 * 1024 * 1024
        )
        self.standin.add_media("MEDIA-LIAR", b"x" * (1024 * 1024 + 10), "image/jpeg")
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            ticket = self.report(media_id="MEDIA-BIG")
            self.standin.add_media(
                "MEDIA-LIAR", b"x" * (1024 * 1024 + 10), "image/jpeg"
            )
            self.say(kind="image", media_id="MEDIA-LIAR")
        self.assertTrue(ticket)
        self.assertFalse(ticket.attachment_ids)
        media = ticket.whatsapp_message_ids.filtered("media_id")
        self.assertEqual(set(media.mapped("media_state")), {"failed"})
        notes = ticket.message_ids.filtered(
            lambda m: "could not" in (m.body or "") or "tidak dapat" in (m.body or "")
        )
        self.assertEqual(len(notes), 2)
        # the big file itself was never fetched
        paths = [r["path"] for r in self.standin.requests]
        self.assertNotIn("/media-download/MEDIA-BIG", paths)

    def test_processing_error_is_retried_then_parked(self):
        payload = self.standin.message(RESIDENT, text="Halo")
        self.deliver(payload)
        event = self.Event.search([], limit=1)
        event.payload = "{broken"
        with self.assertLogs("odoo.addons.kelurahan_whatsapp", "WARNING"):
            for _i in range(4):
                self.Event._cron_process()
        self.assertEqual(event.state, "error")
        self.assertEqual(event.attempts, 3)
