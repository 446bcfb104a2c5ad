# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""UU PDP: the service request form shows the privacy notice; the request keeps
the notice version with the legal-duty basis (no consent box)."""

from odoo.tests import HttpCase, tagged

from .service_common import NIK, PDF, PNG, KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestPdpService(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def test_request_records_notice_on_legal_basis(self):
        notice = self.env["kelurahan.privacy.notice"]._kel_current()
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        self.assertIn(notice.body[:40], page.text)
        self.assertIn('href="/privasi"', page.text)
        self.assertNotIn('name="kel_consent"', page.text)
        self.assertIn("UU PDP pasal 20 ayat (2)", page.text)
        response = self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "applicant_name": "Warga Satu",
                "applicant_nik": NIK,
            },
            files={
                f"doc_{self.req_ktp.id}": ("ktp.pdf", PDF, "application/pdf"),
                f"doc_{self.req_kk.id}": ("kk.png", PNG, "image/png"),
            },
        )
        self.assertEqual(response.status_code, 200)
        record = self.env["kelurahan.service.request"].search(
            [("partner_id", "=", self.user_portal.partner_id.id)]
        )
        self.assertEqual(len(record), 1)
        consent = (
            self.env["kelurahan.consent"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.basis, "public_task")
        self.assertEqual(consent.channel, "portal")
        self.assertEqual(consent.notice_id, notice)
        self.assertEqual(consent.partner_id, self.user_portal.partner_id)
        # the resident sees it among their consents
        listing = self.url_open("/my/persetujuan")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f"/my/persetujuan/{consent.id}", listing.text)
