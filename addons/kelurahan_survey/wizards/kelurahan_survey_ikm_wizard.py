# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

from ..models.survey_question import PROFILE_SELECTION
from ..tools import ikm as ikm_tools

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("semester", "Semester"),
    ("year", "Year"),
    ("custom", "Custom"),
]
TREND_GROUP = {
    "month": "month",
    "quarter": "quarter",
    "semester": "semester",
    "year": "quarter",
    "custom": "month",
}
PRIORITY_COUNT = 3


def period_bounds(period_type, day):
    """First and last day of the month/quarter/semester/year holding ``day``."""
    if period_type == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if period_type == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return start, start + relativedelta(months=3, days=-1)
    if period_type == "semester":
        start = date(day.year, 1 if day.month <= 6 else 7, 1)
        return start, start + relativedelta(months=6, days=-1)
    return date(day.year, 1, 1), date(day.year, 12, 31)


class KelurahanSurveyIkmWizard(models.TransientModel):
    """IKM dashboard and report: per-unsur NRR, IKM and category for a period,
    trend, respondent profile, priorities. Aggregates only: officers use it
    without reading any individual answer."""

    _name = "kelurahan.survey.ikm.wizard"
    _description = "IKM results (SKM)"

    survey_id = fields.Many2one(
        "survey.survey",
        "Survey",
        required=True,
        domain=[("kel_kind", "=", "skm")],
        default=lambda self: self._default_survey(),
    )
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="year")
    period_date = fields.Date(
        "Any day in the period",
        required=True,
        default=lambda self: self.env.company._kel_today(),
    )
    date_from = fields.Date(
        "From", compute="_compute_dates", store=True, readonly=False
    )
    date_to = fields.Date("To", compute="_compute_dates", store=True, readonly=False)
    channel_id = fields.Many2one("helpdesk.ticket.channel", "Channel")
    service_answer_id = fields.Many2one(
        "survey.question.answer",
        "Service",
        domain="[('question_id.survey_id', '=', survey_id),"
        " ('question_id.kel_profile', '=', 'service')]",
    )
    population = fields.Integer(
        "Population in the period",
        compute="_compute_population",
        store=True,
        readonly=False,
        help="Number of service users in the period (entered by the admin).",
    )
    sample_required = fields.Integer(
        "Minimum sample (Krejcie & Morgan)", compute="_compute_result"
    )
    sample_exact = fields.Float(
        "Unrounded sample (Krejcie & Morgan)",
        digits=(16, 2),
        compute="_compute_result",
        help="The formula's value before rounding to the nearest whole respondent.",
    )
    respondents = fields.Integer(compute="_compute_result")
    ikm_value = fields.Float("IKM (1–4)", digits=(16, 4), compute="_compute_result")
    ikm_converted = fields.Float("IKM (25–100)", compute="_compute_result")
    category = fields.Char("Quality category", compute="_compute_result")
    warning = fields.Char(compute="_compute_result")
    result_html = fields.Html("Results", compute="_compute_result", sanitize=False)

    @api.model
    def _default_survey(self):
        return self.env["survey.survey"].search([("kel_kind", "=", "skm")], limit=1)

    @api.depends("period_type", "period_date")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period_type == "custom" and wizard.date_from and wizard.date_to:
                continue
            day = wizard.period_date or wizard.env.company._kel_today()
            kind = wizard.period_type if wizard.period_type != "custom" else "month"
            wizard.date_from, wizard.date_to = period_bounds(kind, day)

    @api.depends("survey_id", "date_from", "date_to")
    def _compute_population(self):
        for wizard in self:
            yearly = wizard.survey_id.kel_population
            if not yearly or not wizard.date_from or not wizard.date_to:
                wizard.population = yearly
                continue
            days = (wizard.date_to - wizard.date_from).days + 1
            wizard.population = round(yearly * min(days, 365) / 365)

    @api.depends(
        "survey_id",
        "date_from",
        "date_to",
        "channel_id",
        "service_answer_id",
        "population",
    )
    def _compute_result(self):
        for wizard in self:
            values = wizard._kel_report_values()
            wizard.sample_required = values["sample_required"]
            wizard.sample_exact = values["sample_exact"] or 0.0
            wizard.respondents = values["respondents"]
            wizard.ikm_value = values["ikm"] or 0.0
            wizard.ikm_converted = values["converted"] or 0.0
            wizard.category = values["category_text"]
            wizard.warning = values["warning"]
            wizard.result_html = self.env["ir.qweb"]._render(
                "kelurahan_survey.ikm_dashboard", {"v": values}
            )

    # ------------------------------------------------------------------
    def _kel_filters(self):
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "channel_ids": self.channel_id.ids or None,
            "service_ids": self.service_answer_id.ids or None,
        }

    def _kel_report_values(self):
        """Everything the dashboard, the PDF and the XLSX show, as plain values."""
        self.ensure_one()
        env = self.env
        unsur_labels = dict(
            self.env["survey.question"]._fields["kel_unsur"]._description_selection(env)
        )
        values = {
            "survey": self.survey_id.title or "",
            "period": self._kel_period_label(),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "channel": self.channel_id.name or "",
            "service": self.service_answer_id.value or "",
            "population": self.population,
            "sample_required": ikm_tools.sample_size(self.population),
            "sample_exact": ikm_tools.sample_size_exact(self.population),
            "respondents": 0,
            "unsur": [],
            "ikm": None,
            "converted": None,
            "category": None,
            "category_label": "",
            "category_text": "",
            "priorities": [],
            "trend": [],
            "profile": [],
            "by_service": [],
            "by_channel": [],
            "warning": "",
            "fmt": self.env["res.lang"]._kel_number_formatter(),
        }
        survey = self.survey_id
        if not survey or not self.date_from or not self.date_to:
            return values
        if survey.kel_missing_unsur:
            values["warning"] = env._(
                "This SKM survey lacks the elements %(missing)s: no IKM can be "
                "computed.",
                missing=survey.kel_missing_unsur,
            )
            return values
        if self.date_from > self.date_to:
            values["warning"] = env._("The period ends before it starts.")
            return values
        filters = self._kel_filters()
        result = survey._kel_ikm(**filters)[None]
        values.update(
            respondents=result["respondents"],
            ikm=result["ikm"],
            converted=result["converted"],
            category=result["category"],
            category_label=result["category_label"],
        )
        if result["category"]:
            values["category_text"] = (
                f"{result['category']} ({result['category_label']})"
            )
        for code in ikm_tools.UNSUR:
            data = result["unsur"].get(code)
            values["unsur"].append(
                {
                    "code": code,
                    "label": unsur_labels[code],
                    "count": data["count"] if data else 0,
                    "nrr": data["nrr"] if data else None,
                    "weighted": data["nrr"] / 9 if data else None,
                    "converted": ikm_tools.round2(data["nrr"] * 25) if data else None,
                    "priority": False,
                }
            )
        scored = sorted(
            (row for row in values["unsur"] if row["nrr"] is not None),
            key=lambda row: (row["nrr"], row["code"]),
        )
        for row in scored[:PRIORITY_COUNT]:
            row["priority"] = True
            values["priorities"].append(row)
        if not values["respondents"]:
            values["warning"] = env._(
                "No completed responses in this period: there is no IKM to show."
            )
        elif values["ikm"] is None:
            values["warning"] = env._(
                "Some elements (unsur) have no answer in this period: the IKM needs "
                "all nine."
            )
        elif values["sample_required"] and (
            values["respondents"] < values["sample_required"]
        ):
            values["warning"] = env._(
                "Only %(n)s responses: the population of %(population)s needs at least "
                "%(required)s (Krejcie & Morgan). Read the IKM with care.",
                n=values["respondents"],
                population=self.population,
                required=values["sample_required"],
            )
        values["trend"] = self._kel_trend(survey, filters)
        values["profile"] = self._kel_profile_rows(survey, filters)
        values["by_service"] = self._kel_breakdown(survey, filters, "service")
        values["by_channel"] = self._kel_breakdown(survey, filters, "channel")
        return values

    def _kel_period_label(self):
        if not self.date_from or not self.date_to:
            return ""
        return (
            f"{format_date(self.env, self.date_from)} – "
            f"{format_date(self.env, self.date_to)}"
        )

    def _kel_trend(self, survey, filters):
        group = TREND_GROUP[self.period_type]
        trend_filters = dict(filters)
        if self.period_type != "custom":
            trend_filters["date_from"] = date(self.date_to.year, 1, 1)
            trend_filters["date_to"] = date(self.date_to.year, 12, 31)
        rows = []
        for key, res in sorted(survey._kel_ikm(group=group, **trend_filters).items()):
            rows.append(
                {
                    "label": self._kel_group_label(group, key),
                    "respondents": res["respondents"],
                    "converted": res["converted"],
                    "category": res["category"] or "",
                }
            )
        return rows

    def _kel_breakdown(self, survey, filters, group):
        rows = []
        for key, res in survey._kel_ikm(group=group, **filters).items():
            rows.append(
                {
                    "label": self._kel_group_label(group, key),
                    "respondents": res["respondents"],
                    "converted": res["converted"],
                    "category": res["category"] or "",
                }
            )
        return sorted(rows, key=lambda r: r["label"])

    def _kel_group_label(self, group, key):
        if key is None:
            return self.env["res.lang"]._kel_empty_label()
        if group == "channel":
            # sudo: channel names only, to label aggregated rows
            return self.env["helpdesk.ticket.channel"].sudo().browse(int(key)).name
        if group == "service":
            # sudo: service option labels only, to label aggregated rows
            return self.env["survey.question.answer"].sudo().browse(int(key)).value
        if group == "semester":
            year, half = key.split("-")
            return self.env._("Semester %(n)s %(year)s", n=half[1], year=year)
        year, month = (int(part) for part in key.split("-"))
        if group == "quarter":
            return f"Q{(month - 1) // 3 + 1} {year}"
        if group == "year":
            return str(year)
        return format_date(self.env, date(year, month, 1), date_format="MMM yyyy")

    def _kel_profile_rows(self, survey, filters):
        labels = dict(
            self.env["survey.question"]
            ._fields["kel_profile"]
            ._description_selection(self.env)
        )
        profile = survey._kel_profile(**filters)
        rows = []
        for kind, _label in PROFILE_SELECTION:
            answers = profile.get(kind, [])
            total = sum(count for _l, count in answers)
            rows.append(
                {
                    "label": labels[kind],
                    "answers": [
                        {
                            "label": label,
                            "count": count,
                            "percent": 100.0 * count / total if total else 0.0,
                        }
                        for label, count in answers
                    ],
                }
            )
        return rows

    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("kelurahan_survey.action_report_ikm_xlsx").report_action(
            self
        )

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("kelurahan_survey.action_report_ikm_pdf").report_action(
            self
        )

    def action_compare(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kelurahan_survey.kelurahan_survey_compare_wizard_action"
        )
        action["context"] = {"default_survey_id": self.survey_id.id}
        return action
