# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

OVERDUE_LIST_LIMIT = 10


class KelurahanDashboard(models.AbstractModel):
    """Figures of the kelurahan dashboard ("Dasbor"), in one call.

    Everything is read as the calling user: record rules apply, so a Petugas RW sees
    the figures of their own RW only. Counts and KPIs of the period come from the
    daily summary (``kelurahan.complaint.daily``, one query whatever the period);
    the lists (overdue complaints and dispositions) from indexed, bounded queries.
    """

    _name = "kelurahan.dashboard"
    _description = "Kelurahan dashboard figures"

    @api.model
    def _kel_period(self, date_from=None, date_to=None):
        """Return the UTC datetime bounds [start, end) of the period of office dates
        `date_from`..`date_to` (inclusive), default: the last 30 days. Days are the
        office's (its calendar's time zone), whoever looks."""
        company = self.env.company
        today = company._kel_today()
        date_to = fields.Date.to_date(date_to) or today
        date_from = fields.Date.to_date(date_from) or date_to - timedelta(days=29)
        if date_from > date_to:
            date_from, date_to = date_to, date_from
        start, end = company._kel_period_bounds(date_from, date_to)
        return date_from, date_to, start, end

    @api.model
    @api.readonly  # figures only: served by the read replica (README "Scaling")
    def get_dashboard_data(self, date_from=None, date_to=None):
        """All figures of the dashboard for complaints reported in the period.

        :return: dict with the period, totals, counts per status/category/RW/channel
            (each entry carries the domain that opens the matching complaints), the
            average time to the first follow-up (Tgl TL), the share of finished
            complaints closed within their deadline, the overdue complaints and the
            overdue dispositions (both regardless of the period: what needs action now).
        """
        if not self.env.user.has_group("kelurahan_crm.group_kelurahan_rw"):
            raise AccessError(
                self.env._("The dashboard is for the kelurahan staff only.")
            )
        Ticket = self.env["helpdesk.ticket"]
        Ticket.check_access("read")
        Lang = self.env["res.lang"]
        date_from, date_to, start, end = self._kel_period(date_from, date_to)
        period = [
            ("date_reported", ">=", fields.Datetime.to_string(start)),
            ("date_reported", "<", fields.Datetime.to_string(end)),
        ]

        # Counts and KPIs of the period: one query over the daily summary
        # (kelurahan.complaint.daily), restricted like the user's complaints.
        figures = self.env["kelurahan.complaint.daily"]._kel_figures(date_from, date_to)

        def rows(groupby):
            counts = figures[f"by_{groupby[:-3]}"]
            records = self.env[Ticket._fields[groupby].comodel_name].browse(
                [value for value in counts if value]
            )
            result = []
            for value, count in counts.items():
                record = records.browse(value).with_prefetch(records._prefetch_ids)
                result.append(
                    {
                        "id": value,
                        "name": record.display_name or Lang._kel_empty_label(),
                        "count": count,
                        "domain": period + [(groupby, "=", value)],
                    }
                )
            return sorted(result, key=lambda row: (-row["count"], row["name"]))

        states = dict(
            self.env["helpdesk.ticket.stage"]
            ._fields["kel_state"]
            ._description_selection(self.env)
        )
        by_state = []
        for kel_state, count in figures["by_state"].items():
            by_state.append(
                {
                    "id": kel_state,
                    "name": states.get(kel_state) or Lang._kel_empty_label(),
                    "count": count,
                    "domain": period + [("kel_state", "=", kel_state)],
                }
            )
        order = list(states)
        by_state.sort(key=lambda r: order.index(r["id"]) if r["id"] in order else 99)

        kpis = figures
        share = kpis["within_share"]
        pct_within = round(100.0 * share, 1) if share is not None else None

        overdue_domain = [("is_overdue", "=", True)]
        overdue_count = Ticket.search_count(overdue_domain)
        overdue = [
            {
                "id": ticket.id,
                "number": ticket.number,
                "name": ticket.name,
                "category": ticket.category_id.display_name or "",
                "rw": ticket.rw_id.display_name or "",
                "state": states.get(ticket.kel_state, ""),
                "deadline": fields.Datetime.to_string(
                    ticket.deadline_followup
                    if not ticket.date_followup
                    else ticket.deadline_resolution
                ),
            }
            for ticket in Ticket.search(
                overdue_domain,
                order="date_reported asc, id asc",
                limit=OVERDUE_LIST_LIMIT,
            )
        ]

        Disposition = self.env["kelurahan.disposition"]
        now = fields.Datetime.now()
        late_dispo_domain = [("date_done", "=", False), ("date_due", "<", now)]
        late_dispositions = []
        late_dispo_count = 0
        if Disposition.has_access("read"):
            late_dispo_count = Disposition.search_count(late_dispo_domain)
            late_dispositions = [
                {
                    "id": dispo.id,
                    "ticket_id": dispo.ticket_id.id,
                    "ticket_number": dispo.ticket_id.number,
                    "agency": dispo.agency_id.display_name or "",
                    "date_sent": fields.Datetime.to_string(dispo.date_sent),
                    "date_due": fields.Datetime.to_string(dispo.date_due),
                }
                for dispo in Disposition.search(
                    late_dispo_domain, order="date_due asc, id asc", limit=10
                )
            ]

        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "now": fields.Datetime.to_string(now),
            "period_domain": period,
            "total": kpis["received"],
            "done": kpis["done"],
            "open": kpis["open"],
            "by_state": by_state,
            "by_category": rows("category_id"),
            "by_rw": rows("rw_id"),
            "by_channel": rows("channel_id"),
            "avg_response_days": round(kpis["avg_response_days"] or 0.0, 1),
            "avg_response_hours": round(kpis["avg_response_hours"] or 0.0, 1),
            "pct_within_deadline": pct_within,
            # as the user's language writes them (id_ID: "1,5", "42,9%")
            "avg_response_days_display": Lang._kel_format_number(
                kpis["avg_response_days"] or 0.0
            ),
            "pct_within_deadline_display": Lang._kel_format_number(
                pct_within, percent=True
            ),
            "overdue_count": overdue_count,
            "overdue_domain": overdue_domain,
            "overdue": overdue,
            "late_disposition_count": late_dispo_count,
            "late_dispositions": late_dispositions,
        }
