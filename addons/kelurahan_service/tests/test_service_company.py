# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Multi-company record rules of the service desk: one kelurahan never sees, reads or
changes another one's services, requests, documents, letters or queue."""

import datetime
from urllib.parse import urlsplit

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.kelurahan_crm.tests.common import role_user

from .service_common import PDF, b64
from .test_letter import LetterCommon
from .test_queue import open_day_start

# every service-desk model, with a field its Admin Kelurahan may write
SERVICE_MODELS = {
    "kelurahan.service": ("name", "Diubah"),
    "kelurahan.service.requirement": ("name", "Diubah"),
    "kelurahan.service.request": ("applicant_name", "Diubah"),
    "kelurahan.service.document": ("name", "diubah.pdf"),
    "kelurahan.letter": ("signatory_title", "Diubah"),
    "kelurahan.counter": ("name", "Diubah"),
    "kelurahan.queue.slot": ("capacity", 9),
    "kelurahan.queue.ticket": ("visitor_name", "Diubah"),
}


class ServiceCompanyCommon(LetterCommon):
    @classmethod
    def _kel_company_setup(cls):
        cls._kel_setup()
        cls.company = cls.env.ref("base.main_company")
        cls.company_b = cls.env["res.company"].create({"name": "Kelurahan Gedong"})
        cls.user_admin_b = role_user(
            cls.env,
            "kel_admin_b",
            "admin",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        # both kelurahan allowed, as a district officer would be
        cls.user_both = role_user(
            cls.env,
            "kel_admin_ab",
            "admin",
            company_id=cls.company_b.id,
            company_ids=[Command.set((cls.company | cls.company_b).ids)],
        )
        cls.letter = cls._kel_letter()
        cls.request_a = cls.letter.request_id
        cls.counter_a = cls.env["kelurahan.counter"].create(
            {"name": "Loket A", "code": "A1", "service_ids": [(6, 0, cls.service.ids)]}
        )
        # slots can only be made on days the office is open
        start = open_day_start(
            cls.env,
            fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=2),
        )
        cls.slot_a = cls.env["kelurahan.queue.slot"].create(
            {
                "service_id": cls.service.id,
                "date_start": start,
                "date_end": start + datetime.timedelta(minutes=30),
                "capacity": 2,
            }
        )
        cls.ticket_a = cls.slot_a._kel_book(cls.user_portal.partner_id)
        cls.service_b = (
            cls.env["kelurahan.service"]
            .with_company(cls.company_b)
            .create(
                {
                    "name": "Domisili Gedong",
                    "code": "GDOM",
                    "queue_prefix": "G",
                    "letter_code": "470",
                    "requirement_ids": [(0, 0, {"name": "KTP Gedong"})],
                }
            )
        )
        cls.records_a = {
            "kelurahan.service": cls.service,
            "kelurahan.service.requirement": cls.service.requirement_ids,
            "kelurahan.service.request": cls.request_a,
            "kelurahan.service.document": cls.request_a.document_ids,
            "kelurahan.letter": cls.letter,
            "kelurahan.counter": cls.counter_a,
            "kelurahan.queue.slot": cls.slot_a,
            "kelurahan.queue.ticket": cls.ticket_a,
        }


