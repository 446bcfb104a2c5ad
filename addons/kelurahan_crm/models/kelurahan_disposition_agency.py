# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dispositions answered by the agency itself (collaborative CRM).

The agency's contacts get the disposition by e-mail (and the text channels of
channel addons) with a link to /my/disposisi/<id>, behind a login. They accept it,
reject it with a reason (back to the kelurahan), add progress notes and photos and
mark it done with a result. The due date comes from the agency's target for the
complaint's category, on the office calendar, fixed when sent. A scheduled job
reminds the agency a working day before the due date and escalates an overdue
disposition to the Lurah, each once. A disposition re-sent or moved to another
agency is withdrawn (its link then says so) and replaced by a new one that keeps
the old one in ``previous_id``.

The complaint follows its dispositions: Disposisi / Koordinasi while any is open;
when none is open any more it goes back to the kelurahan (Dalam Proses) with an
activity for the officer who sent the disposition, to verify and close."""

from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .kelurahan_agency_contact import AGENCY_GROUP

OPEN_DISPOSITION_STATES = ("sent", "accepted", "overdue")


class KelurahanDisposition(models.Model):
    _inherit = "kelurahan.disposition"

    state = fields.Selection(
        selection_add=[
            ("accepted", "Accepted by the agency"),
            ("rejected", "Rejected by the agency"),
            ("cancelled", "Withdrawn"),
        ],
        ondelete={
            "accepted": "set null",
            "rejected": "set null",
            "cancelled": "set null",
        },
    )
    ticket_number = fields.Char(related="ticket_id.number", string="Complaint number")
    date_accepted = fields.Datetime(string="Accepted on", readonly=True, copy=False)
    date_rejected = fields.Datetime(string="Rejected on", readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False)
    date_cancelled = fields.Datetime(string="Withdrawn on", readonly=True, copy=False)
    cancel_reason = fields.Char(string="Withdrawn because", readonly=True, copy=False)
    previous_id = fields.Many2one(
        "kelurahan.disposition",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The disposition this one re-sends or moves to another agency.",
    )
    update_ids = fields.One2many(
        "kelurahan.disposition.update", "disposition_id", string="Agency answers"
    )
    date_remind = fields.Datetime(
        string="Reminder on",
        compute="_compute_date_remind",
        store=True,
        help="One working day before the due date: the agency is reminded then.",
    )
    date_reminded = fields.Datetime(readonly=True, copy=False)
    date_escalated = fields.Datetime(readonly=True, copy=False)
    response_days_taken = fields.Float(
        string="Response (working days)",
        compute="_compute_response_figures",
        store=True,
        help="Working days from sending to the agency's first answer.",
    )
    is_answered = fields.Boolean(
        string="Answered by the agency",
        compute="_compute_response_figures",
        store=True,
    )
    is_within_target = fields.Boolean(
        string="Done within target",
        compute="_compute_response_figures",
        store=True,
    )

    kel_url = fields.Char(string="Agency link", compute="_compute_kel_url")
    due_text = fields.Char(string="Due (office time)", compute="_compute_due_text")

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------

    def _compute_kel_url(self):
        for disposition in self:
            disposition.kel_url = (
                disposition._kel_url()
                if disposition.id and disposition.ticket_id
                else ""
            )

    def _compute_due_text(self):
        for disposition in self:
            company = disposition.company_id or self.env.company
            local = company._kel_to_local(disposition.date_due)
            disposition.due_text = local.strftime("%d-%m-%Y %H:%M") if local else ""

    @api.depends("agency_id", "date_sent")
    def _compute_date_due(self):
        """The agency's target for the complaint's category (see
        ``kelurahan.agency._kel_target_days``), from when it is sent."""
        for disposition in self:
            days = (
                disposition.agency_id._kel_target_days(
                    disposition.ticket_id.category_id
                )
                if disposition.agency_id
                else 0
            )
            if not (days and disposition.date_sent and disposition.ticket_id):
                disposition.date_due = False
                continue
            disposition.date_due = disposition.ticket_id._kel_plan_days(
                disposition.date_sent, days
            )

    @api.depends("date_due")
    def _compute_date_remind(self):
        for disposition in self:
            remind = False
            if disposition.date_due and disposition.ticket_id:
                # One working day back from the due date (office calendar).
                remind = disposition.ticket_id._kel_plan_days(disposition.date_due, -1)
                remind = max(remind or disposition.date_sent, disposition.date_sent)
            disposition.date_remind = remind

    @api.depends(
        "date_due", "date_done", "date_accepted", "date_rejected", "date_cancelled"
    )
    def _compute_state(self):
        now = fields.Datetime.now()
        for disposition in self:
            if disposition.date_cancelled:
                disposition.state = "cancelled"
            elif disposition.date_done:
                disposition.state = "done"
            elif disposition.date_rejected:
                disposition.state = "rejected"
            elif disposition.date_due and disposition.date_due < now:
                disposition.state = "overdue"
            elif disposition.date_accepted:
                disposition.state = "accepted"
            else:
                disposition.state = "sent"

    @api.depends("date_sent", "date_due", "date_accepted", "date_rejected", "date_done")
    def _compute_response_figures(self):
        for disposition in self:
            answers = [
                d
                for d in (
                    disposition.date_accepted,
                    disposition.date_rejected,
                    disposition.date_done,
                )
                if d
            ]
            taken = 0.0
            if answers and disposition.ticket_id and disposition.date_sent:
                ticket = disposition.ticket_id
                hours = ticket._kel_working_hours(disposition.date_sent, min(answers))
                taken = round(hours / (ticket._kel_calendar().hours_per_day or 8.0), 2)
            disposition.response_days_taken = taken
            disposition.is_answered = bool(answers)
            disposition.is_within_target = bool(
                disposition.date_done
                and (
                    not disposition.date_due
                    or disposition.date_done <= disposition.date_due
                )
            )

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        dispositions = super().create(vals_list)
        dispositions.filtered(lambda d: d.state == "sent")._kel_notify_agency()
        return dispositions

    def _kel_is_open(self):
        self.ensure_one()
        return self.state in OPEN_DISPOSITION_STATES

    def _kel_url(self):
        self.ensure_one()
        return f"{self.ticket_id.get_base_url()}/my/disposisi/{self.id}"

    def _kel_notify_agency(self, kind="sent"):
        """E-mail the agency's contacts (and their text channels, see
        ``_kel_agency_send_text``) about each disposition: sent or reminder.
        Data loading may pass ``kel_no_notify``, honoured in a superuser
        environment only (no RPC caller has one)."""
        if self.env.su and self.env.context.get("kel_no_notify"):
            return
        template = self.env.ref(
            "kelurahan_crm.mail_template_disposition_sent"
            if kind == "sent"
            else "kelurahan_crm.mail_template_disposition_reminder"
        )
        for disposition in self:
            # sudo: the contacts of an agency are portal users the officer cannot
            # read; only their partners are used, as recipients.
            partners = (
                disposition.sudo()
                .agency_id.contact_user_ids.filtered("active")
                .partner_id
            )
            if partners:
                # sudo: mail.mail is a system queue; the message goes to the
                # agency's own contacts and names no reporter.
                template.sudo().send_mail(
                    disposition.id,
                    email_values={"recipient_ids": [fields.Command.set(partners.ids)]},
                )
            disposition._kel_agency_send_text(
                self.env._(
                    "Disposition of complaint %(number)s for %(agency)s: %(url)s",
                    number=disposition.ticket_id.number,
                    agency=disposition.agency_id.name,
                    url=disposition._kel_url(),
                )
            )

    def _kel_agency_send_text(self, text):
        """Send ``text`` to the agency's contacts on text channels; channel addons
        (kelurahan_whatsapp) extend it with ``super()``. Returns what was queued."""
        return []

    def _kel_replace(self, agency, reason):
        """Withdraw these dispositions and send new ones (to ``agency``, or each to
        its own agency again): history kept through ``previous_id``."""
        self.check_access("write")
        open_ones = self.filtered(lambda d: d.state != "done")
        if open_ones != self:
            raise UserError(self.env._("A disposition already done cannot be re-sent."))
        now = fields.Datetime.now()
        vals_list = []
        for disposition in self:
            vals_list.append(
                {
                    "ticket_id": disposition.ticket_id.id,
                    "agency_id": (agency or disposition.agency_id).id,
                    "note": disposition.note,
                    "previous_id": disposition.id,
                    "date_sent": now,
                }
            )
        self.write({"date_cancelled": now, "cancel_reason": reason})
        return self.create(vals_list)

    def action_resend(self):
        return self._kel_replace(False, self.env._("Re-sent"))

    def action_move(self, agency):
        agency = self.env["kelurahan.agency"].browse(agency)
        return self._kel_replace(
            agency,
            self.env._("Moved to %(agency)s", agency=agency.name),
        )

    def action_cancel(self):
        self.check_access("write")
        self.filtered(lambda d: d._kel_is_open() or d.state == "rejected").write(
            {
                "date_cancelled": fields.Datetime.now(),
                "cancel_reason": self.env._("Withdrawn by the kelurahan"),
            }
        )
        self.ticket_id._kel_follow_dispositions()

    # ------------------------------------------------------------------
    # The agency's answers
    # ------------------------------------------------------------------

    def _kel_check_agency_user(self, user):
        """Refuse ``user`` answering this disposition unless they are a contact of
        its agency and it is open (accepted, sent or overdue)."""
        self.ensure_one()
        if not (user.has_group(AGENCY_GROUP) and user._kel_agency() == self.agency_id):
            raise UserError(self.env._("This disposition was not sent to your agency."))

    def _kel_agency_answer(self, user, kind, note="", photos=None):
        """Record the agency's answer ``kind`` (accept, reject, progress, done) by
        ``user`` (checked: a contact of this disposition's agency). ``photos`` are
        prepared by ``tools.image_upload``. Raises UserError before writing."""
        self.ensure_one()
        self._kel_check_agency_user(user)
        env = self.env
        if self.state == "cancelled":
            raise UserError(
                env._(
                    "This disposition was withdrawn or moved to another agency: "
                    "nothing was saved."
                )
            )
        if self.state in ("done", "rejected"):
            raise UserError(
                env._("This disposition is already closed: nothing was saved.")
            )
        if kind in ("reject", "done") and not note:
            raise UserError(
                env._("Write the reason.")
                if kind == "reject"
                else env._("Write the result.")
            )
        if kind == "accept" and self.date_accepted:
            raise UserError(env._("This disposition is already accepted."))
        now = fields.Datetime.now()
        record = self.sudo()
        attachments = env["ir.attachment"]
        if photos:
            attachments = attachments.sudo().create(
                [
                    {
                        "name": photo["name"],
                        "raw": photo["raw"],
                        "mimetype": photo["mimetype"],
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for photo in photos
                ]
            )
        record.env["kelurahan.disposition.update"].create(
            {
                "disposition_id": self.id,
                "kind": kind,
                "note": note,
                "date": now,
                "user_id": user.id,
                "attachment_ids": [fields.Command.set(attachments.ids)],
            }
        )
        vals = {}
        if kind == "accept":
            vals = {"date_accepted": now}
        elif kind == "reject":
            vals = {"date_rejected": now, "reject_reason": note}
        elif kind == "done":
            vals = {"date_done": now, "response": note}
            if not self.date_accepted:
                vals["date_accepted"] = now
        if vals:
            record.write(vals)
        record.ticket_id._kel_note_agency(self, kind, note)
        record.ticket_id._kel_follow_dispositions()
        return True

    # ------------------------------------------------------------------
    # Reminder and escalation (scheduled job)
    # ------------------------------------------------------------------

    def _cron_refresh_overdue(self):
        late = self.search(
            [
                ("state", "in", ("sent", "accepted")),
                ("date_due", "<", fields.Datetime.now()),
            ]
        )
        late._compute_state()
        return late

    @api.model
    def _cron_kel_agency(self):
        """Remind agencies a working day before the due date and escalate the
        overdue dispositions to the Lurah, each once. One query per set."""
        now = fields.Datetime.now()
        self._cron_refresh_overdue()
        self.env.flush_all()
        to_remind = self.search(
            [
                ("state", "in", ("sent", "accepted")),
                ("date_remind", "<=", now),
                ("date_reminded", "=", False),
            ]
        )
        to_remind._kel_notify_agency("reminder")
        to_remind.write({"date_reminded": now})
        to_escalate = self.search(
            [("state", "=", "overdue"), ("date_escalated", "=", False)]
        )
        to_escalate._kel_escalate(now)
        return to_remind, to_escalate

    def _kel_escalate(self, now):
        activity_type = self.env.ref("kelurahan_crm.mail_activity_type_escalation")
        for disposition in self:
            ticket = disposition.ticket_id
            for user in ticket._kel_supervisors():
                ticket.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Disposition overdue"),
                    note=self.env._(
                        "%(agency)s has not finished the disposition of complaint "
                        "%(number)s, due %(deadline)s.",
                        agency=disposition.agency_id.name,
                        number=ticket.number,
                        deadline=fields.Datetime.to_string(disposition.date_due),
                    ),
                    user_id=user.id,
                    date_deadline=ticket.company_id._kel_today(),
                )
        self.write({"date_escalated": now})

    # ------------------------------------------------------------------
    # Agency performance
    # ------------------------------------------------------------------

    @api.model
    def _kel_agency_performance(self, domain):
        """Per agency: dispositions received, done within target, average first
        answer in working days. One GROUP BY query (withdrawn ones excluded)."""
        return self._kel_agency_rows(self._kel_agency_groups(domain))

    @api.model
    def _kel_agency_performance_period(self, start, end):
        """``_kel_agency_performance`` of the dispositions sent in [``start``,
        ``end``) (UTC). Officers and above, who see every disposition of their
        kelurahans, get the whole months inside the period from the monthly
        summary (``kelurahan.disposition.monthly``) and only its two ends from
        the dispositions: a period of years costs what two months cost."""
        Monthly = self.env["kelurahan.disposition.monthly"]
        first = datetime(start.year, start.month, 1)
        if first < start:
            first = (first + timedelta(days=32)).replace(day=1)
        last = datetime(end.year, end.month, 1)

        def sent(date_from, date_to):
            return [
                ("date_sent", ">=", fields.Datetime.to_string(date_from)),
                ("date_sent", "<", fields.Datetime.to_string(date_to)),
            ]

        if not (
            first < last
            and self.env.user.has_group("kelurahan_crm.group_kelurahan_officer")
            and Monthly.has_access("read")
        ):
            return self._kel_agency_performance(sent(start, end))
        groups = list(Monthly._kel_groups(first.date(), last.date()))
        for date_from, date_to in ((start, first), (last, end)):
            if date_from < date_to:
                groups += self._kel_agency_groups(sent(date_from, date_to))
        return self._kel_agency_rows(groups)

    @api.model
    def _kel_agency_groups(self, domain):
        """(agency id, within target, answered, count, response days sum) of the
        non-withdrawn dispositions of ``domain`` the user may see."""
        return [
            (agency.id, within, answered, count, days_sum)
            for agency, within, answered, count, days_sum in self._read_group(
                domain + [("state", "!=", "cancelled")],
                ["agency_id", "is_within_target", "is_answered"],
                ["__count", "response_days_taken:sum"],
            )
        ]

    @api.model
    def _kel_agency_rows(self, groups):
        """The rows of ``_kel_agency_performance`` from ``groups``
        (``_kel_agency_groups``), the busiest agency first."""
        agencies = self.env["kelurahan.agency"].browse(
            {group[0] for group in groups if group[0]}
        )
        rows = {}
        for agency_id, within, answered, count, days_sum in groups:
            row = rows.setdefault(
                agency_id,
                {
                    "agency": agencies.browse(agency_id).with_prefetch(
                        agencies._prefetch_ids
                    ),
                    "received": 0,
                    "within": 0,
                    "_sum": 0.0,
                    "_n": 0,
                },
            )
            row["received"] += count
            row["within"] += count if within else 0
            if answered:
                row["_sum"] += days_sum or 0.0
                row["_n"] += count
        result = []
        for row in rows.values():
            n = row.pop("_n")
            total = row.pop("_sum")
            row["avg_days"] = round(total / n, 1) if n else None
            result.append(row)
        result.sort(key=lambda r: (-r["received"], r["agency"].name or ""))
        return result
