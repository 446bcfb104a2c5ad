# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class KelurahanCounter(models.Model):
    """A service counter (loket) and its calling screen."""

    _name = "kelurahan.counter"
    _check_company_auto = True
    _description = "Service Counter"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="Shown on the waiting-room display.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    service_ids = fields.Many2many(
        "kelurahan.service",
        "kelurahan_counter_service_rel",
        "counter_id",
        "service_id",
        string="Services",
        check_company=True,
    )
    user_id = fields.Many2one("res.users", string="Officer on Duty")
    current_ticket_id = fields.Many2one(
        "kelurahan.queue.ticket", compute="_compute_queue_state"
    )
    waiting_count = fields.Integer(compute="_compute_queue_state")

    def _compute_queue_state(self):
        Ticket = self.env["kelurahan.queue.ticket"]
        today = Ticket._kel_today()
        for counter in self:
            counter.current_ticket_id = counter._kel_current_ticket()
            counter.waiting_count = Ticket.search_count(
                counter._kel_waiting_domain(today)
            )

    def _kel_current_ticket(self):
        """The number being served at this counter now (searched, never cached)."""
        self.ensure_one()
        Ticket = self.env["kelurahan.queue.ticket"]
        return Ticket.search(
            [
                ("counter_id", "=", self.id),
                ("state", "=", "called"),
                ("date", "=", Ticket._kel_today()),
            ],
            order="called_date desc",
            limit=1,
        )

    def _kel_waiting_domain(self, today):
        return [
            ("state", "=", "waiting"),
            ("date", "=", today),
            ("service_id", "in", self.service_ids.ids),
        ]

    def _kel_check_free(self):
        current = self._kel_current_ticket()
        if current:
            raise UserError(
                self.env._(
                    "Number %(number)s is still at this counter: mark it served or "
                    "no-show first.",
                    number=current.name,
                )
            )

    def action_call_next(self):
        """Call the visitor who has waited longest for one of this counter's services.
        The row lock (SKIP LOCKED) lets two counters call at once without both
        getting the same visitor."""
        self.ensure_one()
        self._kel_check_free()
        Ticket = self.env["kelurahan.queue.ticket"]
        today = Ticket._kel_today()
        candidates = Ticket.search(
            self._kel_waiting_domain(today), order="checkin_date, id", limit=20
        )
        if not candidates:
            raise UserError(self.env._("Nobody is waiting for this counter."))
        self.env.cr.execute(
            SQL(
                "SELECT id FROM kelurahan_queue_ticket WHERE id IN %s AND state = "
                "'waiting' ORDER BY checkin_date, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                tuple(candidates.ids),
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(self.env._("Nobody is waiting for this counter."))
        ticket = Ticket.browse(row[0])
        ticket.invalidate_recordset(["state"])
        ticket._kel_call(self)
        return ticket

    def action_call(self, ticket):
        """Call a given number (e.g. a booked visitor) at this counter."""
        self.ensure_one()
        if ticket.service_id not in self.service_ids:
            raise UserError(
                self.env._(
                    "Number %(number)s is for %(service)s, which this counter does "
                    "not serve.",
                    number=ticket.name,
                    service=ticket.service_id.name,
                )
            )
        self._kel_check_free()
        ticket._kel_call(self)
        return ticket

    def _kel_current_or_raise(self):
        self.ensure_one()
        current = self._kel_current_ticket()
        if not current:
            raise UserError(self.env._("No number is being served at this counter."))
        return current

    def action_recall(self):
        self.ensure_one()
        self._kel_current_or_raise().action_recall()

    def action_serve(self):
        self.ensure_one()
        self._kel_current_or_raise().action_served()

    def action_no_show(self):
        self.ensure_one()
        self._kel_current_or_raise().action_no_show()

    def action_issue_walkin(self):
        """Issue a walk-in number for the counter's first service (the kiosk)."""
        self.ensure_one()
        if not self.service_ids:
            raise UserError(self.env._("This counter serves no service."))
        ticket = self.env["kelurahan.queue.ticket"]._kel_issue_walkin(
            self.service_ids[0]
        )
        return ticket.action_print()
