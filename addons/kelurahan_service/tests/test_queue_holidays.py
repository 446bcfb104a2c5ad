# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from .test_queue import QueueCommon, _office_date, open_day_start

MONDAY = datetime.date(2030, 1, 7)
WEDNESDAY = datetime.date(2030, 1, 9)


class HolidayCommon(QueueCommon):
    def _declare_holiday(self, day, name="Libur Uji"):
        """A public holiday on ``day`` (office date) in the office calendar."""
        calendar = self.env.company._kel_office_calendar()
        start = datetime.datetime.combine(day, datetime.time()) - datetime.timedelta(
            hours=7
        )
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": calendar.id,
                "company_id": False,
                "date_from": start,
                "date_to": start + datetime.timedelta(hours=23, minutes=59),
                "time_type": "leave",
            }
        )

    def _slot_values(self, start):
        return {
            "service_id": self.service.id,
            "date_start": start,
            "date_end": start + datetime.timedelta(minutes=30),
        }

    def _slot_on(self, start):
        return self.env["kelurahan.queue.slot"].create(self._slot_values(start))


@tagged("post_install", "-at_install")
class TestQueueHolidays(HolidayCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()
        cls.service.needs_appointment = True

    def test_closed_days_from_office_calendar(self):
        company = self.env.company
        self.assertEqual(
            company._kel_office_calendar(),
            self.env.ref("kelurahan_crm.calendar_kelurahan"),
        )
        closed = company._kel_closed_days(
            datetime.date(2026, 12, 21), datetime.date(2026, 12, 27)
        )
        # Friday 25 December is Christmas; the weekend has no office hours.
        self.assertEqual(
            closed,
            {
                datetime.date(2026, 12, 25): "Hari Raya Natal",
                datetime.date(2026, 12, 26): "",
                datetime.date(2026, 12, 27): "",
            },
        )

    def test_generation_skips_holidays_and_closed_days(self):
        self._declare_holiday(WEDNESDAY)
        slots = self.service._generate_slots(date_from=MONDAY, days=7)
        # 4 open days (Wednesday is a holiday) x 08:00-15:00 in 30-minute slots.
        self.assertEqual(len(slots), 4 * 14)
        self.assertNotIn(WEDNESDAY, slots.mapped("date"))
        # A kelurahan whose office is open Monday-Thursday only.
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Senin-Kamis",
                "tz": "Asia/Jakarta",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 8.0,
                            "hour_to": 16.0,
                        },
                    )
                    for day in range(4)
                ],
            }
        )
        self.env.company.kel_calendar_id = calendar
        slots.unlink()
        slots = self.service._generate_slots(date_from=MONDAY, days=7)
        self.assertEqual(
            sorted(set(slots.mapped("date"))),
            [MONDAY + datetime.timedelta(days=d) for d in range(4)],
        )

    def test_day_becoming_holiday_keeps_bookings_only(self):
        slots = self.service._generate_slots(date_from=MONDAY, days=7)
        wednesday = slots.filtered(lambda s: s.date == WEDNESDAY)
        self.assertEqual(len(wednesday), 14)
        booked_slot = wednesday[0]
        booking = booked_slot._kel_book(self.user_portal.partner_id)
        self._declare_holiday(WEDNESDAY, name="Cuti Bersama Uji")
        self.assertFalse(self.service._generate_slots(date_from=MONDAY, days=7))
        # Free Wednesday slots are gone; the booked one stays with its booking.
        self.assertEqual(
            self.env["kelurahan.queue.slot"].search(
                [("service_id", "=", self.service.id), ("date", "=", WEDNESDAY)]
            ),
            booked_slot,
        )
        self.assertEqual(booking.state, "booked")
        # No new booking there, neither by a resident nor at the front desk.
        with self.assertRaises(ValidationError) as error:
            booked_slot._kel_book(self.user_portal_2.partner_id)
        self.assertIn("Cuti Bersama Uji", str(error.exception))
        self.assertIn("09/01/2030", str(error.exception))
        with self.assertRaises(ValidationError):
            self.Ticket.with_user(self.user_officer).create(
                {
                    "service_id": self.service.id,
                    "slot_id": booked_slot.id,
                    "kind": "booking",
                    "state": "booked",
                    "date": WEDNESDAY,
                }
            )
        self.assertEqual(booked_slot.ticket_ids, booking)
        # Other days are still bookable.
        monday = slots.exists().filtered(lambda s: s.date == MONDAY)[0]
        self.assertTrue(monday._kel_book(self.user_portal_2.partner_id))

    def test_officer_cannot_make_slot_on_holiday(self):
        self._declare_holiday(WEDNESDAY)
        Slot = self.env["kelurahan.queue.slot"].with_user(self.user_officer)
        start = datetime.datetime(2030, 1, 9, 2, 0)
        saturday = datetime.datetime(2030, 1, 12, 2, 0)
        for day_start, message in (
            (start, "Kantor tutup pada 09/01/2030 (Libur Uji)."),
            (saturday, "Kantor tutup pada 12/01/2030. Silakan pilih hari lain."),
        ):
            with self.assertRaises(ValidationError) as error:
                Slot.with_context(lang="id_ID").create(self._slot_values(day_start))
            self.assertIn(message, str(error.exception))
        # Nor move an existing slot onto the holiday.
        slot = Slot.create(self._slot_values(start - datetime.timedelta(days=1)))
        with self.assertRaises(ValidationError):
            slot.write(self._slot_values(start))
        self.assertEqual(slot.date, datetime.date(2030, 1, 8))

    def test_refused_access(self):
        holiday = self._declare_holiday(WEDNESDAY)
        values = self._slot_values(datetime.datetime(2030, 1, 8, 2, 0))
        # RW officers and residents make no slots; residents do not read or change
        # the office calendar, yet the closed days still apply to them.
        with self.assertRaises(AccessError):
            self.env["kelurahan.queue.slot"].with_user(self.user_rw).create(values)
        with self.assertRaises(AccessError):
            holiday.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            holiday.with_user(self.user_portal).unlink()
        portal_company = self.env.company.with_user(self.user_portal)
        self.assertEqual(
            portal_company._kel_closed_days(WEDNESDAY, WEDNESDAY),
            {WEDNESDAY: "Libur Uji"},
        )

    def test_hostile_ranges_and_past_slots(self):
        company = self.env.company
        self.assertEqual(company._kel_closed_days(WEDNESDAY, MONDAY), {})
        self.assertEqual(company._kel_closed_days(None, MONDAY), {})
        self.assertEqual(company._kel_closed_days(MONDAY, False), {})
        self.assertFalse(self.service._generate_slots(date_from=MONDAY, days=0))
        # Past slots are history: recording one on a closed day is allowed.
        past = datetime.datetime(2025, 12, 25, 2, 0)
        self.assertLess(past, fields.Datetime.now())
        self._slot_on(past)


