# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser flows in Chromium: resident registration, staff processing, verification."""

import datetime

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import PhoneBrowserMixin

from .service_common import NIK, KelurahanServiceCommon
from .test_queue import open_day_start


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


@tagged("post_install", "-at_install")
class TestServiceToursMobile(PhoneBrowserMixin, KelurahanServiceCommon, HttpCase):
    """The resident's paths on a 360 px wide phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        cls.service.name = "Tour Domisili"

    def test_request_form_on_phone(self):
        self._kel_request(partner=self.user_portal.partner_id, rw_id=self.rw_a.id)
        self.start_tour(
            f"/my/permohonan/baru?service_id={self.service.id}",
            "kelurahan_service_request_mobile",
            login="kel_warga1",
        )
        record = self.env["kelurahan.service.request"].search(
            [("partner_id", "=", self.user_portal.partner_id.id)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(record.state, "cancelled")
        self.assertEqual(record.sudo().applicant_nik, NIK)
        self.assertEqual(record.rw_id, self.rw_a)
        self.assertEqual(
            sorted(record.document_ids.mapped("name")),
            ["kk.pdf", "kk.pdf", "ktp.pdf"],
        )

    def test_queue_booking_on_phone(self):
        self.service.needs_appointment = True
        # 08:00 in Jakarta (01:00 UTC), two days ahead: 20 slots fill the day.
        day = fields.Date.today() + datetime.timedelta(days=2)
        first = open_day_start(
            self.env, datetime.datetime.combine(day, datetime.time(1, 0))
        )
        second = open_day_start(self.env, first + datetime.timedelta(days=1))
        slots = self.env["kelurahan.queue.slot"].create(
            [
                {
                    "service_id": self.service.id,
                    "date_start": start + datetime.timedelta(minutes=30 * n),
                    "date_end": start + datetime.timedelta(minutes=30 * (n + 1)),
                    "capacity": 2,
                }
                for start in (first, second)
                for n in range(20)
            ]
        )
        self.start_tour(
            "/my/antrian", "kelurahan_service_queue_mobile", login="kel_warga1"
        )
        ticket = slots.ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.user_portal.partner_id)
        self.assertEqual(ticket.state, "booked")
        self.assertEqual(ticket.slot_id.date, min(slots.mapped("date")))
