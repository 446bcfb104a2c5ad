# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_whatsapp import RESIDENT, TOKEN, WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappSecurity(WhatsappCase):
    """Who may see WhatsApp settings, secrets, logs and the webhook queue."""

    def test_secrets_admin_only(self):
        account = self.account.with_user(self.admin_user)
        self.assertEqual(account.access_token, TOKEN)
        account.write({"template_name": "kelurahan_update_v2"})
        officer_account = self.account.with_user(self.officer)
        self.assertEqual(officer_account.name, "Test WhatsApp")
        with self.assertRaises(AccessError):
            self.assertFalse(officer_account.access_token)
        with self.assertRaises(AccessError):
            officer_account.read(["app_secret"])
        with self.assertRaises(AccessError):
            officer_account.write({"api_base_url": "https://evil.example"})
        with self.assertRaises(AccessError):
            self.account.with_user(self.rw_user).read(["name"])

    def test_logs_and_queue_access(self):
        self.say("Halo")
        conversation = self.conversation()
        self.assertTrue(
            self.Message.with_user(self.officer).search(
                [("conversation_id", "=", conversation.id)]
            )
        )
        conversation.with_user(self.officer).action_block()
        self.assertTrue(conversation.blocked)
        with self.assertRaises(AccessError):
            self.Message.with_user(self.officer).create(
                {"conversation_id": conversation.id, "direction": "out", "body": "x"}
            )
        with self.assertRaises(AccessError):
            self.Message.with_user(self.rw_user).search([])
        # the RW officer's complaint form still works (failure counter only)
        rw_ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "RW",
                "description": "<p>x</p>",
                "rw_id": self.env.ref("kelurahan_crm.rw_01").id,
            }
        )
        self.rw_user.kel_rw_ids = self.env.ref("kelurahan_crm.rw_01")
        self.assertEqual(rw_ticket.with_user(self.rw_user).whatsapp_failed_count, 0)
        with self.assertRaises(AccessError):
            self.Event.with_user(self.officer).search([])
        self.assertTrue(self.Event.with_user(self.admin_user).search([]))
        with self.assertRaises(AccessError):
            self.Event.with_user(self.admin_user).search([], limit=1).write(
                {"state": "pending"}
            )

    def test_retry_needs_write_access_on_complaint(self):
        conversation = self.Conversation._kel_get(self.account, RESIDENT)
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "T", "description": "<p>x</p>"}
        )
        message = self.Message._kel_queue(conversation, "x", ticket=ticket)
        message.state = "failed"
        portal = self.env["res.users"].search(
            [("share", "=", True), ("active", "=", True)], limit=1
        )
        if portal:
            with self.assertRaises(AccessError):
                message.with_user(portal).action_retry()
        message.with_user(self.officer).action_retry()
        self.assertEqual(message.state, "queued")


@tagged("post_install", "-at_install")
class TestOtherChannels(WhatsappCase):
    """Complaints recorded by staff from Instagram/Facebook/X/JAKI/LAPOR!."""

    def test_source_recorded(self):
        channel = self.env.ref(
            "kelurahan_crm.channel_social_media", raise_if_not_found=False
        ) or self.env["helpdesk.ticket.channel"].create({"name": "Media sosial"})
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Parkir liar di trotoar",
                    "description": "<p>Dilaporkan lewat Instagram</p>",
                    "channel_id": channel.id,
                    "source_platform": "instagram",
                    "source_url": "https://www.instagram.com/p/Cx123abc/",
                }
            )
        )
        self.assertEqual(ticket.source_platform, "instagram")
        found = self.env["helpdesk.ticket"].search(
            [("source_platform", "=", "instagram"), ("channel_id", "=", channel.id)]
        )
        self.assertIn(ticket, found)
        lapor = self.env["helpdesk.ticket"].create(
            {
                "name": "Drainase",
                "description": "<p>x</p>",
                "source_platform": "lapor",
                "source_ref": "LAPOR-7788123",
            }
        )
        self.assertEqual(
            self.env["helpdesk.ticket"].search([("source_ref", "=", "LAPOR-7788123")]),
            lapor,
        )

    def test_source_validation(self):
        Ticket = self.env["helpdesk.ticket"]
        base = {"name": "X", "description": "<p>x</p>"}
        with self.assertRaises(ValidationError):
            Ticket.create(dict(base, source_platform="facebook"))
        with self.assertRaises(ValidationError):
            Ticket.create(
                dict(base, source_platform="x", source_url="javascript:alert(1)")
            )
        with self.assertRaises(ValidationError):
            Ticket.create(dict(base, source_url="www.example.com/post"))
