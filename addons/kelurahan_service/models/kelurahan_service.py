# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KelurahanService(models.Model):
    """An administrative service of the office (catalogue entry)."""

    _name = "kelurahan.service"
    _description = "Administrative Service"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short code of the service, e.g. SKD for domicile."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    description = fields.Text(translate=True)
    requirement_ids = fields.One2many(
        "kelurahan.service.requirement", "service_id", string="Requirements"
    )
    target_days = fields.Integer(
        default=3, help="Working days the office promises to finish a request."
    )
    fee = fields.Float(help="Fee in rupiah; most services are free.")
    needs_appointment = fields.Boolean(
        help="Residents must come to the office: they book a queue slot."
    )
    counter_ids = fields.Many2many(
        "kelurahan.counter",
        "kelurahan_counter_service_rel",
        "service_id",
        "counter_id",
        string="Counters",
        help="Counters that serve it.",
    )
    queue_prefix = fields.Char(
        required=True,
        default="A",
        size=2,
        help="Letter printed before walk-in queue numbers (A001, B001…).",
    )
    slot_minutes = fields.Integer(default=30, string="Slot Length (minutes)")
    slot_capacity = fields.Integer(default=4, help="Visitors per slot.")
    letter_code = fields.Char(
        string="Classification Code",
        default="470",
        help="Archive classification code printed in the letter number.",
    )
    letter_title = fields.Char(translate=True, help="Title printed on the letter.")
    letter_body = fields.Text(
        translate=True,
        help="Statement of the letter, printed after the applicant's data.",
    )
    request_count = fields.Integer(compute="_compute_request_count")

    _sql_constraints = [  # noqa: RUF012
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The service code must be unique.",
        ),
        ("target_days_positive", "CHECK(target_days >= 0)", "Days cannot be < 0."),
        (
            "slot_positive",
            "CHECK(slot_minutes > 0 AND slot_capacity > 0)",
            "Slot length and capacity must be positive.",
        ),
    ]

    def _compute_request_count(self):
        groups = self.env["kelurahan.service.request"]._read_group(
            [("service_id", "in", self.ids)], ["service_id"], ["__count"]
        )
        counts = {service.id: count for service, count in groups}
        for service in self:
            service.request_count = counts.get(service.id, 0)

    @api.constrains("queue_prefix")
    def _check_queue_prefix(self):
        for service in self:
            if not (service.queue_prefix or "").isalpha():
                raise ValidationError(
                    self.env._("The queue prefix must be one or two letters.")
                )

    def _generate_slots(self, date_from=None, days=14, start_hour=8, end_hour=15):
        """Create the missing booking slots of appointment services on the days the
        office is open by its calendar (no weekends, no public holidays; office
        hours in the office's time zone). Free slots on a day that has become a
        holiday since they were made are deleted; booked ones are kept. Returns the
        new slots."""
        date_from = date_from or self.env.company._kel_today()
        Slot = self.env["kelurahan.queue.slot"]
        vals_list = []
        last_day = date_from + datetime.timedelta(days=days - 1)
        closed_by_company = {}
        for service in self.filtered("needs_appointment"):
            if service.company_id not in closed_by_company:
                closed_by_company[service.company_id] = (
                    service.company_id._kel_closed_days(date_from, last_day)
                )
            closed = closed_by_company[service.company_id]
            tz = service.company_id._kel_tz()
            service._kel_drop_free_slots(closed)
            existing = set(
                Slot.search(
                    [
                        ("service_id", "=", service.id),
                        ("date", ">=", date_from),
                        ("date", "<", date_from + datetime.timedelta(days=days)),
                    ]
                ).mapped("date_start")
            )
            for offset in range(days):
                day = date_from + datetime.timedelta(days=offset)
                if day in closed:
                    continue
                local = tz.localize(
                    datetime.datetime.combine(day, datetime.time(start_hour))
                )
                end = tz.localize(
                    datetime.datetime.combine(day, datetime.time(end_hour))
                )
                step = datetime.timedelta(minutes=service.slot_minutes)
                while local + step <= end:
                    start_utc = local.astimezone(pytz.utc).replace(tzinfo=None)
                    if start_utc not in existing:
                        vals_list.append(
                            {
                                "service_id": service.id,
                                "date_start": start_utc,
                                "date_end": start_utc + step,
                                "capacity": service.slot_capacity,
                            }
                        )
                    local += step
        return Slot.create(vals_list)

    def _kel_drop_free_slots(self, days):
        """Delete the future slots of the service on ``days`` that nobody booked
        (a day that became a holiday after its slots were made). Slots with a
        booking stay: the office contacts those residents."""
        self.ensure_one()
        if not days:
            return
        slots = self.env["kelurahan.queue.slot"].search(
            [
                ("service_id", "=", self.id),
                ("date", "in", list(days)),
                ("date_start", ">", fields.Datetime.now()),
            ]
        )
        slots.filtered(
            lambda slot: not slot.ticket_ids.filtered(
                lambda ticket: ticket.state != "cancelled"
            )
        ).unlink()

    @api.model
    def _cron_generate_slots(self):
        self.search([("needs_appointment", "=", True)])._generate_slots()

    @api.constrains("company_id")
    def _check_requests_stay(self):
        """A service cannot move to another kelurahan while requests of its own
        kelurahan use it. sudo: counts only."""
        Request = self.env["kelurahan.service.request"].sudo()
        for service in self:
            if Request.search_count(
                [
                    ("service_id", "=", service.id),
                    ("company_id", "!=", service.company_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(service)s has requests in its kelurahan: it cannot be "
                        "moved to another one.",
                        service=service.display_name,
                    )
                )
