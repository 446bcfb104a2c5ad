# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Success paths of the resident's request routes, as the resident: submitting
redirects to the new request, re-uploading after a correction, a letter that is
not ready yet."""

from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from .service_common import EXE, JPEG, NIK, PDF, PNG, KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestPortalRoutes(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def assertRedirect(self, response, path, query=""):
        self.assertEqual(response.status_code, 303, response.text[:300])
        location = urlsplit(response.headers["Location"])
        self.assertEqual((location.path, location.query), (path, query))

    def test_submit_redirects_to_the_new_request(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
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
            allow_redirects=False,
        )
        record = self.env["kelurahan.service.request"].search(
            [("partner_id", "=", self.user_portal.partner_id.id)]
        )
        self.assertEqual(len(record), 1)
        self.assertRedirect(response, f"/my/permohonan/{record.id}", "submitted=1")
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_submitted", page.text)
        self.assertIn(record.number, page.text)

    def test_reupload_after_correction(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        record.with_user(self.user_officer).action_request_revision("KK buram")
        url = f"/my/permohonan/{record.id}/unggah"
        old_kk = record.document_ids.filtered(lambda d: d.requirement_id == self.req_kk)
        # Another resident is sent back to /my; nothing changes.
        self.authenticate("kel_warga2", "kel_warga2_pw")
        _page, csrf2 = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        other = self.url_open(
            url,
            data={"csrf_token": csrf2},
            files={f"doc_{self.req_kk.id}": ("kk.jpg", JPEG, "image/jpeg")},
            allow_redirects=False,
        )
        self.assertRedirect(other, "/my")
        self.assertEqual(record.state, "revision")
        self.assertTrue(old_kk.exists())
        # The applicant: a bad file is refused on the page, a good one replaces.
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page, csrf = self._csrf(f"/my/permohonan/{record.id}")
        self.assertIn(url, page.text, "the correction form posts here")
        bad = self.url_open(
            url,
            data={"csrf_token": csrf},
            files={f"doc_{self.req_kk.id}": ("kk.pdf", EXE, "application/pdf")},
            allow_redirects=False,
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("o_kel_error", bad.text)
        self.assertEqual(record.state, "revision")
        self.assertTrue(old_kk.exists())
        good = self.url_open(
            url,
            data={"csrf_token": csrf},
            files={f"doc_{self.req_kk.id}": ("kk.jpg", JPEG, "image/jpeg")},
            allow_redirects=False,
        )
        self.assertRedirect(good, f"/my/permohonan/{record.id}")
        self.assertEqual(record.state, "verify")
        self.assertFalse(old_kk.exists())
        new_kk = record.document_ids.filtered(lambda d: d.requirement_id == self.req_kk)
        self.assertEqual(new_kk.name, "kk.jpg")

    def test_letter_not_ready_redirects_to_the_request(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        response = self.url_open(
            f"/my/permohonan/{record.id}/surat", allow_redirects=False
        )
        self.assertRedirect(response, f"/my/permohonan/{record.id}")
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(record.number, page.text)
        self.assertNotIn("o_kel_download_letter", page.text)
