# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import qr as kel_qr

TICKET_STATES = [
    ("booked", "Booked"),
    ("waiting", "Waiting"),
    ("called", "Called"),
    ("served", "Served"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]


class KelurahanQueueTicket(models.Model):
    """A queue number: walk-in or booked. Every step is timestamped; the waiting time
    is check-in → first call, the service time first call → served."""

    _name = "kelurahan.queue.ticket"
    _check_company_auto = True
    _description = "Queue Ticket"
    _inherit = ["portal.mixin"]  # noqa: RUF012
    _order = "date desc, checkin_date, id"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False)
    sequence = fields.Integer(readonly=True, copy=False)
    service_id = fields.Many2one(
        "kelurahan.service", required=True, index=True, ondelete="restrict"
    )
    counter_id = fields.Many2one("kelurahan.counter", index=True, check_company=True)
    slot_id = fields.Many2one(
        "kelurahan.queue.slot", index="btree_not_null", check_company=True
    )
    request_id = fields.Many2one(
        "kelurahan.service.request",
        index="btree_not_null",
        string="Request",
        check_company=True,
    )
    partner_id = fields.Many2one("res.partner", index="btree_not_null")
    visitor_name = fields.Char()
    company_id = fields.Many2one(related="service_id.company_id", store=True)
    kind = fields.Selection(
        [("walkin", "Walk-in"), ("booking", "Booking")],
        required=True,
        default="walkin",
    )
    state = fields.Selection(
        TICKET_STATES, required=True, default="waiting", index=True
    )
    date = fields.Date(
        string="Queue Day",
        required=True,
        index=True,
        default=lambda self: self._kel_today(),
    )
    checkin_date = fields.Datetime(string="Check-in", index=True)
    called_date = fields.Datetime(string="Called", help="First call.")
    last_called_date = fields.Datetime(string="Last Call")
    served_date = fields.Datetime(string="Served")
    recall_count = fields.Integer(readonly=True)
    wait_minutes = fields.Float(
        compute="_compute_minutes", store=True, aggregator="avg", digits=(10, 1)
    )
    # exact to the second (minutes are stored to 0.1: a 2-second wait became 0.0)
    wait_seconds = fields.Integer(compute="_compute_minutes", store=True)
    service_minutes = fields.Float(
        compute="_compute_minutes", store=True, aggregator="avg", digits=(10, 1)
    )
    reminder_sent = fields.Boolean(readonly=True)
    people_ahead = fields.Integer(compute="_compute_people_ahead")

    _sql_constraints = [  # noqa: RUF012
        (
            "number_uniq",
            "unique(service_id, date, is_priority, sequence)",
            "A queue number is given once per service and day.",
        )
    ]

    @api.constrains("slot_id")
    def _check_slot_office_open(self):
        """A booking is never made for a day the office is closed (a slot made
        before its day became a public holiday). Bookings made earlier stay."""
        self.slot_id._kel_check_office_open()

    @api.model
    def _kel_today(self):
        """Today in the office's time zone (``res.company._kel_today``)."""
        return self.env.company._kel_today()

    @api.depends("checkin_date", "called_date", "served_date")
    def _compute_minutes(self):
        for ticket in self:
            ticket.wait_seconds = (
                round((ticket.called_date - ticket.checkin_date).total_seconds())
                if ticket.called_date and ticket.checkin_date
                else 0
            )
            ticket.wait_minutes = ticket.wait_seconds / 60
            ticket.service_minutes = (
                (ticket.served_date - ticket.called_date).total_seconds() / 60
                if ticket.served_date and ticket.called_date
                else 0.0
            )

    def _compute_people_ahead(self):
        for ticket in self:
            if ticket.state != "waiting":
                ticket.people_ahead = 0
                continue
            # sudo: a count only, shown to the holder of the ticket.
            ticket.people_ahead = (
                self.sudo().search_count(
                    [
                        ("state", "=", "waiting"),
                        ("date", "=", ticket.date),
                        ("service_id", "=", ticket.service_id.id),
                        ("checkin_date", "<", ticket.checkin_date),
                    ]
                )
                if ticket.checkin_date
                else 0
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/antrian/tiket/{ticket.id}"
        return res

    @api.model_create_multi
    def create(self, vals_list):
        last_numbers = {}  # (service id, day, priority) → last number in this batch
        for vals in vals_list:
            if vals.get("state", "waiting") == "waiting" and not vals.get(
                "checkin_date"
            ):
                vals["checkin_date"] = fields.Datetime.now()
            if not vals.get("name"):
                service = self.env["kelurahan.service"].browse(vals["service_id"])
                date = fields.Date.to_date(vals.get("date")) or self._kel_today()
                key = (service.id, date, bool(vals.get("priority_reason")))
                if key not in last_numbers:
                    last_numbers[key] = self._kel_last_sequence(service, date, key[2])
                last_numbers[key] += 1
                vals["date"] = date
                vals["sequence"] = last_numbers[key]
                prefix = self._kel_number_prefix(service, vals)
                vals["name"] = f"{prefix}{vals['sequence']:03d}"
        return super().create(vals_list)

    @api.model
    def _kel_number_prefix(self, service, vals):
        """Letters printed before the number (priority numbers add theirs)."""
        return service.queue_prefix.upper()

    @api.model
    def _kel_last_sequence(self, service, date, priority=False):
        """Last number given for the service that day (regular and priority
        numbers are counted apart). Writing the service row first
        makes concurrent issuers conflict: under Odoo's REPEATABLE READ isolation the
        later one fails with a serialisation error and is retried on fresh data
        (which the HTTP layer does), so two kiosks never hand out the same number."""
        self.env.cr.execute(
            SQL("UPDATE kelurahan_service SET id = id WHERE id = %s", service.id),
            log_exceptions=False,
        )
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(MAX(sequence), 0) FROM kelurahan_queue_ticket "
                "WHERE service_id = %s AND date = %s AND is_priority IS %s",
                service.id,
                date,
                bool(priority),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _kel_issue_walkin(self, service, partner=None, visitor_name=None, **values):
        return self.create(
            {
                **values,
                "service_id": service.id,
                "partner_id": partner.id if partner else False,
                "visitor_name": visitor_name,
                "kind": "walkin",
                "state": "waiting",
                "checkin_date": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------ steps
    def _kel_check_state(self, allowed, message):
        for ticket in self:
            if ticket.state not in allowed:
                raise UserError(message % {"number": ticket.name})

    def action_checkin(self):
        for ticket in self:
            if ticket.state == "waiting" or ticket.checkin_date:
                raise UserError(
                    self.env._(
                        "Number %(number)s has already checked in.", number=ticket.name
                    )
                )
            if ticket.state != "booked":
                raise UserError(
                    self.env._(
                        "Number %(number)s cannot check in any more.",
                        number=ticket.name,
                    )
                )
            if ticket.date != self._kel_today():
                raise UserError(
                    self.env._(
                        "Number %(number)s is booked for another day.",
                        number=ticket.name,
                    )
                )
        self.write({"state": "waiting", "checkin_date": fields.Datetime.now()})

    def action_cancel(self):
        self._kel_check_state(
            ("booked",),
            self.env._("Only a booking can be cancelled (%(number)s)."),
        )
        self.write({"state": "cancelled"})

    def _kel_call(self, counter):
        self.ensure_one()
        self._kel_check_state(
            ("waiting",), self.env._("Number %(number)s is not waiting.")
        )
        now = fields.Datetime.now()
        self.write(
            {
                "state": "called",
                "counter_id": counter.id,
                "called_date": self.called_date or now,  # first call
                "last_called_date": now,
            }
        )

    def action_recall(self):
        self._kel_check_state(
            ("called",), self.env._("Number %(number)s is not being called.")
        )
        for ticket in self:
            ticket.write(
                {
                    "recall_count": ticket.recall_count + 1,
                    "last_called_date": fields.Datetime.now(),
                }
            )

    def action_no_show(self):
        self._kel_check_state(
            ("called", "waiting"),
            self.env._("Number %(number)s cannot be marked as no-show."),
        )
        self.write({"state": "no_show"})

    def action_served(self):
        self._kel_check_state(
            ("called",), self.env._("Number %(number)s has not been called.")
        )
        self.write({"state": "served", "served_date": fields.Datetime.now()})
        self._kel_on_served()

    def _kel_on_served(self):
        """Hook called when visitors are served (the survey addon invites)."""
        return True

    def _kel_phone_url(self):
        """Address of the ticket page (with its access token) for the visitor's
        phone, printed as a QR code on the ticket."""
        self.ensure_one()
        # sudo: printing a ticket may create its access token.
        return self.get_base_url() + self.sudo().get_portal_url()

    def _kel_phone_qr(self):
        return kel_qr.data_uri(self._kel_phone_url(), box_size=4)

    def action_print(self):
        # Our own letterhead: no prompt to configure the company document layout.
        report = self.env.ref("kelurahan_service.action_report_queue_ticket")
        return report.with_context(discard_logo_check=True).report_action(self)

    # ------------------------------------------------------------------ reminders
    @api.model
    def _cron_send_reminders(self):
        """Remind residents of tomorrow's bookings (once)."""
        tomorrow = self._kel_today() + datetime.timedelta(days=1)
        tickets = self.search(
            [
                ("state", "=", "booked"),
                ("date", "=", tomorrow),
                ("reminder_sent", "=", False),
                ("partner_id", "!=", False),
            ]
        )
        for ticket in tickets:
            lang = ticket.partner_id.lang or "id_ID"
            body = ticket.with_context(lang=lang).env._(
                "Reminder: your queue number %(number)s for %(service)s is booked for "
                "%(slot)s. Check in at the office when you arrive.",
                number=ticket.name,
                service=ticket.service_id.with_context(lang=lang).name,
                slot=ticket.slot_id._kel_local_label() if ticket.slot_id else "",
            )
            ticket.partner_id.message_post(
                body=body,
                partner_ids=ticket.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
        tickets.write({"reminder_sent": True})
        return tickets
