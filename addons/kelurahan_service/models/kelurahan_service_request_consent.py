# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Service requests keep the privacy notice they were given. Their legal basis is
not consent but the kelurahan's legal duty and public task (UU PDP art. 20(2)(c)
and (e)): the administrative service cannot be given without the applicant's data,
so the notice is shown on the form and recorded with the request, without a box to
tick."""

from odoo import models

CHANNELS = {"portal": "portal", "rw_post": "rw_form", "counter": "office"}


class KelurahanServiceRequest(models.Model):
    _name = "kelurahan.service.request"
    _inherit = ["kelurahan.service.request", "kelurahan.consent.mixin"]  # noqa: RUF012

    def _kel_consent_channel(self):
        self.ensure_one()
        return CHANNELS.get(self.channel, "office")

    def _kel_consent_basis(self):
        return "public_task"

    def _kel_consent_partner(self):
        self.ensure_one()
        return self.partner_id
