# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.kelurahan_crm.tools import stats


class KelurahanServiceChannelAnalysis(models.TransientModel):
    """Which channel residents use for service requests, overall and per RW (the
    study found 87.5 % of one RW preferring the balai RW post), counted with
    ``_read_group``."""

    _name = "kelurahan.service.channel.analysis"
    _description = "Service request channels"

    date_from = fields.Date(
        "From",
        required=True,
        default=lambda self: self.env.company._kel_today().replace(month=1, day=1),
    )
    date_to = fields.Date(
        "To", required=True, default=lambda self: self.env.company._kel_today()
    )
    result_html = fields.Html(compute="_compute_result", sanitize=False)

    def _kel_domain(self):
        start, end = self.env.company._kel_period_bounds(self.date_from, self.date_to)
        return [
            ("date_submitted", ">=", fields.Datetime.to_string(start)),
            ("date_submitted", "<", fields.Datetime.to_string(end)),
        ]

    def _kel_channel_values(self):
        """{'total', 'channels': [(label, count, %)], 'rws': [{label, total,
        counts: {channel: n}, top, top_share}], 'sentences'}."""
        self.ensure_one()
        Request = self.env["kelurahan.service.request"]
        labels = dict(Request._fields["channel"]._description_selection(self.env))
        domain = self._kel_domain()
        overall = Request._read_group(domain, ["channel"], ["__count"])
        total = sum(count for _channel, count in overall)
        values = {"total": total, "channels": [], "rws": [], "labels": labels}
        if not total:
            values["sentences"] = [
                self.env._("Not enough data: no service request in the period.")
            ]
            return values
        values["channels"] = sorted(
            (
                (labels.get(channel, channel), count, 100.0 * count / total)
                for channel, count in overall
            ),
            key=lambda row: -row[1],
        )
        per_rw = {}
        for rw, channel, count in Request._read_group(
            domain, ["rw_id", "channel"], ["__count"]
        ):
            label = rw.display_name or self.env["res.lang"]._kel_empty_label()
            per_rw.setdefault(label, {})[channel] = count
        sentences = []
        fmt = stats.format_number
        for label in sorted(per_rw):
            counts = per_rw[label]
            rw_total = sum(counts.values())
            top = max(counts, key=lambda c: (counts[c], c))
            share = 100.0 * counts[top] / rw_total
            values["rws"].append(
                {
                    "label": label,
                    "total": rw_total,
                    "counts": counts,
                    "top": labels.get(top, top),
                    "top_share": share,
                }
            )
            if rw_total >= 3 and share >= 75:
                sentences.append(
                    self.env._(
                        "%(rw)s: %(share)s%% of %(n)s requests came through "
                        "“%(channel)s”.",
                        rw=label,
                        share=fmt(share, 1),
                        n=rw_total,
                        channel=labels.get(top, top),
                    )
                )
        values["sentences"] = sentences
        return values

    @api.depends("date_from", "date_to")
    def _compute_result(self):
        for wizard in self:
            wizard.result_html = wizard._kel_render(wizard._kel_channel_values())

    def _kel_render(self, values):
        _ = self.env._
        fmt = stats.format_number
        html = Markup("")
        for sentence in values["sentences"]:
            html += Markup("<p>%s</p>") % sentence
        if not values["total"]:
            return html
        html += Markup(
            '<table class="table table-sm o_kel_channels"><thead><tr>'
            "<th>%s</th><th class='text-end'>%s</th><th class='text-end'>%%</th>"
            "</tr></thead><tbody>"
        ) % (_("Channel"), _("Requests"))
        for label, count, share in values["channels"]:
            html += Markup(
                "<tr><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            ) % (label, count, fmt(share, 1))
        html += Markup("</tbody></table>")
        channels = list(values["labels"])
        html += Markup('<table class="table table-sm o_kel_channels_rw"><thead><tr>')
        html += Markup("<th>%s</th>") % _("RW")
        for channel in channels:
            html += Markup("<th class='text-end'>%s</th>") % values["labels"][channel]
        html += Markup("<th>%s</th></tr></thead><tbody>") % _("Most used")
        for row in values["rws"]:
            html += Markup("<tr><td>%s</td>") % row["label"]
            for channel in channels:
                html += Markup("<td class='text-end'>%s</td>") % row["counts"].get(
                    channel, 0
                )
            html += Markup("<td>%s (%s%%)</td></tr>") % (
                row["top"],
                fmt(row["top_share"], 1),
            )
        return html + Markup("</tbody></table>")
