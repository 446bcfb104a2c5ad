# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
        """The summary as HTML (QWeb template ``kelurahan_crm.kpi_summary_body``)."""
        values = {"error": False, "summary": False}
        if not self.date_from or not self.date_to or self.date_to < self.date_from:
            values["error"] = self.env._("Choose a valid period.")
        else:
            summary = self.env["kelurahan.report.engine"]._kel_summary(
                {
                    "date_from": fields.Date.to_string(self.date_from),
                    "date_to": fields.Date.to_string(self.date_to),
                }
            )
            if summary["total"]:
                values.update(self._kel_render_values(summary))
            else:
                values["error"] = self.env._("No data for this period.")
        return self.env["ir.qweb"]._render("kelurahan_crm.kpi_summary_body", values)

    def _kel_render_values(self, summary):
        channels = sorted(summary["by_channel"], key=lambda item: -item[1])
        followed = [item for item in channels if item[2] is not None]
        indicators = summary["indicators"]
        _ = self.env._
        labels = {
            "kecepatan": _("Speed of service"),
            "keramahan": _("Friendliness of staff"),
            "akses_informasi": _("Access to information"),
            "sarana_teknologi": _("Technology"),
            "responsivitas_pengaduan": _("Complaint responsiveness"),
        }
        return {
            "summary": summary,
            "channels": channels,
            "most": channels[0],
            "fastest": min(followed, key=lambda item: item[2]) if followed else None,
            "from_survey": indicators["source"] == "survey",
            "indicators": [
                (label, indicators["shares"].get(code))
                for code, label in labels.items()
            ],
            "num": self._kel_number,
        }

    def _kel_number(self, value, percent=False):
        """1,5 / 87,5%: numbers as residents write them (id_ID), "-" for none."""
        if value is not None and percent:
            value *= 100
        return (
            self.env["res.lang"]
            .with_context(lang=self.env.lang or "id_ID")
            ._kel_format_number(value, percent=percent)
        )
