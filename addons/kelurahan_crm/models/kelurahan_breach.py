# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Register of personal data breaches (UU PDP, Law 27/2022, art. 46): the residents
and the authority are notified in writing within 3x24 hours of the discovery. The
deadline is the discovery time plus the kelurahan's configured hours (default 72);
an hourly cron puts a reminder on the register before it passes."""

from datetime import timedelta

from odoo import api, fields, models


class KelurahanBreach(models.Model):
    _name = "kelurahan.breach"
    _description = "Personal data breach"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "date_found desc, id desc"

    name = fields.Char(string="Incident", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date_found = fields.Datetime(
        string="Found on",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        index=True,
    )
    description = fields.Text(string="What happened")
    data_affected = fields.Text(
        string="Data affected", help="Which personal data: names, NIKs, phones…"
    )
    residents_affected = fields.Integer(string="Residents affected")
    actions = fields.Text(string="Actions taken")
    date_deadline = fields.Datetime(
        string="Notification deadline",
        compute="_compute_date_deadline",
        store=True,
        index=True,
    )
    date_residents_notified = fields.Datetime(
        string="Residents notified on", tracking=True
    )
    date_authority_notified = fields.Datetime(
        string="Authority notified on", tracking=True
    )
    state = fields.Selection(
        [("open", "Open"), ("notified", "Notified"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("date_found", "company_id.kel_breach_notify_hours")
    def _compute_date_deadline(self):
        for breach in self:
            hours = breach.company_id.kel_breach_notify_hours or 72
            breach.date_deadline = (
                breach.date_found + timedelta(hours=hours)
                if breach.date_found
                else False
            )

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for breach in self:
            breach.is_late = bool(
                breach.date_deadline
                and breach.date_deadline < now
                and not (
                    breach.date_residents_notified and breach.date_authority_notified
                )
            )

    def action_mark_notified(self):
        now = fields.Datetime.now()
        for breach in self:
            breach.write(
                {
                    "date_residents_notified": breach.date_residents_notified or now,
                    "date_authority_notified": breach.date_authority_notified or now,
                    "state": "notified",
                }
            )

    def action_close(self):
        self.write({"state": "closed"})

    @api.model
    def _cron_remind(self):
        """One search for every open breach whose notification deadline is within
        the company's reminder hours, one activity each, one write."""
        now = fields.Datetime.now()
        candidates = self.search(
            [
                ("state", "=", "open"),
                ("reminder_sent", "=", False),
                ("date_deadline", "!=", False),
            ]
        )
        due = candidates.filtered(
            lambda b: b.date_deadline
            - timedelta(hours=b.company_id.kel_breach_reminder_hours)
            <= now
        )
        for breach in due:
            breach.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                date_deadline=fields.Date.to_date(breach.date_deadline),
                summary=self.env._("Notify residents and the authority"),
                note=self.env._(
                    "The notification deadline of this breach is %(deadline)s UTC.",
                    deadline=fields.Datetime.to_string(breach.date_deadline),
                ),
                user_id=(breach.user_id or self.env.user).id,
            )
        due.write({"reminder_sent": True})
        return due
