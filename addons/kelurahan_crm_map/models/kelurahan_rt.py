# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KelurahanRt(models.Model):
    _name = "kelurahan.rt"
    _inherit = ["kelurahan.rt", "kelurahan.boundary.mixin"]  # noqa: RUF012
