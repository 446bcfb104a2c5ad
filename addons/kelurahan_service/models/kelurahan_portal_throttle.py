# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class KelurahanPortalThrottle(models.Model):
    _inherit = "kelurahan.portal.throttle"

    @api.model
    def _kel_limits(self):
        limits = super()._kel_limits()
        # letter verification (QR code / number), controllers/main.py
        limits["verify"] = ("kelurahan_service.verify_rate_limit", 20, 1)
        # misses of the queue follow link (QR on the ticket), controllers/queue.py
        limits["queue_follow"] = ("kelurahan_service.queue_follow_rate_limit", 20, 15)
        return limits
