# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from odoo.addons.kelurahan_crm.tools import stats


class KelurahanQueueAnalysis(models.TransientModel):
    """Waiting and service times per service, counter or day, and a before/after
    comparison of two periods (Welch's t on log times, Mann–Whitney U)."""

    _name = "kelurahan.queue.analysis"
    _description = "Waiting-Time Analysis"

    measure = fields.Selection(
        [("wait_minutes", "Waiting time"), ("service_minutes", "Service time")],
        required=True,
        default="wait_minutes",
    )
    group_by = fields.Selection(
        [("service_id", "Service"), ("counter_id", "Counter"), ("date", "Day")],
        required=True,
        default="service_id",
    )
    service_id = fields.Many2one("kelurahan.service")
    counter_id = fields.Many2one("kelurahan.counter")
    date_from_a = fields.Date(
        "Before: from", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to_a = fields.Date(
        "Before: to", required=True, default=lambda self: self._default_dates()[1]
    )
    date_from_b = fields.Date(
        "After: from", required=True, default=lambda self: self._default_dates()[2]
    )
    date_to_b = fields.Date(
        "After: to", required=True, default=lambda self: self._default_dates()[3]
    )
    summary_html = fields.Html(compute="_compute_results", sanitize=False)
    comparison_html = fields.Html(compute="_compute_results", sanitize=False)
    reading = fields.Text(compute="_compute_results")

    @api.model
    def _default_dates(self):
        """Before = the 30 days before go-live, after = go-live until today."""
        today = self.env.company._kel_today()
        # sudo: configuration value, read by whoever runs the analysis.
        golive = fields.Date.to_date(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("kelurahan_service.queue_golive_date")
        ) or today - datetime.timedelta(days=30)
        return (
            golive - datetime.timedelta(days=30),
            golive - datetime.timedelta(days=1),
            golive,
            today,
        )

    def _kel_domain(self, date_from, date_to):
        domain = [
            ("state", "=", "served"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if self.service_id:
            domain.append(("service_id", "=", self.service_id.id))
        if self.counter_id:
            domain.append(("counter_id", "=", self.counter_id.id))
        return domain

    def _kel_values(self, date_from, date_to):
        tickets = self.env["kelurahan.queue.ticket"].search_read(
            self._kel_domain(date_from, date_to), [self.measure]
        )
        return [t[self.measure] for t in tickets]

    def _kel_summary_rows(self, date_from, date_to):
        """[(label, describe-dict)] per group, then the total."""
        groups = {}
        tickets = self.env["kelurahan.queue.ticket"].search(
            self._kel_domain(date_from, date_to), order=self.group_by
        )
        for ticket in tickets:
            key = ticket[self.group_by]
            label = (
                format_date(self.env, key)
                if self.group_by == "date"
                else (key.display_name or self.env["res.lang"]._kel_empty_label())
            )
            groups.setdefault(label, []).append(ticket[self.measure])
        rows = [(label, stats.describe(values)) for label, values in groups.items()]
        rows.append(
            (
                self.env._("All"),
                stats.describe([v for values in groups.values() for v in values]),
            )
        )
        return rows

    def _kel_compare(self):
        before = self._kel_values(self.date_from_a, self.date_to_a)
        after = self._kel_values(self.date_from_b, self.date_to_b)
        return {
            "before": stats.describe(before),
            "after": stats.describe(after),
            "welch": stats.welch_t(before, after, log=True),
            "mann_whitney": stats.mann_whitney(before, after),
        }

    def _kel_reading(self, comparison):
        """Plain-language (user language) paragraph about the comparison."""
        _ = self.env._
        before, after = comparison["before"], comparison["after"]
        welch, mwu = comparison["welch"], comparison["mann_whitney"]
        if not before["count"] or not after["count"]:
            return _("There are no served visitors in one of the periods.")
        fmt = stats.format_number
        what = dict(self._fields["measure"]._description_selection(self.env))[
            self.measure
        ].lower()
        change = (after["median"] - before["median"]) / before["median"] * 100
        parts = [
            _(
                "The median %(what)s went from %(before)s to %(after)s minutes "
                "(%(change)s%%); the mean from %(mean_before)s to %(mean_after)s "
                "minutes (%(n_before)s and %(n_after)s visitors).",
                what=what,
                before=fmt(before["median"], 1),
                after=fmt(after["median"], 1),
                change=("+" if change > 0 else "") + fmt(change, 0),
                mean_before=fmt(before["mean"], 1),
                mean_after=fmt(after["mean"], 1),
                n_before=before["count"],
                n_after=after["count"],
            ),
            _(
                "Welch's t-test on log times: %(reading)s",
                reading=stats.reading(self.env, welch),
            ),
            _("Mann–Whitney U test: %(reading)s", reading=stats.reading(self.env, mwu)),
        ]
        if welch.ok and mwu.ok:
            parts.append(
                _(
                    "Effect size: Cohen's d = %(d)s (%(d_label)s), rank-biserial r = "
                    "%(r)s (%(r_label)s).",
                    d=fmt(welch.effect_size),
                    d_label=stats.effect_label(self.env, welch),
                    r=fmt(mwu.effect_size),
                    r_label=stats.effect_label(self.env, mwu),
                )
            )
            if welch.significant() and mwu.significant():
                parts.append(
                    _("The change is real, not chance: the times are shorter.")
                    if change < 0
                    else _("The change is real, not chance: the times are longer.")
                )
            else:
                parts.append(
                    _("The data do not show a real change between the two periods.")
                )
        return "\n".join(parts)

    @api.depends(
        "measure",
        "group_by",
        "service_id",
        "counter_id",
        "date_from_a",
        "date_to_a",
        "date_from_b",
        "date_to_b",
    )
    def _compute_results(self):
        for wizard in self:
            if not all(
                (
                    wizard.date_from_a,
                    wizard.date_to_a,
                    wizard.date_from_b,
                    wizard.date_to_b,
                )
            ):
                wizard.summary_html = wizard.comparison_html = wizard.reading = False
                continue
            wizard.summary_html = wizard._kel_table(
                wizard._kel_summary_rows(wizard.date_from_b, wizard.date_to_b)
            )
            comparison = wizard._kel_compare()
            wizard.comparison_html = wizard._kel_table(
                [
                    (wizard.env._("Before"), comparison["before"]),
                    (wizard.env._("After"), comparison["after"]),
                ]
            )
            wizard.reading = wizard._kel_reading(comparison)

    def _kel_table(self, rows):
        _ = self.env._
        heads = [
            "",
            _("Count"),
            _("Mean"),
            _("Median"),
            _("Std. dev."),
            _("90th percentile"),
        ]
        html = Markup('<table class="table table-sm o_kel_stats"><thead><tr>')
        for head in heads:
            html += Markup("<th>%s</th>") % head
        html += Markup("</tr></thead><tbody>")
        for label, desc in rows:
            html += Markup("<tr><td>%s</td><td>%s</td>") % (label, desc["count"])
            for key in ("mean", "median", "std", "p90"):
                value = desc[key]
                html += Markup("<td>%s</td>") % (
                    "-" if value is None else stats.format_number(value, 1)
                )
            html += Markup("</tr>")
        return html + Markup("</tbody></table>")

    def action_refresh(self):
        self.ensure_one()
        if self.date_from_a > self.date_to_a or self.date_from_b > self.date_to_b:
            raise UserError(self.env._("A period ends before it starts."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
