# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import KelurahanCase, wib

AGENCIES = (
    "agency_sudin_bina_marga",
    "agency_sudin_perhubungan",
    "agency_satpol_pp",
    "agency_sudin_lh",
    "agency_sudin_sda",
    "agency_pln",
)


@tagged("post_install", "-at_install")
class TestDisposition(KelurahanCase):
    def test_seeded_agencies(self):
        for xmlid in AGENCIES:
            agency = self.env.ref(f"kelurahan_crm.{xmlid}")
            self.assertTrue(agency.active and agency.kind)

    def test_disposition_lifecycle_and_overdue(self):
        with self.at(2026, 3, 2, 9, 0):
            ticket = self.make_ticket(stage_id=self.stage["verify"].id)
            Disposition = self.env["kelurahan.disposition"].with_user(self.user_officer)
            first = Disposition.create(
                {
                    "ticket_id": ticket.id,
                    "agency_id": self.agency.id,
                    "date_due": wib(2026, 3, 4, 16, 0),
                }
            )
            second = Disposition.create(
                {
                    "ticket_id": ticket.id,
                    "agency_id": self.env.ref("kelurahan_crm.agency_satpol_pp").id,
                    "date_due": wib(2026, 3, 9, 16, 0),
                }
            )
        self.assertEqual(ticket.disposition_count, 2)
        self.assertEqual(first.state, "sent")
        with self.at(2026, 3, 5, 9, 0):
            self.env["helpdesk.ticket"]._cron_kel_deadlines()
            self.assertEqual(first.state, "overdue")
            self.assertEqual(second.state, "sent")
            overdue = self.env["kelurahan.disposition"].search(
                [("state", "=", "overdue")]
            )
            self.assertIn(first, overdue)
            first.with_user(self.user_officer).write(
                {
                    "response": "Sudah dijadwalkan perbaikan.",
                    "date_done": wib(2026, 3, 5, 8, 0),
                }
            )
        self.assertEqual(first.state, "done")
        second.with_user(self.user_officer).action_done()
        self.assertEqual(second.state, "done")

    def test_due_date_fixed_when_sent(self):
        """The agency's response time gives the due date on the office calendar
        (working days, weekend skipped); changing it later moves new dispositions
        only."""
        self.agency.response_days = 3
        Disposition = self.env["kelurahan.disposition"].with_user(self.user_officer)
        with self.at(2026, 3, 5, 9, 0):  # Thursday 09:00 WIB
            ticket = self.make_ticket(stage_id=self.stage["verify"].id)
            sent = Disposition.create(
                {"ticket_id": ticket.id, "agency_id": self.agency.id}
            )
        # Thu 7 h, Fri 8 h, Mon 8 h, Tue 1 h: Tuesday 09:00 WIB.
        self.assertEqual(sent.date_due, wib(2026, 3, 10, 9, 0))
        self.agency.with_user(self.user_admin).response_days = 10
        self.env.flush_all()
        sent.invalidate_recordset()
        self.assertEqual(sent.date_due, wib(2026, 3, 10, 9, 0))
        with self.at(2026, 3, 5, 9, 0):
            later = Disposition.create(
                {"ticket_id": ticket.id, "agency_id": self.agency.id}
            )
        # Ten working days would end Thursday 19 March: Nyepi, a public holiday.
        self.assertEqual(later.date_due, wib(2026, 3, 20, 9, 0))
        # An officer may still agree another date with the agency.
        sent.write({"date_due": wib(2026, 3, 12, 16, 0)})
        self.assertEqual(sent.date_due, wib(2026, 3, 12, 16, 0))
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.agency.with_user(self.user_admin).response_days = -1

    def test_disposition_dates_validated(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["kelurahan.disposition"].create(
                {
                    "ticket_id": ticket.id,
                    "agency_id": self.agency.id,
                    "date_sent": wib(2026, 3, 5, 9, 0),
                    "date_due": wib(2026, 3, 4, 9, 0),
                }
            )

    def test_agency_answers_readable_with_their_disposition(self):
        Update = self.env["kelurahan.disposition.update"]
        answers = {}
        for name, rw in (("mine", self.rw_a), ("other", self.rw_b)):
            ticket = self.make_ticket(
                rw_id=rw.id, rt_id=False, stage_id=self.stage["verify"].id
            )
            disposition = self.env["kelurahan.disposition"].create(
                {"ticket_id": ticket.id, "agency_id": self.agency.id}
            )
            answers[name] = Update.create(
                {
                    "disposition_id": disposition.id,
                    "kind": "progress",
                    "note": f"Ditangani ({name})",
                    "user_id": self.env.user.id,
                }
            )
        both = answers["mine"] | answers["other"]
        self.assertEqual(
            Update.with_user(self.user_rw).search([("id", "in", both.ids)]),
            answers["mine"],
        )
        with self.assertRaises(AccessError):
            answers["other"].with_user(self.user_rw).read(["note"])
        self.assertEqual(
            Update.with_user(self.user_officer).search([("id", "in", both.ids)]), both
        )
        self.assertFalse(
            Update.with_user(self.user_officer_b).search([("id", "in", both.ids)])
        )

    def test_disposition_access(self):
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        disposition = self.env["kelurahan.disposition"].create(
            {"ticket_id": ticket.id, "agency_id": self.agency.id}
        )
        # The RW officer reads the dispositions of their RW, cannot create them.
        self.assertEqual(disposition.with_user(self.user_rw).agency_id, self.agency)
        with self.assertRaises(AccessError):
            self.env["kelurahan.disposition"].with_user(self.user_rw).create(
                {"ticket_id": ticket.id, "agency_id": self.agency.id}
            )
        other_rw = self.make_ticket(
            rw_id=self.rw_b.id, rt_id=False, stage_id=self.stage["verify"].id
        )
        hidden = self.env["kelurahan.disposition"].create(
            {"ticket_id": other_rw.id, "agency_id": self.agency.id}
        )
        with self.assertRaises(AccessError):
            hidden.with_user(self.user_rw).read(["agency_id"])
        # Another kelurahan sees none of them.
        with self.assertRaises(AccessError):
            disposition.with_user(self.user_officer_b).read(["agency_id"])
        # Agencies: configuration of the admin only.
        with self.assertRaises(AccessError):
            self.env["kelurahan.agency"].with_user(self.user_officer).create(
                {"name": "Dinas X", "kind": "dinas"}
            )
        self.env["kelurahan.agency"].with_user(self.user_admin).create(
            {
                "name": "Puskesmas Kalisari",
                "kind": "instansi",
                "company_id": self.company.id,
            }
        )

    def test_confidential_complaint_disposition_hidden_from_rw(self):
        """An RW officer sees the dispositions of the complaints they may read: a
        confidential complaint of their RW entered by someone else is hidden with
        its disposition, on the dashboard too (its late list was an AccessError)."""
        Disposition = self.env["kelurahan.disposition"]
        with self.at(2026, 1, 2, 9, 0):
            ticket = self.make_ticket(is_confidential=True)
            own = self.make_ticket(
                env=self.env(user=self.user_rw), is_confidential=True
            )
            (ticket | own).stage_id = self.stage["verify"]
            hidden, own_dispo = Disposition.create(
                [
                    {
                        "ticket_id": record.id,
                        "agency_id": self.agency.id,
                        "date_due": wib(2026, 1, 5, 16, 0),
                    }
                    for record in (ticket, own)
                ]
            )
        as_rw = Disposition.with_user(self.user_rw)
        self.assertFalse(as_rw.search([("id", "=", hidden.id)]))
        with self.assertRaisesRegex(AccessError, "kelurahan.disposition"):
            hidden.with_user(self.user_rw).read(["agency_id"])
        late = self.env["kelurahan.dashboard"].with_user(self.user_rw)
        late = late.get_dashboard_data()["late_dispositions"]
        # The officer who entered a confidential complaint still sees both.
        self.assertEqual([row["id"] for row in late], [own_dispo.id])
        self.assertEqual(
            as_rw.search([("ticket_id", "in", (ticket | own).ids)]), own_dispo
        )

    def test_rw_officer_follows_the_complaint_moves(self):
        """The RW officer's disposition rule reads the complaint's RW, confidential
        flag and creator stored on the disposition: they follow every change of
        the complaint, so what the officer sees follows too."""
        ticket = self.make_ticket()
        ticket.stage_id = self.stage["verify"]
        disposition = self.env["kelurahan.disposition"].create(
            {"ticket_id": ticket.id, "agency_id": self.agency.id}
        )
        as_rw = self.env["kelurahan.disposition"].with_user(self.user_rw)

        def seen():
            return bool(as_rw.search([("id", "=", disposition.id)]))

        self.assertEqual(
            (
                disposition.ticket_rw_id,
                disposition.ticket_is_confidential,
                disposition.ticket_create_uid,
            ),
            (self.rw_a, False, ticket.create_uid),
        )
        self.assertTrue(seen())
        ticket.write({"rw_id": self.rw_b.id, "rt_id": self.rt_b1.id})
        self.assertEqual(disposition.ticket_rw_id, self.rw_b)
        self.assertFalse(seen())
        ticket.write({"rw_id": self.rw_a.id, "rt_id": self.rt_a1.id})
        self.assertTrue(seen())
        ticket.is_confidential = True
        self.assertTrue(disposition.ticket_is_confidential)
        self.assertFalse(seen())
        with self.assertRaisesRegex(AccessError, "kelurahan.disposition"):
            disposition.with_user(self.user_rw).read(["agency_id"])
        ticket.is_confidential = False
        self.assertTrue(seen())

    def test_agency_of_other_kelurahan_hidden(self):
        local = self.env["kelurahan.agency"].create(
            {
                "name": "Puskesmas Gedong",
                "kind": "instansi",
                "company_id": self.company_b.id,
            }
        )
        Agency = self.env["kelurahan.agency"].with_user(self.user_officer)
        self.assertNotIn(local, Agency.search([]))
        self.assertIn(self.agency, Agency.search([]))
        self.assertIn(local, Agency.with_user(self.user_officer_b).search([]))
