# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What only the workflow writes holds against direct calls over RPC: a request's
status and letter, an issued letter, the type of an uploaded document, and the
NIK printed on a letter."""

from urllib.parse import urlsplit

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import call_kw
from odoo.addons.kelurahan_crm.tools.nik import mask as kel_mask

from .service_common import NIK, NIK_2, PDF, b64
from .test_letter import LetterCommon

REQUEST_REFUSED = "The status and the letter of a request change only through"
LETTER_REFUSED = "An issued letter cannot be changed"
HTML = b"<html><script>alert(document.cookie)</script></html>"


@tagged("post_install", "-at_install")
class TestWorkflowIntegrity(LetterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def _answer(self, login, model, method, *args, **kwargs):
        self.authenticate(login, login)
        return call_kw(self, model, method, *args, **kwargs)

    def _refused(self, login, model, method, *args, error="AccessError", **kwargs):
        answer = self._answer(login, model, method, *args, **kwargs)
        self.assertIn("error", answer, (login, method, args))
        data = answer["error"]["data"]
        self.assertEqual(data["name"], f"odoo.exceptions.{error}", data["message"])
        return data["message"]

    def _rw_request(self):
        return (
            self.env["kelurahan.service.request"]
            .with_user(self.user_rw)
            ._kel_submit(
                self.service,
                {"applicant_name": "Budi", "applicant_nik": NIK},
                self._kel_uploads(),
                channel="rw_post",
            )
            .sudo()
        )

    def test_request_status_and_letter_only_through_its_steps(self):
        someone_elses = self._kel_letter()
        mine = self._rw_request()
        Request = "kelurahan.service.request"
        for vals in (
            {"state": "done"},
            {"state": "ready", "letter_id": someone_elses.id},
            {"letter_id": someone_elses.id},
            {"date_done": "2026-01-05 08:00:00"},
        ):
            message = self._refused("kel_rw", Request, "write", mine.ids, vals)
            self.assertIn(REQUEST_REFUSED, message)
        message = self._refused(
            "kel_officer", Request, "write", mine.ids, {"state": "done"}
        )
        self.assertIn(REQUEST_REFUSED, message)
        count = self.env[Request].search_count([])
        message = self._refused(
            "kel_rw",
            Request,
            "create",
            {
                "service_id": self.service.id,
                "applicant_name": "Budi",
                "state": "ready",
                "letter_id": someone_elses.id,
            },
        )
        self.assertIn(REQUEST_REFUSED, message)
        self.assertEqual(self.env[Request].search_count([]), count)
        self.assertEqual((mine.state, mine.letter_id.id), ("submitted", False))
        # Saying that a new request is submitted is allowed: it is anyway.
        answer = self._answer(
            "kel_rw",
            Request,
            "create",
            {
                "service_id": self.service.id,
                "applicant_name": "Sari",
                "state": "submitted",
            },
        )
        self.assertNotIn("error", answer)
        # The office's steps still issue the request's own letter.
        for step in ("action_verify", "action_process", "action_ready"):
            answer = self._answer("kel_officer", Request, step, mine.ids)
            self.assertNotIn("error", answer, step)
        self.assertEqual(mine.state, "ready")
        self.assertEqual(mine.letter_id.request_id, mine)
        self.assertEqual(mine.letter_id.create_uid, self.user_officer)
        self.assertEqual(mine.write_uid, self.user_officer, "sudo keeps the author")

    def test_duplicate_request_starts_submitted(self):
        # (officers cannot duplicate a request: it would read the NIK)
        done = self._kel_letter().request_id
        done.action_done()
        [values] = done.copy_data()
        self.assertFalse({"state", "letter_id", "date_done"} & set(values))
        self.assertEqual(done.copy().state, "submitted")

    def test_issued_letter_is_fixed(self):
        letter = self._kel_letter()
        other = self._kel_request(nik=NIK_2)
        number, token = letter.number, letter.verify_token
        Letter = "kelurahan.letter"
        self._refused("kel_officer", Letter, "create", {"request_id": other.id})
        for vals in (
            {"request_id": other.id},
            {"number": "470/999/KLS/I/2026"},
            {"date_issued": "2020-01-01"},
            {"verify_token": "chosen"},
            {"state": "revoked"},
        ):
            for login in ("kel_officer", "kel_lurah"):
                message = self._refused(login, Letter, "write", letter.ids, vals)
                self.assertIn(LETTER_REFUSED, message)
        message = self._refused(
            "kel_officer",
            Letter,
            "write",
            letter.ids,
            {"revoke_reason": "x"},
            error="UserError",
        )
        self.assertIn("Only the Lurah", message)
        self.assertEqual(
            (letter.number, letter.verify_token, letter.request_id, letter.state),
            (number, token, letter.request_id, "valid"),
        )
        answer = self._answer(
            "kel_officer",
            Letter,
            "write",
            letter.ids,
            {"signatory_title": "a.n. Lurah"},
        )
        self.assertNotIn("error", answer)
        self.assertEqual(letter.signatory_title, "a.n. Lurah")
        # The Lurah writes the reason on the form, then revokes.
        self.assertNotIn(
            "error",
            self._answer(
                "kel_lurah", Letter, "write", letter.ids, {"revoke_reason": "Salah"}
            ),
        )
        self.assertNotIn(
            "error", self._answer("kel_lurah", Letter, "action_revoke", letter.ids)
        )
        self.assertEqual(letter.state, "revoked")
        message = self._refused(
            "kel_lurah",
            Letter,
            "write",
            letter.ids,
            {"state": "valid", "revoke_reason": False, "date_revoked": False},
        )
        self.assertIn(LETTER_REFUSED, message)
        message = self._refused(
            "kel_lurah",
            Letter,
            "write",
            letter.ids,
            {"revoke_reason": "Lain"},
            error="UserError",
        )
        self.assertIn("revoked letter cannot be changed", message)
        self.assertEqual((letter.state, letter.revoke_reason), ("revoked", "Salah"))

    def test_document_type_comes_from_its_content(self):
        mine = self._rw_request()
        document = mine.document_ids.filtered(lambda d: d.name == "ktp.pdf")
        Document = "kelurahan.service.document"
        answer = self._answer(
            "kel_rw", Document, "write", document.ids, {"mimetype": "text/html"}
        )
        self.assertNotIn("error", answer)
        self.assertEqual(document.mimetype, "application/pdf")
        answer = self._answer(
            "kel_rw",
            Document,
            "create",
            {
                "request_id": mine.id,
                "name": "a.pdf",
                "datas": b64(PDF).decode(),
                "mimetype": "text/html",
                "file_size": 1,
            },
        )
        created = self.env[Document].browse(answer["result"])
        self.assertEqual(
            (created.mimetype, created.file_size), ("application/pdf", len(PDF))
        )
        message = self._refused(
            "kel_rw",
            Document,
            "create",
            {"request_id": mine.id, "name": "a.pdf", "datas": b64(HTML).decode()},
            error="ValidationError",
        )
        self.assertIn("a.pdf", message)

    def test_document_download_reads_the_type_from_the_bytes(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        document = record.document_ids.filtered(lambda d: d.name == "ktp.pdf")
        url = f"/my/permohonan/{record.id}/dokumen/{document.id}"
        self.authenticate("kel_warga1", "kel_warga1_pw")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.headers["Content-Disposition"], "inline")
        self.assertEqual(response.content, PDF)
        # A document stored with another type and other bytes (before uploads
        # were checked, or by hand in the database) is never shown as a page.
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "kelurahan.service.document"),
                ("res_field", "=", "datas"),
                ("res_id", "=", document.id),
            ]
        )
        attachment.raw = HTML
        self.env.cr.execute(
            "UPDATE kelurahan_service_document SET mimetype = %s WHERE id = %s",
            ["text/html", document.id],
        )
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/octet-stream")
        self.assertEqual(response.headers["Content-Disposition"], "attachment")
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")

    def test_letter_route_serves_only_the_requests_own_letter(self):
        record = self._kel_request(partner=self.user_portal.partner_id)
        record.action_verify()
        record.action_process()
        record.action_ready()
        someone_elses = self._kel_letter()
        record.letter_id = someone_elses  # as a corrupted database would have it
        self.authenticate("kel_warga1", "kel_warga1_pw")
        response = self.url_open(f"/my/permohonan/{record.id}/surat")
        self.assertIn(303, [step.status_code for step in response.history])
        self.assertTrue(
            urlsplit(response.url).path.endswith(f"/my/permohonan/{record.id}"),
            response.url,
        )
        self.assertNotIn(b"%PDF", response.content)
        self.assertNotIn(someone_elses.number, response.text)

    def test_letter_print_masks_the_nik_for_an_rw_officer(self):
        record = self._kel_request(rw_id=self.rw_a.id)
        record.action_verify()
        record.action_process()
        record.action_ready()
        url = f"/report/html/kelurahan_service.report_letter/{record.letter_id.id}"
        self.authenticate("kel_rw", "kel_rw")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(record.letter_id.number, page.text)
        self.assertIn(kel_mask(NIK), page.text)
        self.assertNotIn(NIK, page.text)
        self.authenticate("kel_officer", "kel_officer")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(NIK, page.text)
        # Another RW's officer gets no letter at all.
        with self.assertRaises(AccessError):
            record.letter_id.with_user(self.user_rw_2).read(["number"])
