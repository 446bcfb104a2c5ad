# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Residents over real HTTP: submission with uploads, and isolation between two
residents (requests, documents, letters)."""

from odoo.tests import HttpCase, tagged

from .service_common import EXE, NIK, PDF, PNG, KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestPortal(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def _submit(self, files, nik=NIK):
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        return self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "applicant_name": "Warga Satu",
                "applicant_nik": nik,
            },
            files=files,
        )

    def test_submit_over_http(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        Request = self.env["kelurahan.service.request"]
        before = Request.search_count([])
        bad = self._submit(
            {
                f"doc_{self.req_ktp.id}": ("ktp.pdf", EXE, "application/pdf"),
                f"doc_{self.req_kk.id}": ("kk.png", PNG, "image/png"),
            }
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("o_kel_error", bad.text)
        self.assertIn("ktp.pdf", bad.text)
        self.assertEqual(Request.search_count([]), before)
        good = self._submit(
            {
                f"doc_{self.req_ktp.id}": ("ktp.pdf", PDF, "application/pdf"),
                f"doc_{self.req_kk.id}": ("kk.png", PNG, "image/png"),
            }
        )
        self.assertIn("o_kel_submitted", good.text)
        record = Request.search([], order="id desc", limit=1)
        self.assertEqual(record.partner_id, self.user_portal.partner_id)
        self.assertEqual(record.channel, "portal")
        self.assertEqual(len(record.document_ids), 2)
        listing = self.url_open("/my/permohonan")
        self.assertIn(record.number, listing.text)

    def test_isolation_between_residents(self):
        own = self._kel_request(partner=self.user_portal.partner_id)
        other = self._kel_request(partner=self.user_portal_2.partner_id, nik=NIK)
        other.action_verify()
        other.action_process()
        other.action_ready()
        other_doc = other.document_ids[0]
        self.authenticate("kel_warga1", "kel_warga1_pw")
        listing = self.url_open("/my/permohonan")
        self.assertIn(own.number, listing.text)
        self.assertNotIn(other.number, listing.text)
        for url in (
            f"/my/permohonan/{other.id}",
            f"/my/permohonan/{other.id}/dokumen/{other_doc.id}",
            f"/my/permohonan/{other.id}/surat",
            f"/my/permohonan/{own.id}/dokumen/{other_doc.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertNotEqual(response.content, PDF)
                self.assertNotIn(other.number, response.text)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "kelurahan.service.document"),
                    ("res_field", "=", "datas"),
                    ("res_id", "=", other_doc.id),
                ]
            )
        )
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertNotEqual(response.content, PDF)
        # The applicant gets their own document and letter.
        self.authenticate("kel_warga2", "kel_warga2_pw")
        doc = self.url_open(f"/my/permohonan/{other.id}/dokumen/{other_doc.id}")
        self.assertEqual(doc.content, PDF)
        self.assertEqual(doc.headers["Content-Type"], "application/pdf")
        page = self.url_open(f"/my/permohonan/{other.id}")
        self.assertIn(other.number, page.text)
        self.assertIn("3175********0003", page.text)
        self.assertNotIn(NIK, page.text)

    def test_home_counter(self):
        self._kel_request(partner=self.user_portal.partner_id)
        self._kel_request(partner=self.user_portal.partner_id)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        result = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["service_request_count", "queue_ticket_count"]},
        )
        self.assertEqual(result["service_request_count"], 2)
        self.assertEqual(result["queue_ticket_count"], 0)
        home = self.url_open("/my")
        self.assertIn("/my/permohonan", home.text)
