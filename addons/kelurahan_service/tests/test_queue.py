# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import random
import threading
import time
from unittest.mock import patch
from urllib.parse import urlsplit

import psycopg2
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..models.kelurahan_queue_ticket import (
    KelurahanQueueTicket,
)
from .service_common import KelurahanServiceCommon


def open_day_start(env, start):
    """``start`` moved by whole days until it falls on a day the office is open
    (slots cannot be made on weekends or public holidays)."""
    while env.company._kel_closed_days(*[_office_date(start)] * 2):
        start += datetime.timedelta(days=1)
    return start


def _office_date(utc_datetime):
    return (utc_datetime + datetime.timedelta(hours=7)).date()  # Asia/Jakarta


class QueueCommon(KelurahanServiceCommon):
    @classmethod
    def _kel_queue_setup(cls):
        cls._kel_setup()
        cls.service_b = cls.env["kelurahan.service"].create(
            {"name": "Test KK", "code": "TKK", "queue_prefix": "U"}
        )
        cls.counter = cls.env["kelurahan.counter"].create(
            {
                "name": "Loket Uji 1",
                "code": "U1",
                "service_ids": [(6, 0, cls.service.ids)],
            }
        )
        cls.counter_b = cls.env["kelurahan.counter"].create(
            {
                "name": "Loket Uji 2",
                "code": "U2",
                "service_ids": [(6, 0, cls.service_b.ids)],
            }
        )
        cls.Ticket = cls.env["kelurahan.queue.ticket"]

    def _slot(self, capacity=2, hours_ahead=48, service=None):
        start = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(
            hours=hours_ahead
        )
        if hours_ahead > 0:
            start = open_day_start(self.env, start)
        return self.env["kelurahan.queue.slot"].create(
            {
                "service_id": (service or self.service).id,
                "date_start": start,
                "date_end": start + datetime.timedelta(minutes=30),
                "capacity": capacity,
            }
        )


