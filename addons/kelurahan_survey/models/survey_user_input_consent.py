# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A response to a survey that asks personal questions keeps the privacy notice
the respondent was shown on the start page (starting the survey after the notice
is the agreement; not starting it is the refusal, and nothing is stored)."""

from odoo import models


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "kelurahan.consent.mixin"]  # noqa: RUF012

    def _kel_consent_channel(self):
        return "survey"

    def _kel_consent_partner(self):
        self.ensure_one()
        return self.partner_id

    def _mark_done(self):
        res = super()._mark_done()
        # sudo: respondents (often the public user) cannot read the survey's
        # questions' profile codes; only the flag is used.
        self.filtered(
            lambda answer: answer.sudo().survey_id.kel_asks_personal
        )._kel_record_consent()
        return res
