# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadlines of a complaint on the office calendar (working days per category), the
overdue flag, and the scheduled job that escalates passed deadlines to the Lurah."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.resource.models.utils import make_aware

OPEN_STATES = ("new", "verify", "dispatch", "progress")


class KelurahanComplaintDeadline(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.deadline"
    _description = "Complaint deadlines and escalation"

    @api.depends("category_id", "company_id")
    def _compute_kel_targets(self):
        """The category's targets (a sub-category without its own takes its
        parent's) and the office calendar, taken when the complaint is filed or
        moved to another category or kelurahan. Deliberately not depending on the
        category's own fields: editing a category changes the deadlines of new
        complaints only."""
        for ticket in self:
            followup_days, resolution_days = (
                ticket.category_id._kel_sla() if ticket.category_id else (0.0, 0.0)
            )
            ticket.kel_followup_target = followup_days
            ticket.kel_resolution_target = resolution_days
            company = ticket.company_id or self.env.company
            ticket.kel_calendar_id = company._kel_office_calendar()

    def _kel_refreeze_targets(self):
        """A reopened complaint (dispute) takes its category's targets and the
        office calendar again; its resolution deadline then counts from
        ``kel_reopen_date`` (``_compute_deadlines``)."""
        for fname in (
            "kel_followup_target",
            "kel_resolution_target",
            "kel_calendar_id",
        ):
            self.env.add_to_compute(self._fields[fname], self)

    @api.depends(
        "date_reported",
        "kel_reopen_date",
        "kel_followup_target",
        "kel_resolution_target",
        "kel_calendar_id",
    )
    def _compute_deadlines(self):
        for ticket in self:
            followup = resolution = False
            if (
                ticket.date_reported
                and ticket.kel_followup_target
                and ticket.kel_resolution_target
                and not ticket.kel_reopen_date
            ):
                # Both from the same moment (a new complaint): one reading of
                # the office calendar.
                followup, resolution = ticket._kel_plan_days_many(
                    ticket.date_reported,
                    [ticket.kel_followup_target, ticket.kel_resolution_target],
                )
            elif ticket.date_reported:
                if ticket.kel_followup_target:
                    followup = ticket._kel_plan_days(
                        ticket.date_reported, ticket.kel_followup_target
                    )
                if ticket.kel_resolution_target:
                    # Reopened after a dispute: a new resolution target from then.
                    resolution = ticket._kel_plan_days(
                        ticket.kel_reopen_date or ticket.date_reported,
                        ticket.kel_resolution_target,
                    )
            ticket.deadline_followup = followup
            ticket.deadline_resolution = resolution

    @api.depends(
        "deadline_followup",
        "deadline_resolution",
        "date_followup",
        "date_done",
        "kel_state",
    )
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.is_overdue = ticket._kel_overdue_at(now)

    @api.depends("date_done", "deadline_resolution", "kel_state")
    def _compute_is_within_deadline(self):
        for ticket in self:
            ticket.is_within_deadline = bool(
                ticket.kel_state == "done"
                and ticket.date_done
                and (
                    not ticket.deadline_resolution
                    or ticket.date_done <= ticket.deadline_resolution
                )
            )

    def _kel_calendar(self):
        """The office calendar the complaint was filed under (as sudo: see
        ``res.company._kel_office_calendar``; only days and hours are read)."""
        self.ensure_one()
        calendar = self.sudo().kel_calendar_id
        return calendar or (self.company_id or self.env.company)._kel_office_calendar()

    def _kel_working_hours(self, start, end):
        """Working hours of the office calendar (public holidays excluded) between two
        UTC datetimes."""
        self.ensure_one()
        if not start or not end or end <= start:
            return 0.0
        return self._kel_calendar().get_work_hours_count(
            start, end, compute_leaves=True
        )

    def _kel_plan_days(self, start, days):
        """The moment ``days`` working days after ``start`` (office calendar)."""
        calendar = self._kel_calendar()
        hours = days * (calendar.hours_per_day or 8.0)
        return calendar.plan_hours(hours, start, compute_leaves=True)

    def _kel_plan_days_many(self, start, days_list):
        """``[_kel_plan_days(start, days) for days in days_list]`` reading the
        office calendar's working intervals once for all targets. Follows
        ``resource.calendar.plan_hours`` step by step (same 14-day windows, same
        subtractions), so each result is exactly what it would return."""
        calendar = self._kel_calendar()
        per_day = calendar.hours_per_day or 8.0
        remaining = {i: days * per_day for i, days in enumerate(days_list)}
        if any(hours < 0 for hours in remaining.values()):
            return [self._kel_plan_days(start, days) for days in days_list]
        planned = dict.fromkeys(remaining, False)
        day_dt, revert = make_aware(start)
        resource = self.env["resource.resource"]
        delta = timedelta(days=14)
        for n in range(100):
            if not remaining:
                break
            dt = day_dt + delta * n
            intervals = calendar._work_intervals_batch(
                dt, dt + delta, resources=resource, domain=None
            )[resource.id]
            for begin, stop, _meta in intervals:
                interval_hours = (stop - begin).total_seconds() / 3600
                for i, hours in list(remaining.items()):
                    if hours <= interval_hours:
                        planned[i] = revert(begin + timedelta(hours=hours))
                        del remaining[i]
                    else:
                        remaining[i] = hours - interval_hours
                if not remaining:
                    break
        return [planned[i] for i in range(len(days_list))]

    def _kel_overdue_at(self, now):
        self.ensure_one()
        if self.kel_state not in OPEN_STATES:
            return False
        if (
            not self.date_followup
            and self.deadline_followup
            and self.deadline_followup < now
        ):
            return True
        return bool(self.deadline_resolution and self.deadline_resolution < now)

    @api.model
    def _cron_kel_deadlines(self):
        """Refresh overdue flags and escalate each passed deadline once to the
        Lurah / Pimpinan of the kelurahan (mail activity)."""
        now = fields.Datetime.now()
        open_domain = [("kel_state", "in", list(OPEN_STATES))]
        late = self.search(
            open_domain
            + [
                ("is_overdue", "=", False),
                "|",
                "&",
                ("date_followup", "=", False),
                ("deadline_followup", "<", now),
                ("deadline_resolution", "<", now),
            ]
        )
        late._compute_is_overdue()
        self.env["kelurahan.disposition"]._cron_refresh_overdue()
        escalated = self.browse()
        for ticket in self._kel_to_escalate(now):
            escalated |= ticket._kel_escalate(now)
        return escalated

    @api.model
    def _kel_to_escalate(self, now):
        """Open overdue complaints with a passed deadline not escalated yet, in one
        query: the job no longer walks every overdue complaint at each run (28k at
        1M complaints), only those that ``_kel_escalate`` will act on."""
        self.flush_model(
            [
                "date_followup",
                "deadline_followup",
                "deadline_resolution",
                "kel_escalated_followup",
                "kel_escalated_resolution",
            ]
        )
        query = self._search(
            [("kel_state", "in", list(OPEN_STATES)), ("is_overdue", "=", True)]
        )

        def col(fname):
            return self._field_to_sql(self._table, fname, query)

        query.add_where(
            SQL(
                "((%s IS NULL AND %s < %s AND %s IS DISTINCT FROM %s)"
                " OR (%s < %s AND %s IS DISTINCT FROM %s))",
                col("date_followup"),
                col("deadline_followup"),
                now,
                col("kel_escalated_followup"),
                col("deadline_followup"),
                col("deadline_resolution"),
                now,
                col("kel_escalated_resolution"),
                col("deadline_resolution"),
            )
        )
        return self.browse(query)

    def _kel_escalate(self, now):
        """Create the escalation activity for each passed deadline not escalated yet.
        Returns the ticket when something was escalated."""
        self.ensure_one()
        passed = []
        if (
            not self.date_followup
            and self.deadline_followup
            and self.deadline_followup < now
            and self.kel_escalated_followup != self.deadline_followup
        ):
            passed.append(("kel_escalated_followup", self.deadline_followup))
        if (
            self.deadline_resolution
            and self.deadline_resolution < now
            and self.kel_escalated_resolution != self.deadline_resolution
        ):
            passed.append(("kel_escalated_resolution", self.deadline_resolution))
        if not passed:
            return self.browse()
        supervisors = self._kel_supervisors()
        activity_type = self.env.ref("kelurahan_crm.mail_activity_type_escalation")
        for fname, deadline in passed:
            summary = (
                self.env._("Follow-up deadline passed")
                if fname == "kel_escalated_followup"
                else self.env._("Resolution deadline passed")
            )
            for user in supervisors:
                self.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    note=self.env._(
                        "Complaint %(number)s passed its deadline (%(deadline)s).",
                        number=self.number,
                        deadline=fields.Datetime.to_string(deadline),
                    ),
                    user_id=user.id,
                    date_deadline=self.company_id._kel_today(),
                )
        self.write({fname: deadline for fname, deadline in passed})
        return self

    def _kel_supervisors(self):
        """Lurah / Pimpinan users of the complaint's kelurahan (admins excluded
        unless there is no lurah)."""
        self.ensure_one()
        lurah_group = self.env.ref("kelurahan_crm.group_kelurahan_lurah")
        admin_group = self.env.ref("kelurahan_crm.group_kelurahan_admin")
        users = lurah_group.users.filtered(
            lambda u: self.company_id in u.company_ids and u.active and not u.share
        )
        heads = users.filtered(lambda u: admin_group not in u.groups_id)
        return heads or users
