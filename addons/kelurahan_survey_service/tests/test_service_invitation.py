# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.kelurahan_service.tests.service_common import KelurahanServiceCommon
from odoo.addons.kelurahan_survey.tests.common import KelSurveyCommon


@tagged("post_install", "-at_install")
class TestServiceInvitation(KelurahanServiceCommon, KelSurveyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        # our own survey, the newest one flagged: it is the one invited to
        cls.survey, _questions = cls._make_skm(title="SKM layanan uji")
        cls.survey.kel_invite_service = True
        cls.resident = cls.env["res.partner"].create(
            {"name": "Budi Warga", "email": "budi@example.id"}
        )
        cls.counter = cls.env["kelurahan.counter"].create(
            {"name": "Loket Survei", "code": "S1", "service_ids": cls.service.ids}
        )

    def _mails(self, responses):
        return self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "in", responses.ids)]
        )

    def _complete(self, request, user):
        request = request.with_user(user)
        request.action_verify()
        request.action_process()
        request.action_ready()
        request.action_done()

    def _serve(self, visit, user):
        visit = visit.with_user(user)
        visit._kel_call(self.counter)
        visit.action_served()

    def test_completed_request_invites_once(self):
        request = self._kel_request(partner=self.resident)
        self.assertEqual(request.channel, "portal")
        request.with_user(self.user_officer).action_verify()
        self.assertFalse(request.kel_survey_input_ids)
        request = request.with_user(self.user_officer)
        request.action_process()
        request.action_ready()
        self.assertFalse(request.sudo().kel_survey_input_ids)
        request.action_done()
        response = request.sudo().kel_survey_input_ids
        self.assertEqual(len(response), 1)
        self.assertEqual(response.survey_id, self.survey)
        self.assertEqual(response.partner_id, self.resident)
        self.assertEqual(response.state, "new")
        self.assertEqual(
            response.channel_id, self.env.ref("kelurahan_crm.channel_portal")
        )
        self.assertFalse(response.queue_ticket_id)
        mail = self._mails(response)
        self.assertEqual(len(mail), 1)
        self.assertIn(response.access_token, mail.body_html)
        self.assertIn(request.number, mail.body_html)
        self.assertIn("budi@example.id", mail.email_to)
        # the hook running again (e.g. a second call) does not invite twice
        request.sudo()._kel_on_completed()
        self.assertEqual(len(request.sudo().kel_survey_input_ids), 1)

    def test_counter_request_channel_is_walk_in(self):
        request = self._kel_request(partner=self.resident)
        request.channel = "counter"
        self._complete(request, self.user_officer)
        self.assertEqual(
            request.kel_survey_input_ids.channel_id,
            self.env.ref("kelurahan_crm.channel_walk_in"),
        )

    def test_no_survey_configured_no_invitation(self):
        self.env["survey.survey"].search([("kel_invite_service", "=", True)]).write(
            {"kel_invite_service": False}
        )
        request = self._kel_request(partner=self.resident)
        self._complete(request, self.user_officer)
        self.assertEqual(request.state, "done")
        self.assertFalse(request.kel_survey_input_ids)
        self.assertFalse(
            self.env["survey.user_input"].search(
                [("service_request_id", "=", request.id)]
            )
        )

    def test_unreachable_applicant_not_invited(self):
        no_email = self.env["res.partner"].create({"name": "Tanpa Surel"})
        public = self.env.ref("base.public_partner")
        public_email = public.email
        public.email = "public@example.id"
        for partner in (None, no_email, public):
            request = self._kel_request(partner=partner)
            self._complete(request, self.user_officer)
            self.assertFalse(request.kel_survey_input_ids, partner)
        public.email = public_email

    def test_served_walk_in_visit_invites(self):
        visit = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            self.service, partner=self.resident
        )
        self._serve(visit, self.user_officer)
        self.assertEqual(visit.state, "served")
        response = visit.kel_survey_input_ids
        self.assertEqual(len(response), 1)
        self.assertEqual(response.partner_id, self.resident)
        self.assertEqual(response.survey_id, self.survey)
        self.assertEqual(
            response.channel_id, self.env.ref("kelurahan_crm.channel_walk_in")
        )
        self.assertFalse(response.service_request_id)
        self.assertIn(response.access_token, self._mails(response).body_html)
        visit._kel_on_served()
        self.assertEqual(len(visit.kel_survey_input_ids), 1)

    def test_walk_in_invitation_names_the_visit(self):
        # A service name with markup (typed by an admin) is printed as text.
        self.service.name = "Surat <b>Domisili</b> & Usaha"
        residents = self.resident | self.env["res.partner"].create(
            {"name": "Siti Warga", "email": "siti@example.id", "lang": "id_ID"}
        )
        self.resident.lang = "en_US"
        bodies = {}
        for resident in residents:
            visit = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
                self.service, partner=resident
            )
            visit.date = datetime.date(2026, 12, 1)
            self._serve(visit, self.user_officer)
            response = visit.kel_survey_input_ids
            self.assertEqual(len(response), 1)
            body = self._mails(response).body_html
            self.assertIn(response.access_token, body)
            self.assertIn(f"<strong>{visit.name}</strong>", body)
            self.assertIn("Surat &lt;b&gt;Domisili&lt;/b&gt; &amp; Usaha", body)
            self.assertNotIn("<b>Domisili</b>", body)
            self.assertNotIn("Your request", body)
            self.assertNotIn("Your complaint", body)
            bodies[resident.lang] = body
        self.assertIn("Your visit for", bodies["en_US"])
        self.assertIn("on 1 December 2026 (queue number", bodies["en_US"])
        self.assertIn("Kunjungan Anda untuk", bodies["id_ID"])
        self.assertIn("pada 1 Desember 2026 (nomor antrian", bodies["id_ID"])
        self.assertIn("telah dilayani", bodies["id_ID"])
        self.assertNotIn("Your visit", bodies["id_ID"])
        # The serving officer neither reads the invitation nor its e-mail.
        with self.assertRaises(AccessError):
            response.with_user(self.user_officer).read(["queue_ticket_id"])
        with self.assertRaises(AccessError):
            self._mails(response).with_user(self.user_officer).read(["body_html"])

    def test_walk_in_without_contact_not_invited(self):
        visit = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            self.service, visitor_name="Pak Tamu"
        )
        self._serve(visit, self.user_officer)
        self.assertEqual(visit.state, "served")
        self.assertFalse(visit.kel_survey_input_ids)

    def test_visit_of_request_rated_through_the_request(self):
        request = self._kel_request(partner=self.resident)
        visit = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            self.service, partner=self.resident
        )
        visit.request_id = request
        self._serve(visit, self.user_officer)
        self.assertFalse(visit.kel_survey_input_ids)
        self._complete(request, self.user_officer)
        response = request.kel_survey_input_ids
        self.assertEqual(len(response), 1)
        self.assertFalse(response.queue_ticket_id)

    def test_officer_without_survey_rights_completes(self):
        officer = self.user_officer
        self.assertFalse(officer.has_group("survey.group_survey_user"))
        request = self._kel_request(partner=self.resident)
        self._complete(request, officer)  # no AccessError
        self.assertEqual(request.state, "done")
        self.assertEqual(len(request.kel_survey_input_ids), 1)
        visit = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            self.service, partner=self.resident
        )
        self._serve(visit, officer)  # no AccessError
        self.assertEqual(len(visit.kel_survey_input_ids), 1)
