# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IkmReportXlsx(models.AbstractModel):
    """SKM results workbook: aggregates only (no respondent appears in it)."""

    _name = "report.kelurahan_survey.ikm_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "SKM results workbook"

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        num2 = workbook.add_format({"num_format": "0.00"})
        num3 = workbook.add_format({"num_format": "0.000"})
        pct = workbook.add_format({"num_format": "0.0"})
        for wizard in objs:
            v = wizard._kel_report_values()
            sheet = workbook.add_worksheet(_("IKM"))
            sheet.set_column(0, 0, 48)
            sheet.set_column(1, 4, 14)
            sheet.write(0, 0, _("Community Satisfaction Survey (SKM)"), title)
            rows = [
                (_("Survey"), v["survey"]),
                (_("Period"), v["period"]),
                (_("Service"), v["service"] or _("All")),
                (_("Channel"), v["channel"] or _("All")),
                (_("Respondents"), v["respondents"]),
                (_("Population"), v["population"]),
                (_("Minimum sample (Krejcie & Morgan)"), v["sample_required"]),
            ]
            for i, (label, value) in enumerate(rows, start=2):
                sheet.write(i, 0, label, bold)
                sheet.write(i, 1, value)
            row = len(rows) + 3
            headers = [
                _("Element"),
                _("Answers"),
                _("NRR"),
                _("NRR × 1/9"),
                _("Priority"),
            ]
            for col, header in enumerate(headers):
                sheet.write(row, col, header, bold)
            for item in v["unsur"]:
                row += 1
                sheet.write(row, 0, item["label"])
                sheet.write(row, 1, item["count"])
                if item["nrr"] is not None:
                    sheet.write_number(row, 2, item["nrr"], num2)
                    sheet.write_number(row, 3, item["weighted"], num3)
                sheet.write(row, 4, _("Yes") if item["priority"] else "")
            row += 2
            sheet.write(row, 0, _("IKM (1–4)"), bold)
            if v["ikm"] is not None:
                sheet.write_number(row, 1, v["ikm"], num3)
            row += 1
            sheet.write(row, 0, _("IKM (25–100)"), bold)
            if v["converted"] is not None:
                sheet.write_number(row, 1, v["converted"], num2)
            row += 1
            sheet.write(row, 0, _("Quality category"), bold)
            sheet.write(row, 1, v["category_text"])
            if v["warning"]:
                row += 1
                sheet.write(row, 0, v["warning"])

            trend = workbook.add_worksheet(_("Trend"))
            trend.set_column(0, 0, 30)
            for col, header in enumerate(
                [_("Group"), _("Respondents"), _("IKM"), _("Category")]
            ):
                trend.write(0, col, header, bold)
            line = 0
            for section, items in (
                (_("Trend"), v["trend"]),
                (_("Service"), v["by_service"]),
                (_("Channel"), v["by_channel"]),
            ):
                line += 2
                trend.write(line, 0, section, bold)
                for item in items:
                    line += 1
                    trend.write(line, 0, item["label"])
                    trend.write(line, 1, item["respondents"])
                    if item["converted"] is not None:
                        trend.write_number(line, 2, item["converted"], num2)
                    trend.write(line, 3, item["category"])

            profile = workbook.add_worksheet(_("Profile"))
            profile.set_column(0, 0, 40)
            line = 0
            for block in v["profile"]:
                profile.write(line, 0, block["label"], bold)
                for answer in block["answers"]:
                    line += 1
                    profile.write(line, 0, answer["label"])
                    profile.write(line, 1, answer["count"])
                    profile.write_number(line, 2, answer["percent"], pct)
                line += 2
