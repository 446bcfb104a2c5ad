# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A new complaint is written in one statement (issue 22).

Every stored computed field of a complaint is *precomputed*: the ORM computes it
on the new record before the INSERT and writes it with the other values. Without
this, creating a complaint was an INSERT, a SELECT of the row's columns, then an
UPDATE of these fields at the flush; each statement on ``helpdesk_ticket`` runs
the summary triggers of ``kelurahan.complaint.daily`` (an UPDATE runs them over
the old and the new row). The resident form posts one complaint per request, so
that was a third of its SQL time.

A field can only be precomputed when what it depends on is either a plain value
of the new record, reached through a many2one, or precomputed too (the ORM turns
``precompute`` off with a warning otherwise). The status fields depend on
helpdesk_mgmt's stage, whose computation depends on the team, itself depending
on the officer in charge (and back): the three are precomputed as well. They are
editable computations: a value given at creation is kept as before, the others
are computed on the new record exactly as they were computed after the insert.

The summary table stays exact: its INSERT trigger counts the complaint with its
final values (status, deadlines flags) instead of an INSERT counting it with
empty ones and an UPDATE moving it."""

from odoo import fields, models


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = "helpdesk.ticket"

    # helpdesk_mgmt's stage <- team <- officer in charge (and back). A redefinition
    # that adds ``precompute`` must repeat ``compute``/``related`` and ``store``
    # (the ORM checks each definition on its own).
    stage_id = fields.Many2one(compute="_compute_stage_id", store=True, precompute=True)
    team_id = fields.Many2one(compute="_compute_team_id", store=True, precompute=True)
    user_id = fields.Many2one(compute="_compute_user_id", store=True, precompute=True)
    unattended = fields.Boolean(
        related="stage_id.unattended", store=True, precompute=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, precompute=True
    )
    # status and workflow (helpdesk_ticket.py)
    kel_state = fields.Selection(
        related="stage_id.kel_state", store=True, precompute=True
    )
    kel_verified = fields.Boolean(
        compute="_compute_kel_verified", store=True, precompute=True
    )
    # deadlines and durations on the office calendar
    kel_followup_target = fields.Float(
        compute="_compute_kel_targets", store=True, precompute=True
    )
    kel_resolution_target = fields.Float(
        compute="_compute_kel_targets", store=True, precompute=True
    )
    kel_calendar_id = fields.Many2one(
        compute="_compute_kel_targets", store=True, precompute=True
    )
    deadline_followup = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True
    )
    deadline_resolution = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", store=True, precompute=True
    )
    is_within_deadline = fields.Boolean(
        compute="_compute_is_within_deadline", store=True, precompute=True
    )
    response_hours = fields.Float(
        compute="_compute_kel_durations", store=True, precompute=True
    )
    response_days = fields.Float(
        compute="_compute_kel_durations", store=True, precompute=True
    )
    resolution_hours = fields.Float(
        compute="_compute_kel_durations", store=True, precompute=True
    )
    resolution_days = fields.Float(
        compute="_compute_kel_durations", store=True, precompute=True
    )
    # duplicates
    support_count = fields.Integer(
        compute="_compute_support_count", store=True, precompute=True
    )