@tagged("post_install", "-at_install")
class TestQueue(QueueCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()

    def test_walkin_numbers_per_service_and_day(self):
        first = self.Ticket._kel_issue_walkin(self.service)
        second = self.Ticket._kel_issue_walkin(self.service)
        other = self.Ticket._kel_issue_walkin(self.service_b)
        self.assertEqual(
            (first.name, second.name, other.name), ("T001", "T002", "U001")
        )
        self.assertEqual(first.state, "waiting")
        self.assertTrue(first.checkin_date)
        tomorrow = self.Ticket.create(
            {
                "service_id": self.service.id,
                "date": first.date + datetime.timedelta(days=1),
            }
        )
        self.assertEqual(tomorrow.name, "T001")

    def test_queue_day_is_the_office_day(self):
        """Walk-in numbers start again on the office's day: at 00:30 in Makassar
        (WITA) it is already the next day there, still the previous one in WIB."""
        wita = self.env["resource.calendar"].create(
            {"name": "Jam kerja WITA", "tz": "Asia/Makassar"}
        )
        with freeze_time("2026-03-10 16:30:00"):
            self.assertEqual(self.Ticket._kel_today(), datetime.date(2026, 3, 10))
            self.env.company.kel_calendar_id = wita
            self.assertEqual(self.Ticket._kel_today(), datetime.date(2026, 3, 11))
            ticket = self.Ticket._kel_issue_walkin(self.service)
            self.assertEqual(ticket.date, datetime.date(2026, 3, 11))

    def test_counter_flow_and_minutes(self):
        with freeze_time("2026-11-30 01:00:00"):
            first = self.Ticket._kel_issue_walkin(self.service)
        with freeze_time("2026-11-30 01:05:00"):
            second = self.Ticket._kel_issue_walkin(self.service)
        self.Ticket._kel_issue_walkin(self.service_b)
        today = first.date
        counter = self.counter.with_user(self.user_officer)
        with (
            freeze_time("2026-11-30 01:20:00"),
            patch.object(type(self.Ticket), "_kel_today", return_value=today),
        ):
            called = counter.action_call_next()
            self.assertEqual(called, first)
            with self.assertRaises(UserError):
                counter.action_call_next()  # finish the current number first
        with freeze_time("2026-11-30 01:21:00"):
            counter.action_recall()
        self.assertEqual(first.recall_count, 1)
        self.assertEqual(first.called_date, datetime.datetime(2026, 11, 30, 1, 20))
        with (
            freeze_time("2026-11-30 01:32:30"),
            patch.object(KelurahanQueueTicket, "_kel_on_served", autospec=True) as hook,
        ):
            counter.action_serve()
        hook.assert_called_once()
        self.assertEqual(first.state, "served")
        self.assertAlmostEqual(first.wait_minutes, 20.0)
        self.assertAlmostEqual(first.service_minutes, 12.5)
        with patch.object(type(self.Ticket), "_kel_today", return_value=today):
            self.assertEqual(counter.action_call_next(), second)
            counter.action_no_show()
            self.assertEqual(second.state, "no_show")
            # only service_b is waiting: a calm note (test_queue_counter.py)
            self.assertEqual(counter.action_call_next()["tag"], "display_notification")
            with self.assertRaises(UserError):
                counter.action_serve()

    def test_call_from_other_counters_service_refused(self):
        ticket = self.Ticket._kel_issue_walkin(self.service_b)
        with self.assertRaises(UserError):
            self.counter.action_call(ticket)
        self.assertEqual(ticket.state, "waiting")
        self.counter_b.action_call(ticket)
        self.assertEqual(ticket.state, "called")
        with self.assertRaises(UserError):
            ticket.action_checkin()

    def test_booking_capacity_past_and_double(self):
        slot = self._slot(capacity=2)
        partner_1 = self.user_portal.partner_id
        partner_2 = self.user_portal_2.partner_id
        ticket = slot._kel_book(partner_1)
        self.assertEqual(
            (ticket.state, ticket.kind, ticket.date), ("booked", "booking", slot.date)
        )
        with self.assertRaises(UserError):
            slot._kel_book(partner_1)
        slot._kel_book(partner_2)
        with self.assertRaises(UserError) as error:
            slot._kel_book(self.env["res.partner"].create({"name": "Ketiga"}))
        self.assertIn("full", str(error.exception))
        self.assertEqual(slot.booked_count, 2)
        ticket.action_cancel()
        self.assertEqual(slot.available, 1)
        with self.assertRaises(UserError):
            ticket.action_cancel()
        past = self._slot(hours_ahead=-1)
        with self.assertRaises(UserError):
            past._kel_book(partner_1)
        self.assertFalse(past.ticket_ids)

    def test_booking_limits_per_resident(self):
        partner = self.user_portal.partner_id
        slots, dates = [], set()
        for day in range(1, 15):
            slot = self._slot(capacity=5, hours_ahead=24 * day)
            if slot.date not in dates:
                dates.add(slot.date)
                slots.append(slot)
            if len(slots) == 4:
                break
        first, second, third, fourth = slots
        first._kel_book(partner)
        # The same service the same day: one booking.
        same_day = self.env["kelurahan.queue.slot"].create(
            {
                "service_id": self.service.id,
                "date_start": first.date_end,
                "date_end": first.date_end + datetime.timedelta(minutes=30),
                "capacity": 5,
            }
        )
        with self.assertRaises(UserError) as error:
            same_day._kel_book(partner)
        self.assertIn("already have a booking for this service", str(error.exception))
        # Another service that day, other days: up to three upcoming bookings.
        self.env["kelurahan.queue.slot"].create(
            {
                "service_id": self.service_b.id,
                "date_start": first.date_start,
                "date_end": first.date_end,
                "capacity": 5,
            }
        )._kel_book(partner)
        second._kel_book(partner)
        with self.assertRaises(UserError) as error:
            third._kel_book(partner)
        self.assertIn("3 upcoming bookings", str(error.exception))
        self.assertFalse(third.ticket_ids)
        first.ticket_ids.action_cancel()
        third._kel_book(partner)
        # Someone else is not limited by them.
        fourth._kel_book(self.user_portal_2.partner_id)
        # The office books for a visitor without an account, as often as needed.
        for slot in (fourth, same_day):
            slot._kel_book(self.env["res.partner"], visitor_name="Pak Amin")

    def test_checkin(self):
        slot = self._slot(capacity=3)
        ticket = slot._kel_book(self.user_portal.partner_id)
        with self.assertRaises(UserError):
            ticket.action_checkin()  # booked for another day
        with patch.object(type(self.Ticket), "_kel_today", return_value=ticket.date):
            ticket.action_checkin()
            self.assertEqual(ticket.state, "waiting")
            self.assertTrue(ticket.checkin_date)
            with self.assertRaises(UserError) as error:
                ticket.action_checkin()
        self.assertIn("already", str(error.exception))

    def test_reminders(self):
        slot = self._slot(capacity=3, hours_ahead=24)
        ticket = slot._kel_book(self.user_portal.partner_id)
        with patch.object(
            type(self.Ticket),
            "_kel_today",
            return_value=ticket.date - datetime.timedelta(days=1),
        ):
            sent = self.Ticket._cron_send_reminders()
            self.assertEqual(sent, ticket)
            self.assertTrue(ticket.reminder_sent)
            self.assertFalse(self.Ticket._cron_send_reminders())
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.user_portal.partner_id.ids)], limit=1
        )
        self.assertIn(ticket.name, message.body)
        self.assertIn("Pengingat", message.body)

    def test_slot_generation(self):
        self.service.needs_appointment = True
        monday = datetime.date(2030, 1, 7)
        slots = self.service._generate_slots(date_from=monday, days=7)
        # 5 working days x 08:00-15:00 in 30-minute slots.
        self.assertEqual(len(slots), 5 * 14)
        self.assertEqual(
            min(slots.mapped("date_start")), datetime.datetime(2030, 1, 7, 1, 0)
        )
        self.assertFalse(self.service._generate_slots(date_from=monday, days=7))

    def test_printed_ticket(self):
        ticket = self.Ticket._kel_issue_walkin(self.service)
        action = ticket.action_print()
        self.assertEqual(action["report_name"], "kelurahan_service.report_queue_ticket")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "kelurahan_service.action_report_queue_ticket", ticket.ids
            )[0]
            .decode()
        )
        self.assertIn(ticket.name, html)
        self.assertIn("Test Domisili", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertIn("Tunggu sampai nomor Anda dipanggil", html)  # Indonesian
        follow = f"/antrian/ikuti/{ticket.sudo().kel_follow_token}"
        self.assertTrue(ticket._kel_phone_url().endswith(follow))

    def test_access(self):
        ticket = self.Ticket._kel_issue_walkin(self.service)
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_rw).read(["name"])
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.counter.with_user(self.user_officer).unlink()
        with self.assertRaises(AccessError):
            self._slot().with_user(self.user_rw).read(["capacity"])
        own = self._slot()._kel_book(self.user_portal.partner_id)
        self.assertEqual(self.Ticket.with_user(self.user_portal).search([]), own)


