# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Verifikasi comes first: no complaint reaches Disposisi, Dalam Proses or Selesai
without passing it (unless its category does not require it), whatever the path;
a disposition to an agency moves the complaint to Disposisi / Koordinasi."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import NO_MAIL, KelurahanCase, call_kw, role_user, walk_to_stage

# What an RPC caller could try to switch the check off with.
HOSTILE_CONTEXT = {
    **NO_MAIL,
    "install_mode": True,
    "import_file": True,
    "kel_skip_verification": True,
    "active_test": False,
}
REFUSED_ID = "belum melewati tahap Verifikasi"


@tagged("post_install", "-at_install")
class TestVerificationGate(KelurahanCase):
    def test_allowed_path(self):
        ticket = self.make_ticket().with_user(self.user_officer)
        self.assertFalse(ticket.kel_verified)
        for state in ("verify", "dispatch", "progress"):
            ticket.stage_id = self.stage[state]
            self.assertEqual(ticket.kel_state, state)
            self.assertTrue(ticket.kel_verified)
        ticket.write({"stage_id": self.stage["done"].id, "followup_note": "Beres"})
        self.assertEqual(ticket.kel_state, "done")
        # Once verified, always: reopened, or moved back to New and on again.
        ticket.stage_id = self.stage["progress"]
        ticket.stage_id = self.stage["new"]
        self.assertTrue(ticket.kel_verified)
        ticket.stage_id = self.stage["progress"]
        self.assertEqual(ticket.kel_state, "progress")
        # Rejecting needs no verification.
        other = self.make_ticket().with_user(self.user_officer)
        other.write({"stage_id": self.stage["rejected"].id, "reject_reason": "Ganda"})
        self.assertEqual(other.kel_state, "rejected")
        self.assertFalse(other.kel_verified)

    def test_jump_refused_on_every_path(self):
        ticket = self.make_ticket()
        for user in (self.user_officer, self.user_lurah, self.user_admin):
            as_user = ticket.with_user(user).with_context(**HOSTILE_CONTEXT)
            for state in ("dispatch", "progress", "done"):
                with (
                    self.subTest(user=user.login, state=state),
                    self.assertRaisesRegex(UserError, "not passed Verification"),
                    self.cr.savepoint(),
                ):
                    as_user.write(
                        {"stage_id": self.stage[state].id, "followup_note": "x"}
                    )
        # Not even the superuser (data files, scripts) skips it.
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo().stage_id = self.stage["done"]
        # The flag itself is the workflow's, never written by hand.
        with (
            self.assertRaisesRegex(UserError, "recorded by the workflow"),
            self.cr.savepoint(),
        ):
            ticket.with_user(self.user_officer).write({"kel_verified": True})
        # Nor is a complaint created further along.
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_officer)
        count = Ticket.search_count([])
        for state in ("dispatch", "progress", "done"):
            with (
                self.assertRaisesRegex(UserError, "must pass Verification"),
                self.cr.savepoint(),
            ):
                self.make_ticket(
                    env=Ticket.with_context(**HOSTILE_CONTEXT).env,
                    stage_id=self.stage[state].id,
                    followup_note="x",
                )
        with self.assertRaises(UserError), self.cr.savepoint():
            self.make_ticket(env=Ticket.env, kel_verified=True)
        self.assertEqual(Ticket.search_count([]), count)
        # Nothing moved, nothing half-saved.
        self.assertEqual(ticket.kel_state, "new")
        self.assertFalse(
            ticket.kel_verified or ticket.date_followup or ticket.date_done
        )

    def test_message_in_indonesian(self):
        ticket = self.make_ticket()
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            ticket.with_user(self.user_officer).with_context(
                lang="id_ID"
            ).stage_id = self.stage["progress"]
        self.assertIn(REFUSED_ID, str(caught.exception))
        self.assertIn(ticket.number, str(caught.exception))

    def test_category_without_verification(self):
        new_category = self.env["helpdesk.ticket.category"].create({"name": "Lain"})
        self.assertTrue(new_category.kel_requires_verification, "on by default")
        self.assertTrue(self.category.kel_requires_verification)
        self.category.with_user(self.user_admin).kel_requires_verification = False
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_officer)
        ticket = self.make_ticket(env=Ticket.env)
        ticket.write({"stage_id": self.stage["done"].id, "followup_note": "Beres"})
        self.assertEqual(ticket.kel_state, "done")
        direct = self.make_ticket(env=Ticket.env, stage_id=self.stage["progress"].id)
        self.assertEqual(direct.kel_state, "progress")
        # Moved to a category that requires it, in the same write: refused.
        other = self.make_ticket(env=Ticket.env)
        sampah = self.env.ref("kelurahan_crm.category_sampah")
        with self.assertRaises(UserError), self.cr.savepoint():
            other.write(
                {"category_id": sampah.id, "stage_id": self.stage["progress"].id}
            )
        self.assertEqual(other.kel_state, "new")
        # Officers do not configure categories.
        with self.assertRaises(AccessError), self.cr.savepoint():
            sampah.with_user(self.user_officer).kel_requires_verification = False

    def test_disposition_moves_to_dispatch(self):
        Disposition = self.env["kelurahan.disposition"].with_user(self.user_officer)
        ticket = self.make_ticket(stage_id=self.stage["verify"].id)
        Disposition.create({"ticket_id": ticket.id, "agency_id": self.agency.id})
        self.assertEqual(ticket.stage_id, self.stage["dispatch"])
        self.assertTrue(ticket.date_followup)
        # Sent again while in progress: coordination with the agency again.
        ticket.with_user(self.user_officer).stage_id = self.stage["progress"]
        Disposition.create({"ticket_id": ticket.id, "agency_id": self.agency.id})
        self.assertEqual(ticket.kel_state, "dispatch")
        # A closed complaint is not reopened by a late disposition.
        walk_to_stage(ticket, "done", followup_note="Beres")
        Disposition.create({"ticket_id": ticket.id, "agency_id": self.agency.id})
        self.assertEqual(ticket.kel_state, "done")
        # Not verified: the disposition is refused, nothing is saved.
        fresh = self.make_ticket()
        with (
            self.assertRaisesRegex(UserError, "not passed Verification"),
            self.cr.savepoint(),
        ):
            Disposition.create({"ticket_id": fresh.id, "agency_id": self.agency.id})
        self.assertFalse(fresh.disposition_ids)
        self.assertEqual(fresh.kel_state, "new")
        self.assertFalse(fresh.date_followup)

    def test_created_walked_through_verification(self):
        """Complaints loaded further along (demo data) pass Verifikasi too."""
        [ticket] = self.env["helpdesk.ticket"]._kel_create_walked(
            [
                {
                    "name": "Lama",
                    "description": "Sudah selesai",
                    "category_id": self.category.id,
                    "rw_id": self.rw_a.id,
                    "stage_id": self.stage["done"].id,
                    "followup_note": "Beres",
                }
            ]
        )
        self.assertEqual(ticket.kel_state, "done")
        self.assertTrue(ticket.kel_verified and ticket.date_done)


