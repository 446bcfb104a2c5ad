# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import fields, models
from odoo.tools.misc import format_date


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    service_request_id = fields.Many2one(
        "kelurahan.service.request",
        "Service request",
        index="btree_not_null",
        ondelete="set null",
    )
    queue_ticket_id = fields.Many2one(
        "kelurahan.queue.ticket",
        "Queue visit",
        index="btree_not_null",
        ondelete="set null",
    )

    def _kel_invitation_reason(self):
        reason = super()._kel_invitation_reason()
        if reason:
            return reason
        if self.service_request_id:
            return self._kel_sentence(
                self.env._("Your request %(number)s is completed."),
                number=self.service_request_id.number,
            )
        visit = self.queue_ticket_id
        if visit:
            return self._kel_sentence(
                self.env._(
                    "Your visit for %(service)s on %(date)s (queue number "
                    "%(number)s) has been served."
                ),
                service=visit.service_id.name,
                date=escape(format_date(self.env, visit.date, date_format="d MMMM y")),
                number=visit.name,
            )
        return reason
