# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def write(self, vals):
        if "tz" not in vals:
            return super().write(vals)
        # the complaint summary counts office days in the calendar's zone
        with self.env["kelurahan.complaint.daily"]._kel_rebuild_if_zones_change():
            return super().write(vals)
