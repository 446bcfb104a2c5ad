# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
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
            ticket.with_user(self.user_officer).kel_nik_input = "31740512"
        self.assertEqual(ticket.reporter_nik, VALID_NIK)

    def test_invalid_nik_message_in_indonesian(self):
        ticket = self.make_ticket()
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            ticket.with_context(lang="id_ID").reporter_nik = "12345"
        self.assertIn("16 digit", str(caught.exception))

    def test_nik_masked_for_everyone_shown_on_request_and_logged(self):
        ticket = self.make_ticket(reporter_nik=VALID_NIK)
        Log = self.env["kelurahan.audit.log"]
        for user in (self.user_rw, self.user_officer, self.user_lurah, self.user_admin):
            as_user = ticket.with_user(user)
            with self.assertRaises(AccessError):
                as_user.read(["reporter_nik"])
            with self.assertRaises(AccessError):
                as_user.search([("reporter_nik", "=", VALID_NIK)])
            self.assertEqual(as_user.reporter_nik_masked, "3174********0001")
            self.assertEqual(as_user.kel_nik_input, "3174********0001")
        # Tampilkan NIK: a reason, then the number; the view is logged.
        Reveal = self.env["kelurahan.nik.reveal"].with_user(self.user_officer)
        wizard = Reveal.create(
            {"res_model": ticket._name, "res_id": ticket.id, "reason": "x"}
        )
        with self.assertRaises(UserError):
            wizard.action_reveal()
        self.assertFalse(wizard.nik)
        wizard.reason = "Mencocokkan dengan KTP pelapor"
        wizard.action_reveal()
        self.assertEqual(wizard.nik, VALID_NIK)
        [row] = Log.search([("res_id", "=", ticket.id), ("action", "=", "nik_view")])
        self.assertEqual(row.user_id, self.user_officer)
        self.assertEqual(row.reason, "Mencocokkan dengan KTP pelapor")
        # Below officers: no reveal at all.
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_rw).action_kel_reveal_nik()
        as_rw_wizard = self.env["kelurahan.nik.reveal"].with_user(self.user_rw)
        with self.assertRaises(AccessError):
            as_rw_wizard.create(
                {"res_model": ticket._name, "res_id": ticket.id, "reason": "ingin tahu"}
            )
        # The Lurah reviews the log; officers and RW officers cannot read it.
        self.assertEqual(
            Log.with_user(self.user_lurah).search([("id", "=", row.id)]), row
        )
        for user in (self.user_officer, self.user_rw):
            with self.assertRaises(AccessError):
                Log.with_user(user).search([])

    def test_nik_change_logged_masked(self):
        ticket = self.make_ticket(reporter_nik=VALID_NIK)
        other = "3174054508900002"
        ticket.with_user(self.user_officer).kel_nik_input = other
        self.assertEqual(ticket.sudo().reporter_nik, other)
        [row] = self.env["kelurahan.audit.log"].search(
            [("res_id", "=", ticket.id), ("action", "=", "nik_change")]
        )
        self.assertEqual(row.old_value, "3174********0001")
        self.assertEqual(row.new_value, "3174********0002")
        self.assertEqual(row.user_id, self.user_officer)
        logged = row.read()[0]
        self.assertNotIn(VALID_NIK, repr(logged))
        self.assertNotIn(other, repr(logged))
        # Saving the form with the masked number unchanged changes nothing.
        ticket.with_user(self.user_officer).kel_nik_input = "3174********0002"
        self.assertEqual(ticket.sudo().reporter_nik, other)

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
        # The complaint itself names nobody: an RW officer reads empty fields,
        # and the hidden reporter's fields are refused.
        as_rw = ticket.with_user(self.user_rw).read(fnames)[0]
        for fname in fnames:
            self.assertFalse(as_rw[fname], fname)
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_rw).read(["kel_reporter_name"])
        as_officer = ticket.with_user(self.user_officer)
        self.assertEqual(as_officer.kel_reporter_name, "Ibu Sari")
        self.assertEqual(as_officer.kel_reporter_phone, "+62 811 111 222")
        self.assertEqual(as_officer.kel_reporter_partner_id, partner)
        # Lifted by an officer: the RW officer sees who reported it (masked NIK).
        as_officer.is_anonymous = False
        as_rw = ticket.with_user(self.user_rw).read(fnames)[0]
        self.assertEqual(as_rw["reporter_name"], "Ibu Sari")
        self.assertEqual(as_rw["partner_id"][0], partner.id)
        self.assertEqual(as_rw["reporter_nik_masked"], "3174********0001")
        self.assertFalse(as_officer.kel_reporter_id)

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

    def test_reporter_is_the_hidden_reporter(self):
        partner = self.user_portal.partner_id
        ticket = self.make_ticket(partner_id=partner.id, is_anonymous=True)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket._kel_reporter_partner(), partner)
        # The resident finds it in their portal (controllers/portal.py), not
        # through the ORM, where the complaint does not name them.
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_portal).read(["name"])
