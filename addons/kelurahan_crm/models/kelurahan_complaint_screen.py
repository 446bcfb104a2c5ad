# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screens of the complaint: the RW post's quick form (Lapor Cepat) with its photo
upload, and the display name of a complaint being entered."""

import base64

from odoo import api, models
from odoo.tools.mimetypes import guess_mimetype


class KelurahanComplaintScreen(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.screen"
    _description = "Complaint screens (quick form, photo)"

    @api.depends("number", "name")
    def _compute_display_name(self):
        """A complaint being entered has no number yet: show its subject, not
        helpdesk_mgmt's "/ - False"."""
        res = super()._compute_display_name()
        for ticket in self:
            if not ticket.id or not ticket.number or ticket.number == "/":
                ticket.display_name = ticket.name or self.env._("New complaint")
        return res

    def _compute_kel_photo(self):
        self.kel_photo = False

    def _inverse_kel_photo(self):
        attachments = []
        for ticket in self.filtered("kel_photo"):
            raw = base64.b64decode(ticket.kel_photo)
            mimetype = guess_mimetype(raw)
            extension = mimetype.split("/")[-1] if "/" in mimetype else "bin"
            attachments.append(
                {
                    "name": f"foto-{ticket.number or ticket.id}.{extension}",
                    "datas": ticket.kel_photo,
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                    "mimetype": mimetype,
                }
            )
        if attachments:
            self.env["ir.attachment"].create(attachments)

    @api.model
    def _kel_action_quick_report(self):
        """Open the quick form with the RW officer's defaults: channel Balai RW, their
        RW when they have exactly one, and the RW choice limited to theirs (every RW of
        the kelurahan for office staff)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kelurahan_crm.kelurahan_complaint_action_quick"
        )
        user = self.env.user
        if user.has_group("kelurahan_crm.group_kelurahan_officer"):
            rws = self.env["kelurahan.rw"].search(
                [("company_id", "=", self.env.company.id)]
            )
        else:
            rws = user.kel_rw_ids.filtered(lambda rw: rw.company_id == self.env.company)
        channel = self.env.ref(
            "kelurahan_crm.channel_balai_rw", raise_if_not_found=False
        )
        action["context"] = {
            "default_channel_id": channel.id if channel else False,
            "default_rw_id": rws.id if len(rws) == 1 else False,
            "kel_rw_ids": rws.ids,
        }
        return action
