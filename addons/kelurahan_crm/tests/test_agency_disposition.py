# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agencies answer their dispositions (collaborative CRM): the model side. The
portal pages and the access matrix over HTTP/RPC are in test_agency_portal.py."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import KelurahanCase, wib

AGENCY_GROUP = "kelurahan_crm.group_kelurahan_agency_contact"


def agency_contact(env, login, agency):
    return new_test_user(
        env,
        login=login,
        groups=AGENCY_GROUP,
        email=f"{login}@dinas.example.id",
        kel_agency_id=agency.id,
        context={"no_reset_password": True},
    )


@tagged("post_install", "-at_install")
class TestAgencyDisposition(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.satpol = cls.env.ref("kelurahan_crm.agency_satpol_pp")
        cls.contact = agency_contact(cls.env, "t_binamarga", cls.agency)
        cls.contact_satpol = agency_contact(cls.env, "t_satpol", cls.satpol)

    def send(self, ticket, agency=None, **vals):
        return (
            self.env["kelurahan.disposition"]
            .with_user(self.user_officer)
            .create(
                dict(
                    {"ticket_id": ticket.id, "agency_id": (agency or self.agency).id},
                    **vals,
                )
            )
        )

    def agency_mails(self, disposition):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "kelurahan.disposition"),
                ("res_id", "=", disposition.id),
            ]
        )

    def test_contact_joins_agency_group(self):
        self.assertTrue(self.contact.has_group(AGENCY_GROUP))
        self.assertTrue(self.contact.has_group("base.group_portal"))
        self.assertTrue(self.contact.share)
        self.assertEqual(self.contact._kel_agency(), self.agency)
        self.assertIn(self.contact, self.agency.contact_user_ids)
        # A portal user without the group answers for no agency.
        self.assertFalse(self.user_portal._kel_agency())

    def test_full_loop(self):
        """Send → e-mail with the link → accept → progress → done → the complaint
        is back with the kelurahan to verify and close."""
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.send(ticket, note="Mohon ditambal.")
        self.assertEqual(ticket.kel_state, "dispatch")
        mail = self.agency_mails(disposition)
        self.assertEqual(len(mail), 1)
        self.assertIn(self.contact.partner_id, mail.recipient_ids)
        self.assertNotIn(self.contact_satpol.partner_id, mail.recipient_ids)
        self.assertIn(f"/my/disposisi/{disposition.id}", mail.body_html)
        self.assertIn(ticket.number, mail.subject)
        # The e-mail names no reporter.
        self.assertNotIn("access_token", mail.body_html)

        disposition._kel_agency_answer(self.contact, "accept")
        self.assertEqual(disposition.state, "accepted")
        self.assertEqual(ticket.kel_state, "dispatch")
        disposition._kel_agency_answer(self.contact, "progress", "Survei lokasi.")
        self.assertEqual(disposition.state, "accepted")
        disposition._kel_agency_answer(self.contact, "done", "Lubang ditambal.")
        self.assertEqual(disposition.state, "done")
        self.assertEqual(disposition.response, "Lubang ditambal.")
        self.assertEqual(
            sorted(disposition.update_ids.mapped("kind")),
            ["accept", "done", "progress"],
        )
        self.assertTrue(disposition.is_answered)
        self.assertTrue(disposition.is_within_target)
        # Back to the kelurahan: Dalam Proses, an activity to verify and close.
        self.assertEqual(ticket.kel_state, "progress")
        self.assertIn(
            "verify the result and close",
            " ".join(ticket.activity_ids.mapped("summary")),
        )
        self.assertEqual(ticket.activity_ids.user_id, self.user_officer)
        # The resident's timeline says it in plain words.
        status = ticket._kel_public_timeline(str)
        self.assertEqual(len(status["dispositions"]), 1)
        self.assertIn("kelurahan checks the result", status["dispositions"][0]["state"])
        # A second answer after done is refused, nothing stored.
        with self.assertRaisesRegex(UserError, "already closed"):
            disposition._kel_agency_answer(self.contact, "progress", "Lagi")
        self.assertEqual(len(disposition.update_ids), 3)

    def test_open_while_any_disposition_open(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        first = self.send(ticket)
        second = self.send(ticket, self.satpol)
        first._kel_agency_answer(self.contact, "done", "Selesai.")
        self.assertEqual(ticket.kel_state, "dispatch")
        second._kel_agency_answer(self.contact_satpol, "done", "Ditertibkan.")
        self.assertEqual(ticket.kel_state, "progress")

    def test_reject_and_reroute(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.send(ticket)
        with self.assertRaisesRegex(UserError, "reason"):
            disposition._kel_agency_answer(self.contact, "reject", "")
        self.assertFalse(disposition.update_ids)
        disposition._kel_agency_answer(self.contact, "reject", "Ini saluran air.")
        self.assertEqual(disposition.state, "rejected")
        self.assertEqual(disposition.reject_reason, "Ini saluran air.")
        self.assertEqual(ticket.kel_state, "progress")
        self.assertIn(
            "send it to another agency", " ".join(ticket.activity_ids.mapped("summary"))
        )
        self.assertIn(
            "not this agency's task",
            ticket._kel_public_timeline(str)["dispositions"][0]["state"],
        )
        # The officer moves it to another agency: history kept, new link.
        moved = disposition.with_user(self.user_officer).action_move(self.satpol.id)
        self.assertEqual(disposition.state, "cancelled")
        self.assertIn("Satpol PP", disposition.cancel_reason)
        self.assertEqual(moved.previous_id, disposition)
        self.assertEqual(moved.agency_id, self.satpol)
        self.assertEqual(moved.state, "sent")
        self.assertEqual(ticket.kel_state, "dispatch")
        recipients = self.agency_mails(moved).recipient_ids
        self.assertIn(self.contact_satpol.partner_id, recipients)
        self.assertNotIn(self.contact.partner_id, recipients)
        # The old link is revoked: nothing stored.
        with self.assertRaisesRegex(UserError, "withdrawn or moved"):
            disposition._kel_agency_answer(self.contact, "progress", "Masih?")
        # The withdrawn one is not on the resident's timeline.
        status = ticket._kel_public_timeline(str)
        self.assertEqual([d["agency"] for d in status["dispositions"]], ["Satpol PP"])
        # Re-sending keeps the agency, with a new due date and link.
        again = moved.with_user(self.user_officer).action_resend()
        self.assertEqual(moved.state, "cancelled")
        self.assertEqual((again.agency_id, again.previous_id), (self.satpol, moved))

    def test_move_wizard_from_the_complaint(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.send(ticket)
        Move = self.env["kelurahan.disposition.move"]
        wizard = (
            Move.with_user(self.user_officer)
            .with_context(default_disposition_id=disposition.id)
            .create({"agency_id": self.agency.id})
        )
        with self.assertRaisesRegex(UserError, "other than the one it was sent to"):
            wizard.action_move()
        self.assertEqual(disposition.state, "sent")
        wizard.agency_id = self.satpol
        self.assertEqual(wizard.action_move(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(disposition.state, "cancelled")
        moved = disposition.search([("previous_id", "=", disposition.id)])
        self.assertEqual((moved.agency_id, moved.state), (self.satpol, "sent"))
        # Only officers move dispositions: an RW officer and an agency contact
        # are refused.
        for user in (self.user_rw, self.contact_satpol):
            with self.assertRaises(AccessError):
                Move.with_user(user).create(
                    {"disposition_id": moved.id, "agency_id": self.agency.id}
                )
        self.assertEqual(moved.state, "sent")

    def test_answer_refused_for_other_agency(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.send(ticket)
        with self.assertRaisesRegex(UserError, "not sent to your agency"):
            disposition._kel_agency_answer(self.contact_satpol, "accept")
        with self.assertRaisesRegex(UserError, "not sent to your agency"):
            disposition._kel_agency_answer(self.user_officer, "accept")
        self.assertFalse(disposition.update_ids)
        self.assertEqual(disposition.state, "sent")

    def test_agency_contact_has_no_orm_access(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.send(ticket)
        for model, record in (
            ("kelurahan.disposition", disposition),
            ("helpdesk.ticket", ticket),
            ("kelurahan.disposition.update", None),
        ):
            with self.assertRaises(AccessError):
                Model = self.env[model].with_user(self.contact)
                if record:
                    record.with_user(self.contact).read(["id"])
                else:
                    Model.search([])
        # Nor can they re-send or withdraw it.
        with self.assertRaises(AccessError):
            disposition.with_user(self.contact).action_resend()
        with self.assertRaises(AccessError):
            disposition.with_user(self.contact).write({"date_done": wib(2026, 3, 2)})

    def test_target_per_category_weekend_holiday_reminder_escalation(self):
        """Bina Marga has 2 working days for road damage. Sent Wednesday 18 March
        2026 09:00 WIB: Thursday 19 is Nyepi, the weekend follows Friday, so it is
        due Monday 23 March 09:00; reminded Friday 09:00, escalated once Monday."""
        self.env["kelurahan.agency.target"].create(
            {
                "agency_id": self.agency.id,
                "category_id": self.category.id,
                "response_days": 2,
            }
        )
        self.assertEqual(self.agency._kel_target_days(self.category), 2)
        self.assertEqual(
            self.satpol._kel_target_days(self.category), self.satpol.response_days
        )
        Disposition = self.env["kelurahan.disposition"]
        with self.at(2026, 3, 18, 9, 0):
            ticket = self.make_ticket(stage_id=self.stage["verify"].id)
            disposition = self.send(ticket)
        self.assertEqual(disposition.date_due, wib(2026, 3, 23, 9, 0))
        self.assertEqual(disposition.date_remind, wib(2026, 3, 20, 9, 0))
        mails = self.agency_mails(disposition)
        lurah_activities = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.user_lurah
        )
        self.assertFalse(lurah_activities)
        with self.at(2026, 3, 19, 12, 0):  # Nyepi
            reminded, escalated = Disposition._cron_kel_agency()
            self.assertNotIn(disposition, reminded | escalated)
        with self.at(2026, 3, 20, 10, 0):  # Friday: a working day before due
            reminded, escalated = Disposition._cron_kel_agency()
            self.assertIn(disposition, reminded)
            self.assertNotIn(disposition, escalated)
        reminder = self.agency_mails(disposition) - mails
        self.assertEqual(len(reminder), 1)
        # The agency's e-mails are in Indonesian.
        self.assertIn("Pengingat", reminder.subject)
        self.assertIn(f"/my/disposisi/{disposition.id}", reminder.body_html)
        with self.at(2026, 3, 22, 12, 0):  # Sunday, Idul Fitri
            reminded, escalated = Disposition._cron_kel_agency()
            self.assertFalse((reminded | escalated) & disposition)
            self.assertEqual(disposition.state, "sent")
        with self.at(2026, 3, 23, 10, 0):  # Monday, one hour late
            reminded, escalated = Disposition._cron_kel_agency()
            self.assertEqual(disposition.state, "overdue")
            self.assertIn(disposition, escalated)
            self.assertNotIn(disposition, reminded)
            # Once only.
            _reminded, escalated = Disposition._cron_kel_agency()
            self.assertNotIn(disposition, escalated)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.user_lurah)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Disposition overdue")
        self.assertIn(self.agency.name, activity.note)
        # An accepted but late disposition stays overdue and answerable.
        with self.at(2026, 3, 23, 11, 0):
            disposition._kel_agency_answer(self.contact, "accept")
            self.assertEqual(disposition.state, "overdue")
            disposition._kel_agency_answer(self.contact, "done", "Selesai")
        self.assertFalse(disposition.is_within_target)
        # Sent 18 March 09:00, first answer 23 March 11:00: Wed 7 h, Fri 8 h, Mon
        # 3 h = 18 working hours.
        self.assertEqual(disposition.response_days_taken, 2.25)

    def test_agency_performance(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        done = self.send(ticket)
        done._kel_agency_answer(self.contact, "done", "Selesai")
        self.send(ticket)
        self.send(ticket, self.satpol)
        rows = {
            row["agency"]: row
            for row in self.env["kelurahan.disposition"]._kel_agency_performance(
                [("ticket_id", "=", ticket.id)]
            )
        }
        self.assertEqual(rows[self.agency]["received"], 2)
        self.assertEqual(rows[self.agency]["within"], 1)
        self.assertIsNotNone(rows[self.agency]["avg_days"])
        self.assertEqual(rows[self.satpol]["received"], 1)
        self.assertIsNone(rows[self.satpol]["avg_days"])
        data = (
            self.env["kelurahan.dashboard"]
            .with_user(self.user_officer)
            .get_dashboard_data()
        )
        names = [row["name"] for row in data["agency_performance"]]
        self.assertIn(self.agency.display_name, names)

    def test_export_has_disposition_sheet(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        self.send(ticket)
        Engine = self.env["kelurahan.report.engine"].with_user(self.user_officer)
        today = self.company._kel_today()
        filters = {"date_from": today, "date_to": today}
        provider = [
            p for p in Engine._kel_sheet_providers(filters) if p["sheet"] == "Disposisi"
        ]
        self.assertEqual(len(provider), 1)
        rows = [row for row in provider[0]["rows"]() if row[1] == ticket.number]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][2], self.agency.display_name)
        # Record rules apply: the RW officer of another RW gets an empty sheet.
        other = self.make_ticket(
            rw_id=self.rw_b.id, rt_id=False, stage_id=self.stage["verify"].id
        )
        self.send(other)
        rw_rows = [
            list(p["rows"]())
            for p in Engine.with_user(self.user_rw)._kel_sheet_providers(filters)
            if p["sheet"] == "Disposisi"
        ][0]
        numbers = [row[1] for row in rw_rows]
        self.assertIn(ticket.number, numbers)
        self.assertNotIn(other.number, numbers)
