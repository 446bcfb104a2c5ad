# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import KelurahanCase, walk_to_stage, wib


@tagged("post_install", "-at_install")
class TestComplaintDates(KelurahanCase):
    """Tgl Masuk, Tgl TL (set by the workflow), Tgl Selesai and working times on the
    office calendar (Mon-Fri 08-16 WIB, public holidays off)."""

    def test_date_reported_defaults_to_now_and_may_be_earlier(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
            self.assertEqual(ticket.date_reported, wib(2026, 3, 2, 9, 0))
            # An RW post enters a report made two days earlier.
            late = self.make_ticket(date_reported=wib(2026, 2, 27, 19, 0))
            self.assertEqual(late.date_reported, wib(2026, 2, 27, 19, 0))
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.make_ticket(date_reported=wib(2026, 3, 5, 9, 0))

    def test_followup_set_by_stage_move(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
        # End of the creating request: a record is not tracked in its own creation.
        self.env.cr.precommit.run()
        with self.at(2026, 3, 2, 11, 0):
            ticket.with_user(self.user_officer).stage_id = self.stage["verify"]
            self.assertFalse(ticket.date_followup, "verification is not a follow-up")
        with self.at(2026, 3, 2, 13, 30):
            ticket.with_user(self.user_officer).stage_id = self.stage["progress"]
            self.assertEqual(ticket.date_followup, wib(2026, 3, 2, 13, 30))
        with self.at(2026, 3, 3, 10, 0):
            ticket.with_user(self.user_officer).stage_id = self.stage["dispatch"]
        self.assertEqual(ticket.date_followup, wib(2026, 3, 2, 13, 30), "first only")
        self.assertAlmostEqual(ticket.response_hours, 4.5)
        self.assertAlmostEqual(ticket.response_days, 4.5 / 8)
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "helpdesk.ticket"),
                ("mail_message_id.res_id", "=", ticket.id),
                ("field_id.name", "=", "date_followup"),
            ]
        )
        self.assertTrue(tracked, "Tgl TL changes are tracked")

    def test_followup_set_by_disposition(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
        ticket.with_user(self.user_officer).stage_id = self.stage["verify"]
        with self.at(2026, 3, 2, 10, 0):
            ticket.with_user(self.user_officer).disposition_ids = [
                Command.create({"agency_id": self.agency.id})
            ]
        self.assertEqual(ticket.date_followup, wib(2026, 3, 2, 10, 0))
        self.assertEqual(ticket.kel_state, "dispatch")

    def test_followup_set_by_public_reply_not_by_note(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
        as_officer = ticket.with_user(self.user_officer)
        with self.at(2026, 3, 2, 9, 30):
            as_officer.message_post(
                body="catatan internal",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertFalse(ticket.date_followup)
        with self.at(2026, 3, 2, 10, 15):
            as_officer.message_post(
                body="Terima kasih, petugas akan meninjau lokasi.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.date_followup, wib(2026, 3, 2, 10, 15))

    def test_followup_correctable_by_lurah_only(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
        with self.at(2026, 3, 3, 9, 0):
            walk_to_stage(ticket.with_user(self.user_officer), "progress")
            for user in (self.user_officer, self.user_rw):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    ticket.with_user(user).date_followup = wib(2026, 3, 2, 10, 0)
            self.assertEqual(ticket.date_followup, wib(2026, 3, 3, 9, 0))
            Log = self.env["kelurahan.audit.log"]
            self.assertFalse(  # the workflow set it: no correction
                Log.search([("res_id", "=", ticket.id), ("action", "=", "date_change")])
            )
            ticket.with_user(self.user_lurah).date_followup = wib(2026, 3, 2, 10, 0)
            self.assertEqual(ticket.date_followup, wib(2026, 3, 2, 10, 0))
            self.assertAlmostEqual(ticket.response_hours, 1.0)
            [row] = Log.search(
                [("res_id", "=", ticket.id), ("action", "=", "date_change")]
            )
            self.assertEqual(
                (row.user_id, row.field_name, row.old_value, row.new_value),
                (
                    self.user_lurah,
                    "date_followup",
                    "2026-03-03 02:00:00",
                    "2026-03-02 03:00:00",
                ),
            )
            with self.assertRaises(ValidationError), self.cr.savepoint():
                ticket.with_user(self.user_lurah).date_followup = wib(2026, 3, 1, 10)

    def test_done_date_and_times_across_weekend_and_holiday(self):
        # Wed 13 May 2026 10:00; Thu 14 May is Kenaikan Yesus Kristus (holiday).
        with self.at(2026, 5, 13, 10, 0):
            ticket = self.make_ticket()
        with self.at(2026, 5, 15, 9, 0):
            walk_to_stage(ticket, "progress")
        with self.at(2026, 5, 18, 12, 0):
            ticket.write(
                {"followup_note": "Lubang ditambal.", "stage_id": self.stage["done"].id}
            )
        self.assertEqual(ticket.date_done, wib(2026, 5, 18, 12, 0))
        # Wed 10-16 (6 h) + Fri 08-09 (1 h); holiday Thursday not counted.
        self.assertAlmostEqual(ticket.response_hours, 7.0)
        self.assertAlmostEqual(ticket.response_days, 0.875)
        # + Fri 09-16 (7 h) + Mon 08-12 (4 h); the weekend not counted.
        self.assertAlmostEqual(ticket.resolution_hours, 18.0)
        self.assertAlmostEqual(ticket.resolution_days, 2.25)

    def test_done_date_before_reported_refused(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = walk_to_stage(self.make_ticket(), "done", followup_note="Selesai")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            ticket.with_user(self.user_lurah).date_done = wib(2026, 3, 1, 9, 0)

    def test_reported_date_correction_lurah_only(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket()
            with self.assertRaises(AccessError), self.cr.savepoint():
                ticket.with_user(self.user_officer).date_reported = wib(2026, 3, 1)
            ticket.with_user(self.user_lurah).date_reported = wib(2026, 3, 1, 8, 0)
        self.assertEqual(ticket.date_reported, wib(2026, 3, 1, 8, 0))

    def test_calendar_seeded(self):
        calendar = self.env.ref("kelurahan_crm.calendar_kelurahan")
        self.assertEqual(calendar.tz, "Asia/Jakarta")
        self.assertEqual(calendar.hours_per_day, 8.0)
        self.assertEqual(self.company.kel_calendar_id, calendar)
        years = {leave.date_to.year for leave in calendar.global_leave_ids}
        self.assertEqual(years, {2025, 2026, 2027})
        ticket = self.make_ticket()
        # Independence day 2026 is a Monday: no working hours.
        self.assertEqual(
            ticket._kel_working_hours(wib(2026, 8, 17, 0, 0), wib(2026, 8, 18, 0, 0)),
            0.0,
        )
        self.assertEqual(
            ticket._kel_working_hours(wib(2026, 8, 18, 0, 0), wib(2026, 8, 19, 0, 0)),
            8.0,
        )
