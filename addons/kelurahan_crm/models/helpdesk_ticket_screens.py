# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype


# Deliberately a second class on helpdesk.ticket: the screens branch and the model
# branch were built in parallel; these helpers only serve the views and can be folded
# into helpdesk_ticket.py at integration.
class HelpdeskTicket(models.Model):
    """What the complaint screens need beyond the model: the RW post's quick form
    (Lapor Cepat) entry action and photo upload, and the buttons of the duplicates
    panel. Kept apart from helpdesk_ticket.py because it only serves the screens.
    """

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    # Pivot, graph and grouped lists: the meaningful total of durations is the mean.
    response_hours = fields.Float(aggregator="avg")
    response_days = fields.Float(aggregator="avg")
    resolution_hours = fields.Float(aggregator="avg")
    resolution_days = fields.Float(aggregator="avg")

    kel_photo = fields.Binary(
        string="Photo",
        compute="_compute_kel_photo",
        inverse="_inverse_kel_photo",
        help="Taken with the phone camera; kept as an attachment of the complaint.",
    )

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

    def _kel_ticket_from_context(self):
        """The complaint whose duplicates panel the button was clicked in."""
        ticket = self.browse(self.env.context.get("kel_ticket_id"))
        if not ticket.exists():
            raise UserError(self.env._("Open the complaint again and retry."))
        return ticket

    def action_kel_link_to_this(self):
        """Duplicates panel: the open complaint reports the same thing as this
        candidate; it counts as support (dukungan) for it and stays open."""
        self.ensure_one()
        self._kel_ticket_from_context().action_kel_link_duplicate(self)
        return True

    def action_kel_merge_into_this(self):
        """Duplicates panel: close the open complaint as a duplicate of this one."""
        self.ensure_one()
        self._kel_ticket_from_context().action_kel_merge_into(self)
        return True