@tagged("post_install", "-at_install")
class TestServiceCompanyRules(ServiceCompanyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_company_setup()

    def test_fixture_covers_every_model(self):
        self.assertEqual(set(self.records_a), set(SERVICE_MODELS))
        for model, records in self.records_a.items():
            self.assertTrue(records, model)
            self.assertEqual(records.company_id, self.company, model)

    def test_company_stored_from_parent(self):
        self.assertEqual(self.service_b.requirement_ids.company_id, self.company_b)
        self.assertEqual(self.request_a.document_ids.company_id, self.company)
        for model in ("kelurahan.service.requirement", "kelurahan.service.document"):
            self.assertTrue(self.env[model]._fields["company_id"].store, model)

    def test_other_company_sees_nothing(self):
        for model, records in self.records_a.items():
            Model = self.env[model].with_user(self.user_admin_b)
            self.assertFalse(Model.search([("id", "in", records.ids)]), model)
            self.assertFalse(
                Model.search([("company_id", "=", self.company.id)]), model
            )
            with self.assertRaises(AccessError, msg=model):
                records.with_user(self.user_admin_b).read(["company_id"])
            field, value = SERVICE_MODELS[model]
            with self.assertRaises(AccessError, msg=model):
                records.with_user(self.user_admin_b).write({field: value})
            self.assertNotEqual(records[:1][field], value, model)
            with self.assertRaises(AccessError, msg=model):
                records.with_user(self.user_admin_b).unlink()

    def test_own_company_sees_own(self):
        Service = self.env["kelurahan.service"]
        self.assertIn(self.service_b, Service.with_user(self.user_admin_b).search([]))
        self.assertEqual(
            self.env["kelurahan.service.requirement"]
            .with_user(self.user_admin_b)
            .search([("service_id", "=", self.service_b.id)]),
            self.service_b.requirement_ids,
        )
        for user in (self.user_officer, self.user_admin):
            self.assertNotIn(self.service_b, Service.with_user(user).search([]))
            for model, records in self.records_a.items():
                self.assertEqual(
                    self.env[model].with_user(user).search([("id", "in", records.ids)]),
                    records,
                    model,
                )

    def test_allowed_companies_follow_the_switcher(self):
        Service = self.env["kelurahan.service"].with_user(self.user_both)
        only_b = Service.with_context(allowed_company_ids=self.company_b.ids)
        self.assertNotIn(self.service, only_b.search([]))
        both = Service.with_context(
            allowed_company_ids=[self.company_b.id, self.company.id]
        )
        self.assertIn(self.service, both.search([]))
        self.assertIn(self.service_b, both.search([]))

    def test_hostile_cross_company_writes(self):
        """Attaching records to another kelurahan's service or request is
        refused, nothing is written."""
        Document = self.env["kelurahan.service.document"].with_user(self.user_admin_b)
        with self.assertRaises(AccessError):
            Document.create(
                {"request_id": self.request_a.id, "name": "x.pdf", "datas": b64(PDF)}
            )
        Requirement = self.env["kelurahan.service.requirement"]
        with self.assertRaises(AccessError):
            Requirement.with_user(self.user_admin_b).create(
                {"service_id": self.service.id, "name": "Sisipan"}
            )
        self.assertEqual(len(self.request_a.document_ids), 2)
        self.assertEqual(len(self.service.requirement_ids), 3)


@tagged("post_install", "-at_install")
class TestServiceCompanyPages(ServiceCompanyCommon, HttpCase):
    """The public verification page and the resident portal still work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_company_setup()
        cls.request_a.partner_id = cls.user_portal.partner_id

    def test_public_verification(self):
        response = self.url_open(f"/verifikasi/{self.letter.verify_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_kel_verify_valid", response.text)
        self.assertIn(self.letter.number, response.text)

    def test_resident_portal(self):
        self.authenticate("kel_warga1", "kel_warga1_pw")
        listing = self.url_open("/my/permohonan")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.request_a.number, listing.text)
        detail = self.url_open(f"/my/permohonan/{self.request_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(self.request_a.number, detail.text)
        queue = self.url_open("/my/antrian")
        self.assertEqual(queue.status_code, 200)
        self.assertIn(self.ticket_a.name, queue.text)

    def test_other_resident_refused(self):
        self.authenticate("kel_warga2", "kel_warga2_pw")
        detail = self.url_open(
            f"/my/permohonan/{self.request_a.id}", allow_redirects=False
        )
        self.assertEqual(detail.status_code, 303)
        self.assertEqual(urlsplit(detail.headers["Location"]).path, "/my")
        self.assertNotIn(self.request_a.number, detail.text)

    def _post_request(self, service_id):
        _page, csrf = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        return self.url_open(
            "/my/permohonan/baru",
            data={
                "csrf_token": csrf,
                "service_id": service_id,
                "applicant_name": "Warga Satu",
            },
        )

    def test_portal_offers_only_own_kelurahan(self):
        """sudo reads on the portal bypass the company rules: they filter by the
        request's kelurahan themselves."""
        self.service_b.needs_appointment = True
        self.service.needs_appointment = True
        counter_b = self.env["kelurahan.counter"].create(
            {"name": "Loket Gedong", "code": "G1", "company_id": self.company_b.id}
        )
        rw_b = self.env["kelurahan.rw"].create(
            {"name": "RW Gedong 09", "number": 9, "company_id": self.company_b.id}
        )
        self.authenticate("kel_warga1", "kel_warga1_pw")
        new = self.url_open("/my/permohonan/baru")
        self.assertIn(self.service.name, new.text)
        self.assertNotIn(self.service_b.name, new.text)
        self.assertNotIn(rw_b.name, new.text)
        queue = self.url_open("/my/antrian")
        self.assertIn(self.service.name, queue.text)
        self.assertNotIn(self.service_b.name, queue.text)
        screen = self.url_open("/antrian/layar")
        self.assertIn(self.counter_a.name, screen.text)
        self.assertNotIn(counter_b.name, screen.text)

    def test_portal_refuses_other_kelurahan_and_junk_service(self):
        Request = self.env["kelurahan.service.request"].sudo()
        before = Request.search_count([])
        self.authenticate("kel_warga1", "kel_warga1_pw")
        for value in (self.service_b.id, "abc", "1 OR 1=1", "-1", ""):
            response = self._post_request(value)
            self.assertEqual(response.status_code, 200, value)
            self.assertIn("o_kel_error", response.text, value)
        self.assertEqual(Request.search_count([]), before)
