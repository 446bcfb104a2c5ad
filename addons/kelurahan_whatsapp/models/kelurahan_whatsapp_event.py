# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from datetime import datetime, timedelta, timezone

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
BATCH = 50
CRON = "kelurahan_whatsapp.ir_cron_whatsapp_process_events"
RETENTION_PARAM = "kelurahan_whatsapp.whatsapp_event_retention_days"
RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650
PURGE_BATCH = 5000


class KelurahanWhatsappEvent(models.Model):
    """Raw webhook items waiting for background processing.

    The webhook only verifies the signature and inserts one row per inbound message
    or status; ``dedup_key`` is unique (the ``wamid`` for a message, ``wamid:status``
    for a status), so a redelivered or concurrently delivered item is stored, hence
    processed, once."""

    _name = "kelurahan.whatsapp.event"
    _inherit = "kelurahan.job.mixin"
    _description = "WhatsApp webhook event"
    _order = "id desc"

    account_id = fields.Many2one(
        "kelurahan.whatsapp.account", required=True, ondelete="cascade", index=True
    )
    dedup_key = fields.Char(required=True, readonly=True)
    wamid = fields.Char(readonly=True, index=True)
    event_type = fields.Selection(
        [("message", "Message"), ("status", "Status")], required=True, readonly=True
    )
    wa_id = fields.Char(string="WhatsApp number", readonly=True)
    payload = fields.Text(readonly=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("done", "Done"),
            ("ignored", "Ignored"),
            ("error", "Error"),
        ],
        default="pending",
        required=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    error = fields.Char(readonly=True)
    received_date = fields.Datetime(
        readonly=True, default=fields.Datetime.now, index=True
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "dedup_key_uniq",
            "unique(dedup_key)",
            "This WhatsApp event was already received.",
        )
    ]

    # ------------------------------------------------------------------
    # Intake (webhook request)
    # ------------------------------------------------------------------
    @api.model
    def _kel_split(self, data):
        """Turn a webhook delivery into event rows: (dedup_key, wamid, type,
        wa_id, payload). Raises ValueError on a malformed delivery."""
        if not isinstance(data, dict) or not isinstance(data.get("entry"), list):
            raise ValueError("no entry list")
        rows = []
        for entry in data["entry"]:
            for change in entry.get("changes") or []:
                if change.get("field") != "messages":
                    continue
                value = change.get("value") or {}
                contacts = value.get("contacts") or []
                for message in value.get("messages") or []:
                    wamid = message.get("id")
                    if not isinstance(wamid, str) or not wamid:
                        raise ValueError("message without id")
                    payload = {"message": message, "contacts": contacts}
                    rows.append((wamid, wamid, "message", message.get("from"), payload))
                for status in value.get("statuses") or []:
                    wamid, state = status.get("id"), status.get("status")
                    if not isinstance(wamid, str) or not isinstance(state, str):
                        raise ValueError("status without id")
                    rows.append(
                        (
                            f"{wamid}:{state}",
                            wamid,
                            "status",
                            status.get("recipient_id"),
                            {"status": status},
                        )
                    )
        return rows

    @api.model
    def _kel_enqueue(self, account, data):
        """Store the items of a verified delivery; returns how many were new.
        One INSERT … ON CONFLICT DO NOTHING: a redelivery inserts nothing. When
        the same event arrives twice at the same moment, the second transaction
        waits on the unique index and then, under Odoo's REPEATABLE READ, fails
        with a serialization error; Odoo retries the request, which then finds
        the event and inserts nothing. That is expected, so it is not logged as a
        failed query."""
        rows = self._kel_split(data)
        if not rows:
            return 0
        now = fields.Datetime.now()
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s, 'pending', 0, %s, %s, %s, %s, %s)",
                account.id,
                key[:250],
                (wamid or "")[:250],
                kind,
                (wa_id or "")[:32] if isinstance(wa_id, str) else None,
                json.dumps(payload),
                now,
                self.env.uid,
                now,
                self.env.uid,
                now,
            )
            for key, wamid, kind, wa_id, payload in rows
        )
        # The rows and the cron's wake-up (``_kel_job_wake``, only when a row
        # was new) in one statement: one round trip for the webhook's answer.
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(CRON)
        self.env.cr.execute(
            SQL(
                """WITH new AS (
                    INSERT INTO kelurahan_whatsapp_event
                    (account_id, dedup_key, wamid, event_type, wa_id, payload, state,
                     attempts, received_date, create_uid, create_date, write_uid,
                     write_date)
                    VALUES %s
                    ON CONFLICT (dedup_key) DO NOTHING
                    RETURNING id
                ), wake AS (%s)
                SELECT (SELECT count(*) FROM new), EXISTS (SELECT 1 FROM wake)""",
                values,
                self._kel_job_wake_sql(cron_id, SQL("EXISTS (SELECT 1 FROM new)")),
            ),
            log_exceptions=False,
        )
        inserted, woken = self.env.cr.fetchone()
        self._kel_job_woken(cron_id, woken)
        return inserted

    # ------------------------------------------------------------------
    # Background processing (cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_process(self, limit=BATCH):
        """Process one batch of pending events, oldest first (claimed with SKIP
        LOCKED by ``kelurahan.job.mixin``: two runners never take the same event)."""
        return self._kel_job_run(
            SQL("state = 'pending'"), lambda event: event._kel_process_one(), limit
        )

    def _kel_process_one(self):
        self.ensure_one()
        payload = json.loads(self.payload)
        if self.event_type == "message":
            state = self._kel_process_message(payload)
        else:
            state = self._kel_process_status(payload)
        self.write({"state": state or "done", "error": False})

    def _kel_job_failed(self, error):
        attempts = self.attempts + 1
        _logger.warning(
            "WhatsApp event %s failed (attempt %s): %s",
            self.id,
            attempts,
            type(error).__name__,
            exc_info=True,
        )
        self.write(
            {
                "attempts": attempts,
                "error": str(error)[:250],
                "state": "error" if attempts >= MAX_ATTEMPTS else "pending",
            }
        )

    def _kel_process_message(self, payload):
        message = payload.get("message") or {}
        account = self.account_id
        wa_id = message.get("from") or ""
        try:
            sent_at = datetime.fromtimestamp(
                int(message.get("timestamp")), tz=timezone.utc
            ).replace(tzinfo=None)
        except (TypeError, ValueError, OverflowError):
            sent_at = fields.Datetime.now()
        if sent_at < fields.Datetime.now() - timedelta(days=account.max_age_days):
            _logger.info("WhatsApp event %s ignored: delivery too old", self.id)
            return "ignored"
        if not wa_id.isdigit():
            _logger.info("WhatsApp event %s ignored: sender is not a number", self.id)
            return "ignored"
        name = ""
        for contact in payload.get("contacts") or []:
            if contact.get("wa_id") == wa_id:
                name = (contact.get("profile") or {}).get("name") or ""
        conversation = self.env["kelurahan.whatsapp.conversation"]._kel_get(
            account, wa_id, name
        )
        if conversation.blocked:
            _logger.info("WhatsApp event %s ignored: blocked number", self.id)
            return "ignored"
        conversation._kel_receive(message, sent_at, name=name)
        return "done"

    def _kel_process_status(self, payload):
        status = payload.get("status") or {}
        Message = self.env["kelurahan.whatsapp.message"]
        message = Message.search(
            [("wamid", "=", self.wamid), ("direction", "=", "out")], limit=1
        )
        if not message:
            return "ignored"
        message._kel_apply_status(status)
        return "done"

    # ------------------------------------------------------------------
    # Retention (daily cron)
    # ------------------------------------------------------------------
    @api.model
    def _kel_retention_days(self):
        """Days processed events are kept (system parameter, default 30). Never
        less than the longest *Ignore deliveries older than* of the accounts: a
        redelivery whose row was purged is then still ignored by its age."""
        # sudo: reading a technical setting, not data of the caller.
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM) or ""
        try:
            days = int(value.strip())
        except ValueError:
            days = 0
        if days < 1:
            if value:
                _logger.warning(
                    "%s must be a whole number of days; using %s",
                    RETENTION_PARAM,
                    RETENTION_DAYS,
                )
            days = RETENTION_DAYS
        elif days > MAX_RETENTION_DAYS:
            _logger.warning(
                "%s is capped at %s days", RETENTION_PARAM, MAX_RETENTION_DAYS
            )
            days = MAX_RETENTION_DAYS
        accounts = (
            self.env["kelurahan.whatsapp.account"]
            .sudo()
            .with_context(active_test=False)
            .search([])
        )
        return max([days, *accounts.mapped("max_age_days")])

    @api.model
    def _cron_purge(self, limit=PURGE_BATCH):
        """Delete processed events (done or ignored) received more than the
        retention period ago, one batch per run (the cron runs again while some
        remain). Pending events, including failed ones still being retried, and
        events in error (kept for the administrator to look at) stay."""
        cutoff = fields.Datetime.now() - timedelta(days=self._kel_retention_days())
        domain = [
            ("state", "in", ("done", "ignored")),
            ("received_date", "<", cutoff),
        ]
        events = self.search(domain, limit=limit, order="id")
        events.unlink()
        remaining = self.search_count(domain) if len(events) == limit else 0
        self.env["ir.cron"]._notify_progress(done=len(events), remaining=remaining)
        return len(events)
