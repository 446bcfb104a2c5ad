# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One XLSX export asked for by a user: done at once when small, in the background
(cron) when large, then the user is notified that the file is ready."""

import json
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_THRESHOLD = 20000


class KelurahanExportJob(models.Model):
    _name = "kelurahan.export.job"
    _description = "Complaint export (XLSX)"
    _inherit = ["mail.thread", "kelurahan.job.mixin"]  # noqa: RUF012
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    filters = fields.Text(readonly=True, help="Export filters (JSON).")
    state = fields.Selection(
        [
            ("pending", "Waiting"),
            ("running", "Running"),
            ("done", "Ready"),
            ("failed", "Failed"),
        ],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    error = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Finished on", readonly=True)

    @api.model
    def _kel_background_threshold(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "kelurahan_crm.export_background_rows",
                DEFAULT_BACKGROUND_THRESHOLD,
            )
        )
        try:
            return int(value)
        except ValueError:
            return DEFAULT_BACKGROUND_THRESHOLD

    def _kel_filters(self):
        self.ensure_one()
        return json.loads(self.filters or "{}")

    def _kel_run(self):
        """Build each workbook with the requester's access rights."""
        for job in self:
            job._kel_job_process(lambda job: job._kel_run_one())

    def _kel_run_one(self):
        self.ensure_one()
        engine = (
            self.env["kelurahan.report.engine"]
            .with_user(self.user_id)
            .with_company(self.company_id)
        )
        self.state = "running"
        attachment, count = engine._kel_export_attachment(
            self._kel_filters(), res_model=self._name, res_id=self.id
        )
        self.write(
            {
                "state": "done",
                "attachment_id": attachment.id,
                "row_count": count,
                "date_done": fields.Datetime.now(),
            }
        )
        self._kel_notify_user()

    def _kel_job_failed(self, error):
        _logger.warning("Export %s failed: %s", self.id, error)
        self.write({"state": "failed", "error": str(error)})
        self._kel_notify_user()

    def _kel_download_url(self):
        self.ensure_one()
        return f"/web/content/{self.attachment_id.id}?download=true"

    def _kel_notify_user(self):
        """Inbox notification to the requester (the bell), with the file."""
        for job in self:
            if job.state == "done":
                body = Markup("%s <a href='%s'>%s</a>") % (
                    self.env._(
                        "Your export %(name)s is ready (%(rows)s rows).",
                        name=job.name,
                        rows=job.row_count,
                    ),
                    job._kel_download_url(),
                    self.env._("Download"),
                )
            else:
                body = self.env._(
                    "Your export %(name)s failed: %(error)s",
                    name=job.name,
                    error=job.error or "",
                )
            job.message_notify(
                partner_ids=job.user_id.partner_id.ids,
                body=body,
                subject=job.name,
                attachment_ids=job.attachment_id.ids,
            )

    @api.model
    def _cron_run_pending(self, limit=5):
        """Build waiting exports, oldest first; each is committed on its own in a
        cron run, so a later failure keeps it."""
        return self._kel_job_run(
            SQL("state = 'pending'"), lambda job: job._kel_run_one(), limit
        )

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self._kel_download_url(),
            "target": "self",
        }
