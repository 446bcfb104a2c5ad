# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""kelurahan.job.mixin on real concurrent transactions: the rows are committed and
claimed through cursors of their own (a test transaction cannot show what another
worker sees), and removed again at the end."""

import json
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

GOOD = json.dumps({"date_from": "2026-03-10", "date_to": "2026-03-10"})
# A period that ends before it starts: refused at once, so the job fails fast.
BAD = json.dumps({"date_from": "2026-03-10", "date_to": "2026-03-01"})


@tagged("post_install", "-at_install")
class TestJobMixin(TransactionCase):
    def setUp(self):
        super().setUp()
        self.job_ids = []
        self.addCleanup(self._remove_jobs)

    def _worker(self, **context):
        """The export jobs seen by a worker with a transaction of its own."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, context)["kelurahan.export.job"]

    def _commit_jobs(self, *filters):
        worker = self._worker()
        jobs = worker.create(
            [{"name": f"job-mixin-{n}", "filters": f} for n, f in enumerate(filters)]
        )
        worker.env.cr.commit()  # pylint: disable=invalid-commit
        self.job_ids += jobs.ids
        return jobs.ids

    def _committed_states(self):
        with closing(self.registry.cursor()) as cr:
            jobs = api.Environment(cr, SUPERUSER_ID, {})["kelurahan.export.job"]
            return jobs.browse(self.job_ids).mapped("state")

    def _remove_jobs(self):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            jobs = env["kelurahan.export.job"].browse(self.job_ids).exists()
            env["ir.attachment"].search(
                [("res_model", "=", jobs._name), ("res_id", "in", jobs.ids)]
            ).unlink()
            jobs.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _ours(self):
        return SQL("state = 'pending' AND id IN %s", tuple(self.job_ids))

    def test_two_workers_never_take_the_same_row(self):
        ids = self._commit_jobs(BAD, BAD, BAD, BAD)
        worker_a, worker_b = self._worker(), self._worker()
        self.assertEqual(worker_a._kel_job_claim(self._ours(), 2).ids, ids[:2])
        # The second worker neither waits for the locked rows nor takes them.
        self.assertEqual(worker_b._kel_job_claim(self._ours(), 10).ids, ids[2:])
        worker_a.env.cr.rollback()  # worker A ends: its rows are free again
        worker_c = self._worker()
        self.assertEqual(worker_c._kel_job_claim(self._ours(), 10).ids, ids[:2])

    def test_cron_run_commits_each_row(self):
        self._commit_jobs(BAD, BAD)
        cron = self.env.ref("kelurahan_crm.ir_cron_kelurahan_export_job")
        worker = self._worker(cron_id=cron.id)
        self.assertEqual(worker._cron_run_pending(), 2)
        # Whatever becomes of the worker's transaction afterwards, each processed
        # row was committed on its own.
        worker.env.cr.rollback()
        self.assertEqual(self._committed_states(), ["failed", "failed"])

    def test_outside_a_cron_the_caller_decides(self):
        self._commit_jobs(BAD, BAD)
        worker = self._worker()
        self.assertEqual(worker._cron_run_pending(), 2)
        worker.env.cr.rollback()
        self.assertEqual(self._committed_states(), ["pending", "pending"])

    def test_a_failing_row_does_not_stop_the_others(self):
        ids = self._commit_jobs(BAD, GOOD, json.dumps({}))
        worker = self._worker()
        self.assertEqual(worker._cron_run_pending(), 3)
        bad, good, broken = worker.browse(ids)
        self.assertEqual(
            (bad.state, good.state, broken.state), ("failed", "done", "failed")
        )
        self.assertIn("before it starts", bad.error)
        self.assertEqual(broken.error, "'date_from'")
        self.assertTrue(good.attachment_id)
        self.assertFalse(bad.attachment_id)
