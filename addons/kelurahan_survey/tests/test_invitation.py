# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.kelurahan_crm.tests.common import walk_to_stage

from .common import KelSurveyCase


class ComplaintInvitationCase(KelSurveyCase):
    """A resident with an e-mail and their complaint, closed by ``_close``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            "t_inv_officer",
            "kelurahan_crm.group_kelurahan_officer",
        )
        cls.survey = cls.env.ref("kelurahan_survey.survey_skm")
        cls.resident = cls.env["res.partner"].create(
            {"name": "Siti Warga", "email": "siti@example.id"}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Lampu jalan mati",
                "description": "Lampu PJU di RT 03 mati",
                "partner_id": cls.resident.id,
            }
        )

    def _close(self, ticket):
        walk_to_stage(ticket, "done", followup_note="Selesai")

    def _done_stage(self):
        return self.env.ref("kelurahan_crm.stage_done")


@tagged("post_install", "-at_install")
class TestComplaintInvitation(ComplaintInvitationCase):
    def test_invitation_on_done(self):
        ticket = self.ticket.with_user(self.officer)
        walk_to_stage(ticket, "progress")
        self.assertFalse(self.ticket.kel_survey_input_ids)
        ticket.write({"stage_id": self._done_stage().id, "followup_note": "Diganti"})
        self.assertEqual(self.ticket.kel_state, "done")
        response = self.ticket.kel_survey_input_ids
        self.assertEqual(len(response), 1)
        self.assertEqual(response.survey_id, self.survey)
        self.assertEqual(response.partner_id, self.resident)
        self.assertEqual(response.state, "new")
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", response.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(response.access_token, mail.body_html)
        self.assertIn(f"<strong>{self.ticket.number}</strong>", mail.body_html)
        self.assertIn("siti@example.id", mail.email_to)
        # reopening and closing again does not invite twice
        ticket.stage_id = self.env.ref("kelurahan_crm.stage_progress")
        ticket.stage_id = self._done_stage()
        self.assertEqual(len(self.ticket.kel_survey_input_ids), 1)

    def test_anonymous_reporter_not_invited(self):
        self.ticket.is_anonymous = True
        self._close(self.ticket)
        self.assertFalse(self.ticket.kel_survey_input_ids)

    def test_no_invitation_without_contact_or_when_rejected(self):
        self.ticket.write(
            {
                "stage_id": self.env.ref("kelurahan_crm.stage_rejected").id,
                "reject_reason": "Bukan kewenangan kelurahan",
            }
        )
        self.assertFalse(self.ticket.kel_survey_input_ids)
        nobody = self.env["helpdesk.ticket"].create(
            {"name": "Anonim", "description": "Sampah menumpuk"}
        )
        self._close(nobody)
        self.assertFalse(nobody.kel_survey_input_ids)

    def test_finished_response_notes_the_ticket(self):
        self._close(self.ticket)
        response = self.ticket.kel_survey_input_ids
        response._mark_done()
        self.assertIn(
            "answered the satisfaction survey",
            self.ticket.message_ids[0].body,
        )