@tagged("post_install", "-at_install")
class TestQueueConcurrency(TransactionCase):
    """Real concurrent transactions (own cursors, committed data): the slot row lock
    must keep bookings within capacity."""

    def test_no_overbooking(self):
        registry = self.registry
        capacity, attempts = 2, 4
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            service = env["kelurahan.service"].create(
                {"name": "Concurrency", "code": "CONC", "queue_prefix": "Z"}
            )
            start = open_day_start(
                env,
                fields.Datetime.now().replace(microsecond=0)
                + datetime.timedelta(days=3),
            )
            slot = env["kelurahan.queue.slot"].create(
                {
                    "service_id": service.id,
                    "date_start": start,
                    "date_end": start + datetime.timedelta(minutes=30),
                    "capacity": capacity,
                }
            )
            partners = env["res.partner"].create(
                [{"name": f"Concurrent {i}"} for i in range(attempts)]
            )
            ids = (service.id, slot.id, partners.ids)
            # Committed on purpose: the concurrent cursors must see these rows.
            cr.commit()  # pylint: disable=invalid-commit
        barrier = threading.Barrier(attempts)
        results = []

        def book(partner_id):
            with registry.cursor() as cr:
                # Tests run while the loading thread holds the registry lock: give
                # the cursor its transaction directly instead of looking it up.
                cr.transaction = api.Transaction(registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=30)

                def attempt():
                    env["kelurahan.queue.slot"].browse(ids[1])._kel_book(
                        env["res.partner"].browse(partner_id)
                    )

                # As Odoo's request retry does: on a serialisation failure, roll
                # back and try again on fresh data (a few times, with jitter).
                for _try in range(20):
                    try:
                        attempt()
                        cr.commit()  # pylint: disable=invalid-commit
                        results.append("booked")
                        return
                    except UserError:
                        cr.rollback()
                        results.append("full")
                        return
                    except psycopg2.errors.SerializationFailure:
                        cr.rollback()
                        env.invalidate_all(flush=False)
                        time.sleep(random.uniform(0.01, 0.2))
                results.append("gave up")

        threads = [threading.Thread(target=book, args=(pid,)) for pid in ids[2]]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM kelurahan_queue_ticket WHERE slot_id = %s",
                    (ids[1],),
                )
                stored = cr.fetchone()[0]
            self.assertEqual(results.count("booked"), capacity)
            self.assertEqual(results.count("full"), attempts - capacity)
            self.assertEqual(stored, capacity)
        finally:
            with registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM kelurahan_queue_ticket WHERE slot_id = %s", (ids[1],)
                )
                cr.execute("DELETE FROM kelurahan_queue_slot WHERE id = %s", (ids[1],))
                cr.execute("DELETE FROM kelurahan_service WHERE id = %s", (ids[0],))
                cr.execute("DELETE FROM res_partner WHERE id IN %s", (tuple(ids[2]),))


