# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KelurahanExportFilterMixin(models.AbstractModel):
    """The complaint filters of an Excel export, shared by the export wizard and
    the e-mailed report subscriptions: the fields and the filters dict that
    ``kelurahan.report.engine`` turns into a domain."""

    _name = "kelurahan.export.filter.mixin"
    _description = "Complaint export filters"

    kel_state = fields.Selection(
        # the stage's labels in the user's language (a callable selection is
        # not translated by Odoo)
        lambda self: self.env["helpdesk.ticket.stage"]
        ._fields["kel_state"]
        ._description_selection(self.env),
        string="Status",
    )
    # No relation= here: each model gets its own table, named after it as before
    # the mixin existed (a model that keeps data pins its names explicitly).
    category_ids = fields.Many2many("helpdesk.ticket.category", string="Categories")
    rw_ids = fields.Many2many("kelurahan.rw", string="RWs")
    channel_ids = fields.Many2many("helpdesk.ticket.channel", string="Channels")
    agency_ids = fields.Many2many("kelurahan.agency", string="Agencies")

    def _kel_filter_values(self, date_from, date_to):
        """The filters dict of the export engine for the period given."""
        self.ensure_one()
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "kel_state": self.kel_state or False,
            "category_ids": self.category_ids.ids,
            "rw_ids": self.rw_ids.ids,
            "channel_ids": self.channel_ids.ids,
            "agency_ids": self.agency_ids.ids,
        }
