# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screens of the complaint: where each role lands in the Kelurahan app, the RW
post's quick form (Lapor Cepat) with its photo upload and plain-text description, and
the display name of a complaint being entered."""

import base64

from odoo import api, models
from odoo.tools import html2plaintext, plaintext2html
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

    @api.model_create_multi
    def create(self, vals_list):
        # The description is required: the quick form's plain text becomes it before
        # the insert (the inverse below only runs once the record exists).
        for vals in vals_list:
            text = vals.pop("kel_description_text", False)
            if text and not vals.get("description"):
                vals["description"] = plaintext2html(text)
        return super().create(vals_list)

    @api.depends("description")
    def _compute_kel_description_text(self):
        for ticket in self:
            ticket.kel_description_text = (
                html2plaintext(ticket.description) if ticket.description else False
            )

    def _inverse_kel_description_text(self):
        for ticket in self:
            text = ticket.kel_description_text
            ticket.description = plaintext2html(text) if text else False

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

    @api.model
    def _kel_action_home(self):
        """Where a kelurahan role lands (home action of its users, Kelurahan app):
        the Lurah (and admin) on the dashboard, office officers on the complaints to
        follow up, an RW officer on their RW's complaints, which "New" adds to with
        the quick form's defaults."""
        user = self.env.user
        if user.has_group("kelurahan_crm.group_kelurahan_lurah"):
            return self.env["ir.actions.client"]._for_xml_id(
                "kelurahan_crm.kelurahan_dashboard_action"
            )
        if user.has_group("kelurahan_crm.group_kelurahan_officer"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "kelurahan_crm.kelurahan_complaint_action_open"
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kelurahan_crm.kelurahan_complaint_action"
        )
        quick = self._kel_action_quick_report()
        action["context"] = {
            key: value
            for key, value in quick["context"].items()
            if key.startswith("default_")
        }
        return action