@tagged("post_install", "-at_install")
class TestQueueHolidaysPortal(HolidayCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()
        cls.service.needs_appointment = True

    def test_portal_never_offers_or_books_a_holiday(self):
        now = fields.Datetime.now().replace(microsecond=0)
        open_slot = self._slot_on(
            open_day_start(self.env, now + datetime.timedelta(days=2))
        )
        holiday_slot = self._slot_on(
            open_day_start(self.env, now + datetime.timedelta(days=9))
        )
        self._declare_holiday(_office_date(holiday_slot.date_start), "Libur Uji")
        self.authenticate("kel_warga1", "kel_warga1_pw")
        url = f"/my/antrian?service_id={self.service.id}"
        days = self.url_open(url)
        self.assertIn(f'data-day="{open_slot.date}"', days.text)
        self.assertNotIn(f'data-day="{holiday_slot.date}"', days.text)
        page, csrf = self._csrf(f"{url}&day={open_slot.date}")
        self.assertIn(f'value="{open_slot.id}"', page.text)
        holiday_page = self.url_open(f"{url}&day={holiday_slot.date}")
        self.assertNotIn(f'value="{holiday_slot.id}"', holiday_page.text)
        # A hand-made request for the holiday slot: refused in Indonesian.
        response = self.url_open(
            "/my/antrian/pesan", data={"csrf_token": csrf, "slot_id": holiday_slot.id}
        )
        self.assertIn("Kantor tutup pada", response.text)
        self.assertIn("Libur Uji", response.text)
        self.assertFalse(holiday_slot.ticket_ids)
        self.assertFalse(
            self.Ticket.search([("partner_id", "=", self.user_portal.partner_id.id)])
        )
        response = self.url_open(
            "/my/antrian/pesan", data={"csrf_token": csrf, "slot_id": open_slot.id}
        )
        self.assertEqual(open_slot.ticket_ids.partner_id, self.user_portal.partner_id)
