# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

PERIODS = [
    ("today", "Today"),
    ("yesterday", "Yesterday"),
    ("this_week", "This week"),
    ("this_month", "This month"),
    ("custom", "Custom"),
]


class KelurahanExportWizard(models.TransientModel):
    _name = "kelurahan.export.wizard"
    _inherit = "kelurahan.export.filter.mixin"
    _description = "Export complaints to Excel"

    period = fields.Selection(PERIODS, default="today", required=True)
    date_from = fields.Date(
        string="From", compute="_compute_dates", store=True, readonly=False
    )
    date_to = fields.Date(
        string="To", compute="_compute_dates", store=True, readonly=False
    )

    @api.depends("period")
    def _compute_dates(self):
        engine = self.env["kelurahan.report.engine"]
        for wizard in self:
            if wizard.period != "custom":
                wizard.date_from, wizard.date_to = engine._kel_period_dates(
                    wizard.period
                )

    def _kel_filters(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            self.env["kelurahan.report.engine"]._kel_check_period(
                self.date_from, self.date_to
            )
        if not self.date_from or not self.date_to:
            raise UserError(
                self.env._("Choose the first and the last day of the period.")
            )
        return self._kel_filter_values(self.date_from, self.date_to)

    def action_export(self):
        """Export now, or queue a background job when the export is large."""
        self.ensure_one()
        filters = self._kel_filters()
        engine = self.env["kelurahan.report.engine"]
        engine._kel_check_period(self.date_from, self.date_to)
        Job = self.env["kelurahan.export.job"]
        rows = self.env["helpdesk.ticket"].search_count(
            engine._kel_complaint_domain(filters)
        )
        # sudo: a user creates their own export record; the rows are computed later
        # with_user(job.user_id), i.e. with the requester's access rights.
        job = Job.sudo().create(
            {
                "name": engine._kel_file_name(self.date_from, self.date_to),
                "filters": json.dumps(filters),
                "user_id": self.env.uid,
            }
        )
        if rows > Job._kel_background_threshold():
            # sudo: any exporting user may wake the export job up (ir.cron is
            # admin-only); the job itself runs with the requester's rights.
            self.env.ref("kelurahan_crm.ir_cron_kelurahan_export_job").sudo()._trigger()
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "sticky": False,
                    "title": self.env._("Export started"),
                    "message": self.env._(
                        "%(rows)s complaints: the file is prepared in the background. "
                        "You will be notified when it is ready.",
                        rows=rows,
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        job._kel_run()
        if job.state == "failed":
            raise UserError(job.error)
        return job.with_user(self.env.uid).action_download()
