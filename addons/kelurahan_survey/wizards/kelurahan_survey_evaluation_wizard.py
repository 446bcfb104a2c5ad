# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The study's evaluation of a survey, run by the kelurahan itself every quarter:
per-aspect results and tests (independent and paired), instrument reliability,
themes of open answers, indicators against their baseline and, for the literacy
survey, who would need assisted channels. Aggregates only: officers use it without
reading any individual answer."""

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.kelurahan_crm.tools import stats

from ..tools import reliability
from .kelurahan_survey_ikm_wizard import period_bounds

GROUP_BY = [
    ("quarter", "Quarter"),
    ("channel", "Channel"),
    ("rw", "RW"),
    ("age", "Age group"),
    ("sex", "Sex"),
]
# literacy: a respondent whose mean score is below "Ragu-ragu" (3 of 5) is taken
# to need an assisted channel (counter, balai RW post)
ASSISTED_BELOW = 3.0
# an RW where at least this share needs assistance keeps its balai RW intake staffed
STAFF_SHARE = 0.25
MIN_RW_RESPONDENTS = 3


def sample(counts):
    """Rebuild a sample from ``{value: count}`` (SQL frequency table)."""
    if not counts:
        return np.zeros(0)
    return np.repeat(
        np.asarray(list(counts), dtype=float),
        np.asarray(list(counts.values()), dtype=int),
    )


def sample_pairs(counts, side):
    """One side (0 before, 1 after) of ``{(before, after): count}``, aligned."""
    if not counts:
        return np.zeros(0)
    return np.repeat(
        np.asarray([pair[side] for pair in counts], dtype=float),
        np.asarray(list(counts.values()), dtype=int),
    )


class KelurahanSurveyEvaluationWizard(models.TransientModel):
    _name = "kelurahan.survey.evaluation.wizard"
    _description = "Survey evaluation (aspects, reliability, literacy)"

    survey_id = fields.Many2one(
        "survey.survey",
        "Survey",
        required=True,
        domain=[("kel_kind", "!=", False)],
        default=lambda self: self.env["survey.survey"].search(
            [("kel_kind", "=", "likert")], limit=1
        ),
    )
    mode = fields.Selection(
        [("periods", "Two periods (before / after)"), ("groups", "Several groups")],
        required=True,
        default="periods",
    )
    before_from = fields.Date(
        "Before: from", default=lambda self: self._default_quarters()[0]
    )
    before_to = fields.Date(
        "Before: to", default=lambda self: self._default_quarters()[1]
    )
    after_from = fields.Date(
        "After: from", default=lambda self: self._default_quarters()[2]
    )
    after_to = fields.Date(
        "After: to", default=lambda self: self._default_quarters()[3]
    )
    group_by = fields.Selection(GROUP_BY, default="quarter")
    date_from = fields.Date(
        "From",
        default=lambda self: self.env.company._kel_today().replace(month=1, day=1),
    )
    date_to = fields.Date("To", default=lambda self: self.env.company._kel_today())
    result_html = fields.Html("Results", compute="_compute_result", sanitize=False)

    @api.model
    def _default_quarters(self):
        """The previous quarter against the current one: the quarterly routine."""
        current = period_bounds("quarter", self.env.company._kel_today())
        previous = period_bounds("quarter", current[0] - relativedelta(days=1))
        return previous + current

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
                "kelurahan_survey.evaluation_result",
                {"v": wizard._kel_evaluation_values()},
            )

    # ------------------------------------------------------------------
    def _kel_single_period(self):
        """The period of the one-period analyses (reliability, themes, literacy,
        indicators): the 'after' period, or the span of the groups."""
        if self.mode == "periods":
            return self.after_from, self.after_to
        return self.date_from, self.date_to

    def _kel_groups(self):
        """[(label, key, date_from, date_to, group)] of the compared groups."""
        if self.mode == "periods":
            if not all(
                (self.before_from, self.before_to, self.after_from, self.after_to)
            ):
                return []
            return [
                (self.env._("Before"), None, self.before_from, self.before_to, None),
                (self.env._("After"), None, self.after_from, self.after_to, None),
            ]
        survey = self.survey_id
        counts = survey._kel_aspect_counts(self.date_from, self.date_to, self.group_by)
        # keys are period texts ('2024-01') or record ids as text: by length,
        # then text, is date order and numeric order alike
        keys = sorted(
            {key for key, _aspect in counts if key is not None},
            key=lambda k: (len(k), k),
        )
        group = "service" if self.group_by in ("rw", "age", "sex") else self.group_by
        wizard_ikm = self.env["kelurahan.survey.ikm.wizard"]
        return [
            (
                wizard_ikm._kel_group_label(group, key),
                key,
                self.date_from,
                self.date_to,
                self.group_by,
            )
            for key in keys
        ]

    def _kel_evaluation_values(self):
        self.ensure_one()
        env = self.env
        values = {
            "warning": "",
            "fmt": env["res.lang"]._kel_number_formatter(),
            "groups": [],
            "sections": [],
            "paired": [],
            "reliability": [],
            "themes": {},
            "indicators": [],
            "literacy": {},
        }
        survey = self.survey_id
        if not survey:
            return values
        groups = self._kel_groups()
        values["groups"] = [g[0] for g in groups]
        if len(groups) < 2:
            values["warning"] = env._(
                "Choose two periods, or a grouping that yields at least two groups."
            )
        else:
            values["sections"] = self._kel_aspect_sections(groups)
            if self.mode == "periods":
                values["paired"] = self._kel_paired_sections()
        date_from, date_to = self._kel_single_period()
        values["reliability"] = self._kel_reliability(date_from, date_to)
        values["themes"] = self._kel_themes(groups)
        values["indicators"] = self._kel_indicators(date_from, date_to)
        if survey.kel_kind == "literacy":
            values["literacy"] = self._kel_literacy(date_from, date_to)
        return values

    # ------------------------------------------------------------------
    # Aspects
    # ------------------------------------------------------------------
    def _kel_sections(self):
        """[(section title, [(aspect code, label)])] in survey order."""
        survey = self.survey_id
        sections = {}
        seen = set()
        for question in survey._kel_scaled_questions():
            aspect = question.kel_aspect or question.kel_unsur
            if aspect in seen:
                continue
            seen.add(aspect)
            title = question.page_id.title or self.env._("Questions")
            sections.setdefault(title, []).append((aspect, question.title))
        return list(sections.items())

    def _kel_describe(self, arr):
        desc = stats.describe(arr)
        high = self.survey_id._kel_scale()[1]
        desc["agree"] = (
            100.0 * float((arr >= high - 1).sum()) / arr.size if arr.size else None
        )
        return desc

    def _kel_aspect_sections(self, groups):
        """Per section (a Holm family with this comparison): per aspect the
        description per group, the tests (Holm-adjusted p) and a sentence."""
        survey = self.survey_id
        per_group = []
        cache = {}
        for _label, key, date_from, date_to, group in groups:
            if (date_from, date_to, group) not in cache:
                cache[(date_from, date_to, group)] = survey._kel_aspect_counts(
                    date_from, date_to, group
                )
            per_group.append((key, cache[(date_from, date_to, group)]))
        two = len(groups) == 2
        kinds = ("welch_t", "mann_whitney") if two else ("anova", "kruskal")
        sections = []
        for title, aspects in self._kel_sections():
            rows = []
            for aspect, label in aspects:
                samples = [
                    sample(counts.get((key, aspect))) for key, counts in per_group
                ]
                if two:
                    results = [
                        stats.welch_t(samples[0], samples[1]),
                        stats.mann_whitney(samples[0], samples[1]),
                    ]
                else:
                    results = [stats.anova(samples), stats.kruskal(samples)]
                rows.append(
                    {
                        "aspect": aspect,
                        "label": label,
                        "descs": [self._kel_describe(s) for s in samples],
                        "results": results,
                    }
                )
            self._kel_holm(rows, len(kinds))
            for row in rows:
                row["sentence"] = self._kel_sentence(row)
            sections.append({"title": title, "rows": rows})
        return sections

    def _kel_holm(self, rows, n_tests):
        """Holm within the family (one section × one comparison), test by test."""
        for index in range(n_tests):
            adjusted = stats.holm(
                [
                    row["results"][index].pvalue if row["results"][index].ok else None
                    for row in rows
                ]
            )
            for row, p_holm in zip(rows, adjusted, strict=True):
                row.setdefault("p_holm", []).append(p_holm)

    def _kel_test_label(self, result):
        return {
            "welch_t": self.env._("Welch t-test"),
            "mann_whitney": self.env._("Mann–Whitney U"),
            "anova": self.env._("One-way ANOVA"),
            "kruskal": self.env._("Kruskal–Wallis H"),
            "paired_t": self.env._("Paired t-test"),
            "wilcoxon": self.env._("Wilcoxon signed-rank"),
        }[result.test]

    def _kel_result_reading(self, result, p_holm):
        if not result.ok:
            return self.env._(result.message)
        adjusted = stats.TestResult(result.test, pvalue=p_holm)
        text = stats.reading(self.env, adjusted)
        label = stats.effect_label(self.env, result)
        if label:
            text += " " + self.env._(
                "Effect size %(value)s (%(label)s).",
                value=stats.format_number(result.effect_size),
                label=label,
            )
        return text

    def _kel_sentence(self, row):
        """One sentence per aspect, in the user's language."""
        _ = self.env._
        fmt = stats.format_number
        means = " → ".join(fmt(d["mean"]) if d["count"] else "–" for d in row["descs"])
        if not all(d["count"] for d in row["descs"]):
            return _(
                "%(aspect)s: not enough data: a group has no answers.",
                aspect=row["label"],
            )
        parts = [_("%(aspect)s: mean %(means)s.", aspect=row["label"], means=means)]
        for result, p_holm in zip(row["results"], row["p_holm"], strict=True):
            parts.append(
                _(
                    "%(test)s (Holm-corrected): %(reading)s",
                    test=self._kel_test_label(result),
                    reading=self._kel_result_reading(result, p_holm),
                )
            )
        return " ".join(parts)

    def _kel_paired_sections(self):
        """Paired t-test and Wilcoxon for the respondents who answered both
        periods (same resident), per section as a Holm family."""
        pairs = self.survey_id._kel_paired_counts(
            (self.before_from, self.before_to), (self.after_from, self.after_to)
        )
        if not pairs:
            return []
        sections = []
        for title, aspects in self._kel_sections():
            rows = []
            for aspect, label in aspects:
                counts = pairs.get(aspect, {})
                before = sample_pairs(counts, 0)
                after = sample_pairs(counts, 1)
                rows.append(
                    {
                        "aspect": aspect,
                        "label": label,
                        "descs": [
                            self._kel_describe(before),
                            self._kel_describe(after),
                        ],
                        "results": [
                            stats.paired_t(list(before), list(after)),
                            stats.wilcoxon(list(before), list(after)),
                        ],
                    }
                )
            self._kel_holm(rows, 2)
            for row in rows:
                row["sentence"] = self._kel_sentence(row)
            sections.append({"title": title, "rows": rows})
        return sections

    # ------------------------------------------------------------------
    # Reliability, themes, indicators, literacy
    # ------------------------------------------------------------------
    def _kel_reliability(self, date_from, date_to):
        """Cronbach's alpha per section (and for the whole questionnaire when it
        has several sections)."""
        survey = self.survey_id
        questions = survey._kel_scaled_questions()
        blocks = []
        pages = questions.mapped("page_id")
        if len(pages) > 1:
            blocks.append((self.env._("Whole questionnaire"), questions))
        if pages:
            for page in pages:
                block = questions.filtered(lambda q, p=page: q.page_id == p)
                blocks.append((page.title, block))
        else:
            blocks.append((self.env._("Questions"), questions))
        result = []
        for title, block in blocks:
            matrix = reliability.expand(
                survey._kel_item_patterns(block, date_from, date_to), len(block)
            )
            res = reliability.cronbach(matrix)
            items = [
                {
                    "title": q.title,
                    **item,
                    "weak": (item["item_total"] or 0) < reliability.WEAK_ITEM_R,
                }
                for q, item in zip(block, res["items"], strict=False)
            ]
            result.append(
                {
                    "title": title,
                    "n": res["n"],
                    "k": len(block),
                    "alpha": res["alpha"],
                    "items": items,
                    "sentence": self._kel_alpha_sentence(res),
                }
            )
        return result

    def _kel_alpha_sentence(self, res):
        _ = self.env._
        if res["alpha"] is None:
            return _(res["message"])
        fmt = stats.format_number
        alpha = res["alpha"]
        if alpha >= reliability.ACCEPTABLE_ALPHA:
            verdict = _(
                "the questions measure the same thing consistently (0,70 or more is "
                "acceptable)."
            )
        else:
            verdict = _(
                "below the usual 0,70: revise or drop the weak questions before "
                "relying on the total."
            )
        return _(
            "Cronbach's alpha = %(alpha)s (%(label)s, %(n)s complete answers): "
            "%(verdict)s",
            alpha=fmt(alpha),
            label=_(reliability.alpha_label(alpha)),
            n=res["n"],
            verdict=verdict,
        )

    def _kel_themes(self, groups):
        """{'columns': [labels], 'rows': [(theme, [counts])]} of tagged answers."""
        survey = self.survey_id
        if not groups:
            return {}
        columns, per_column = [], []
        cache = {}
        for label, key, date_from, date_to, group in groups:
            if (date_from, date_to, group) not in cache:
                cache[(date_from, date_to, group)] = survey._kel_theme_counts(
                    date_from, date_to, group
                )
            columns.append(label)
            per_column.append((key, cache[(date_from, date_to, group)]))
        theme_ids = {theme for _k, counts in per_column for _g, theme in counts}
        if not theme_ids:
            return {}
        rows = []
        for theme in self.env["kelurahan.survey.theme"].browse(sorted(theme_ids)):
            rows.append(
                (
                    theme.name,
                    [counts.get((key, theme.id), 0) for key, counts in per_column],
                )
            )
        rows.sort(key=lambda row: -sum(row[1]))
        return {"columns": columns, "rows": rows}

    def _kel_indicators(self, date_from, date_to):
        """Each indicator with a baseline: baseline → current (share of the two best
        answers over every kelurahan survey in the period) and the change."""
        baselines = self.env["kelurahan.survey.indicator.baseline"].search(
            [("company_id", "=", self.env.company.id)]
        )
        if not baselines:
            return []
        current = self.env["survey.survey"]._kel_indicator_shares(date_from, date_to)
        rows = []
        for baseline in baselines.sorted(lambda b: (b.indicator_id.sequence, b.id)):
            value = current.get(baseline.indicator_id.code)
            rows.append(
                {
                    "name": baseline.indicator_id.name,
                    "baseline": baseline.value,
                    "year": baseline.year,
                    "source": baseline.source,
                    "current": value,
                    "change": round(value - baseline.value, 2)
                    if value is not None
                    else None,
                }
            )
        return rows

    def _kel_literacy(self, date_from, date_to):
        """Score distribution, breakdowns by RW / age group / sex, the share who
        would need assisted channels and the RWs where that share is high."""
        survey = self.survey_id
        _ = self.env._

        def scores(totals):
            merged = {}
            for (total, answered), count in totals.items():
                mean = total / answered
                merged[mean] = merged.get(mean, 0) + count
            return sample(merged)

        overall = scores(
            survey._kel_respondent_totals(date_from, date_to).get(None, {})
        )
        result = {"n": int(overall.size), "breakdowns": [], "staff_rws": []}
        if not overall.size:
            result["sentence"] = _(
                "Not enough data: nobody answered the literacy questionnaire in "
                "the period."
            )
            return result
        # score bands 1–<2, 2–<3, 3–<4, 4–5 (the last one includes 5)
        edges = ((1, 2), (2, 3), (3, 4), (4, 6))
        result["distribution"] = [
            (
                f"{low}–<{high}" if high <= 5 else f"{low}–5",
                int(((overall >= low) & (overall < high)).sum()),
            )
            for low, high in edges
        ]
        assisted = int((overall < ASSISTED_BELOW).sum())
        result["assisted"] = assisted
        result["assisted_share"] = 100.0 * assisted / overall.size
        result["mean"] = float(overall.mean())
        wizard_ikm = self.env["kelurahan.survey.ikm.wizard"]
        for group, title in (
            ("rw", _("RW")),
            ("age", _("Age group")),
            ("sex", _("Sex")),
        ):
            rows = []
            for key, totals in survey._kel_respondent_totals(
                date_from, date_to, group
            ).items():
                arr = scores(totals)
                share = 100.0 * float((arr < ASSISTED_BELOW).sum()) / arr.size
                rows.append(
                    {
                        "key": key,
                        "label": wizard_ikm._kel_group_label("service", key),
                        "n": int(arr.size),
                        "mean": float(arr.mean()),
                        "sd": float(arr.std(ddof=1)) if arr.size > 1 else None,
                        "share": share,
                    }
                )
            # in the order of the answer options (ids), the unanswered last
            rows.sort(key=lambda r: (r["key"] is None, len(r["key"] or ""), r["key"]))
            result["breakdowns"].append({"title": title, "rows": rows})
            if group == "rw":
                result["staff_rws"] = [
                    r
                    for r in sorted(rows, key=lambda r: -r["share"])
                    if r["n"] >= MIN_RW_RESPONDENTS
                    and r["share"] >= 100 * STAFF_SHARE
                    and r["label"] != self.env["res.lang"]._kel_empty_label()
                ]
        fmt = stats.format_number
        sentence = _(
            "%(share)s%% of the respondents (%(assisted)s of %(n)s) score below "
            "%(limit)s of 5 and would need assisted channels (counter, balai RW post).",
            share=fmt(result["assisted_share"], 1),
            assisted=assisted,
            n=result["n"],
            limit=fmt(ASSISTED_BELOW, 0),
        )
        if result["staff_rws"]:
            sentence += " " + _(
                "Keep the balai RW intake staffed in: %(rws)s.",
                rws=", ".join(
                    f"{r['label']} ({fmt(r['share'], 0)}%)" for r in result["staff_rws"]
                ),
            )
        else:
            sentence += " " + _(
                "No RW reaches %(share)s%% of residents needing assistance.",
                share=fmt(100 * STAFF_SHARE, 0),
            )
        result["sentence"] = sentence
        return result
