# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Background work kept as rows of the model that needs it (WhatsApp events and
messages, export jobs, report subscriptions), run by Odoo's own cron workers.

Why not OCA ``queue_job``: every queue here is already a table with a state, so a
job runner, a second channel configuration and ``server_wide_modules`` in every
deployment (Docker, CI, `make run`, tests) would add moving parts without adding
guarantees. What the rows need is done here once:

- **claim**: ``SELECT … FOR UPDATE SKIP LOCKED`` on the model's table, oldest first,
  so two cron workers (several Odoo nodes) never take the same row and never wait
  on each other;
- **process**: each row in a savepoint; an exception rolls back that row only and
  is handed to ``_kel_job_failed`` (each model decides: retry later, give up, tell
  someone);
- **commit**: inside a scheduled cron run, after each row, so a later failure or a
  killed worker does not undo work already done outside the database (a message
  accepted by an API, an e-mail queued). Outside a cron run (a button, a test) the
  caller's transaction decides;
- **progress**: the remaining count goes to ``ir.cron._notify_progress``, so the
  cron runs again at once while rows remain;
- **priority**: a scheduled run lowers its thread's CPU priority (nice 10), so
  that during a burst the HTTP workers answering residents and Meta's webhook get
  the CPUs first and the jobs catch up as soon as the burst is over.
"""

import logging
import os
import threading

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

BACKGROUND_NICE = 10


class KelurahanJobMixin(models.AbstractModel):
    _name = "kelurahan.job.mixin"
    _description = "Rows processed in the background"

    @api.model
    def _kel_job_claim(self, where, limit):
        """Up to ``limit`` rows matching ``where`` (an SQL condition on the model's
        table), locked for this transaction and skipped by other workers."""
        self.env.flush_all()  # the query below must see pending ORM writes
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE %s ORDER BY id LIMIT %s "
                "FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                where,
                limit,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _kel_job_count(self, where):
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT count(*) FROM %s WHERE %s", SQL.identifier(self._table), where)
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _kel_job_run(self, where, process, limit):
        """Claim up to ``limit`` rows matching ``where`` and call ``process(row)`` on
        each; returns how many were processed."""
        self._kel_job_background_priority()
        rows = self._kel_job_claim(where, limit)
        for row in rows:
            row._kel_job_process(process)
            self._kel_job_commit()
        remaining = self._kel_job_count(where)
        self.env["ir.cron"]._notify_progress(done=len(rows), remaining=remaining)
        return len(rows)

    @api.model
    def _kel_job_background_priority(self):
        """In a scheduled cron run, lower the CPU priority of the running thread
        to ``BACKGROUND_NICE``. Linux keeps a nice value per thread, so this is
        the cron thread (threaded server) or the cron worker process (prefork),
        never an HTTP worker; it stays so, as cron threads only run jobs. Outside
        a cron run (a button, a test) nothing changes."""
        if not self.env.context.get("cron_id") or not hasattr(os, "setpriority"):
            return
        thread = threading.get_native_id()
        try:
            if os.getpriority(os.PRIO_PROCESS, thread) < BACKGROUND_NICE:
                os.setpriority(os.PRIO_PROCESS, thread, BACKGROUND_NICE)
        except OSError as error:  # a platform or sandbox that refuses it
            _logger.debug("Background priority not set: %s", error)

    def _kel_job_process(self, process):
        """``process(self)`` in a savepoint; an exception becomes a failure of this
        row only. Returns what ``process`` returned, or False after a failure."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                return process(self)
        except Exception as error:
            self._kel_job_failed(error)
            return False

    def _kel_job_failed(self, error):
        """Record (and log) that processing this row raised ``error``, and decide on
        a retry: each model overrides it. Called while the exception is handled,
        so ``exc_info=True`` logs its traceback."""
        _logger.error("%s %s failed: %s", self._name, self.id, error, exc_info=True)

    @api.model
    def _kel_job_wake(self, cron_xmlid):
        """Have the cron ``cron_xmlid`` run soon, for a request that just queued
        work: one statement adds a trigger unless a due one is already waiting
        (under load, most requests then add none), and the cron workers are woken
        after the commit only when a trigger was added. If the running job
        deletes the waiting trigger just after its last count, the work is taken
        by the next request's trigger or the cron's interval."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(cron_xmlid)
        self.env.cr.execute(self._kel_job_wake_sql(cron_id))
        self._kel_job_woken(cron_id, bool(self.env.cr.fetchone()))

    @api.model
    def _kel_job_wake_sql(self, cron_id, condition=None):
        """The statement of ``_kel_job_wake`` (``RETURNING id`` of the trigger it
        added), for a caller that runs it within its own statement (a
        data-modifying ``WITH``) to save a round trip. ``condition``: an SQL
        condition the trigger also needs (e.g. that rows were queued)."""
        now = fields.Datetime.now()
        return SQL(
            """INSERT INTO ir_cron_trigger
                (cron_id, call_at, create_uid, create_date, write_uid, write_date)
            SELECT cron.id, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
            FROM ir_cron cron
            WHERE cron.id = %(cron)s AND cron.active AND %(condition)s
            AND NOT EXISTS (
                SELECT 1 FROM ir_cron_trigger waiting
                WHERE waiting.cron_id = cron.id AND waiting.call_at <= %(now)s)
            RETURNING id""",
            now=now,
            uid=self.env.uid,
            cron=cron_id,
            condition=condition or SQL("TRUE"),
        )

    @api.model
    def _kel_job_woken(self, cron_id, added):
        """After ``_kel_job_wake_sql`` ran: wake the cron workers after the
        commit when it added a trigger."""
        if added:
            self.env.cr.postcommit.add(self.env["ir.cron"].browse(cron_id)._notifydb)

    @api.model
    def _kel_job_commit(self):
        """Commit the row just processed when running as a scheduled cron job
        (``ir.cron`` puts the job's id in the context); elsewhere the caller's
        transaction is left alone."""
        if self.env.context.get("cron_id"):
            self.env.cr.commit()  # pylint: disable=invalid-commit
