# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KelurahanCase


@tagged("post_install", "-at_install")
class TestNotifications(KelurahanCase):
    """The reporter hears about their complaint in their language (Indonesian)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal.partner_id.lang = "id_ID"

    def reporter_messages(self, ticket, partner):
        return ticket.message_ids.filtered(
            lambda m: partner in m.partner_ids and m.message_type == "comment"
        )

    def test_acknowledgement_and_stage_messages(self):
        partner = self.user_portal.partner_id
        ticket = self.make_ticket(partner_id=partner.id)
        sent = self.reporter_messages(ticket, partner)
        self.assertEqual(len(sent), 1)
        self.assertIn(ticket.number, sent.subject)
        self.assertIn("telah diterima", sent.body)
        self.assertFalse(ticket.date_followup, "the acknowledgement is no follow-up")
        ticket.with_user(self.user_officer).stage_id = self.stage["verify"]
        sent = self.reporter_messages(ticket, partner)
        self.assertEqual(len(sent), 2)
        self.assertIn("Verifikasi", sent[0].body)
        ticket.with_user(self.user_officer).write(
            {"followup_note": "Lubang ditambal.", "stage_id": self.stage["done"].id}
        )
        last = self.reporter_messages(ticket, partner)[0]
        self.assertIn("Lubang ditambal.", last.body)
        emailed = last.notification_ids.filtered(
            lambda n: n.res_partner_id == partner and n.notification_type == "email"
        )
        self.assertTrue(emailed, "sent by e-mail")

    def test_email_only_reporter(self):
        ticket = self.make_ticket(
            reporter_name="Bu Tini", partner_email="tini@example.id"
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("res_id", "=", ticket.id),
                    ("email_to", "=", "tini@example.id"),
                ]
            )
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("Yth. Bu Tini", mail.body_html)

    def test_anonymous_without_contact_not_notified(self):
        ticket = self.make_ticket(is_anonymous=True)
        calls = []
        original = type(ticket)._kel_notify_email

        def spy(record, kind):
            calls.append(kind)
            return original(record, kind)

        self.patch(type(ticket), "_kel_notify_email", spy)
        ticket._kel_notify_reporter("stage")
        self.assertFalse(calls)
        contact = self.make_ticket(is_anonymous=True, reporter_phone="+62 811 0000")
        self.assertEqual(calls, ["created"], "anonymous with a phone is notified")
        contact.stage_id = self.stage["verify"]
        self.assertEqual(calls, ["created", "stage"])

    def test_channels_hook(self):
        ticket = self.make_ticket()
        self.assertEqual(ticket._kel_notify_channels(), ["email"])
        subject, body = ticket._kel_notify_message("created")
        self.assertIn(ticket.number, subject)
        self.assertIn(ticket.number, body)

    def test_public_reply_reaches_notification_hook(self):
        ticket = self.make_ticket(partner_id=self.user_portal.partner_id.id)
        kinds = []
        original = type(ticket)._kel_notify_email

        def spy(record, kind):
            kinds.append(kind)
            return original(record, kind)

        self.patch(type(ticket), "_kel_notify_email", spy)
        as_officer = ticket.with_user(self.user_officer)
        as_officer.message_post(
            body="Catatan internal",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(kinds, [])
        as_officer.message_post(
            body="Petugas sudah ke lokasi.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(kinds, ["reply"])
        ticket.with_user(self.user_portal).message_post(
            body="Terima kasih", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(kinds, ["reply"], "the resident's own message is no reply")
