# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KelurahanCase, walk_to_stage


@tagged("post_install", "-at_install")
class TestComplaintSecurity(KelurahanCase):
    """Each role's allowed and refused actions on complaints and master data."""

    def test_rw_officer_enters_in_own_rw_with_channel_balai_rw(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        ticket = self.make_ticket(
            env=Ticket.env,
            channel_id=self.env.ref("kelurahan_crm.channel_phone").id,
            reporter_name="Pak Darto",
            reporter_phone="+62 813 0000 1111",
        )
        self.assertEqual(
            ticket.channel_id, self.env.ref("kelurahan_crm.channel_balai_rw")
        )
        self.assertEqual(ticket.kel_state, "new", "lands in the office queue")
        self.assertFalse(ticket.user_id, "not assigned to the RW officer")
        self.assertEqual(
            Ticket.default_get(["channel_id"])["channel_id"],
            self.env.ref("kelurahan_crm.channel_balai_rw").id,
        )
        ticket.write({"name": "Jalan berlubang besar", "rt_id": self.rt_a2.id})
        walk_to_stage(ticket, "progress")  # RW follow-up, after Verifikasi
        self.assertTrue(ticket.date_followup)

    def test_rw_officer_refused_outside_rw(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.make_ticket(env=Ticket.env, rw_id=self.rw_b.id, rt_id=False)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.make_ticket(env=Ticket.env, rw_id=False, rt_id=False)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        other = self.make_ticket(rw_id=self.rw_b.id, rt_id=False)
        self.assertNotIn(other, Ticket.search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.user_rw).write({"name": "ubah"})
        with self.assertRaises(AccessError):
            other.with_user(self.user_rw).read(["name"])
        own = self.make_ticket(env=Ticket.env)
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.write({"rw_id": self.rw_b.id, "rt_id": False})
        self.assertEqual(own.rw_id, self.rw_a)

    def test_rw_officer_message_in_indonesian(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        with self.assertRaises(AccessError) as caught:
            self.make_ticket(
                env=Ticket.with_context(lang="id_ID").env,
                rw_id=self.rw_b.id,
                rt_id=False,
            )
        self.assertIn("petugas RW", str(caught.exception))

    def test_rw_scope_follows_assignment(self):
        other = self.make_ticket(rw_id=self.rw_b.id, rt_id=False)
        self.user_rw.kel_rw_ids = [Command.link(self.rw_b.id)]
        self.assertEqual(other.with_user(self.user_rw).name, other.name)
        self.rw_b.user_ids = [Command.unlink(self.user_rw.id)]
        with self.assertRaises(AccessError):
            other.with_user(self.user_rw).read(["name"])

    def test_officer_sees_and_handles_whole_kelurahan(self):
        tickets = self.make_ticket() | self.make_ticket(rw_id=self.rw_b.id, rt_id=False)
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_officer)
        self.assertEqual(Ticket.search([("id", "in", tickets.ids)]), tickets)
        tickets.with_user(self.user_officer).write(
            {"stage_id": self.stage["verify"].id}
        )
        new = self.make_ticket(env=Ticket.env, rw_id=False, rt_id=False)
        self.assertEqual(new.channel_id.code or False, False)

    def test_kelurahan_never_see_each_other(self):
        mine = self.make_ticket()
        theirs = self.make_ticket(
            company_id=self.company_b.id, rw_id=self.rw_other.id, rt_id=False
        )
        for user in (self.user_officer, self.user_lurah, self.user_rw):
            found = self.env["helpdesk.ticket"].with_user(user).search([])
            self.assertNotIn(theirs, found)
            with self.assertRaises(AccessError):
                theirs.with_user(user).read(["name"])
        found_b = self.env["helpdesk.ticket"].with_user(self.user_officer_b).search([])
        self.assertIn(theirs, found_b)
        self.assertNotIn(mine, found_b)
        Rw = self.env["kelurahan.rw"]
        self.assertNotIn(self.rw_other, Rw.with_user(self.user_officer).search([]))
        self.assertEqual(Rw.with_user(self.user_officer_b).search([]), self.rw_other)
        rt_b = self.env["kelurahan.rt"].with_user(self.user_officer_b).search([])
        self.assertFalse(rt_b & (self.rt_a1 | self.rt_b1))

    def test_lurah_reads_all_and_corrects(self):
        ticket = self.make_ticket(rw_id=self.rw_b.id, rt_id=False, reporter_name="X")
        as_lurah = ticket.with_user(self.user_lurah)
        self.assertEqual(as_lurah.reporter_name, "X")
        walk_to_stage(as_lurah, "progress")
        as_lurah.date_followup = as_lurah.date_reported

    def test_nobody_but_admin_deletes(self):
        ticket = self.make_ticket()
        for user in (self.user_rw, self.user_officer, self.user_lurah):
            with self.assertRaises(UserError) as caught, self.cr.savepoint():
                ticket.with_user(user).unlink()
            self.assertIn("archive", str(caught.exception))
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            ticket.with_user(self.user_officer).with_context(lang="id_ID").unlink()
        self.assertIn("arsipkan", str(caught.exception))
        ticket.with_user(self.user_officer).action_archive()
        self.assertFalse(ticket.active)
        ticket.with_user(self.user_admin).unlink()
        self.assertFalse(ticket.exists())

    def test_portal_resident_sees_only_own(self):
        own = self.make_ticket(partner_id=self.user_portal.partner_id.id)
        other = self.make_ticket(partner_id=self.user_portal_2.partner_id.id)
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_portal)
        found = Ticket.search([])
        self.assertIn(own, found)
        self.assertNotIn(other, found)
        with self.assertRaises(AccessError):
            other.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).write({"name": "ubah"})
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).read(["reporter_nik"])

    def test_master_data_configuration_admin_only(self):
        for user in (self.user_rw, self.user_officer, self.user_lurah):
            with self.assertRaises(AccessError):
                self.env["kelurahan.rw"].with_user(user).create({"number": 50})
            with self.assertRaises(AccessError):
                self.rw_a.with_user(user).write({"chair_name": "X"})
            with self.assertRaises(AccessError):
                self.env["helpdesk.ticket.category"].with_user(user).create(
                    {"name": "Baru"}
                )
        rw = self.env["kelurahan.rw"].with_user(self.user_admin).create({"number": 50})
        self.env["kelurahan.rt"].with_user(self.user_admin).create(
            {"number": 1, "rw_id": rw.id}
        )
        self.env.ref("kelurahan_crm.stage_done").with_user(
            self.user_admin
        ).name = "Tuntas"
        self.assertEqual(self.rw_a.with_user(self.user_portal).name, "RW 91")
        with self.assertRaises(AccessError):
            self.rw_a.with_user(self.user_portal).read(["chair_phone"])

    def test_rw_number_unique_per_kelurahan(self):
        from psycopg2.errors import UniqueViolation

        from odoo.tools import mute_logger

        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.cr.savepoint(),
        ):
            self.env["kelurahan.rw"].create(
                {"number": 91, "company_id": self.company.id}
            )
