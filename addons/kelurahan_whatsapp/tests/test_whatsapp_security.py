# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RESIDENT, TOKEN, WhatsappCase


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
        portal = new_test_user(self.env, "t_wa_portal", "base.group_portal")
        with self.assertRaises(AccessError):
            message.with_user(portal).action_retry()
        self.assertEqual(message.state, "failed")
        message.with_user(self.officer).action_retry()
        self.assertEqual(message.state, "queued")
