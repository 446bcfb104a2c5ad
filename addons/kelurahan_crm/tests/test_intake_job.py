# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The intake of a resident form in two steps (helpdesk_ticket_intake.py): the
request stores the complaint and answers with its number and tracking link; the
complaint's intake job (followers, "received" message, acknowledgement to the
reporter) runs after it, completely or not at all, and again after a failure or
after its worker died."""

import re
from contextlib import closing
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..models.helpdesk_ticket_intake import MAX_ATTEMPTS
from .portal_case import PortalCase


def received(ticket):
    subtype = ticket.env.ref("kelurahan_crm.mt_complaint_received")
    return ticket.message_ids.filtered(lambda m: m.subtype_id == subtype)


def reporter_mails(ticket):
    return (
        ticket.env["mail.mail"]
        .sudo()
        .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
    )


@tagged("post_install", "-at_install")
class TestIntakeJob(PortalCase):
    def _posted_ticket(self, response):
        self.assertEqual(
            response.status_code, 303, re.findall(r"<li>(.*?)</li>", response.text)
        )
        token = re.search(
            r"/pengaduan/lacak/([\w-]{32})\?baru=1$", response.headers["Location"]
        )[1]
        return (
            self.env["helpdesk.ticket"].sudo().search([("kel_track_token", "=", token)])
        )

    def run_intake(self):
        """What the intake cron does after the request, run inline."""
        return self.env["helpdesk.ticket"]._cron_kel_intake()

    def test_form_answers_then_job_acknowledges(self):
        """The resident gets the number and the tracking link at once; the
        "received" message and the e-mail to the reporter come with the job, once."""
        response = self.post_report()
        ticket = self._posted_ticket(response)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.kel_intake_state, "pending")
        self.assertFalse(received(ticket))
        self.assertFalse(reporter_mails(ticket))
        cron = self.env.ref("kelurahan_crm.ir_cron_kel_intake")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        )
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.number, page.text)
        self.assertIn("Laporan Anda sudah diterima", page.text)

        self.assertGreaterEqual(self.run_intake(), 1)
        self.assertFalse(ticket.kel_intake_state)
        self.assertEqual(len(received(ticket)), 1)
        mail = reporter_mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "budi@example.id")
        self.assertIn(ticket.number, mail.subject)
        # Done jobs are not taken again: nothing is sent twice.
        self.run_intake()
        self.assertEqual(len(received(ticket)), 1)
        self.assertEqual(len(reporter_mails(ticket)), 1)

    def test_resident_follows_after_job_hidden_reporter_named_nowhere(self):
        self.authenticate("kel_res_a", "kel_res_a")
        response = self.post_report(public=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        ticket_id = int(
            re.search(r"/my/pengaduan/(\d+)", response.headers["Location"])[1]
        )
        ticket = self.env["helpdesk.ticket"].sudo().browse(ticket_id)
        hidden_response = self.post_report(public=False, is_anonymous="1")
        hidden_id = int(
            re.search(r"/my/pengaduan/(\d+)", hidden_response.headers["Location"])[1]
        )
        hidden = self.env["helpdesk.ticket"].sudo().browse(hidden_id)
        self.assertEqual((ticket + hidden).mapped("kel_intake_state"), ["pending"] * 2)
        self.run_intake()
        resident = self.resident_a.partner_id
        self.assertIn(resident, ticket.message_partner_ids)
        self.assertEqual(received(ticket).author_id, resident)
        # The hidden reporter's complaint: OdooBot made it, nothing names them.
        self.assertFalse(hidden.kel_intake_state)
        self.assertEqual(len(received(hidden)), 1)
        self.assertNotIn(resident, hidden.message_partner_ids)
        self.assertNotIn(resident, hidden.message_ids.author_id)
        self.assertEqual(
            received(hidden).author_id, self.env.ref("base.user_root").partner_id
        )

    def test_failed_job_is_retried_and_leaves_nothing_half_done(self):
        ticket = self._posted_ticket(self.post_report())
        Ticket = type(self.env["helpdesk.ticket"])
        original = Ticket._kel_notify_reporter

        def failing(records, kind):
            raise ValueError("mail server unreachable")

        # The reporter's acknowledgement fails after the followers and the
        # "received" message were written: the savepoint takes them back.
        with (
            patch.object(Ticket, "_kel_notify_reporter", failing),
            self.assertLogs("odoo.addons.kelurahan_crm", "WARNING"),
        ):
            self.run_intake()
        ticket.invalidate_recordset()
        self.assertEqual(ticket.kel_intake_state, "pending")
        self.assertEqual(ticket.kel_intake_attempts, 1)
        self.assertIn("mail server unreachable", ticket.kel_intake_error)
        self.assertGreater(ticket.kel_intake_retry_at, fields.Datetime.now())
        self.assertFalse(received(ticket))
        self.assertFalse(reporter_mails(ticket))
        # Not before its retry time...
        self.run_intake()
        self.assertEqual(ticket.kel_intake_state, "pending")
        # ...then done once.
        ticket.kel_intake_retry_at = fields.Datetime.now() - timedelta(seconds=1)
        self.assertIs(Ticket._kel_notify_reporter, original)
        self.run_intake()
        self.assertFalse(ticket.kel_intake_state)
        self.assertFalse(ticket.kel_intake_error)
        self.assertEqual(len(received(ticket)), 1)
        self.assertEqual(len(reporter_mails(ticket)), 1)

    def test_job_gives_up_after_max_attempts(self):
        ticket = self._posted_ticket(self.post_report())
        Ticket = type(self.env["helpdesk.ticket"])

        def failing(records, kind):
            raise ValueError("still failing")

        with (
            patch.object(Ticket, "_kel_notify_reporter", failing),
            self.assertLogs("odoo.addons.kelurahan_crm", "WARNING"),
        ):
            for _attempt in range(MAX_ATTEMPTS):
                ticket.kel_intake_retry_at = False
                self.run_intake()
        self.assertEqual(ticket.kel_intake_state, "error")
        self.assertEqual(ticket.kel_intake_attempts, MAX_ATTEMPTS)
        # An officer may not put it back in the queue; an administrator may.
        with self.assertRaises(AccessError):
            ticket.with_user(self.officer_rw_a).action_kel_intake_retry()
        self.assertEqual(ticket.kel_intake_state, "error")
        ticket.with_user(self.env.ref("base.user_admin")).action_kel_intake_retry()
        self.assertEqual(ticket.kel_intake_state, "pending")
        self.run_intake()
        self.assertFalse(ticket.kel_intake_state)
        self.assertEqual(len(received(ticket)), 1)

    def test_refused_form_stores_no_job(self):
        """Hostile or incomplete input: the clear Indonesian message as before,
        no complaint and no job stored."""
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        jobs = Ticket.search_count([("kel_intake_state", "!=", False)])
        before = self.counts()
        response = self.post_report(description="   ")
        self.assertRefused(response, before, "Uraian wajib diisi")
        response = self.post_report(kel_website="http://spam.example")
        self.assertRefused(response, before, "tidak dapat diterima")
        self.assertEqual(Ticket.search_count([("kel_intake_state", "!=", False)]), jobs)


@tagged("post_install", "-at_install")
class TestIntakeJobWorkers(TransactionCase):
    """Claims on real concurrent transactions (a test transaction cannot show
    what another worker sees): complaints committed by a cursor of their own and
    removed at the end."""

    def setUp(self):
        super().setUp()
        self.ticket_ids = []
        self.addCleanup(self._remove)

    def _worker(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})["helpdesk.ticket"]

    def _commit_complaint(self):
        worker = self._worker()
        ticket = worker.sudo()._kel_intake_create(
            {
                "name": "Sampah menumpuk",
                "description": "<p>Sampah menumpuk di pinggir kali</p>",
                "category_id": worker.env.ref("kelurahan_crm.category_jalan_rusak").id,
                "reporter_name": "Warga",
                "partner_email": "warga.intake@example.id",
            }
        )
        worker.env.cr.commit()  # pylint: disable=invalid-commit
        self.ticket_ids.append(ticket.id)
        return ticket.id

    def _remove(self):
        with closing(self.registry.cursor()) as cr:
            ids = tuple(self.ticket_ids) or (0,)
            # mail.mail and notifications go with their message (cascade)
            for table, column in (
                ("mail_message", "model"),
                ("mail_followers", "res_model"),
            ):
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE %s = 'helpdesk.ticket' AND res_id IN %s",
                        SQL.identifier(table),
                        SQL.identifier(column),
                        ids,
                    )
                )
            cr.execute(SQL("DELETE FROM helpdesk_ticket WHERE id IN %s", ids))
            cr.commit()  # pylint: disable=invalid-commit

    def _run(self, worker):
        ours = SQL("kel_intake_state = 'pending' AND id IN %s", tuple(self.ticket_ids))
        return worker._kel_job_run(
            ours, lambda ticket: ticket._kel_intake_run(), limit=10
        )

    def _state(self, ticket_id):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].browse(ticket_id)
            return ticket.kel_intake_state, len(received(ticket))

    def test_job_of_a_dead_worker_is_taken_again(self):
        ticket_id = self._commit_complaint()
        # A worker claims the job and is working on it: others skip it...
        dying = self._worker()
        claimed = dying._kel_job_claim(SQL("id = %s", ticket_id), 1)
        self.assertEqual(claimed.ids, [ticket_id])
        other = self._worker()
        self.assertEqual(self._run(other), 0)
        other.env.cr.rollback()
        # ...then it dies before committing: its claim goes with its connection.
        dying.env.cr.close()
        self.assertEqual(self._state(ticket_id), ("pending", 0))
        survivor = self._worker()
        self.assertEqual(self._run(survivor), 1)
        survivor.env.cr.commit()  # pylint: disable=invalid-commit
        self.assertEqual(self._state(ticket_id), (False, 1))
        # Done once: a later run takes nothing.
        later = self._worker()
        self.assertEqual(self._run(later), 0)
