# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.kelurahan_crm.tools.nik import mask as kel_mask

from ..models.kelurahan_service_request import (
    KelurahanServiceRequest,
    add_working_days,
)
from .service_common import EXE, JPEG, NIK, PDF, PNG, KelurahanServiceCommon, b64


@tagged("post_install", "-at_install")
class TestServiceRequest(KelurahanServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def _counts(self):
        return (
            self.env["kelurahan.service.request"].search_count([]),
            self.env["kelurahan.service.document"].search_count([]),
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", "kelurahan.service.document"),
                    ("res_field", "=", "datas"),
                ]
            ),
        )

    def test_seeded_catalogue(self):
        names = set(self.env["kelurahan.service"].search([]).mapped("name"))
        for name in (
            "Surat Pengantar KTP-el",
            "Surat Pengantar Kartu Keluarga",
            "Surat Keterangan Domisili",
            "Surat Keterangan Tidak Mampu (SKTM)",
            "Surat Pengantar Nikah",
            "Surat Keterangan Kematian",
            "Surat Keterangan Usaha",
            "Surat Keterangan Pindah",
            "Surat Pengantar Akta Kelahiran",
        ):
            self.assertIn(name, names)
        sktm = self.env.ref("kelurahan_service.service_sktm")
        self.assertTrue(sktm.requirement_ids.filtered("required"))

    def test_full_workflow(self):
        request = self._kel_request(partner=self.user_portal.partner_id)
        self.assertRegex(request.number, r"^PMH/\d{4}/\d{5}$")
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.applicant_nik_masked, "3175********0003")
        self.assertEqual(
            set(request.document_ids.mapped("mimetype")),
            {"application/pdf", "image/png"},
        )
        officer_request = request.with_user(self.user_officer)
        officer_request.action_verify()
        self.assertEqual(request.user_id, self.user_officer)
        officer_request.action_process()
        officer_request.action_ready()
        self.assertEqual(request.state, "ready")
        self.assertTrue(request.letter_id.number)
        with patch.object(
            KelurahanServiceRequest, "_kel_on_completed", autospec=True
        ) as hook:
            officer_request.action_done()
        hook.assert_called_once()
        self.assertEqual(request.state, "done")
        self.assertTrue(request.date_done)

    def test_applicant_notified_in_indonesian(self):
        request = self._kel_request(partner=self.user_portal.partner_id)
        request.with_user(self.user_officer).action_verify()
        messages = request.message_ids.filtered(
            lambda m: self.user_portal.partner_id in m.partner_ids
        )
        bodies = " ".join(messages.mapped("body"))
        self.assertEqual(len(messages), 2)
        self.assertIn(request.number, bodies)
        self.assertIn("sedang diperiksa", bodies)

    def test_revision_and_resubmit(self):
        request = self._kel_request(partner=self.user_portal.partner_id)
        officer_request = request.with_user(self.user_officer)
        with self.assertRaises(UserError):
            officer_request.action_request_revision("  ")
        officer_request.action_request_revision("KK tidak terbaca")
        self.assertEqual(request.state, "revision")
        old = request.document_ids.filtered(lambda d: d.requirement_id == self.req_kk)
        with self.assertRaises(ValidationError):
            request._kel_resubmit({self.req_kk.id: ("kk.exe", EXE)})
        self.assertTrue(old.exists())
        request._kel_resubmit({self.req_kk.id: ("kk.jpg", JPEG)})
        self.assertFalse(old.exists())
        self.assertEqual(request.state, "verify")
        new = request.document_ids.filtered(lambda d: d.requirement_id == self.req_kk)
        self.assertEqual(new.mimetype, "image/jpeg")
        with self.assertRaises(UserError):
            request._kel_resubmit({self.req_kk.id: ("kk.jpg", JPEG)})

    def test_reject_needs_reason(self):
        request = self._kel_request()
        officer_request = request.with_user(self.user_officer)
        with self.assertRaises(UserError):
            officer_request.action_reject("")
        wizard = (
            self.env["kelurahan.service.request.reason"]
            .with_user(self.user_officer)
            .create(
                {"request_id": request.id, "mode": "reject", "reason": "Bukan warga"}
            )
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "rejected")
        with self.assertRaises(UserError):
            officer_request.action_verify()

    def test_wrong_order_refused(self):
        request = self._kel_request()
        with self.assertRaises(UserError):
            request.with_user(self.user_officer).action_ready()
        with self.assertRaises(UserError):
            request.with_user(self.user_officer).action_done()
        self.assertEqual(request.state, "submitted")

    def test_process_needs_required_documents(self):
        request = self._kel_request()
        request.action_verify()
        request.document_ids.filtered(
            lambda d: d.requirement_id == self.req_kk
        ).unlink()
        with self.assertRaises(UserError) as error:
            request.action_process()
        self.assertIn("KK scan", str(error.exception))
        self.assertEqual(request.state, "verify")

    def test_bad_input_changes_nothing(self):
        before = self._counts()
        Request = self.env["kelurahan.service.request"]
        base = {"applicant_name": "Budi", "applicant_nik": NIK}
        cases = [
            ({**base, "applicant_nik": "1234"}, self._kel_uploads(), "16"),
            (
                {**base, "applicant_nik": "9975024508900003"},
                self._kel_uploads(),
                "provinsi",
            ),
            (base, self._kel_uploads(kk=None), "KK scan"),
            (base, self._kel_uploads(kk=EXE), "PDF, JPEG"),
            (base, self._kel_uploads(ktp=b"GIF89a" + b"\0" * 20), "PDF, JPEG"),
            (base, self._kel_uploads(ktp=b""), "KTP scan"),
            ({**base, "applicant_name": " "}, self._kel_uploads(), "nama"),
        ]
        for values, uploads, fragment in cases:
            with self.subTest(fragment=fragment):
                with self.assertRaises(ValidationError) as error:
                    Request.with_context(lang="id_ID")._kel_submit(
                        self.service, values, uploads
                    )
                self.assertIn(fragment.lower(), str(error.exception).lower())
        self.assertEqual(self._counts(), before)

    def test_size_limit(self):
        self.env["ir.config_parameter"].set_param(
            "kelurahan_service.upload_max_mb", "0.001"
        )
        big = PDF + b"0" * 2000
        with self.assertRaises(ValidationError) as error:
            self.env["kelurahan.service.request"].with_context(
                lang="en_US"
            )._kel_submit(
                self.service,
                {"applicant_name": "Budi", "applicant_nik": NIK},
                self._kel_uploads(ktp=big),
            )
        self.assertIn("too large", str(error.exception))

    def test_backend_upload_checked_by_content(self):
        request = self._kel_request()
        Document = self.env["kelurahan.service.document"].with_user(self.user_officer)
        with self.assertRaises(ValidationError):
            Document.create(
                {"request_id": request.id, "name": "cv.pdf", "datas": b64(EXE)}
            )
        doc = Document.create(
            {"request_id": request.id, "name": "extra", "datas": b64(PNG)}
        )
        self.assertEqual(doc.mimetype, "image/png")
        self.assertEqual(doc.file_size, len(PNG))

    def test_deadline_and_overdue(self):
        self.assertEqual(
            add_working_days(datetime.date(2026, 11, 27), 2), datetime.date(2026, 12, 1)
        )
        request = self._kel_request()
        request.date_submitted = datetime.datetime(2020, 1, 6, 3, 0)
        self.assertEqual(request.date_deadline, datetime.date(2020, 1, 8))
        self.assertTrue(request.is_overdue)
        Request = self.env["kelurahan.service.request"]
        self.assertIn(request, Request.search([("is_overdue", "=", True)]))
        self.assertNotIn(request, Request.search([("is_overdue", "=", False)]))
        request.action_reject("x")
        self.assertFalse(request.is_overdue)

    # ------------------------------------------------------------------ security
    def test_portal_sees_only_own(self):
        own = self._kel_request(partner=self.user_portal.partner_id)
        other = self._kel_request(partner=self.user_portal_2.partner_id, nik=NIK)
        Request = self.env["kelurahan.service.request"].with_user(self.user_portal)
        self.assertEqual(Request.search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.user_portal).read(["applicant_name"])
        with self.assertRaises(AccessError):
            other.document_ids.with_user(self.user_portal).read(["datas"])
        # Own documents are readable, the NIK itself is not (only masked).
        own.document_ids.with_user(self.user_portal).read(["datas"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).read(["applicant_nik"])
        self.assertEqual(
            own.with_user(self.user_portal).applicant_nik_masked, "3175********0003"
        )
        with self.assertRaises(AccessError):
            Request.create({"service_id": self.service.id, "applicant_name": "x"})
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).write({"state": "done"})
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "kelurahan.service.document"),
                    ("res_field", "=", "datas"),
                    ("res_id", "in", other.document_ids.ids),
                ],
                limit=1,
            )
        )
        self.assertTrue(attachment)
        with self.assertRaises(AccessError):
            attachment.with_user(self.user_portal).read(["datas"])

    def test_rw_officer_limited_to_their_rw(self):
        Request = self.env["kelurahan.service.request"].with_user(self.user_rw)
        mine = Request._kel_submit(
            self.service,
            {"applicant_name": "Budi", "applicant_nik": NIK},
            self._kel_uploads(),
            channel="rw_post",
        )
        self.assertEqual(mine.rw_id, self.rw_a)  # the officer's post by default
        other_rw = self._kel_request(rw_id=self.rw_b.id)
        office = self._kel_request()
        self.assertEqual(Request.search([]), mine)
        for record in (other_rw, office):
            with self.assertRaises(AccessError):
                record.with_user(self.user_rw).read(["applicant_name"])
            with self.assertRaises(AccessError):
                record.document_ids.with_user(self.user_rw).read(["datas"])
        with self.assertRaises(AccessError):
            Request._kel_submit(
                self.service,
                {"applicant_name": "Budi", "applicant_nik": NIK, "rw_id": self.rw_b.id},
                self._kel_uploads(),
                channel="rw_post",
            )
        with self.assertRaises(AccessError):
            mine.with_user(self.user_rw).write({"rw_id": self.rw_b.id})
        with self.assertRaises(AccessError):
            mine.with_user(self.user_rw).unlink()
        # The NIK: masked to the RW officer, and to everyone else (UU PDP).
        self.assertEqual(
            mine.with_user(self.user_rw).applicant_nik_masked, kel_mask(NIK)
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.user_rw).read(["applicant_nik"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_officer).read(["applicant_nik"])
        # The other RW's officer sees the other RW's request, not this one.
        self.assertEqual(
            self.env["kelurahan.service.request"].with_user(self.user_rw_2).search([]),
            other_rw,
        )
        # The RW officer follows the workflow but cannot run the office's steps.
        with self.assertRaises(AccessError):
            mine.with_user(self.user_rw).action_verify()

    def test_officer_and_admin(self):
        request = self._kel_request()
        self.assertIn(
            request,
            self.env["kelurahan.service.request"]
            .with_user(self.user_officer)
            .search([]),
        )
        with self.assertRaises(AccessError):
            request.with_user(self.user_officer).unlink()
        with self.assertRaises(AccessError):
            self.service.with_user(self.user_officer).write({"target_days": 9})
        self.service.with_user(self.user_admin).write({"target_days": 9})
        request.with_user(self.user_admin).unlink()

    def test_catalogue_constraints(self):
        with self.assertRaises(ValidationError):
            self.service.queue_prefix = "1"
