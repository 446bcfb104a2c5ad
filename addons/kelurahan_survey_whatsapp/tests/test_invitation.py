# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Survey invitations over WhatsApp: kelurahan_survey sends them through
kelurahan_crm's text-channel hook, which kelurahan_whatsapp extends."""

from odoo.tests import tagged

from odoo.addons.kelurahan_survey.tests.test_invitation import (
    ComplaintInvitationCase,
)


@tagged("post_install", "-at_install")
class TestWhatsappInvitation(ComplaintInvitationCase):
    def test_whatsapp_reporter_invited_over_whatsapp(self):
        """A resident who reported over WhatsApp (no e-mail) gets the link there, in
        Indonesian; nobody is e-mailed."""
        self.env["kelurahan.whatsapp.account"].create(
            {
                "name": "WA test",
                "phone_number_id": "100200300",
                "api_base_url": "http://127.0.0.1:9",
                "access_token": "t",
                "app_secret": "s",
                "verify_token": "v",
            }
        )
        resident = self.env["res.partner"].create(
            {"name": "Pak Joko", "phone": "081234560001", "lang": "id_ID"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Got mampet",
                "description": "Saluran air di RT 02 mampet",
                "partner_id": resident.id,
                "reporter_phone": "081234560001",
                "channel_id": self.env.ref("kelurahan_crm.channel_whatsapp").id,
            }
        )
        self._close(ticket)
        response = ticket.kel_survey_input_ids
        self.assertEqual(len(response), 1)
        self.assertEqual(response.partner_id, resident)
        messages = self.env["kelurahan.whatsapp.message"].search(
            [("ticket_id", "=", ticket.id), ("body", "ilike", response.access_token)]
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.conversation_id.wa_id, "6281234560001")
        self.assertIn("Pengaduan Anda", messages.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "survey.user_input"), ("res_id", "=", response.id)]
            )
        )

    def test_email_reporter_not_sent_whatsapp(self):
        self._close(self.ticket)
        self.assertFalse(
            self.env["kelurahan.whatsapp.message"].search(
                [("ticket_id", "=", self.ticket.id)]
            )
        )
