# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class KelurahanKpiSummary(models.TransientModel):
    _name = "kelurahan.kpi.summary"
    _description = "Channel usage and KPI summary"

    def _default_date_from(self):
        return self.env["kelurahan.report.engine"]._kel_period_dates("this_month")[0]

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self.env["kelurahan.report.engine"]._kel_today(),
    )
    summary_html = fields.Html(
        string="Summary", compute="_compute_summary_html", sanitize=False
    )

    @api.depends("date_from", "date_to")
    def _compute_summary_html(self):
        for wizard in self:
            wizard.summary_html = wizard._kel_render()

    def _kel_render(self):
        _ = self.env._
        if not self.date_from or not self.date_to or self.date_to < self.date_from:
            return Markup("<p>%s</p>") % _("Choose a valid period.")
        summary = self.env["kelurahan.report.engine"]._kel_summary(
            {
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            }
        )
        if not summary["total"]:
            return Markup("<p>%s</p>") % _("No data for this period.")

        def num(value, suffix=""):
            return "-" if value is None else f"{value:.1f}{suffix}"

        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (name, count, num(response), num(resolution))
            for name, count, response, resolution in sorted(
                summary["by_channel"], key=lambda item: -item[1]
            )
        )
        fastest = [item for item in summary["by_channel"] if item[2] is not None]
        fastest_text = ""
        if fastest:
            best = min(fastest, key=lambda item: item[2])
            best_channel, best_days = best[0], num(best[2])
            fastest_text = _(
                "Fastest first follow-up: %(channel)s (%(days)s working days on "
                "average).",
                channel=best_channel,
                days=best_days,
            )
        most = max(summary["by_channel"], key=lambda item: item[1])
        indicators = summary["indicators"]
        source = (
            _("from the satisfaction survey")
            if indicators["source"] == "survey"
            else _("from complaint data (no survey installed)")
        )
        labels = {
            "kecepatan": _("Speed of service"),
            "keramahan": _("Friendliness of staff"),
            "akses_informasi": _("Access to information"),
            "sarana_teknologi": _("Technology"),
            "responsivitas_pengaduan": _("Complaint responsiveness"),
        }
        ind_rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td></tr>")
            % (label, num(indicators["shares"].get(code), " %"))
            for code, label in labels.items()
        )
        within = summary["within_share"]
        return Markup(
            "<p>%s</p><p>%s %s</p>"
            "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
            "<h4>%s</h4><p><small>%s</small></p>"
            "<table class='table table-sm'><tbody>%s</tbody></table>"
        ) % (
            _(
                "%(total)s complaints; %(within)s of those done were within the "
                "deadline.",
                total=summary["total"],
                within=num(within * 100 if within is not None else None, " %"),
            ),
            _(
                "Most used channel: %(channel)s (%(count)s).",
                channel=most[0],
                count=most[1],
            ),
            fastest_text,
            _("Channel"),
            _("Complaints"),
            _("Days to Tgl TL"),
            _("Days to done"),
            rows,
            _("Satisfaction indicators (% satisfied)"),
            source,
            ind_rows,
        )
