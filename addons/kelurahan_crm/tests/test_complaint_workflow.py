# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KelurahanCase, walk_to_stage, wib


@tagged("post_install", "-at_install")
class TestComplaintWorkflow(KelurahanCase):
    def test_seeded_stages(self):
        states = [self.stage[s].kel_state for s in self.stage]
        self.assertEqual(
            states, ["new", "verify", "dispatch", "progress", "done", "rejected"]
        )
        ticket = self.make_ticket()
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self.assertEqual(ticket.kel_state, "new")
        kanban = self.env["helpdesk.ticket.stage"].search([])
        self.assertFalse(
            kanban.filtered(lambda s: not s.kel_state), kanban.mapped("name")
        )

    def test_close_requires_followup_note(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        as_officer = ticket.with_user(self.user_officer)
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            as_officer.stage_id = self.stage["done"]
        self.assertIn("follow-up note", str(caught.exception))
        self.assertEqual(ticket.kel_state, "verify")
        self.assertFalse(ticket.date_done)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            as_officer.write({"stage_id": self.stage["done"].id, "followup_note": " "})
        as_officer.write(
            {"stage_id": self.stage["done"].id, "followup_note": "Sudah ditambal."}
        )
        self.assertEqual(ticket.kel_state, "done")
        self.assertTrue(ticket.date_done)
        self.assertTrue(ticket.date_followup)

    def test_close_message_in_indonesian(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            ticket.with_user(self.user_officer).with_context(
                lang="id_ID"
            ).stage_id = self.stage["done"]
        self.assertIn("catatan tindak lanjut", str(caught.exception))

    def test_after_photo_attachment(self):
        ticket = self.make_ticket()
        photo = (
            self.env["ir.attachment"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "sesudah.png",
                    "datas": base64.b64encode(b"\x89PNG\r\n\x1a\nfake"),
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
        )
        walk_to_stage(
            ticket.with_user(self.user_officer),
            "done",
            followup_note="Sudah ditambal, foto terlampir.",
        )
        self.assertIn(photo, ticket.attachment_ids)

    def test_reject_requires_reason(self):
        ticket = self.make_ticket()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            ticket.stage_id = self.stage["rejected"]
        ticket.write(
            {
                "reject_reason": "Bukan wewenang kelurahan.",
                "stage_id": self.stage["rejected"].id,
            }
        )
        self.assertEqual(ticket.kel_state, "rejected")
        self.assertFalse(ticket.date_followup)

    def closed_ticket(self, partner=None):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket(
                partner_id=(partner or self.user_portal.partner_id).id
            )
            walk_to_stage(ticket, "done", followup_note="Selesai")
        return ticket

    def test_resident_disputes_within_window(self):
        ticket = self.closed_ticket()
        with self.at(2026, 3, 6, 9, 0):
            ticket.with_user(self.user_portal).action_dispute("Lubang masih ada.")
        self.assertEqual(ticket.kel_state, "progress")
        self.assertTrue(ticket.is_disputed)
        self.assertEqual(ticket.dispute_reason, "Lubang masih ada.")
        self.assertEqual(ticket.dispute_date, wib(2026, 3, 6, 9, 0))
        self.assertFalse(ticket.date_done, "reopened")

    def test_dispute_refused_after_window(self):
        self.company.kel_dispute_days = 3
        ticket = self.closed_ticket()
        with self.at(2026, 3, 6, 9, 0), self.assertRaises(UserError):
            ticket.with_user(self.user_portal).action_dispute("Terlambat")
        self.assertEqual(ticket.kel_state, "done")
        self.assertFalse(ticket.is_disputed)

    def test_dispute_refused_for_others_and_open(self):
        ticket = self.closed_ticket()
        with self.at(2026, 3, 3, 9, 0):
            with self.assertRaises(AccessError):
                ticket.with_user(self.user_portal_2).action_dispute("Bukan milik saya")
            with self.assertRaises(UserError):
                ticket.with_user(self.user_portal).action_dispute("  ")
            open_ticket = self.make_ticket(partner_id=self.user_portal.partner_id.id)
            with self.assertRaises(UserError):
                open_ticket.with_user(self.user_portal).action_dispute("Belum selesai")
        self.assertFalse(ticket.is_disputed)

    def test_officer_may_register_dispute(self):
        ticket = self.closed_ticket()
        with self.at(2026, 3, 3, 9, 0):
            ticket.with_user(self.user_officer).action_dispute("Warga menelepon.")
        self.assertTrue(ticket.is_disputed)

    def test_resident_rates_own_closed_complaint(self):
        ticket = self.closed_ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_portal_2).action_kel_rate(5)
        with self.assertRaises(UserError):
            ticket.with_user(self.user_portal).action_kel_rate(7)
        ticket.with_user(self.user_portal).action_kel_rate(4, "Cepat, terima kasih.")
        self.assertEqual(ticket.rating, "4")
        self.assertEqual(ticket.rating_comment, "Cepat, terima kasih.")
        open_ticket = self.make_ticket(partner_id=self.user_portal.partner_id.id)
        with self.assertRaises(UserError):
            open_ticket.with_user(self.user_portal).action_kel_rate(5)

    def test_one_verdict_per_result_and_new_target(self):
        ticket = self.closed_ticket()
        resident = ticket.with_user(self.user_portal)
        with self.at(2026, 3, 3, 9, 0):
            resident.action_kel_rate(5)
            with self.assertRaises(UserError):
                resident.action_kel_rate(4)
            with self.assertRaises(UserError):
                resident.action_dispute("Ternyata belum")
            self.assertEqual(len(ticket.feedback_ids), 1)
            # the office reopens and closes it again: a new result, a new verdict
            ticket.write({"stage_id": self.stage["progress"].id})
            ticket.write({"stage_id": self.stage["done"].id})
        with self.at(2026, 3, 4, 9, 0):
            resident.action_dispute("Lubang terbuka lagi")
        self.assertEqual(ticket.rating, "5", "the earlier rating stays")
        self.assertEqual(ticket.feedback_ids.mapped("kind"), ["dispute", "rating"])
        reopened = wib(2026, 3, 4, 9, 0)
        self.assertEqual(ticket.kel_reopen_date, reopened)
        self.assertEqual(
            ticket.deadline_resolution,
            ticket._kel_plan_days(reopened, ticket.kel_resolution_target),
        )

    def test_portal_and_mail_channels_mapped(self):
        web = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        ticket = self.make_ticket(channel_id=web.id)
        self.assertEqual(
            ticket.channel_id, self.env.ref("kelurahan_crm.channel_portal")
        )
        self.assertFalse(web.active)
        mailed = self.make_ticket(
            env=self.env(context={"fetchmail_cron_running": True}), channel_id=False
        )
        self.assertEqual(mailed.channel_id, self.env.ref("kelurahan_crm.channel_email"))
