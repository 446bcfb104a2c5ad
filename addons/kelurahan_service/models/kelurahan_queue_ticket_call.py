# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The counter's side of a queue number: priority service, the private follow link
printed as a QR code, transfer to another counter and skipping (no-show).

Call order (``kelurahan.counter._kel_next_ticket``), documented in readme/USAGE.md:

1. a number transferred to this counter comes first (its visitor already waited);
2. then priority numbers (disability, elderly, pregnant: the Ombudsman's findings on
   public service), in check-in order;
3. but after ``PRIORITY_STREAK`` (3) priority calls in a row at a counter, the
   longest-waiting regular number is called, so regular visitors are never starved
   when many priority visitors come;
4. otherwise regular numbers in check-in order."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kelurahan_crm.models.kelurahan_complaint_privacy import (
    new_track_token,
)

OFFICER = "kelurahan_crm.group_kelurahan_officer"
PRIORITY_PREFIX = "P"
PRIORITY_STREAK = 3
PRIORITY_REASONS = [
    ("disability", "Disability"),
    ("elderly", "Elderly"),
    ("pregnant", "Pregnant"),
]


class KelurahanQueueTicket(models.Model):
    _inherit = "kelurahan.queue.ticket"
    _kel_priority_streak = PRIORITY_STREAK

    priority_reason = fields.Selection(
        PRIORITY_REASONS,
        string="Priority",
        help="Set by the officer: residents with disabilities, elderly and pregnant "
        "residents get a priority number (prefix P), called before regular ones.",
    )
    # Set once, with the number: a priority number keeps its place in the order.
    is_priority = fields.Boolean(default=False, readonly=True, copy=False, index=True)
    kel_follow_token = fields.Char(
        string="Follow token",
        groups=OFFICER,
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Proof of access of the printed QR link: it shows the number, its "
        "position and the number being served, nothing else.",
    )
    transfer_counter_id = fields.Many2one(
        "kelurahan.counter",
        string="Transferred to",
        index="btree_not_null",
        readonly=True,
        check_company=True,
    )
    transfer_count = fields.Integer(readonly=True)
    no_show_date = fields.Datetime(string="Skipped", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["is_priority"] = bool(vals.get("priority_reason"))
        return super().create(vals_list)

    def _kel_number_prefix(self, service, vals):
        prefix = super()._kel_number_prefix(service, vals)
        return PRIORITY_PREFIX + prefix if vals.get("priority_reason") else prefix

    def _kel_ahead_domain(self):
        """Waiting numbers called before this one (priority ones go first)."""
        self.ensure_one()
        domain = [
            ("state", "=", "waiting"),
            ("date", "=", self.date),
            ("service_id", "=", self.service_id.id),
        ]
        # Same order as the counter's call: check-in time, then number of issue.
        earlier = [
            "|",
            ("checkin_date", "<", self.checkin_date),
            "&",
            ("checkin_date", "=", self.checkin_date),
            ("id", "<", self.id),
        ]
        if self.is_priority:
            return [*domain, ("is_priority", "=", True), *earlier]
        return [*domain, "|", ("is_priority", "=", True), *earlier]

    def _compute_people_ahead(self):
        for ticket in self:
            # sudo: a count only, shown to the holder of the ticket.
            ticket.people_ahead = (
                self.sudo().search_count(ticket._kel_ahead_domain())
                if ticket.state == "waiting" and ticket.checkin_date
                else 0
            )

    # ------------------------------------------------------------------ steps
    def action_no_show(self):
        self.check_access("write")
        res = super().action_no_show()
        self.write({"no_show_date": fields.Datetime.now()})
        return res

    def action_recall(self):
        self.check_access("write")
        return super().action_recall()

    def _kel_transfer(self, counter):
        """Send the number being served to ``counter`` (another service step):
        it waits again, first in that counter's queue; its first call and
        check-in stay, so its waiting time is not counted twice."""
        self.ensure_one()
        self.check_access("write")
        counter.check_access("read")
        self._kel_check_state(
            ("called",), self.env._("Number %(number)s is not being called.")
        )
        if counter == self.counter_id:
            raise UserError(
                self.env._("Choose another counter than the one serving the number.")
            )
        self.write(
            {
                "state": "waiting",
                "transfer_counter_id": counter.id,
                "transfer_count": self.transfer_count + 1,
            }
        )

    # ------------------------------------------------------------------ follow link
    def _kel_follow_url(self):
        """The private, view-only address of the number (QR code on the ticket).
        The token is made when first needed (no column default: Odoo would give
        existing rows one shared value)."""
        self.ensure_one()
        # sudo: the follow token is officers-only; printing a ticket reads it.
        ticket = self.sudo()
        if not ticket.kel_follow_token:
            ticket.kel_follow_token = new_track_token()
        return f"{ticket.get_base_url()}/antrian/ikuti/{ticket.kel_follow_token}"

    def _kel_phone_url(self):
        return self._kel_follow_url()

    def _kel_print_url(self, width):
        self.ensure_one()
        return f"/antrian/cetak/{self.id}?lebar={width}"

    def _kel_issued_label(self):
        """Date and time the number was issued, office time (printed ticket)."""
        self.ensure_one()
        moment = self.company_id._kel_to_local(self.checkin_date or self.create_date)
        return f"{moment:%d/%m/%Y %H:%M}" if moment else ""

    def _kel_public_status(self):
        """What the follow link shows (no names): number, service, state, position
        and the numbers being served for the service."""
        self.ensure_one()
        # sudo: numbers and counter names of the office only.
        Counter = self.env["kelurahan.counter"].sudo()
        counters = Counter.search(
            [
                ("company_id", "=", self.company_id.id),
                ("service_ids", "in", self.service_id.ids),
            ]
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        return {
            "number": self.name,
            "service": self.service_id.name,
            "state": self.state,
            "state_label": states[self.state],
            "people_ahead": self.people_ahead,
            "counter": self.counter_id.name if self.state == "called" else "",
            "serving": [
                {"counter": c.name, "number": c._kel_current_ticket().name or "-"}
                for c in counters
            ],
        }
