# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Residents over real HTTP: submission with uploads, and isolation between two
residents (requests, documents, letters)."""

import re
from unittest.mock import patch
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .service_common import EXE, NIK, PDF, PNG, KelurahanServiceCommon

REVOKE_REASON = "Nama ayah salah ketik"


def kept_ids(html):
    """{requirement id: pending upload id} of the files the form shows as
    already uploaded."""
    return dict(re.findall(r'name="kept_doc_(\d+)" value="(\d+)"', html))


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
        # Another's request: back to /my; another's document under one's own
        # request: 404.
        for url, status in (
            (f"/my/permohonan/{other.id}", 303),
            (f"/my/permohonan/{other.id}/dokumen/{other_doc.id}", 303),
            (f"/my/permohonan/{other.id}/surat", 303),
            (f"/my/permohonan/{own.id}/dokumen/{other_doc.id}", 404),
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, status)
                if status == 303:
                    self.assertEqual(urlsplit(response.headers["Location"]).path, "/my")
                else:
                    self.assertIn("404", response.text)
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
        self.assertEqual(len(attachment), 1)
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(response.content, PDF)
        # The applicant gets their own document and letter.
        self.authenticate("kel_warga2", "kel_warga2_pw")
        doc = self.url_open(f"/my/permohonan/{other.id}/dokumen/{other_doc.id}")
        self.assertEqual(doc.status_code, 200)
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

    # ------------------------------------------------------------------ letter
    def _ready(self, partner):
        record = self._kel_request(partner=partner)
        record.action_verify()
        record.action_process()
        record.action_ready()
        return record

    def test_letter_download_by_owner(self):
        record = self._ready(self.user_portal.partner_id)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page = self.url_open(f"/my/permohonan/{record.id}")
        self.assertIn(f"/my/permohonan/{record.id}/surat", page.text)
        # Under test, Odoo renders reports as HTML unless test mode is off: the
        # resident gets the real PDF from wkhtmltopdf here. wkhtmltopdf would
        # fetch the style sheets from this test server, whose requests wait for
        # the one being served: it is pointed at a closed port instead (the
        # letter's QR code is embedded, nothing else is needed).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with patch.dict(config.options, test_enable=False):
            response = self.url_open(f"/my/permohonan/{record.id}/surat", timeout=120)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        number = record.letter_id.number.replace("/", "_")
        self.assertIn(f"Surat_{number}.pdf", response.headers["Content-Disposition"])
        self.assertTrue(
            response.headers["Content-Disposition"].startswith("attachment")
        )

    def test_letter_download_refused(self):
        record = self._ready(self.user_portal.partner_id)
        url = f"/my/permohonan/{record.id}/surat"
        self.authenticate("kel_warga2", "kel_warga2_pw")
        # (the site first adds the resident's language to the address: /id/…)
        other = self.url_open(url)
        self.assertEqual(other.status_code, 200)
        self.assertIn(303, [step.status_code for step in other.history])
        self.assertIn(urlsplit(other.url).path, ("/my", "/id/my"), other.url)
        self.assertNotIn(b"%PDF", other.content)
        self.assertNotIn(record.letter_id.number, other.text)
        self.logout()
        anonymous = self.url_open(url)
        self.assertIn(303, [step.status_code for step in anonymous.history])
        self.assertEqual(urlsplit(anonymous.url).path, "/web/login", anonymous.url)
        self.assertIn("surat", anonymous.url, "back to the letter after login")
        self.assertIn('name="login"', anonymous.text)
        self.assertNotIn(b"%PDF", anonymous.content)

    def test_revoked_letter(self):
        record = self._ready(self.user_portal.partner_id)
        record.action_done()
        record.letter_id.with_user(self.user_lurah).action_revoke(REVOKE_REASON)
        self.assertIn(
            REVOKE_REASON, record.message_ids[0].body, "the applicant is told"
        )
        self.authenticate("kel_warga1", "kel_warga1_pw")
        listing = self.url_open("/my/permohonan")
        self.assertIn("Surat dicabut", listing.text)
        page = self.url_open(f"/my/permohonan/{record.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_kel_letter_revoked", page.text)
        self.assertIn(REVOKE_REASON, page.text)
        self.assertIn("Hubungi kantor kelurahan", page.text)
        self.assertIn(f"/my/permohonan/baru?service_id={self.service.id}", page.text)
        self.assertNotIn("o_kel_download_letter", page.text)
        self.assertNotIn(f"/my/permohonan/{record.id}/surat", page.text)
        download = self.url_open(f"/my/permohonan/{record.id}/surat")
        self.assertEqual(download.status_code, 410)
        self.assertFalse(download.content.startswith(b"%PDF"))
        self.assertIn("Surat ini telah dicabut", download.text)
        self.assertIn(REVOKE_REASON, download.text)

    # ------------------------------------------------------------------ form
    def test_form_keeps_uploads_after_error(self):
        Request = self.env["kelurahan.service.request"]
        before = Request.search_count([])
        self.authenticate("kel_warga1", "kel_warga1_pw")
        bad = self._submit(
            {
                f"doc_{self.req_ktp.id}": ("ktp.pdf", PDF, "application/pdf"),
                f"doc_{self.req_kk.id}": ("kk.png", PNG, "image/png"),
            },
            nik="123",
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("o_kel_error", bad.text)
        self.assertEqual(Request.search_count([]), before)
        self.assertEqual(bad.text.count("o_kel_pending_upload"), 2)
        self.assertIn("ktp.pdf", bad.text)
        self.assertIn("kk.png", bad.text)
        kept = kept_ids(bad.text)
        self.assertEqual(set(kept), {str(self.req_ktp.id), str(self.req_kk.id)})
        # Another resident cannot use these files.
        self.authenticate("kel_warga2", "kel_warga2_pw")
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        stolen = self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "applicant_name": "Warga Dua",
                "applicant_nik": NIK,
                **{f"kept_doc_{key}": value for key, value in kept.items()},
            },
        )
        self.assertIn("wajib", stolen.text)
        self.assertEqual(Request.search_count([]), before)
        # The owner sends the form again without choosing the files again.
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        self.assertEqual(kept_ids(page.text), kept, "still shown on a new visit")
        good = self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "applicant_name": "Warga Satu",
                "applicant_nik": NIK,
                **{f"kept_doc_{key}": value for key, value in kept.items()},
            },
        )
        self.assertIn("o_kel_submitted", good.text)
        record = Request.search([], order="id desc", limit=1)
        self.assertEqual(record.partner_id, self.user_portal.partner_id)
        self.assertEqual(
            sorted(record.document_ids.mapped("name")), ["kk.png", "ktp.pdf"]
        )
        self.assertFalse(
            self.env["kelurahan.service.upload"].search(
                [("partner_id", "=", self.user_portal.partner_id.id)]
            ),
            "pending files are dropped once used",
        )

    def test_form_prefills_profile_and_marks_required(self):
        self._kel_request(
            partner=self.user_portal.partner_id,
            rw_id=self.rw_a.id,
            applicant_phone="081234567890",
        )
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page = self.url_open(f"/my/permohonan/baru?service_id={self.service.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('value="3175********0003"', page.text)
        self.assertNotIn(NIK, page.text, "the NIK travels masked")
        self.assertIn("o_kel_nik_prefilled", page.text)
        self.assertIn(f'value="{self.rw_a.id}" selected', page.text)
        self.assertIn('value="081234567890"', page.text)
        # name, NIK and the two required documents carry the marker.
        self.assertEqual(page.text.count('class="text-danger o_kel_required"'), 4)
        self.assertIn("wajib diisi", page.text)
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        response = self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "applicant_name": "Warga Satu",
                "applicant_nik": "3175********0003",
                "rw_id": self.rw_a.id,
            },
            files={
                f"doc_{self.req_ktp.id}": ("ktp.pdf", PDF, "application/pdf"),
                f"doc_{self.req_kk.id}": ("kk.png", PNG, "image/png"),
            },
        )
        self.assertIn("o_kel_submitted", response.text)
        record = self.env["kelurahan.service.request"].search(
            [], order="id desc", limit=1
        )
        self.assertEqual(record.sudo().applicant_nik, NIK)
        self.assertEqual(record.rw_id, self.rw_a)

    def test_cancel_request(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        url = f"/my/permohonan/{record.id}/batal"
        self.authenticate("kel_warga2", "kel_warga2_pw")
        _page, csrf2 = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        other = self.url_open(url, data={"csrf_token": csrf2}, allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        self.assertTrue(other.headers["Location"].endswith("/my"))
        self.assertEqual(record.state, "submitted")
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page, csrf = self._csrf(f"/my/permohonan/{record.id}")
        self.assertIn("o_kel_cancel_request", page.text)
        self.assertIn("o_kel_cancel_modal", page.text)
        no_csrf = self.url_open(url, data={"x": "1"})
        self.assertEqual(no_csrf.status_code, 400)
        self.assertEqual(record.state, "submitted")
        done = self.url_open(url, data={"csrf_token": csrf})
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_kel_cancelled", done.text)
        self.assertIn("Dibatalkan", done.text)
        self.assertEqual(record.state, "cancelled")
        self.assertNotIn("o_kel_cancel_request", done.text)

    def test_cancel_refused_once_processed(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        record.action_verify()
        record.action_process()
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page = self.url_open(f"/my/permohonan/{record.id}")
        self.assertNotIn("o_kel_cancel_request", page.text)
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        refused = self.url_open(
            f"/my/permohonan/{record.id}/batal", data={"csrf_token": csrf}
        )
        self.assertEqual(refused.status_code, 409)
        self.assertIn("tidak dapat dibatalkan", refused.text)
        self.assertIn("Diproses", refused.text)
        self.assertEqual(record.state, "process")
