# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

import pytz

from odoo import api, fields, models, tools

COMPLAINT_SEQUENCE_CODE = "kelurahan.complaint"
DEFAULT_TZ = "Asia/Jakarta"


class ResCompany(models.Model):
    _inherit = "res.company"

    # helpdesk_mgmt's settings, re-declared with their label so that this addon's
    # i18n/id.po translates them (helpdesk_mgmt ships no Indonesian).
    helpdesk_mgmt_portal_select_team = fields.Boolean(
        string="Residents choose the team in the portal"
    )
    helpdesk_mgmt_portal_team_id_required = fields.Boolean(
        string="Team required in the portal"
    )
    helpdesk_mgmt_portal_select_category = fields.Boolean(
        string="Residents choose the category in the portal"
    )
    helpdesk_mgmt_portal_category_id_required = fields.Boolean(
        string="Category required in the portal"
    )
    helpdesk_mgmt_duplicate_tracking = fields.Boolean(
        string="Enable duplicate ticket tracking"
    )
    helpdesk_mgmt_duplicate_ticket_stage_id = fields.Many2one(
        string="Move duplicate tickets to this stage"
    )
    helpdesk_mgmt_ticket_auto_assign = fields.Boolean(
        string="Assign new tickets automatically"
    )

    def _default_kel_calendar(self):
        return self.env.ref(
            "kelurahan_crm.calendar_kelurahan", raise_if_not_found=False
        )

    kel_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Office working calendar",
        default=_default_kel_calendar,
        help="Office hours and public holidays used for response/resolution times "
        "and deadlines of complaints.",
    )
    kel_dispute_days = fields.Integer(
        string="Dispute window (days)",
        default=7,
        help="Days after Selesai during which the resident may dispute the result.",
    )
    kel_duplicate_days = fields.Integer(
        string="Duplicate window (days)",
        default=14,
        help="Complaints reported within this many days of each other can be "
        "duplicates.",
    )
    kel_duplicate_distance = fields.Integer(
        string="Duplicate distance (m)",
        default=100,
        help="Complaints of the same category within this distance can be duplicates.",
    )

    kel_office_hours = fields.Text(
        string="Office hours",
        help="Shown on the public home page, e.g. days and hours of the counters.",
    )

    # Data protection (UU PDP): retention shown on /privasi, breach deadline.
    kel_retention_complaint_years = fields.Integer(
        string="Complaint retention (years)",
        default=5,
        help="How long complaints and their photos are kept after closing; shown on "
        "the privacy page.",
    )
    kel_breach_notify_hours = fields.Integer(
        string="Breach notification deadline (hours)",
        default=72,
        help="UU PDP art. 46: residents and the authority are notified within 3x24 "
        "hours of finding a breach.",
    )
    kel_breach_reminder_hours = fields.Integer(
        string="Breach reminder (hours before the deadline)", default=24
    )
    kel_privacy_contact = fields.Char(
        string="Data protection contact",
        help="E-mail or phone where residents exercise their rights; the office "
        "contacts are shown when empty.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._kel_ensure_complaint_sequence()
        # Each kelurahan starts with its privacy notice here, not on the first
        # visitor's form (two first visitors would race to create it).
        for company in companies:
            self.env["kelurahan.privacy.notice"]._kel_current(company)
        return companies

    @tools.ormcache("self.id")
    def _kel_complaint_sequence_id(self):
        """Id of the sequence ``ir.sequence.next_by_code`` picks for this
        kelurahan's complaint numbers, searched once per worker (issue 22: one
        query less per complaint); ``helpdesk.ticket._prepare_ticket_number``
        uses it only while it still is this kelurahan's active complaint
        sequence. sudo: only the id is kept."""
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", COMPLAINT_SEQUENCE_CODE),
                    ("company_id", "in", [self.id, False]),
                ],
                order="company_id",
                limit=1,
            )
            .id
        )

    def _kel_ensure_complaint_sequence(self):
        """One complaint sequence per kelurahan (ADU/2026/000123). Standard
        (PostgreSQL sequence) implementation: concurrent creations never share a
        number and never wait on each other."""
        # sudo: sequences are technical records officers cannot create themselves.
        sequences = self.env["ir.sequence"].sudo()
        for company in self:
            if not sequences.search_count(
                [
                    ("code", "=", COMPLAINT_SEQUENCE_CODE),
                    ("company_id", "=", company.id),
                ]
            ):
                sequences.create(
                    {
                        "name": f"Complaint number ({company.name})",
                        "code": COMPLAINT_SEQUENCE_CODE,
                        "prefix": "ADU/%(year)s/",
                        "padding": 6,
                        "implementation": "standard",
                        "company_id": company.id,
                    }
                )

    def write(self, vals):
        if not {"kel_calendar_id", "resource_calendar_id"} & set(vals):
            return super().write(vals)
        with self.env["kelurahan.complaint.daily"]._kel_rebuild_if_zones_change():
            return super().write(vals)

    @api.model
    def _kel_install_complaint_sequences(self):
        self.search([])._kel_ensure_complaint_sequence()

    @api.model
    def _kel_set_default_calendar(self):
        calendar = self._default_kel_calendar()
        self.search([("kel_calendar_id", "=", False)]).kel_calendar_id = calendar

    def _kel_office_calendar(self):
        """The office calendar (hours and public holidays) of the kelurahan. sudo:
        its holidays (global leaves) belong to the company that created them, but
        every kelurahan sharing the calendar must honour them; only days and
        holiday names, public information, are read from it."""
        self.ensure_one()
        company = self.sudo()
        return (
            company.kel_calendar_id
            or self._default_kel_calendar()
            or company.resource_calendar_id
        ).sudo()

    # ------------------------------------------------------------------
    # The office's time: one rule for "today", days, months and periods
    # ------------------------------------------------------------------

    def _kel_tz_name(self):
        """The time zone of the office (its calendar's: WIB, WITA or WIT), the one
        every day and period boundary of the kelurahan is counted in."""
        self.ensure_one()
        return self._kel_office_calendar().tz or DEFAULT_TZ

    def _kel_tz(self):
        return pytz.timezone(self._kel_tz_name())

    def _kel_now(self):
        """The office's wall-clock time now (naive)."""
        return self._kel_to_local(fields.Datetime.now())

    def _kel_today(self):
        return self._kel_now().date()

    def _kel_to_local(self, moment):
        """A naive UTC datetime as the office's naive wall-clock time."""
        if not moment:
            return moment
        return pytz.utc.localize(moment).astimezone(self._kel_tz()).replace(tzinfo=None)

    def _kel_to_utc(self, moment):
        """The office's naive wall-clock time as a naive UTC datetime."""
        return self._kel_tz().localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    def _kel_period_bounds(self, date_from, date_to=None):
        """Naive UTC [start, end) of the office days ``date_from``..``date_to``
        (both included; one day when ``date_to`` is not given)."""
        date_to = date_to or date_from
        start = datetime.datetime.combine(date_from, datetime.time.min)
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min
        )
        return self._kel_to_utc(start), self._kel_to_utc(end)

    def _kel_month_bounds(self, day):
        """(first day, last day) of the month of ``day`` (an office date)."""
        first = day.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following - datetime.timedelta(days=1)

    def _kel_closed_days(self, date_from, date_to):
        """Days from ``date_from`` to ``date_to`` (inclusive, office dates) on
        which the office is closed according to its calendar: ``{date: reason}``,
        the reason being the holiday's name, or empty for a day without office
        hours (weekend)."""
        self.ensure_one()
        if not date_from or not date_to or date_to < date_from:
            return {}
        calendar = self._kel_office_calendar()
        tz = self._kel_tz()
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        end = tz.localize(
            datetime.datetime.combine(
                date_to + datetime.timedelta(days=1), datetime.time.min
            )
        )
        open_days = {
            interval_start.astimezone(tz).date()
            for interval_start, _stop, _records in calendar._work_intervals_batch(
                start, end, tz=tz
            )[False]
        }
        holidays = {}
        for leave_start, leave_stop, leaves in calendar._leave_intervals_batch(
            start, end, tz=tz
        )[False]:
            day = leave_start.astimezone(tz).date()
            last = (leave_stop - datetime.timedelta(seconds=1)).astimezone(tz).date()
            while day <= last:
                holidays.setdefault(day, ", ".join(leaves.mapped("name")))
                day += datetime.timedelta(days=1)
        closed = {}
        day = date_from
        while day <= date_to:
            if day not in open_days:
                closed[day] = holidays.get(day, "")
            day += datetime.timedelta(days=1)
        return closed
