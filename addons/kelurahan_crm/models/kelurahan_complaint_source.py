# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where a complaint recorded by staff was first posted (Instagram, JAKI, LAPOR!…)."""

import re

from odoo import api, models
from odoo.exceptions import ValidationError


class KelurahanComplaintSource(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.source"
    _description = "Complaint source platform"

    @api.constrains("source_url", "source_ref", "source_platform")
    def _check_source(self):
        for ticket in self:
            if ticket.source_url and not re.match(
                r"^https?://[^\s/]+\S*$", ticket.source_url
            ):
                raise ValidationError(
                    self.env._(
                        "The original link must be a web address starting with "
                        "https://."
                    )
                )
            if ticket.source_platform and not (ticket.source_url or ticket.source_ref):
                raise ValidationError(
                    self.env._(
                        "Give the original link or the reference ID of a complaint "
                        "that came from %(platform)s.",
                        platform=dict(
                            self._fields["source_platform"]._description_selection(
                                self.env
                            )
                        )[ticket.source_platform],
                    )
                )
