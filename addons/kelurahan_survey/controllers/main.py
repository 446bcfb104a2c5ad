# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.kelurahan_crm.controllers import portal_common as common
from odoo.addons.survey.controllers.main import Survey


class KelurahanSurvey(Survey):
    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        """Kiosk responses belong to nobody: the tablet may be logged in as an
        officer, yet the response keeps no partner. Its unguessable answer token
        is the only key, so the partner check does not apply to it."""
        if answer_token and check_partner:
            _survey, answer_sudo = self._fetch_from_access_token(
                survey_token, answer_token
            )
            if answer_sudo.kel_is_kiosk:
                check_partner = False
        return super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )

    @common.page_route("/survei", auth="public", methods=["GET"], readonly=True)
    def kelurahan_survey_list(self, **kw):
        """The surveys a visitor can answer without an invitation (home page entry
        "Survey"): open kelurahan surveys in public access mode."""
        # sudo: only the title and the public start link of open public surveys
        # leave this method.
        surveys = (
            request.env["survey.survey"]
            .sudo()
            .search(
                [
                    ("kel_kind", "!=", False),
                    ("access_mode", "=", "public"),
                    ("active", "=", True),
                ]
            )
        )
        rows = [
            {
                "title": survey.title,
                "url": f"/kelurahan/survey/start/{survey.access_token}",
            }
            for survey in surveys
        ]
        return request.render(
            "kelurahan_survey.survey_list_page",
            {"page_name": "survei", "surveys": rows},
        )

    def _kel_public_survey(self, survey_token):
        # sudo: the survey is found by its public access token, like /survey/start
        survey_sudo = (
            request.env["survey.survey"]
            .sudo()
            .search([("access_token", "=", survey_token)], limit=1)
        )
        if (
            not survey_sudo
            or not survey_sudo.active
            or not survey_sudo.kel_kind
            or survey_sudo.access_mode != "public"
        ):
            return None
        return survey_sudo

    @http.route(
        "/kelurahan/survey/kiosk/<string:survey_token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kelurahan_survey_kiosk(self, survey_token, **kw):
        """Counter tablet: every visit starts a fresh anonymous response. The answer
        cookie of /survey/start is ignored and cleared, so a next respondent never
        lands in the previous person's half-filled answers."""
        survey_sudo = self._kel_public_survey(survey_token)
        if not survey_sudo:
            raise request.not_found()
        try:
            survey_sudo._kel_check_skm_complete()
            # no user, no partner: kiosk answers are anonymous by construction
            answer_sudo = survey_sudo._create_answer(
                check_attempts=False,
                kel_is_kiosk=True,
                channel_id=self._kel_walkin_channel().id,
            )
        except UserError:
            return request.render("survey.survey_403_page", {"survey": survey_sudo})
        response = request.redirect(
            f"/survey/{survey_sudo.access_token}/{answer_sudo.access_token}"
        )
        response.delete_cookie(f"survey_{survey_sudo.access_token}")
        return response

    @http.route(
        "/kelurahan/survey/start/<string:survey_token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def kelurahan_survey_walkin(self, survey_token, service=None, channel=None, **kw):
        """QR poster link: a response tagged with the channel and, when the poster
        names a service, that service already chosen in the profile question."""
        survey_sudo = self._kel_public_survey(survey_token)
        if not survey_sudo:
            raise request.not_found()
        vals = {}
        channel_sudo = self._kel_walkin_channel()
        if channel and str(channel).isdigit():
            # sudo: channels are public labels (WhatsApp, walk-in, …)
            found = request.env["helpdesk.ticket.channel"].sudo().browse(int(channel))
            channel_sudo = found.exists() or channel_sudo
        if channel_sudo:
            vals["channel_id"] = channel_sudo.id
        try:
            answer_sudo = survey_sudo._create_answer(
                user=request.env.user, check_attempts=False, **vals
            )
        except UserError:
            return request.render("survey.survey_403_page", {"survey": survey_sudo})
        question = survey_sudo.question_ids.filtered(
            lambda q: q.kel_profile == "service"
        )[:1]
        if service and str(service).isdigit() and question:
            option = question.suggested_answer_ids.filtered(
                lambda a: a.id == int(service)
            )
            if option:
                answer_sudo._save_lines(question, option.id)
        return request.redirect(
            f"/survey/{survey_sudo.access_token}/{answer_sudo.access_token}"
        )

    def _kel_walkin_channel(self):
        # sudo: read a channel label by xmlid for tagging the response
        return (
            request.env.ref("kelurahan_crm.channel_walk_in", raise_if_not_found=False)
            or request.env["helpdesk.ticket.channel"]
        ).sudo()
