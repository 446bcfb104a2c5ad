# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The kelurahan's complaint figures, defined once: the dashboard, the public board,
the export's summary sheet and the KPI summary all read them from ``_kel_kpis``."""

from odoo import api, models

from .kelurahan_complaint_deadline import OPEN_STATES


def new_state_counts():
    """The KPI counts of complaints by state, all zero (``add_state_count``)."""
    return dict.fromkeys(
        ("received", "open", "done", "rejected", "overdue", "within"), 0
    )


def add_state_count(counts, state, within, overdue, count):
    """Add ``count`` complaints in ``state`` (done within their deadline or not,
    overdue or not) to ``counts``: one rule for the KPIs read from complaints and
    from the summary table."""
    counts["received"] += count
    if state in OPEN_STATES:
        counts["open"] += count
        counts["overdue"] += count if overdue else 0
    elif state in ("done", "rejected"):
        counts[state] += count
        if state == "done" and within:
            counts["within"] += count


class KelurahanComplaintKpi(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only."""

    _name = "kelurahan.complaint.kpi"
    _description = "Complaint figures"

    @api.model
    def _kel_kpis(self, domain):
        """Figures of the complaints of ``domain``, read with the caller's access
        rights (as sudo by public pages, which show aggregates only):

        - ``received``: all of them; ``open``: in a kelurahan stage not yet done or
          rejected; ``done``; ``rejected``;
        - ``overdue``: open and past a deadline;
        - ``within``: done within their resolution deadline, ``within_share`` its
          share of ``done`` (0-1, None without any done);
        - ``avg_response_days`` / ``avg_response_hours``: average working time from
          Tgl Masuk to Tgl TL of those followed up (None without any);
        - ``avg_resolution_days``: the same to Tgl Selesai of those done."""
        counts = new_state_counts()
        for state, within, overdue, count in self._read_group(
            domain, ["kel_state", "is_within_deadline", "is_overdue"], ["__count"]
        ):
            add_state_count(counts, state, within, overdue, count)
        [[response_days, response_hours]] = self._read_group(
            domain + [("date_followup", "!=", False)],
            [],
            ["response_days:avg", "response_hours:avg"],
        )
        [[resolution_days]] = self._read_group(
            domain + [("kel_state", "=", "done"), ("date_done", "!=", False)],
            [],
            ["resolution_days:avg"],
        )
        done = counts["done"]
        return dict(
            counts,
            within_share=counts["within"] / done if done else None,
            avg_response_days=response_days,
            avg_response_hours=response_hours,
            avg_resolution_days=resolution_days,
        )
