# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake of a complaint sent from the resident forms in two steps.

The form's request stores only what the resident must get back at once and what
must not be lost: the complaint (its number, tracking token, deadlines), the
consent and the photos, committed with the request. Everything slow that only
tells people about it is the complaint's *intake job*, run by a cron right after
the commit (``kel_intake_state = 'pending'``):

- the chatter of a new record (mail.thread ``create``): the creator as follower,
  the followers the values imply (team, assignee), the "Complaint received" message
  that notifies them, the tracking template of a stage;
- the acknowledgement to the reporter on every channel (e-mail, WhatsApp).

Nothing is lost if a worker dies: the job is a column of the complaint, committed
with it; the cron claims pending complaints with ``FOR UPDATE SKIP LOCKED``
(``kelurahan.job.mixin``), so a claim dies with its worker's transaction and the next
run takes the complaint again; each job runs in a savepoint and clears the state
in the same transaction as its effects, so it is done completely or not at all. A
job that raises is retried later (``RETRY_MINUTES``) and, after ``MAX_ATTEMPTS``,
left in *error* with the error for an administrator (``action_kel_intake_retry``).
"""

import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

CRON = "kelurahan_crm.ir_cron_kel_intake"
MAX_ATTEMPTS = 3
RETRY_MINUTES = 2
BATCH = 50


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "kelurahan.job.mixin"]  # noqa: RUF012

    kel_intake_state = fields.Selection(
        [("pending", "Pending"), ("error", "Error")],
        string="Intake",
        readonly=True,
        copy=False,
        help="Empty once the follow-up of a complaint sent from a resident form "
        "(followers, 'received' message, acknowledgement to the reporter) is done.",
    )
    kel_intake_attempts = fields.Integer(
        string="Intake attempts", readonly=True, copy=False
    )
    kel_intake_error = fields.Char(string="Intake error", readonly=True, copy=False)
    kel_intake_retry_at = fields.Datetime(
        string="Intake retry at", readonly=True, copy=False
    )

    def init(self):
        res = super().init()
        # Only complaints whose intake is not done are indexed: a handful among
        # millions, found at once by the cron.
        create_index(
            self.env.cr,
            "helpdesk_ticket_kel_intake_idx",
            self._table,
            ["id"],
            where="kel_intake_state IS NOT NULL",
        )
        return res

    # ------------------------------------------------------------------
    # Request side
    # ------------------------------------------------------------------

    @api.model
    def _kel_intake_create(self, vals):
        """Create a complaint of a resident form with its intake job pending (in
        this model's environment, as ``create_report`` chose it). mail.thread's
        work at creation is left to the job (``tracking_disable``: Odoo's own key,
        it only skips followers, the creation message and tracking, which the job
        does)."""
        ticket = self.with_context(tracking_disable=True).create(
            dict(vals, kel_intake_state="pending")
        )
        self._kel_job_wake(CRON)
        return ticket.with_env(self.env)

    # ------------------------------------------------------------------
    # Job side (cron)
    # ------------------------------------------------------------------

    def _kel_intake_where(self):
        return SQL(
            "kel_intake_state = 'pending' AND (kel_intake_retry_at IS NULL "
            "OR kel_intake_retry_at <= %s)",
            fields.Datetime.now(),
        )

    @api.model
    def _cron_kel_intake(self, limit=BATCH):
        """Run the pending intake jobs, oldest first; returns how many ran."""
        return self._kel_job_run(
            self._kel_intake_where(), lambda ticket: ticket._kel_intake_run(), limit
        )

    def _kel_intake_run(self):
        """Do what the form's request left for later, as the complaint's creator
        would have had it done (``_kel_intake_create``)."""
        self.ensure_one()
        creator = self.create_uid
        # sudo: the form created the complaint as sudo (or as OdooBot for a hidden
        # reporter); the job finishes it in the same environment.
        ticket = self.with_user(creator).sudo()
        ticket.write(
            {
                "kel_intake_state": False,
                "kel_intake_error": False,
                "kel_intake_retry_at": False,
            }
        )
        if creator.active:
            self.env["mail.followers"]._insert_followers(
                ticket._name,
                ticket.ids,
                creator.partner_id.ids,
                subtypes=None,
                customer_ids=[],
                check_existing=True,
            )
        values = {
            name: ticket[name].id
            for name, field in ticket._fields.items()
            if field.type == "many2one" and field.store and ticket[name]
        }
        ticket._message_auto_subscribe(values, followers_existing_policy="update")
        subtype = ticket._creation_subtype()
        if subtype:
            ticket.message_post(
                subtype_id=subtype.id,
                author_id=creator.partner_id.id,
                body=Markup('<div summary="o_mail_notification"><p>%s</p></div>')
                % ticket._creation_message(),
            )
        changes = [name for name in ticket._track_get_fields() if ticket[name]]
        if changes:
            ticket._message_track_post_template(changes)
        ticket._kel_notify_reporter("created")
        ticket.env.flush_all()

    def _kel_job_failed(self, error):
        attempts = self.kel_intake_attempts + 1
        _logger.warning(
            "Intake of complaint %s failed (attempt %s): %s",
            self.id,
            attempts,
            error,
            exc_info=True,
        )
        retry_at = fields.Datetime.now() + timedelta(minutes=RETRY_MINUTES * attempts)
        given_up = attempts >= MAX_ATTEMPTS
        # sudo: the job's own bookkeeping on the complaint
        self.sudo().write(
            {
                "kel_intake_attempts": attempts,
                "kel_intake_error": str(error)[:250],
                "kel_intake_state": "error" if given_up else "pending",
                "kel_intake_retry_at": False if given_up else retry_at,
            }
        )
        if not given_up:
            self.env.ref(CRON).sudo()._trigger(at=retry_at)

    def action_kel_intake_retry(self):
        """Run the intake of complaints in error again (administrators)."""
        self.env["ir.cron"].check_access("write")
        failed = self.filtered(lambda t: t.kel_intake_state == "error")
        # sudo: job bookkeeping; the access check above limits who may ask.
        failed.sudo().write(
            {
                "kel_intake_state": "pending",
                "kel_intake_attempts": 0,
                "kel_intake_retry_at": False,
            }
        )
        self._kel_job_wake(CRON)
        return True
