# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# Upcoming bookings one resident may hold at once (a place for each of a few
# errands), so that a few accounts cannot take every place of the coming days.
MAX_OPEN_BOOKINGS = 3


class KelurahanQueueSlot(models.Model):
    """A bookable time slot of a service, with a capacity."""

    _name = "kelurahan.queue.slot"
    _check_company_auto = True
    _description = "Queue Booking Slot"
    _order = "date_start, service_id"
    _rec_name = "date_start"

    service_id = fields.Many2one(
        "kelurahan.service", required=True, ondelete="cascade", index=True
    )
    counter_id = fields.Many2one(
        "kelurahan.counter", index="btree_not_null", check_company=True
    )
    company_id = fields.Many2one(related="service_id.company_id", store=True)
    date_start = fields.Datetime(required=True, index=True)
    date_end = fields.Datetime(required=True)
    date = fields.Date(compute="_compute_date", store=True, index=True)
    capacity = fields.Integer(required=True, default=4)
    ticket_ids = fields.One2many("kelurahan.queue.ticket", "slot_id")
    booked_count = fields.Integer(compute="_compute_booked_count")
    available = fields.Integer(compute="_compute_booked_count")

    _sql_constraints = [  # noqa: RUF012
        ("capacity_positive", "CHECK(capacity > 0)", "Capacity must be positive."),
        (
            "dates_order",
            "CHECK(date_end > date_start)",
            "The slot ends after it starts.",
        ),
        (
            "slot_uniq",
            "unique(service_id, counter_id, date_start)",
            "This slot already exists.",
        ),
    ]

    @api.depends("date_start")
    def _compute_date(self):
        for slot in self:
            company = slot.company_id or self.env.company
            slot.date = (
                company._kel_to_local(slot.date_start).date()
                if slot.date_start
                else False
            )

    @api.depends("ticket_ids.state", "capacity")
    def _compute_booked_count(self):
        for slot in self:
            slot.booked_count = len(
                slot.ticket_ids.filtered(lambda t: t.state != "cancelled")
            )
            slot.available = max(slot.capacity - slot.booked_count, 0)

    @api.constrains("date_start", "service_id")
    def _check_office_open(self):
        """No new bookable slot on a day the office is closed (weekend, public
        holiday). Past slots are history and are not checked."""
        now = fields.Datetime.now()
        self.filtered(lambda slot: slot.date_start > now)._kel_check_office_open()

    def _kel_closed_reasons(self):
        """``{slot id: reason}`` of the slots on a day the office is closed, the
        reason being the holiday's name or empty (a day without office hours).
        One calendar look-up per company over the slots' period."""
        reasons = {}
        for company in self.company_id:
            slots = self.filtered(lambda slot, c=company: slot.company_id == c)
            closed = company._kel_closed_days(
                min(slots.mapped("date")), max(slots.mapped("date"))
            )
            reasons.update(
                {slot.id: closed[slot.date] for slot in slots if slot.date in closed}
            )
        return reasons

    def _kel_check_office_open(self):
        reasons = self._kel_closed_reasons()
        for slot in self.filtered(lambda slot: slot.id in reasons):
            day = slot.date.strftime("%d/%m/%Y")
            if reasons[slot.id]:
                message = self.env._(
                    "The office is closed on %(date)s (%(holiday)s). "
                    "Please choose another day.",
                    date=day,
                    holiday=reasons[slot.id],
                )
            else:
                message = self.env._(
                    "The office is closed on %(date)s. Please choose another day.",
                    date=day,
                )
            raise ValidationError(message)

    def _kel_open_slots(self):
        """The slots that fall on days the office is open (booking page)."""
        reasons = self._kel_closed_reasons()
        return self.filtered(lambda slot: slot.id not in reasons)

    @api.model
    def _kel_free_slots(self, service):
        """The future slots of ``service`` with a free place, on open days (the
        booking page groups them by day)."""
        if not service:
            return self.browse()
        slots = self.search(
            [
                ("service_id", "=", service.id),
                ("date_start", ">", fields.Datetime.now()),
            ]
        )
        return slots.filtered(lambda s: s.available > 0)._kel_open_slots()

    def _kel_local_time(self):
        """Start–end time of the slot in the office's time zone (09:00–09:30)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        start = company._kel_to_local(self.date_start)
        end = company._kel_to_local(self.date_end)
        return f"{start:%H:%M}–{end:%H:%M}"

    def _kel_local_label(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        start = company._kel_to_local(self.date_start)
        return f"{start:%d/%m/%Y} {self._kel_local_time()}"

    def _kel_check_partner_bookings(self, partner):
        """One booking per service and day, and ``MAX_OPEN_BOOKINGS`` upcoming ones
        in all, per resident. The partner row is written first, as the slot row
        above: two bookings of the same resident at once are serialised."""
        self.env.cr.execute(
            SQL("UPDATE res_partner SET id = id WHERE id = %s", partner.id),
            log_exceptions=False,
        )
        self.env["kelurahan.queue.ticket"].flush_model(
            ["partner_id", "kind", "state", "service_id", "date"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT count(*), count(*) FILTER (
                       WHERE service_id = %(service)s AND date = %(date)s)
                   FROM kelurahan_queue_ticket
                   WHERE partner_id = %(partner)s AND kind = 'booking'
                     AND state = 'booked' AND date >= %(today)s""",
                service=self.service_id.id,
                date=self.date,
                partner=partner.id,
                today=(self.company_id or self.env.company)._kel_today(),
            )
        )
        upcoming, same_day = self.env.cr.fetchone()
        if same_day:
            raise UserError(
                self.env._(
                    "You already have a booking for this service on that day. Cancel "
                    "it first to choose another time."
                )
            )
        if upcoming >= MAX_OPEN_BOOKINGS:
            raise UserError(
                self.env._(
                    "You already have %(count)s upcoming bookings. Cancel one, or "
                    "come after your next visit, to book again.",
                    count=upcoming,
                )
            )

    def _kel_book(self, partner, visitor_name=None):
        """Book one place in the slot. The slot row is written before counting: a
        concurrent booking of the same slot waits for this transaction and then
        fails with a serialisation error (REPEATABLE READ), to be retried on fresh
        data by Odoo's request retry. So the count below is never stale and a slot
        is never overbooked."""
        self.ensure_one()
        if self.date_start <= fields.Datetime.now():
            raise UserError(
                self.env._("This slot has already started; choose another.")
            )
        # Checked before anything is written: callers (the portal) show the
        # message and go on with the same transaction.
        self._kel_check_office_open()
        self.env.cr.execute(
            SQL(
                "UPDATE kelurahan_queue_slot SET id = id WHERE id = %s "
                "RETURNING capacity",
                self.id,
            ),
            log_exceptions=False,
        )
        capacity = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            SQL(
                "SELECT partner_id FROM kelurahan_queue_ticket "
                "WHERE slot_id = %s AND state != 'cancelled'",
                self.id,
            )
        )
        rows = self.env.cr.fetchall()
        if partner and any(row[0] == partner.id for row in rows):
            raise UserError(self.env._("You have already booked this slot."))
        if partner:
            self._kel_check_partner_bookings(partner)
        if len(rows) >= capacity:
            raise UserError(self.env._("This slot is full; choose another time."))
        return self.env["kelurahan.queue.ticket"].create(
            {
                "service_id": self.service_id.id,
                "slot_id": self.id,
                "counter_id": self.counter_id.id,
                "partner_id": partner.id if partner else False,
                "visitor_name": visitor_name or (partner.name if partner else False),
                "kind": "booking",
                "state": "booked",
                "date": self.date,
            }
        )
