# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappDisposition(WhatsappCase):
    def test_agency_contact_gets_the_link(self):
        agency = self.env.ref("kelurahan_crm.agency_sudin_bina_marga")
        contact = new_test_user(
            self.env,
            login="wa_dinas_bm",
            groups="kelurahan_crm.group_kelurahan_agency_contact",
            kel_agency_id=agency.id,
            context={"no_reset_password": True},
        )
        contact.partner_id.mobile = "0812-7777-0001"
        category = self.env.ref("kelurahan_crm.category_jalan_rusak")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Jalan berlubang",
                "description": "<p>Lubang</p>",
                "category_id": category.id,
                "stage_id": self.env.ref("kelurahan_crm.stage_verify").id,
            }
        )
        disposition = self.env["kelurahan.disposition"].create(
            {"ticket_id": ticket.id, "agency_id": agency.id}
        )
        messages = self.env["kelurahan.whatsapp.message"].search(
            [("conversation_id.wa_id", "=", "6281277770001")]
        )
        self.assertEqual(len(messages), 1)
        self.assertIn(f"/my/disposisi/{disposition.id}", messages.body)
        self.assertEqual(messages.state, "queued")
