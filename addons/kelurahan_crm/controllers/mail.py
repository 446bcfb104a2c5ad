# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.portal.controllers import mail


class KelurahanMailController(mail.MailController):
    @classmethod
    def _redirect_to_record(cls, model, res_id, access_token=None, **kwargs):
        """The "View" button of a complaint's notification e-mail, for a resident:
        the complaint's portal page. Residents read only the complaints they
        reported through the ORM (security/helpdesk_ticket_security.xml), but
        follow others (a duplicate's reporter follows the main complaint); the
        page checks both and answers "not found" to anyone else."""
        user = request.env.user if request.session.uid else None
        if model == "helpdesk.ticket" and user and user.share and res_id:
            try:
                ticket_id = int(res_id)
            except (TypeError, ValueError):
                ticket_id = 0
            if 0 < ticket_id < 2**31:
                return request.redirect(f"/my/pengaduan/{ticket_id}")
        return super()._redirect_to_record(
            model, res_id, access_token=access_token, **kwargs
        )
