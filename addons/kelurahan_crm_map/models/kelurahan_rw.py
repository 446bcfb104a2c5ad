# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KelurahanRw(models.Model):
    _name = "kelurahan.rw"
    _inherit = ["kelurahan.rw", "kelurahan.boundary.mixin"]  # noqa: RUF012
