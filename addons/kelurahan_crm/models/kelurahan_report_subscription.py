# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mailed report subscriptions: yesterday's (last week's, last month's) workbook
sent every morning at a time of day in the office's time zone, kept as an archived
attachment for a retention period. A failed send is logged on the subscription,
retried, and reported to its owner after the last retry: never dropped silently."""

import logging
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date
from odoo.tools.mail import email_normalize, email_split_and_format

_logger = logging.getLogger(__name__)

MAX_RETRIES = 3
# subscriptions sent per cron run; the cron runs again at once while some are due
BATCH = 10
RETRY_MINUTES = 30
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class KelurahanReportSubscription(models.Model):
    _name = "kelurahan.report.subscription"
    _description = "Scheduled complaint report"
    _inherit = [  # noqa: RUF012
        "mail.thread",
        "kelurahan.export.filter.mixin",
        "kelurahan.job.mixin",
    ]
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Run as",
        required=True,
        default=lambda self: self.env.user,
        help="The report contains what this user may see.",
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Recipients", help="Contacts with an e-mail address."
    )
    email_to = fields.Char(
        string="Other addresses",
        help="More e-mail addresses, separated by commas.",
    )
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        default="daily",
        required=True,
        tracking=True,
        help="Daily: yesterday's complaints. Weekly: last week (Monday to Sunday). "
        "Monthly: last month.",
    )
    weekday = fields.Selection(WEEKDAYS, string="Day of the week", default="0")
    month_day = fields.Integer(string="Day of the month", default=1)
    send_time = fields.Float(
        string="Send at (WIB)",
        default=7.0,
        required=True,
        help="Time of day in the office's time zone (its working calendar's).",
    )
    # Filters: kelurahan.export.filter.mixin. Its relation tables, named here as
    # they were before the mixin, hold the subscriptions' choices.
    category_ids = fields.Many2many(
        relation="helpdesk_ticket_category_kelurahan_report_subscription_rel"
    )
    rw_ids = fields.Many2many(relation="kelurahan_report_subscription_kelurahan_rw_rel")
    channel_ids = fields.Many2many(
        relation="helpdesk_ticket_channel_kelurahan_report_subscription_rel"
    )
    agency_ids = fields.Many2many(
        relation="kelurahan_agency_kelurahan_report_subscription_rel"
    )
    retention_days = fields.Integer(
        string="Keep files (days)",
        default=90,
        required=True,
        help="Sent workbooks are archived on the subscription for this many days.",
    )
    next_send = fields.Datetime(string="Next send", readonly=True, copy=False)
    last_sent = fields.Datetime(readonly=True, copy=False)
    failure_count = fields.Integer(readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    attachment_count = fields.Integer(
        string="Sent files", compute="_compute_attachment_count"
    )

    def _compute_attachment_count(self):
        data = dict(
            self.env["ir.attachment"]
            .sudo()
            ._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for subscription in self:
            subscription.attachment_count = data.get(subscription.id, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("partner_ids", "email_to")
    def _check_recipients(self):
        for subscription in self:
            subscription._kel_recipients()

    @api.constrains("send_time", "month_day", "retention_days", "frequency")
    def _check_schedule(self):
        for subscription in self:
            if not 0 <= subscription.send_time < 24:
                raise ValidationError(
                    self.env._("The send time must be between 00:00 and 23:59.")
                )
            if subscription.frequency == "monthly" and not (
                1 <= subscription.month_day <= 28
            ):
                raise ValidationError(
                    self.env._("The day of the month must be between 1 and 28.")
                )
            if subscription.retention_days < 1:
                raise ValidationError(
                    self.env._("Keep the sent files at least one day.")
                )

    def _kel_recipients(self):
        """Validated recipient addresses; raises a clear message otherwise."""
        self.ensure_one()
        addresses = []
        for partner in self.partner_ids:
            if not email_normalize(partner.email or ""):
                raise ValidationError(
                    self.env._(
                        "%(name)s has no valid e-mail address. Add one to the "
                        "contact or remove them from the recipients.",
                        name=partner.display_name,
                    )
                )
            addresses.append(partner.email_formatted)
        for item in (self.email_to or "").replace(";", ",").split(","):
            item = item.strip()
            if not item:
                continue
            if not email_normalize(item) or len(email_split_and_format(item)) != 1:
                raise ValidationError(
                    self.env._(
                        '"%(value)s" is not an e-mail address. Write addresses like '
                        "lurah@example.go.id, separated by commas.",
                        value=item,
                    )
                )
            addresses.append(item)
        if not addresses:
            raise ValidationError(
                self.env._(
                    "Add at least one recipient (a contact or an e-mail address)."
                )
            )
        return addresses

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        subscriptions = super().create(vals_list)
        for subscription in subscriptions:
            subscription.next_send = subscription._kel_next_send()
        return subscriptions

    def write(self, vals):
        res = super().write(vals)
        if {"frequency", "weekday", "month_day", "send_time", "active"} & set(vals):
            for subscription in self:
                subscription.next_send = subscription._kel_next_send()
        return res

    # ------------------------------------------------------------------
    # Schedule
    # ------------------------------------------------------------------

    def _kel_next_send(self, after=None):
        """Next send moment after ``after`` (UTC naive), as a naive UTC datetime."""
        self.ensure_one()
        tz = self.company_id._kel_tz()
        after = after or fields.Datetime.now()
        local_after = pytz.utc.localize(after).astimezone(tz)
        hours = int(self.send_time)
        minutes = int(round((self.send_time - hours) * 60)) % 60
        day = local_after.date()
        for _i in range(400):
            moment = tz.localize(datetime.combine(day, time(hours, minutes)))
            if moment > local_after and self._kel_is_send_day(day):
                return moment.astimezone(pytz.utc).replace(tzinfo=None)
            day += timedelta(days=1)
        return False

    def _kel_is_send_day(self, day):
        if self.frequency == "weekly":
            return day.weekday() == int(self.weekday or 0)
        if self.frequency == "monthly":
            return day.day == (self.month_day or 1)
        return True

    def _kel_period(self, send_day):
        """The reported period for a send on ``send_day`` (a local date)."""
        self.ensure_one()
        yesterday = send_day - timedelta(days=1)
        if self.frequency == "weekly":
            return send_day - timedelta(days=7), yesterday
        if self.frequency == "monthly":
            first = send_day.replace(day=1) - relativedelta(months=1)
            return first, first + relativedelta(months=1, days=-1)
        return yesterday, yesterday

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _kel_send(self, send_day=None):
        """Build the workbook as ``user_id``, archive it, queue the e-mail."""
        self.ensure_one()
        send_day = send_day or self.company_id._kel_today()
        date_from, date_to = self._kel_period(send_day)
        recipients = self._kel_recipients()
        if not self.user_id.active or not self.user_id.has_group(
            "kelurahan_crm.group_kelurahan_rw"
        ):
            raise UserError(
                self.env._(
                    "%(user)s (run as) is archived or no longer has access to "
                    "complaints. Choose another user on the subscription.",
                    user=self.user_id.name,
                )
            )
        engine = (
            self.env["kelurahan.report.engine"]
            .with_user(self.user_id)
            .with_company(self.company_id)
        )
        attachment, count = engine._kel_export_attachment(
            self._kel_filter_values(date_from, date_to),
            res_model=self._name,
            res_id=self.id,
        )
        lang = engine._kel_report_lang()
        period = format_date(self.env, date_from, lang_code=lang)
        if date_to != date_from:
            period = f"{period} - {format_date(self.env, date_to, lang_code=lang)}"
        subject = f"{self.name}: {period}"
        body = (
            self.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "kelurahan_crm.report_subscription_mail",
                {"subscription": self, "period": period, "count": count},
            )
        )
        # sudo: mail.mail is technical; the e-mail only carries the workbook built
        # above with the run-as user's access rights.
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_to": ",".join(recipients),
                    "email_from": self.company_id.email_formatted
                    or self.env["ir.mail_server"]._get_default_from_address()
                    or self.user_id.email_formatted,
                    "attachment_ids": [(4, attachment.id)],
                    "model": self._name,
                    "res_id": self.id,
                    "auto_delete": True,
                }
            )
        )
        return mail, attachment, count

    def _kel_send_due(self, now):
        """Send this due subscription and plan the next send."""
        self.ensure_one()
        mail, _attachment, count = self._kel_send()
        self.write(
            {
                "last_sent": now,
                "failure_count": 0,
                "last_error": False,
            }
        )
        self.next_send = self._kel_next_send(after=now)
        self.message_post(
            body=self.env._(
                "Report queued for %(to)s (%(rows)s complaints).",
                to=mail.email_to,
                rows=count,
            )
        )
        return mail

    def _kel_job_failed(self, error):
        """Log the failure and plan a retry; after the last one, tell the run-as
        user and wait for the next period."""
        now = fields.Datetime.now()
        self.failure_count += 1
        self.last_error = str(error)
        _logger.warning(
            "Report subscription %s failed (attempt %s): %s",
            self.id,
            self.failure_count,
            error,
        )
        if self.failure_count <= MAX_RETRIES:
            self.next_send = now + timedelta(minutes=RETRY_MINUTES)
            self.message_post(
                body=self.env._(
                    "Sending failed (attempt %(attempt)s, retry at %(retry)s "
                    "UTC): %(error)s",
                    attempt=self.failure_count,
                    retry=fields.Datetime.to_string(self.next_send),
                    error=error,
                )
            )
        else:
            self.message_post(
                body=self.env._(
                    "Sending failed %(attempts)s times; this report was not "
                    "sent: %(error)s",
                    attempts=self.failure_count,
                    error=error,
                ),
                partner_ids=self.user_id.partner_id.ids,
            )
            self.failure_count = 0
            self.next_send = self._kel_next_send(after=now)

    def _kel_purge_archive(self, now=None):
        now = now or fields.Datetime.now()
        Attachment = self.env["ir.attachment"].sudo()
        for subscription in self:
            Attachment.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", subscription.id),
                    (
                        "create_date",
                        "<",
                        now - timedelta(days=subscription.retention_days),
                    ),
                ]
            ).unlink()

    @api.model
    def _cron_send_due(self):
        """Send the due subscriptions (claimed with SKIP LOCKED, each committed on
        its own in a cron run), then purge old archived workbooks."""
        now = fields.Datetime.now()
        self._kel_job_run(
            SQL("active AND next_send IS NOT NULL AND next_send <= %s", now),
            lambda subscription: subscription._kel_send_due(now),
            limit=BATCH,
        )
        self.search([])._kel_purge_archive(now)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_send_now(self):
        """Send the current period at once (for a test by the office)."""
        # It mails the report as its "Run as" user: only who may edit it may ask.
        self.check_access("write")
        for subscription in self:
            subscription._kel_send()
        return True

    def action_view_archive(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sent reports"),
            "res_model": "ir.attachment",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }
