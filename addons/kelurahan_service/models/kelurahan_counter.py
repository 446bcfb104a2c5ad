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
        """Numbers this counter may call: waiting for one of its services and not
        sent to another counter, or transferred to this one."""
        return [
            ("state", "=", "waiting"),
            ("date", "=", today),
            "|",
            ("transfer_counter_id", "=", self.id),
            "&",
            ("service_id", "in", self.service_ids.ids),
            ("transfer_counter_id", "=", False),
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

    def _kel_priority_streak_done(self, today):
        """True when the last ``_kel_priority_streak`` calls here were all
        priority numbers: the next call goes to a regular visitor (fairness)."""
        Ticket = self.env["kelurahan.queue.ticket"]
        streak = Ticket._kel_priority_streak
        last = Ticket.search(
            [
                ("counter_id", "=", self.id),
                ("date", "=", today),
                ("called_date", "!=", False),
            ],
            order="last_called_date desc, id desc",
            limit=streak,
        )
        return len(last) == streak and all(last.mapped("is_priority"))

    def _kel_next_ticket(self):
        """The next number in call order (see models/kelurahan_queue_ticket_call.py)
        locked for this transaction, or an empty recordset. The row lock (SKIP
        LOCKED) lets two counters call at once without both getting the same
        visitor."""
        Ticket = self.env["kelurahan.queue.ticket"]
        today = Ticket._kel_today()
        # One query over every waiting number this officer may call (their record
        # rules apply through _search), in call order.
        waiting = Ticket._search(self._kel_waiting_domain(today))
        regular_first = self._kel_priority_streak_done(today)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM kelurahan_queue_ticket WHERE id IN %s "
                "AND state = 'waiting' ORDER BY "
                "transfer_counter_id IS NOT NULL DESC, "
                "(is_priority IS TRUE) = %s, checkin_date, id "
                "LIMIT 1 FOR UPDATE SKIP LOCKED",
                waiting.subselect(),
                regular_first,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return Ticket
        ticket = Ticket.browse(row[0])
        ticket.invalidate_recordset(["state"])
        return ticket

    def action_call_next(self):
        """Call the next visitor (``_kel_next_ticket``); with nobody waiting, a
        calm note on screen rather than an error."""
        self.ensure_one()
        self.check_access("write")
        self._kel_check_free()
        ticket = self._kel_next_ticket()
        if not ticket:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "title": self.env._("Queue empty"),
                    "message": self.env._(
                        "Nobody is waiting for this counter. New numbers appear "
                        "here as soon as they are issued."
                    ),
                    "sticky": False,
                },
            }
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
        self.check_access("write")
        current = self._kel_current_ticket()
        if not current:
            raise UserError(self.env._("No number is being served at this counter."))
        return current

    def action_recall(self):
        self._kel_current_or_raise().action_recall()

    def action_serve(self):
        self._kel_current_or_raise().action_served()

    def action_no_show(self):
        """Skip: the visitor did not come after the calls."""
        self._kel_current_or_raise().action_no_show()

    def action_transfer(self):
        """Choose the counter the number being served goes to."""
        current = self._kel_current_or_raise()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer %(number)s", number=current.name),
            "res_model": "kelurahan.queue.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": current.id},
        }

    def action_issue_walkin(self):
        """Issue a walk-in number here: the officer picks the service (and a
        priority reason), sees the number large and prints it."""
        self.ensure_one()
        self.check_access("write")
        if not self.service_ids:
            raise UserError(self.env._("This counter serves no service."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Walk-in number"),
            "res_model": "kelurahan.queue.walkin",
            "view_mode": "form",
            "target": "new",
            "context": {"default_counter_id": self.id},
        }
