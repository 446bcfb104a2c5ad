# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import VALID_NIK, KelurahanCase


@tagged("post_install", "-at_install")
class TestComplaintReporter(KelurahanCase):
    def test_valid_nik_normalised_and_masked(self):
        ticket = self.make_ticket(reporter_nik="3174 0512 0890 0001")
        self.assertEqual(ticket.reporter_nik, VALID_NIK)
        self.assertEqual(ticket.reporter_nik_masked, "3174********0001")

    def test_invalid_nik_refused_nothing_saved(self):
        count = self.env["helpdesk.ticket"].search_count([])
        for bad in (
            "12345",
            "9974051208900001",
            "3174053208900001",
            "3174051208900000",
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.make_ticket(reporter_nik=bad)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        ticket = self.make_ticket(reporter_nik=VALID_NIK)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            ticket.reporter_nik = "31740512"
        self.assertEqual(ticket.reporter_nik, VALID_NIK)

    def test_invalid_nik_message_in_indonesian(self):
        ticket = self.make_ticket()
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            ticket.with_context(lang="id_ID").reporter_nik = "12345"
        self.assertIn("16 digit", str(caught.exception))

    def test_nik_unmasked_only_for_officers(self):
        ticket = self.make_ticket(reporter_nik=VALID_NIK)
        for user in (self.user_officer, self.user_lurah, self.user_admin):
            self.assertEqual(ticket.with_user(user).reporter_nik, VALID_NIK)
        as_rw = ticket.with_user(self.user_rw)
        with self.assertRaises(AccessError):
            as_rw.read(["reporter_nik"])
        self.assertEqual(as_rw.reporter_nik_masked, "3174********0001")
        with self.assertRaises(AccessError):
            as_rw.write({"reporter_nik": VALID_NIK})

    def test_anonymous_reporter_hidden_below_officer(self):
        partner = self.user_portal.partner_id
        ticket = self.make_ticket(
            partner_id=partner.id,
            reporter_name="Ibu Sari",
            reporter_phone="+62 811 111 222",
            reporter_nik=VALID_NIK,
            is_anonymous=True,
        )
        fnames = [
            "partner_id",
            "reporter_name",
            "reporter_phone",
            "reporter_nik_masked",
        ]
        as_rw = ticket.with_user(self.user_rw).read(fnames)[0]
        for fname in fnames:
            self.assertFalse(as_rw[fname], fname)
        as_officer = ticket.with_user(self.user_officer).read(fnames)[0]
        self.assertEqual(as_officer["reporter_name"], "Ibu Sari")
        self.assertEqual(as_officer["partner_id"][0], partner.id)
        # Not anonymous: the RW officer sees who reported it (masked NIK).
        ticket.is_anonymous = False
        as_rw = ticket.with_user(self.user_rw).read(fnames)[0]
        self.assertEqual(as_rw["reporter_name"], "Ibu Sari")
        self.assertEqual(as_rw["reporter_nik_masked"], "3174********0001")

    def test_anonymous_hidden_in_list_read(self):
        # (a filter on the reporter never matches it: test_complaint_anonymous_search)
        ticket = self.make_ticket(reporter_name="Pak Budi", is_anonymous=True)
        rows = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_rw)
            .web_search_read(
                [("id", "=", ticket.id)],
                {"reporter_name": {}, "number": {}},
            )["records"]
        )
        self.assertTrue(rows)
        self.assertFalse(any(row["reporter_name"] for row in rows))

    def test_confidential_hidden_from_other_rw_officers(self):
        ticket = self.make_ticket(is_confidential=True)
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        self.assertFalse(Ticket.search([("id", "=", ticket.id)]))
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_rw).read(["name"])
        # The RW officer who entered it keeps seeing it.
        own = self.make_ticket(env=Ticket.env, is_confidential=True)
        self.assertEqual(Ticket.search([("id", "=", own.id)]), own)
        self.assertTrue(ticket.with_user(self.user_officer).name)

    def test_reporter_sees_own_anonymous_complaint(self):
        partner = self.user_portal.partner_id
        ticket = self.make_ticket(partner_id=partner.id, is_anonymous=True)
        values = ticket.with_user(self.user_portal).read(["partner_id"])[0]
        self.assertEqual(values["partner_id"][0], partner.id)
