# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser flows in Chromium: resident registration, staff processing, verification."""

from odoo.tests import HttpCase, tagged

from .service_common import KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestServiceTours(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        cls.service.name = "Tour Domisili"

    def test_resident_registers_online(self):
        self.start_tour(
            "/my/permohonan", "kelurahan_service_request_portal", login="kel_warga1"
        )
        record = self.env["kelurahan.service.request"].search(
            [("partner_id", "=", self.user_portal.partner_id.id)]
        )
        self.assertEqual(len(record), 1)
        self.assertEqual(record.service_id, self.service)
        self.assertEqual(record.channel, "portal")
        self.assertEqual(record.sudo().applicant_nik, "3175024508900003")
        self.assertEqual(
            record.document_ids.requirement_id,
            self.req_ktp | self.req_kk | self.req_extra,
        )
        self.assertEqual(
            set(record.document_ids.mapped("mimetype")), {"application/pdf"}
        )

    def test_staff_process_to_ready(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        self.start_tour(
            f"/odoo/action-kelurahan_service.kelurahan_service_request_action/{record.id}",
            "kelurahan_service_request_backend",
            login="kel_officer",
        )
        self.assertEqual(record.state, "ready")
        self.assertTrue(record.letter_id.number)

    def test_verification_page(self):
        record = self._kel_request()
        record.action_verify()
        record.action_process()
        record.action_ready()
        self.start_tour(
            f"/verifikasi/{record.letter_id.verify_token}",
            "kelurahan_letter_verification",
            login=None,
        )