@tagged("post_install", "-at_install")
class TestVerificationRpc(HttpCase):
    """An officer over JSON-RPC, as the web client does: form save, kanban drag
    (web_save of stage_id) and a plain write with a hostile context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = role_user(
            cls.env, "kel_verif_off", "officer", password="kel_verif_off", lang="id_ID"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Jalan berlubang",
                "description": "<p>Lubang</p>",
                "category_id": cls.env.ref("kelurahan_crm.category_jalan_rusak").id,
                "rw_id": cls.env.ref("kelurahan_crm.rw_01").id,
            }
        )
        cls.stage = {
            state: cls.env.ref(f"kelurahan_crm.stage_{state}")
            for state in ("verify", "progress", "done")
        }

    def call(self, method, *args, **kwargs):
        return call_kw(self, "helpdesk.ticket", method, *args, **kwargs)

    def assertRefused(self, answer):
        error = answer["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn(REFUSED_ID, error["message"])
        self.assertIn(self.ticket.number, error["message"])

    def test_officer_jump_refused_over_rpc(self):
        self.authenticate("kel_verif_off", "kel_verif_off")
        ids = self.ticket.ids
        context = {"lang": "id_ID", **HOSTILE_CONTEXT}
        done = {"stage_id": self.stage["done"].id, "followup_note": "Beres"}
        self.assertRefused(self.call("write", ids, done, context=context))
        # The kanban drag and the form's status bar save with web_save.
        for stage in ("progress", "done"):
            answer = self.call(
                "web_save",
                ids,
                {"stage_id": self.stage[stage].id},
                specification={"stage_id": {}},
                context=context,
            )
            self.assertRefused(answer)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.kel_state, "new")
        self.assertFalse(self.ticket.date_done)
        # Through Verifikasi, the same moves are accepted.
        for stage in ("verify", "progress"):
            answer = self.call(
                "web_save",
                ids,
                {"stage_id": self.stage[stage].id},
                specification={"stage_id": {}},
                context=context,
            )
            self.assertEqual(answer["result"][0]["stage_id"], self.stage[stage].id)
        self.assertTrue(self.call("write", ids, done, context=context)["result"])
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.kel_state, "done")
