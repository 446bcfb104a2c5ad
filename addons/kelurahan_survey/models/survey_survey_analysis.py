# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Aggregates for the evaluation of any kelurahan survey (Likert 1–5, SKM 1–4,
literacy): everything is counted in PostgreSQL and returned as small frequency
tables (score → count), never as answer records; the statistics rebuild the
samples from those counts with numpy, which gives exactly the same figures as the
raw answers."""

from odoo import fields, models
from odoo.tools import SQL

from .survey_question_answer import SCALES

PROFILE_GROUPS = ("age", "sex", "education", "occupation", "service", "rw")


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    def _kel_scale(self):
        """(lowest, highest) score of this survey's scale (1–5 unless SKM)."""
        self.ensure_one()
        return SCALES.get(self.kel_kind or "likert", (1, 5))

    def _kel_scaled_questions(self):
        """Questions carrying a score (an aspect code or an SKM unsur), in order."""
        self.ensure_one()
        return self.question_ids.filtered(lambda q: q.kel_aspect or q.kel_unsur)

    def _kel_aspect_key(self):
        return SQL("COALESCE(q.kel_aspect, q.kel_unsur)")

    def _kel_profile_cte(self, profile):
        """The answer each response gives to its ``profile`` question (first one)."""
        return SQL(
            """WITH prof AS MATERIALIZED (
                   SELECT DISTINCT ON (sl.user_input_id)
                          sl.user_input_id, sl.suggested_answer_id
                     FROM survey_user_input_line sl
                     JOIN survey_question sq ON sq.id = sl.question_id
                    WHERE sl.survey_id IN %s AND sq.kel_profile = %s
                      AND sl.suggested_answer_id IS NOT NULL
                 ORDER BY sl.user_input_id, sl.id
               ) """,
            tuple(self.ids) or (0,),
            profile,
        )

    def _kel_grouping(self, group):
        """(cte, join, key) SQL pieces for a grouping: None, a period
        (month/quarter/semester/year), 'channel' or a respondent profile."""
        if group in PROFILE_GROUPS:
            return (
                self._kel_profile_cte(group),
                SQL("LEFT JOIN prof ON prof.user_input_id = ui.id"),
                SQL("prof.suggested_answer_id::text"),
            )
        return SQL(), SQL(), self._kel_group_key(group)

    def _kel_aspect_counts(self, date_from=None, date_to=None, group=None):
        """``{(group key, aspect): {score: count}}`` of the scaled answers."""
        cte, join, key = self._kel_grouping(group)
        self.env.cr.execute(
            SQL(
                """%(cte)sSELECT %(key)s, %(aspect)s, a.kel_score, COUNT(*)
                     FROM survey_user_input_line l
                     JOIN survey_user_input ui ON ui.id = l.user_input_id
                     JOIN survey_question q ON q.id = l.question_id
                     JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                     %(join)s
                    WHERE %(where)s
                      AND (q.kel_aspect IS NOT NULL OR q.kel_unsur IS NOT NULL)
                      AND l.skipped IS NOT TRUE AND a.kel_score > 0
                 GROUP BY 1, 2, 3""",
                cte=cte,
                key=key,
                aspect=self._kel_aspect_key(),
                join=join,
                where=self._kel_where(date_from, date_to),
            )
        )
        counts = {}
        for grp, aspect, score, count in self.env.cr.fetchall():
            counts.setdefault((grp, aspect), {})[score] = count
        return counts

    def _kel_paired_counts(self, before, after):
        """Respondents (same partner) who answered in both periods: ``{aspect:
        {(mean before, mean after): count}}``; ``before``/``after`` are (from, to)."""
        local = self._kel_local_ts()
        in_before = SQL(
            "%s::date BETWEEN %s AND %s",
            local,
            fields.Date.to_date(before[0]),
            fields.Date.to_date(before[1]),
        )
        in_after = SQL(
            "%s::date BETWEEN %s AND %s",
            local,
            fields.Date.to_date(after[0]),
            fields.Date.to_date(after[1]),
        )
        public = self.env.ref("base.public_partner").id
        self.env.cr.execute(
            SQL(
                """SELECT aspect, b, a, COUNT(*) FROM (
                       SELECT ui.partner_id, %(aspect)s AS aspect,
                              AVG(s.kel_score) FILTER (WHERE %(in_before)s) AS b,
                              AVG(s.kel_score) FILTER (WHERE %(in_after)s) AS a
                         FROM survey_user_input_line l
                         JOIN survey_user_input ui ON ui.id = l.user_input_id
                         JOIN survey_question q ON q.id = l.question_id
                         JOIN survey_question_answer s
                           ON s.id = l.suggested_answer_id
                        WHERE %(where)s AND ui.partner_id IS NOT NULL
                          AND ui.partner_id != %(public)s
                          AND (q.kel_aspect IS NOT NULL OR q.kel_unsur IS NOT NULL)
                          AND l.skipped IS NOT TRUE AND s.kel_score > 0
                     GROUP BY 1, 2) per_person
                    WHERE b IS NOT NULL AND a IS NOT NULL
                 GROUP BY 1, 2, 3""",
                aspect=self._kel_aspect_key(),
                in_before=in_before,
                in_after=in_after,
                where=self._kel_where(),
                public=public,
            )
        )
        pairs = {}
        for aspect, b, a, count in self.env.cr.fetchall():
            pairs.setdefault(aspect, {})[(float(b), float(a))] = count
        return pairs

    def _kel_item_patterns(self, questions, date_from=None, date_to=None):
        """Answer patterns of the respondents who answered every one of
        ``questions``: ``[(scores in question order, count)]``."""
        order = {q.id: i for i, q in enumerate(questions)}
        if not order:
            return []
        self.env.cr.execute(
            SQL(
                """SELECT scores, COUNT(*) FROM (
                       SELECT l.user_input_id,
                              array_agg(a.kel_score ORDER BY array_position(
                                  %(ids)s::int[], l.question_id)) AS scores,
                              COUNT(DISTINCT l.question_id) AS answered
                         FROM survey_user_input_line l
                         JOIN survey_user_input ui ON ui.id = l.user_input_id
                         JOIN survey_question_answer a
                           ON a.id = l.suggested_answer_id
                        WHERE %(where)s AND l.question_id = ANY(%(ids)s::int[])
                          AND l.skipped IS NOT TRUE AND a.kel_score > 0
                     GROUP BY 1) per_person
                    WHERE answered = %(k)s AND cardinality(scores) = %(k)s
                 GROUP BY 1""",
                ids=list(order),
                where=self._kel_where(date_from, date_to),
                k=len(order),
            )
        )
        return [(tuple(scores), count) for scores, count in self.env.cr.fetchall()]

    def _kel_respondent_totals(self, date_from=None, date_to=None, group=None):
        """Per-respondent score (sum and number of scaled answers), counted by
        group: ``{group key: {(sum, answered): respondents}}``."""
        cte, join, key = self._kel_grouping(group)
        self.env.cr.execute(
            SQL(
                """%(cte)sSELECT grp, total, answered, COUNT(*) FROM (
                       SELECT ui.id, %(key)s AS grp, SUM(a.kel_score) AS total,
                              COUNT(*) AS answered
                         FROM survey_user_input_line l
                         JOIN survey_user_input ui ON ui.id = l.user_input_id
                         JOIN survey_question q ON q.id = l.question_id
                         JOIN survey_question_answer a
                           ON a.id = l.suggested_answer_id
                         %(join)s
                        WHERE %(where)s
                          AND (q.kel_aspect IS NOT NULL OR q.kel_unsur IS NOT NULL)
                          AND l.skipped IS NOT TRUE AND a.kel_score > 0
                     GROUP BY 1, 2) per_person
                 GROUP BY 1, 2, 3""",
                cte=cte,
                key=key,
                join=join,
                where=self._kel_where(date_from, date_to),
            )
        )
        totals = {}
        for grp, total, answered, count in self.env.cr.fetchall():
            totals.setdefault(grp, {})[(int(total), int(answered))] = count
        return totals

    def _kel_theme_counts(self, date_from=None, date_to=None, group=None):
        """Tagged open answers per theme: ``{(group key, theme id): answers}``."""
        cte, join, key = self._kel_grouping(group)
        self.env.cr.execute(
            SQL(
                """%(cte)sSELECT %(key)s, rel.theme_id, COUNT(DISTINCT l.id)
                     FROM kelurahan_survey_theme_line_rel rel
                     JOIN survey_user_input_line l ON l.id = rel.line_id
                     JOIN survey_user_input ui ON ui.id = l.user_input_id
                     %(join)s
                    WHERE %(where)s
                 GROUP BY 1, 2""",
                cte=cte,
                key=key,
                join=join,
                where=self._kel_where(date_from, date_to),
            )
        )
        return {(grp, theme): count for grp, theme, count in self.env.cr.fetchall()}
