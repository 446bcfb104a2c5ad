# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Duplicates of a complaint: the same problem reported again near the same place.
A duplicate either counts as support (dukungan) for the main complaint and stays open,
or is closed into it."""

import math
from datetime import timedelta

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

EARTH_RADIUS_M = 6371008.8


def haversine_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in meters between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


class KelurahanComplaintDuplicate(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.duplicate"
    _description = "Complaint duplicates and support"

    @api.depends("duplicate_ids")
    def _compute_support_count(self):
        for ticket in self:
            ticket.support_count = 1 + len(ticket.duplicate_ids)

    @api.depends(
        "category_id", "rw_id", "rt_id", "latitude", "longitude", "date_reported"
    )
    def _compute_duplicate_candidate_ids(self):
        for ticket in self:
            ticket.duplicate_candidate_ids = ticket._kel_duplicate_candidates()

    @api.constrains("duplicate_id")
    def _check_duplicate_of(self):
        for ticket in self:
            master = ticket.duplicate_id
            if master and (master == ticket or master.duplicate_id):
                raise ValidationError(
                    self.env._(
                        "A complaint can only be linked to a main complaint that is "
                        "not itself a duplicate."
                    )
                )

    def action_kel_find_duplicates(self):
        """Open the possible duplicates of this complaint."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates of %(number)s", number=self.number),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", self._kel_duplicate_candidates().ids)],
        }

    def action_kel_link_duplicate(self, master):
        """Link these complaints to ``master`` (a record or id): they count as
        support (dukungan) for it and stay open."""
        master = self.browse(master) if isinstance(master, int) else master
        master.ensure_one()
        if master in self:
            raise UserError(self.env._("A complaint cannot duplicate itself."))
        self.write({"duplicate_id": master.id})
        for ticket in self:
            master.message_post(
                body=self.env._(
                    "%(number)s was linked as the same report (support: %(count)s).",
                    number=ticket.number,
                    count=master.support_count,
                ),
                subtype_xmlid="mail.mt_note",
            )
        # Reporters of the duplicates follow the main complaint.
        partners = self.partner_id
        if partners:
            master.message_subscribe(partner_ids=partners.ids)
        return True

    def action_kel_merge_into(self, master):
        """Link to ``master`` and close these complaints as duplicates."""
        self.action_kel_link_duplicate(master)
        master = self.browse(master) if isinstance(master, int) else master
        stage = self.env.company.helpdesk_mgmt_duplicate_ticket_stage_id or (
            self.env.ref("kelurahan_crm.stage_rejected")
        )
        for ticket in self:
            ticket.write(
                {
                    "reject_reason": ticket.reject_reason
                    or self.env._("Duplicate of %(number)s.", number=master.number),
                    "followup_note": ticket.followup_note
                    or self.env._("Handled in %(number)s.", number=master.number),
                    "stage_id": stage.id,
                }
            )
        return True

    def _kel_duplicate_candidates(self):
        """Complaints of the same category near the same place (same RW and RT, or
        within the kelurahan's distance) reported within its duplicate window."""
        self.ensure_one()
        Ticket = self.env["helpdesk.ticket"]
        if not self.category_id or not self.date_reported:
            return Ticket
        company = self.company_id or self.env.company
        window = timedelta(days=company.kel_duplicate_days)
        domain = [
            ("company_id", "=", company.id),
            ("category_id", "=", self.category_id.id),
            ("date_reported", ">=", self.date_reported - window),
            ("date_reported", "<=", self.date_reported + window),
            ("duplicate_id", "=", False),
            ("kel_state", "!=", "rejected"),
        ]
        if self.id:
            domain.append(("id", "!=", self.id))
        place = []
        if self.rw_id:
            place = [("rw_id", "=", self.rw_id.id)]
            if self.rt_id:
                place.append(("rt_id", "=", self.rt_id.id))
        distance = company.kel_duplicate_distance
        has_point = bool(self.latitude or self.longitude)
        if has_point and distance:
            dlat = distance / 111320.0
            dlon = distance / (
                111320.0 * max(math.cos(math.radians(self.latitude)), 0.01)
            )
            box = [
                ("latitude", ">=", self.latitude - dlat),
                ("latitude", "<=", self.latitude + dlat),
                ("longitude", ">=", self.longitude - dlon),
                ("longitude", "<=", self.longitude + dlon),
            ]
            near = Ticket.search(domain + box).filtered(
                lambda t: haversine_m(
                    self.latitude, self.longitude, t.latitude, t.longitude
                )
                <= distance
            )
        else:
            near = Ticket
        same_place = Ticket.search(domain + place) if place else Ticket
        return same_place | near

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
