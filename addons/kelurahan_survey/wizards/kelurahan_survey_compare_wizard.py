# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import replace

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.kelurahan_crm.tools import stats

from ..tools import ikm as ikm_tools
from .kelurahan_survey_evaluation_wizard import sample

GROUP_BY = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("semester", "Semester"),
    ("service", "Service"),
    ("channel", "Channel"),
]


def respondent_ikm(totals):
    """Per-respondent IKM on the 25–100 scale (25 × mean of the unsur answered) of
    ``{(sum, answered): respondents}``, as one array."""
    if not totals:
        return np.zeros(0)
    return np.repeat(
        np.asarray([25.0 * total / answered for total, answered in totals]),
        np.asarray(list(totals.values()), dtype=int),
    )


class KelurahanSurveyCompareWizard(models.TransientModel):
    """Before/after and multi-group statistics on SKM answers (aggregates only)."""

    _name = "kelurahan.survey.compare.wizard"
    _description = "SKM before/after statistics"

    survey_id = fields.Many2one(
        "survey.survey",
        "Survey",
        required=True,
        domain=[("kel_kind", "=", "skm")],
        default=lambda self: self.env["survey.survey"].search(
            [("kel_kind", "=", "skm")], limit=1
        ),
    )
    mode = fields.Selection(
        [("periods", "Two periods (before / after)"), ("groups", "Several groups")],
        required=True,
        default="periods",
    )
    before_from = fields.Date(
        "Before: from", compute="_compute_periods", store=True, readonly=False
    )
    before_to = fields.Date(
        "Before: to", compute="_compute_periods", store=True, readonly=False
    )
    after_from = fields.Date(
        "After: from", compute="_compute_periods", store=True, readonly=False
    )
    after_to = fields.Date(
        "After: to", compute="_compute_periods", store=True, readonly=False
    )
    group_by = fields.Selection(GROUP_BY, default="quarter")
    date_from = fields.Date(
        "From",
        default=lambda self: self.env.company._kel_today().replace(month=1, day=1),
    )
    date_to = fields.Date("To", default=lambda self: self.env.company._kel_today())
    result_html = fields.Html("Results", compute="_compute_result", sanitize=False)

    @api.depends("survey_id")
    def _compute_periods(self):
        for wizard in self:
            go_live = wizard.survey_id.kel_go_live_date
            if not go_live or wizard.before_from:
                continue
            wizard.before_from = go_live - relativedelta(months=6)
            wizard.before_to = go_live - relativedelta(days=1)
            wizard.after_from = go_live
            wizard.after_to = go_live + relativedelta(months=6, days=-1)

    @api.depends(
        "survey_id",
        "mode",
        "before_from",
        "before_to",
        "after_from",
        "after_to",
        "group_by",
        "date_from",
        "date_to",
    )
    def _compute_result(self):
        for wizard in self:
            wizard.result_html = self.env["ir.qweb"]._render(
                "kelurahan_survey.compare_result", {"v": wizard._kel_compare_values()}
            )

    # ------------------------------------------------------------------
    def _kel_groups(self):
        """[(label, {"respondents": …, "unsur": …})] for the chosen comparison: the
        frequency tables of ``survey.survey._kel_score_counts``."""
        survey = self.survey_id
        if self.mode == "periods":
            groups = []
            for label, start, end in (
                (self.env._("Before"), self.before_from, self.before_to),
                (self.env._("After"), self.after_from, self.after_to),
            ):
                if not start or not end:
                    return []
                data = survey._kel_score_counts(date_from=start, date_to=end)
                groups.append((label, data.get(None, {})))
            return groups
        data = survey._kel_score_counts(
            date_from=self.date_from, date_to=self.date_to, group=self.group_by
        )
        wizard_ikm = self.env["kelurahan.survey.ikm.wizard"]
        return [
            (wizard_ikm._kel_group_label(self.group_by, key), data[key])
            for key in sorted(data, key=lambda k: (k is None, k or ""))
        ]

    def _kel_compare_values(self):
        self.ensure_one()
        env = self.env
        values = {"groups": [], "unsur": [], "ikm_tests": [], "warning": ""}
        values["fmt"] = env["res.lang"]._kel_number_formatter()
        if not self.survey_id:
            return values
        groups = self._kel_groups()
        if len(groups) < 2:
            values["warning"] = env._(
                "Choose two periods, or a grouping that yields at least two groups."
            )
            return values
        ikm_samples = [
            respondent_ikm(counts.get("respondents")) for _label, counts in groups
        ]
        for (label, _counts), ikm_sample in zip(groups, ikm_samples, strict=True):
            values["groups"].append({"label": label, **stats.describe(ikm_sample)})
        two = len(groups) == 2
        tests = []
        for code in ikm_tools.UNSUR:
            samples = [
                sample(counts.get("unsur", {}).get(code)) for _label, counts in groups
            ]
            if two:
                result = stats.mann_whitney(samples[0], samples[1])
            else:
                result = stats.kruskal(samples)
            tests.append(
                {
                    "code": code,
                    "descs": [stats.describe(sample) for sample in samples],
                    "result": result,
                }
            )
        adjusted = stats.holm(
            [t["result"].pvalue if t["result"].ok else None for t in tests]
        )
        for test, p_holm in zip(tests, adjusted, strict=True):
            result = test["result"]
            test["p_holm"] = p_holm
            test["reading"] = stats.reading(
                env, replace(result, pvalue=p_holm) if result.ok else result
            )
            values["unsur"].append(test)
        if two:
            results = [stats.welch_t(ikm_samples[0], ikm_samples[1])]
        else:
            results = [stats.anova(ikm_samples), stats.kruskal(ikm_samples)]
        labels = {
            "welch_t": env._("Welch t-test"),
            "anova": env._("One-way ANOVA"),
            "kruskal": env._("Kruskal–Wallis H"),
        }
        for result in results:
            values["ikm_tests"].append(
                {
                    "result": result,
                    "label": labels[result.test],
                    "reading": stats.reading(env, result),
                }
            )
        return values
