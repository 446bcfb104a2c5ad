# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import ikm as ikm_tools

# The stored score of each SKM element (unsur) of a response: 1–4, 0 when the
# response has no valid answer to it. The IKM and the comparisons add these up over
# the responses of a period instead of scanning every answer line.
UNSUR_FIELDS = {code: f"kel_{code.lower()}" for code in ikm_tools.UNSUR}


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", "Complaint", index="btree_not_null", ondelete="set null"
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        "Channel",
        index="btree_not_null",
        ondelete="set null",
        help="Channel of the contact this response rates (walk-in, WhatsApp, …).",
    )
    kel_is_kiosk = fields.Boolean(
        "Answered at the kiosk",
        readonly=True,
        help="Started on the counter tablet: each respondent gets a fresh, "
        "anonymous response.",
    )

    kel_u1 = fields.Integer(
        "U1 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u2 = fields.Integer(
        "U2 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u3 = fields.Integer(
        "U3 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u4 = fields.Integer(
        "U4 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u5 = fields.Integer(
        "U5 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u6 = fields.Integer(
        "U6 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u7 = fields.Integer(
        "U7 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u8 = fields.Integer(
        "U8 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )
    kel_u9 = fields.Integer(
        "U9 score", compute="_compute_kel_unsur_scores", store=True, readonly=True
    )

    @api.depends(
        "user_input_line_ids.skipped",
        "user_input_line_ids.question_id.kel_unsur",
        "user_input_line_ids.suggested_answer_id.kel_score",
    )
    def _compute_kel_unsur_scores(self):
        """The response's score of each unsur: its valid answer (not skipped, on
        the SKM scale; the best one if a question allowed several), else 0."""
        for user_input in self:
            scores = dict.fromkeys(ikm_tools.UNSUR, 0)
            for line in user_input.user_input_line_ids:
                code = line.question_id.kel_unsur
                score = line.suggested_answer_id.kel_score
                if (
                    code
                    and not line.skipped
                    and ikm_tools.SCALE_MIN <= score <= ikm_tools.SCALE_MAX
                ):
                    scores[code] = max(scores[code], score)
            user_input.update(
                {UNSUR_FIELDS[code]: score for code, score in scores.items()}
            )

    def init(self):
        """The reports' filter (``survey.survey._kel_where``): completed, non-test
        responses of a survey in a range of completion times."""
        res = super().init()
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS survey_user_input_kel_done_idx"
                " ON survey_user_input (survey_id, end_datetime) INCLUDE (id)"
                " WHERE state = 'done' AND test_entry IS NOT TRUE"
            )
        )
        return res

    def _mark_done(self):
        odoobot = self.env.ref("base.partner_root")
        for user_input in self.filtered("ticket_id"):
            # sudo: the respondent (often the public user) may not write on the
            # complaint; the note carries no answer, only that the survey was filled.
            user_input.ticket_id.sudo().message_post(
                body=self.env._("The resident answered the satisfaction survey."),
                author_id=odoobot.id,
                subtype_xmlid="mail.mt_note",
            )
        return super()._mark_done()

    def _kel_invitation_reason(self):
        """The invitation's first sentence: what the resident is asked to rate.
        Addons linking responses to other records (kelurahan_survey_service)
        extend it with ``super()``."""
        self.ensure_one()
        if self.ticket_id:
            return self._kel_sentence(
                self.env._("Your complaint %(number)s has been handled."),
                number=self.ticket_id.number,
            )
        return Markup()

    def _kel_sentence(self, text, **values):
        """``text`` (translated, with %(name)s placeholders) as HTML: each value
        escaped, and in bold unless given as Markup."""
        return Markup(escape(text)) % {
            key: value
            if isinstance(value, Markup)
            else Markup("<strong>%s</strong>") % (value or "")
            for key, value in values.items()
        }