@tagged("post_install", "-at_install")
class TestQueueDisplay(QueueCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_queue_setup()

    def test_tv_page_has_numbers_only(self):
        ticket = self.Ticket._kel_issue_walkin(
            self.service,
            partner=self.user_portal.partner_id,
            visitor_name="Rahasia Nama",
        )
        self.counter.action_call(ticket)
        response = self.url_open("/antrian/layar")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn('http-equiv="refresh"', response.text)  # polls its data
        self.assertIn(ticket.name, response.text)
        self.assertIn("Loket Uji 1", response.text)
        self.assertNotIn("Rahasia Nama", response.text)
        self.assertNotIn("Warga Satu", response.text)

    def test_ticket_page_needs_owner_or_token(self):
        slot = self._slot_http()
        ticket = slot._kel_book(self.user_portal.partner_id)
        url = f"/antrian/tiket/{ticket.id}"
        anonymous = self.url_open(url, allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
        self.assertEqual(urlsplit(anonymous.headers["Location"]).path, "/my")
        anonymous = self.url_open(url)
        self.assertNotIn("o_kel_queue_ticket", anonymous.text)
        self.assertEqual(urlsplit(anonymous.url).path, "/web/login")
        self.assertIn('name="login"', anonymous.text)
        token = ticket._portal_ensure_token()
        with_token = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(with_token.status_code, 200)
        self.assertIn(ticket.name, with_token.text)
        self.authenticate("kel_warga2", "kel_warga2_pw")
        other = self.url_open(url, allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        self.assertEqual(urlsplit(other.headers["Location"]).path, "/my")
        self.assertNotIn("o_kel_queue_ticket", other.text)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        own = self.url_open(url)
        self.assertEqual(own.status_code, 200)
        self.assertIn("o_kel_queue_ticket", own.text)

    def test_portal_booking_and_cancel(self):
        self.service.needs_appointment = True
        slot = self._slot_http()
        slot.capacity = 1
        self.authenticate("kel_warga1", "kel_warga1_pw")
        days = self.url_open(f"/my/antrian?service_id={self.service.id}")
        self.assertIn(f'data-day="{slot.date}"', days.text)
        self.assertNotIn(f'value="{slot.id}"', days.text, "a day first")
        page, csrf = self._csrf(
            f"/my/antrian?service_id={self.service.id}&day={slot.date}"
        )
        self.assertIn(f'value="{slot.id}"', page.text)
        response = self.url_open(
            "/my/antrian/pesan", data={"csrf_token": csrf, "slot_id": slot.id}
        )
        ticket = slot.ticket_ids
        self.assertEqual(ticket.partner_id, self.user_portal.partner_id)
        self.assertIn(ticket.name, response.text)
        # The slot is now full for the second resident: a clear message, no ticket.
        self.authenticate("kel_warga2", "kel_warga2_pw")
        page2 = self.url_open(f"/my/antrian?service_id={self.service.id}")
        self.assertNotIn(f'data-day="{slot.date}"', page2.text, "full: not offered")
        _page, csrf2 = self._csrf(f"/my/permohonan/baru?service_id={self.service.id}")
        full = self.url_open(
            "/my/antrian/pesan", data={"csrf_token": csrf2, "slot_id": slot.id}
        )
        self.assertIn("penuh", full.text)
        self.assertEqual(len(slot.ticket_ids), 1)
        # Nor can the second resident cancel the first one's booking.
        cancel = f"/my/antrian/{ticket.id}/batal"
        refused = self.url_open(
            cancel, data={"csrf_token": csrf2}, allow_redirects=False
        )
        self.assertEqual(refused.status_code, 303)
        self.assertEqual(urlsplit(refused.headers["Location"]).path, "/my")
        self.assertEqual(ticket.state, "booked")
        self.authenticate("kel_warga1", "kel_warga1_pw")
        _page, csrf = self._csrf("/my/antrian")
        done = self.url_open(cancel, data={"csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(done.status_code, 303)
        self.assertEqual(urlsplit(done.headers["Location"]).path, "/my/antrian")
        self.assertEqual(ticket.state, "cancelled")

    def test_booking_day_then_time(self):
        """Only the free slots of the chosen day are offered; pressing Book
        without a time keeps the day and says what to do."""
        self.service.needs_appointment = True
        slot = self._slot_http()
        later = self._slot_http(after=slot.date_start + datetime.timedelta(days=1))
        full = self._slot_http(after=later.date_start)
        full.capacity = 1
        full._kel_book(self.user_portal_2.partner_id)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        url = f"/my/antrian?service_id={self.service.id}"
        days = self.url_open(url)
        self.assertEqual(days.status_code, 200)
        self.assertIn(f'data-day="{slot.date}"', days.text)
        self.assertIn(f'data-day="{later.date}"', days.text)
        self.assertIn("Pilih hari", days.text)
        page, csrf = self._csrf(f"{url}&day={later.date}")
        self.assertIn(f'value="{later.id}"', page.text)
        self.assertNotIn(f'value="{slot.id}"', page.text, "another day")
        self.assertNotIn(f'value="{full.id}"', page.text, "no free place")
        response = self.url_open(
            "/my/antrian/pesan",
            data={
                "csrf_token": csrf,
                "service_id": self.service.id,
                "day": str(later.date),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_kel_error", response.text)
        self.assertIn("Pilih jam pada hari yang dipilih", response.text)
        self.assertIn(f'value="{later.id}"', response.text, "the day is kept")
        self.assertIn(f'name="day" value="{later.date}"', response.text)
        self.assertFalse(later.ticket_ids)

    def test_ticket_page_qr_and_way_back(self):
        slot = self._slot_http()
        ticket = slot._kel_book(self.user_portal.partner_id)
        self.authenticate("kel_warga1", "kel_warga1_pw")
        page = self.url_open(f"/antrian/tiket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.name, page.text)
        self.assertIn('class="img-fluid o_kel_ticket_qr"', page.text)
        self.assertIn("data:image/png;base64,", page.text)
        self.assertIn('href="/my/antrian"', page.text)
        self.assertIn("Kembali ke antrian saya", page.text)

    def _slot_http(self, after=None):
        start = open_day_start(
            self.env,
            after
            or fields.Datetime.now().replace(microsecond=0)
            + datetime.timedelta(days=2),
        )
        return self.env["kelurahan.queue.slot"].create(
            {
                "service_id": self.service.id,
                "date_start": start,
                "date_end": start + datetime.timedelta(minutes=30),
                "capacity": 3,
            }
        )
