# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

import qrcode
import qrcode.image.svg
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import ikm as ikm_tools
from .survey_question_answer import SCALES
from .survey_user_input import UNSUR_FIELDS

PROFILE_GROUPS = ("age", "sex", "education", "occupation", "service", "rw")

PERSONAL_PROFILE = ("age", "sex", "education", "occupation")

GROUPS = ("month", "quarter", "semester", "year", "channel", "service")


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    survey_type = fields.Selection(
        selection_add=[("kelurahan", "Kelurahan")],
        ondelete={"kelurahan": "set default"},
    )
    kel_kind = fields.Selection(
        [
            ("skm", "SKM (PermenPANRB 14/2017)"),
            ("likert", "Likert 1–5 satisfaction"),
            ("literacy", "Digital literacy"),
        ],
        "Kelurahan survey kind",
        index="btree_not_null",
    )
    kel_population = fields.Integer(
        "Population served per year",
        help="Number of service users in a year; used for the Krejcie & Morgan "
        "minimum sample size.",
    )
    kel_go_live_date = fields.Date(
        "Go-live date",
        help="Date the new service (e.g. the CRM) went live: the default split "
        "for before/after comparisons.",
    )
    kel_invite_complaint = fields.Boolean(
        "Invite after closed complaints",
        help="Residents whose complaint is closed as done receive an invitation "
        "to this survey by e-mail.",
    )
    kel_missing_unsur = fields.Char(
        "Missing SKM elements", compute="_compute_kel_missing_unsur"
    )
    # UU PDP: a survey asking about the respondent shows the privacy notice.
    kel_asks_personal = fields.Boolean(
        string="Asks personal questions",
        compute="_compute_kel_asks_personal",
        help="A question records the respondent's profile: the survey shows the "
        "privacy notice and each response keeps a consent record.",
    )

    @api.depends("question_and_page_ids.kel_profile")
    def _compute_kel_asks_personal(self):
        """Age, sex, education and occupation are about the person; the service
        received is not."""
        for survey in self:
            survey.kel_asks_personal = any(
                profile in PERSONAL_PROFILE
                for profile in survey.question_and_page_ids.mapped("kel_profile")
            )

    @api.depends("survey_type")
    @api.depends_context("uid")
    def _compute_allowed_survey_types(self):
        res = super()._compute_allowed_survey_types()
        if self.env.user.has_group("survey.group_survey_user"):
            self.allowed_survey_types = (self.allowed_survey_types or []) + [
                "kelurahan"
            ]
        return res

    @api.depends("kel_kind", "question_and_page_ids.kel_unsur")
    def _compute_kel_missing_unsur(self):
        for survey in self:
            if survey.kel_kind != "skm":
                survey.kel_missing_unsur = False
                continue
            present = set(survey.question_ids.mapped("kel_unsur"))
            missing = [code for code in ikm_tools.UNSUR if code not in present]
            survey.kel_missing_unsur = ", ".join(missing) or False

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_kel_open_kiosk(self):
        self.ensure_one()
        self._kel_check_skm_complete()
        return {
            "type": "ir.actions.act_url",
            "url": self._kel_kiosk_url(),
            "target": "new",
        }

    def action_kel_ikm(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kelurahan_survey.kelurahan_survey_ikm_wizard_action"
        )
        action["context"] = {"default_survey_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _kel_invitation_survey(self, kind):
        """The active survey configured for invitations after ``kind``: its
        ``kel_invite_<kind>`` flag is set ('complaint' here; glue addons add theirs,
        e.g. 'service'). Empty when none is."""
        flag = f"kel_invite_{kind}"
        # sudo: choosing the configured survey is not the closing officer's choice
        return self.sudo().search(
            [(flag, "=", True), ("active", "=", True)], order="id desc", limit=1
        )

    def _kel_invite(self, partner, ticket=None, **links):
        """Create a response for ``partner`` linked to what it rates (``links``:
        ticket_id, channel_id and the links of other addons) and send the token
        link: by e-mail when the partner has one, and as a text on the reporter's
        text channels when ``ticket`` is a complaint whose reporter has some
        (kelurahan_crm's ``_kel_send_text`` hook, e.g. WhatsApp). Nothing for no
        survey or no reachable partner."""
        text_channels = ticket._kel_text_channels() if ticket else []
        if not self or not partner or not (partner.email or text_channels):
            return self.env["survey.user_input"]
        self.ensure_one()
        # sudo: staff closing the case may not create survey responses; the
        # response belongs to the resident, who alone receives its token.
        user_input = self.sudo()._create_answer(
            partner=partner, check_attempts=False, **links
        )
        template = self.env.ref(
            "kelurahan_survey.mail_template_survey_invitation", raise_if_not_found=False
        )
        if template and partner.email:
            template.sudo().send_mail(user_input.id)
        if text_channels:
            ticket._kel_send_text(self._kel_invitation_text(ticket, user_input))
        return user_input

    def _kel_invitation_text(self, ticket, user_input):
        """The invitation as a short text, in the reporter's language."""
        env = self.with_context(lang=ticket._kel_reporter_lang()).env
        return env._(
            "Your complaint %(number)s is done. Please tell us how we did, it takes "
            "two minutes: %(url)s",
            number=ticket.number,
            url=user_input.get_base_url() + user_input.get_start_url(),
        )

    def _kel_kiosk_url(self):
        self.ensure_one()
        return f"/kelurahan/survey/kiosk/{self.access_token}"

    def _kel_walkin_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/kelurahan/survey/start/{self.access_token}"

    def _kel_poster_items(self):
        """One poster page per service of the profile question (or one page), each
        with its walk-in link and QR code (inline SVG)."""
        self.ensure_one()
        question = self.question_ids.filtered(lambda q: q.kel_profile == "service")[:1]
        options = [(a.value, a.id) for a in question.suggested_answer_ids] or [
            ("", None)
        ]
        items = []
        for label, answer_id in options:
            url = self._kel_walkin_url()
            if answer_id:
                url += f"?service={answer_id}"
            items.append({"label": label, "url": url, "qr": self._kel_qr_svg(url)})
        return items

    @api.model
    def _kel_qr_svg(self, value, size=320):
        """QR code as inline SVG (wkhtmltopdf renders it without fetching
        anything); built here from the URL only, so it is safe markup."""
        # border=4: the quiet zone the QR standard requires for reliable scanning.
        image = qrcode.make(
            value, image_factory=qrcode.image.svg.SvgPathImage, border=4
        )
        buffer = io.BytesIO()
        image.save(buffer)
        svg = buffer.getvalue().decode()
        svg = svg[svg.index("<svg") :]
        svg = re.sub(
            r'^<svg width="[^"]*" height="[^"]*"',
            f'<svg width="{size}" height="{size}"',
            svg,
        )
        return Markup(svg)

    def _kel_check_skm_complete(self):
        for survey in self:
            if survey.kel_kind == "skm" and survey.kel_missing_unsur:
                raise UserError(
                    self.env._(
                        "The SKM survey “%(survey)s” lacks these elements (unsur): "
                        "%(missing)s. Mark one question for each of U1–U9.",
                        survey=survey.title,
                        missing=survey.kel_missing_unsur,
                    )
                )

    # ------------------------------------------------------------------
    # IKM by SQL aggregation
    # ------------------------------------------------------------------
    def _kel_local_ts(self):
        """When a response was completed, in the office's time zone (the IKM of a
        period counts office days, whoever reads it)."""
        tz = self.env.company._kel_tz_name()
        return SQL("(ui.end_datetime AT TIME ZONE 'UTC' AT TIME ZONE %s)", tz)

    def _kel_period_sql(self, date_from=None, date_to=None):
        """Responses completed on the office days ``date_from``..``date_to`` (both
        included, either may be open), as a range on the stored UTC timestamp: the
        bounds are computed once in Python (``res.company._kel_period_bounds``), so
        the index on (survey, end_datetime) serves the filter."""
        company = self.env.company
        conds = []
        if date_from:
            start, _end = company._kel_period_bounds(fields.Date.to_date(date_from))
            conds.append(SQL("ui.end_datetime >= %s", start))
        if date_to:
            _start, end = company._kel_period_bounds(fields.Date.to_date(date_to))
            conds.append(SQL("ui.end_datetime < %s", end))
        return SQL(" AND ").join(conds) if conds else SQL("TRUE")

    def _kel_where(
        self, date_from=None, date_to=None, channel_ids=None, service_ids=None
    ):
        """Completed, non-test responses of these surveys in the period (local dates,
        both ends included), optionally of some channels / services."""
        conds = [
            SQL("ui.survey_id IN %s", tuple(self.ids) or (0,)),
            SQL("ui.state = 'done'"),
            SQL("ui.test_entry IS NOT TRUE"),
        ]
        if date_from or date_to:
            conds.append(self._kel_period_sql(date_from, date_to))
        if channel_ids:
            conds.append(SQL("ui.channel_id IN %s", tuple(channel_ids)))
        if service_ids:
            conds.append(
                SQL(
                    "EXISTS (SELECT 1 FROM survey_user_input_line sl"
                    " JOIN survey_question sq ON sq.id = sl.question_id"
                    " WHERE sl.user_input_id = ui.id AND sq.kel_profile = 'service'"
                    " AND sl.suggested_answer_id IN %s)",
                    tuple(service_ids),
                )
            )
        return SQL(" AND ").join(conds)

    def _kel_group_key(self, group):
        local = self._kel_local_ts()
        if not group:
            return SQL("NULL::text")
        if group in ("month", "quarter", "year"):
            return SQL("to_char(date_trunc(%s, %s), 'YYYY-MM')", group, local)
        if group == "semester":
            return SQL(
                "to_char(%s, 'YYYY') || CASE WHEN extract(month FROM %s) <= 6"
                " THEN '-S1' ELSE '-S2' END",
                local,
                local,
            )
        if group == "channel":
            return SQL("ui.channel_id::text")
        if group == "service":
            return SQL("svc.suggested_answer_id::text")
        raise UserError(self.env._("Unknown grouping: %(group)s", group=group))

    def _kel_service_cte(self):
        """The service each response names in its profile question (first answer),
        computed once as a materialised CTE instead of per answer line."""
        return SQL(
            """WITH svc AS MATERIALIZED (
                   SELECT DISTINCT ON (sl.user_input_id)
                          sl.user_input_id, sl.suggested_answer_id
                     FROM survey_user_input_line sl
                     JOIN survey_question sq ON sq.id = sl.question_id
                    WHERE sl.survey_id IN %s AND sq.kel_profile = 'service'
                      AND sl.suggested_answer_id IS NOT NULL
                 ORDER BY sl.user_input_id, sl.id
               ) """,
            tuple(self.ids) or (0,),
        )

    def _kel_response_sql(self, select, where, group_by, group=None, joins=None):
        """A query over the responses themselves (their stored unsur scores,
        ``survey.user_input.kel_u1``…``kel_u9``), not their answer lines."""
        return SQL(
            """%(cte)sSELECT %(select)s
                 FROM survey_user_input ui
                 %(joins)s
                 %(service_join)s
                WHERE %(where)s
             GROUP BY %(group_by)s""",
            select=select,
            cte=self._kel_service_cte() if group == "service" else SQL(),
            joins=joins or SQL(),
            service_join=SQL("LEFT JOIN svc ON svc.user_input_id = ui.id")
            if group == "service"
            else SQL(),
            where=where,
            group_by=group_by,
        )

    def _kel_score_columns(self):
        """The stored unsur score columns of ``ui``, in ``ikm_tools.UNSUR`` order."""
        return [SQL.identifier("ui", UNSUR_FIELDS[code]) for code in ikm_tools.UNSUR]

    def _kel_ikm_sql(self, where, group=None):
        """One pass over the responses of the period: per group, the respondents
        (a valid answer to at least one unsur) and per unsur the count and sum of
        the valid answers."""
        columns = self._kel_score_columns()
        select = [
            SQL("%s AS grp", self._kel_group_key(group)),
            SQL("COUNT(*) FILTER (WHERE GREATEST(%s) > 0)", SQL(", ").join(columns)),
        ]
        for column in columns:
            select += [
                SQL("COUNT(*) FILTER (WHERE %s > 0)", column),
                SQL("SUM(%s)", column),
            ]
        return self._kel_response_sql(SQL(", ").join(select), where, SQL("1"), group)

    def _kel_ikm(
        self,
        date_from=None,
        date_to=None,
        channel_ids=None,
        service_ids=None,
        group=None,
    ):
        """IKM per group, computed in PostgreSQL (count and sum per unsur, in one
        pass over the responses' stored unsur scores, not their answer lines), then
        the exact arithmetic of ``tools.ikm``.
        Returns ``{group_key: result}`` where result = {respondents, unsur: {code:
        {count, total, nrr}}, ikm, converted, category, category_label}. Keys are
        None without grouping."""
        self._kel_check_skm_complete()
        # the stored unsur scores of responses answered in this transaction
        self.env.flush_all()
        where = self._kel_where(date_from, date_to, channel_ids, service_ids)
        self.env.cr.execute(self._kel_ikm_sql(where, group))
        results = {}
        for grp, respondents, *sums in self.env.cr.fetchall():
            if not respondents:
                continue
            unsur = {}
            for i, code in enumerate(ikm_tools.UNSUR):
                count, total = sums[2 * i], sums[2 * i + 1]
                if count:
                    unsur[code] = {
                        "count": int(count),
                        "total": int(total),
                        "nrr": ikm_tools.nrr(total, count),
                    }
            results[grp] = {"unsur": unsur, "respondents": respondents}
        if not group and not results:
            results[None] = {"unsur": {}, "respondents": 0}
        for res in results.values():
            value = ikm_tools.ikm(
                {code: data["nrr"] for code, data in res["unsur"].items()}
            )
            res["ikm"] = float(value) if value is not None else None
            res["converted"] = ikm_tools.converted(value)
            letter, label = ikm_tools.category(res["converted"])
            res["category"] = letter
            res["category_label"] = str(label) if label else ""
            for data in res["unsur"].values():
                data["nrr"] = float(data["nrr"])
        return results

    def _kel_score_counts(self, date_from=None, date_to=None, group=None):
        """Per-respondent scores for the statistics, as frequency tables counted in
        PostgreSQL from the responses' stored unsur scores (never a row per answer
        in Python): ``{group: {"respondents": {(sum, answered): respondents},
        "unsur": {code: {score: respondents}}}}``. A respondent's IKM is 25 × sum
        / answered; ``respondent_ikm`` and ``sample`` rebuild the samples."""
        columns = self._kel_score_columns()
        # one (unsur, score) row per stored score of a response
        unpivot = SQL(
            "CROSS JOIN LATERAL (VALUES %s) AS v(unsur, score)",
            SQL(", ").join(
                SQL("(%s, %s)", code, column)
                for code, column in zip(ikm_tools.UNSUR, columns, strict=True)
            ),
        )
        key = self._kel_group_key(group)
        where = self._kel_where(date_from, date_to)
        self.env.flush_all()
        self.env.cr.execute(
            self._kel_response_sql(
                SQL("%s AS grp, v.unsur, v.score, COUNT(*)", key),
                SQL("%s AND v.score > 0", where),
                SQL("1, 2, 3"),
                group,
                joins=unpivot,
            )
        )
        data = {}
        for grp, unsur, score, count in self.env.cr.fetchall():
            group_data = data.setdefault(grp, {"respondents": {}, "unsur": {}})
            group_data["unsur"].setdefault(unsur, {})[score] = count
        total = SQL(" + ").join(columns)
        answered = SQL(" + ").join(SQL("(%s > 0)::int", column) for column in columns)
        self.env.cr.execute(
            self._kel_response_sql(
                SQL("%s AS grp, %s, %s, COUNT(*)", key, total, answered),
                SQL("%s AND %s > 0", where, total),
                SQL("1, 2, 3"),
                group,
            )
        )
        for grp, total_score, answered_count, count in self.env.cr.fetchall():
            group_data = data.setdefault(grp, {"respondents": {}, "unsur": {}})
            group_data["respondents"][(int(total_score), answered_count)] = count
        return data

    def _kel_profile(
        self, date_from=None, date_to=None, channel_ids=None, service_ids=None
    ):
        """Respondent profile counts: ``{profile: [(answer label, count)]}``."""
        where = self._kel_where(date_from, date_to, channel_ids, service_ids)
        self.env.cr.execute(
            SQL(
                """SELECT q.kel_profile, l.suggested_answer_id, COUNT(DISTINCT ui.id)
                     FROM survey_user_input_line l
                     JOIN survey_user_input ui ON ui.id = l.user_input_id
                     JOIN survey_question q ON q.id = l.question_id
                    WHERE %s AND q.kel_profile IS NOT NULL
                      AND l.suggested_answer_id IS NOT NULL
                 GROUP BY 1, 2 ORDER BY 1, 2""",
                where,
            )
        )
        rows = self.env.cr.fetchall()
        # sudo: only the labels of the suggested answers are read, to name the
        # aggregated counts; no respondent data leaves this method.
        answers = (
            self.env["survey.question.answer"].sudo().browse([row[1] for row in rows])
        )
        labels = {a.id: a.value for a in answers}
        profile = {}
        for kind, answer_id, count in rows:
            profile.setdefault(kind, []).append((labels.get(answer_id, ""), count))
        return profile

    @api.model
    def _kel_indicator_shares(self, date_from=None, date_to=None):
        """Table-1 indicators: ``{code: percent}`` of answers in the two best options
        of their question, over completed non-test responses of kelurahan surveys in
        the period. ``None`` for an indicator without answers in the period."""
        surveys = self if self else self.sudo().search([("kel_kind", "!=", False)])
        where = surveys._kel_where(date_from, date_to)
        self.env.cr.execute(
            SQL(
                """SELECT ind.code,
                          COUNT(*) FILTER (WHERE a.kel_score >= mx.top - 1),
                          COUNT(*)
                     FROM survey_user_input_line l
                     JOIN survey_user_input ui ON ui.id = l.user_input_id
                     JOIN survey_question q ON q.id = l.question_id
                     JOIN kelurahan_survey_indicator ind ON ind.id = q.kel_indicator_id
                     JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                     JOIN (SELECT question_id, MAX(kel_score) AS top
                             FROM survey_question_answer GROUP BY question_id) mx
                       ON mx.question_id = q.id
                    WHERE %s AND ind.active AND l.skipped IS NOT TRUE
                      AND a.kel_score > 0
                 GROUP BY ind.code""",
                where,
            )
        )
        counts = {code: (good, total) for code, good, total in self.env.cr.fetchall()}
        shares = {}
        # sudo: the indicator codes are configuration, readable by every reporter
        for indicator in self.env["kelurahan.survey.indicator"].sudo().search([]):
            good, total = counts.get(indicator.code, (0, 0))
            shares[indicator.code] = (
                ikm_tools.round2(100.0 * good / total) if total else None
            )
        return shares

    # ------------------------------------------------------------------
    # Evaluation aggregates
    # Aggregates for the evaluation of any kelurahan survey (Likert 1–5, SKM 1–4,
    # literacy): everything is counted in PostgreSQL and returned as small frequency
    # tables (score → count), never as answer records; the statistics rebuild the
    # samples from those counts with numpy, which gives exactly the same figures as the
    # raw answers.
    # ------------------------------------------------------------------

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
        in_before = self._kel_period_sql(*before)
        in_after = self._kel_period_sql(*after)
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
