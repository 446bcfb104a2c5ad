# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint (pengaduan): OCA ``helpdesk.ticket`` extended for a kelurahan office.

Tgl TL (``date_followup``, first follow-up) is set by the workflow, the first time
one of these happens: the complaint moves to a stage whose status is Disposisi,
Dalam Proses or Selesai; a disposition to an agency is created; an office user posts
a public reply to the reporter. Only a Lurah/Pimpinan may correct it afterwards
(tracked in the chatter).
"""

import base64
import math
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.mimetypes import guess_mimetype

from ..tools import nik as nik_tools
from .res_company import COMPLAINT_SEQUENCE_CODE

OPEN_STATES = ("new", "verify", "dispatch", "progress")
FOLLOWUP_STATES = ("dispatch", "progress", "done")
# Reporter fields hidden on anonymous complaints from users below Petugas Kelurahan.
ANONYMOUS_FIELDS = (
    "partner_id",
    "commercial_partner_id",
    "partner_name",
    "partner_email",
    "reporter_name",
    "reporter_phone",
    "reporter_nik_masked",
)
# helpdesk_mgmt's own channels (portal form, mail gateway) → the seeded ones.
CHANNEL_MAP = {
    "helpdesk_mgmt.helpdesk_ticket_channel_web": "kelurahan_crm.channel_portal",
    "helpdesk_mgmt.helpdesk_ticket_channel_email": "kelurahan_crm.channel_email",
    "helpdesk_mgmt.helpdesk_ticket_channel_phone": "kelurahan_crm.channel_phone",
}
# Date fields only a Lurah/Pimpinan may correct by hand once the complaint exists.
CORRECTED_DATES = ("date_reported", "date_followup", "date_done")
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


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    _sql_constraints = [  # noqa: RUF012
        (
            "kel_number_company_uniq",
            "unique(company_id, number)",
            "This complaint number already exists in this kelurahan.",
        ),
        (
            "kel_latitude_range",
            "check(latitude IS NULL OR (latitude >= -90 AND latitude <= 90))",
            "The latitude must be between -90 and 90.",
        ),
        (
            "kel_longitude_range",
            "check(longitude IS NULL OR (longitude >= -180 AND longitude <= 180))",
            "The longitude must be between -180 and 180.",
        ),
    ]

    def _default_channel_id(self):
        if self.env.user._kel_is_rw_only():
            return self.env.ref(
                "kelurahan_crm.channel_balai_rw", raise_if_not_found=False
            )
        return False

    # Existing fields, indexed because lists filter and group by them.
    company_id = fields.Many2one(index=True)
    category_id = fields.Many2one(index=True, tracking=True)
    channel_id = fields.Many2one(index=True, default=_default_channel_id)
    duplicate_id = fields.Many2one(index="btree_not_null")

    # Reporter
    reporter_name = fields.Char(
        tracking=True, help="Name of a reporter without an account."
    )
    reporter_phone = fields.Char(help="Phone / WhatsApp number of the reporter.")
    reporter_nik = fields.Char(
        string="Reporter NIK",
        groups="kelurahan_crm.group_kelurahan_officer",
        copy=False,
        help="Optional. Only kelurahan officers see it unmasked.",
    )
    reporter_nik_masked = fields.Char(
        string="NIK (masked)", compute="_compute_reporter_nik_masked", compute_sudo=True
    )
    is_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The reporter is hidden from everyone but kelurahan officers.",
    )
    is_confidential = fields.Boolean(
        string="Confidential",
        tracking=True,
        help="Never shown publicly; RW officers only see it when they entered it.",
    )

    # Location
    rw_id = fields.Many2one("kelurahan.rw", string="RW", index=True, tracking=True)
    rt_id = fields.Many2one(
        "kelurahan.rt",
        string="RT",
        index="btree_not_null",
        tracking=True,
        domain="[('rw_id', '=', rw_id)]",
    )
    location_address = fields.Char(string="Location")
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))

    # Dates
    date_reported = fields.Datetime(
        string="Tgl Masuk",
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
        help="When the resident reported it (an RW post may enter it later).",
    )
    date_followup = fields.Datetime(
        string="Tgl TL",
        index=True,
        tracking=True,
        copy=False,
        help="First follow-up action, set by the workflow; a Lurah may correct it.",
    )
    date_done = fields.Datetime(
        string="Tgl Selesai", index=True, tracking=True, copy=False
    )
    response_hours = fields.Float(
        compute="_compute_kel_durations",
        store=True,
        aggregator="avg",
        help="Working hours from Tgl Masuk to Tgl TL (0 while not followed up).",
    )
    response_days = fields.Float(
        compute="_compute_kel_durations",
        store=True,
        aggregator="avg",
        help="Working days from Tgl Masuk to Tgl TL (0 while not followed up).",
    )
    resolution_hours = fields.Float(
        compute="_compute_kel_durations",
        store=True,
        aggregator="avg",
        help="Working hours from Tgl Masuk to Tgl Selesai (0 while open).",
    )
    resolution_days = fields.Float(
        compute="_compute_kel_durations",
        store=True,
        aggregator="avg",
        help="Working days from Tgl Masuk to Tgl Selesai (0 while open).",
    )

    # Deadlines
    deadline_followup = fields.Datetime(
        string="Follow-up deadline", compute="_compute_deadlines", store=True
    )
    deadline_resolution = fields.Datetime(
        string="Resolution deadline",
        compute="_compute_deadlines",
        store=True,
        index=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="Open and past a deadline (refreshed by the deadline job).",
    )
    is_within_deadline = fields.Boolean(
        string="Within deadline",
        compute="_compute_is_within_deadline",
        store=True,
        help="Done before its resolution deadline.",
    )
    kel_escalated_followup = fields.Datetime(
        copy=False, help="Follow-up deadline already escalated to the supervisor."
    )
    kel_escalated_resolution = fields.Datetime(
        copy=False, help="Resolution deadline already escalated to the supervisor."
    )

    # Workflow
    kel_state = fields.Selection(
        related="stage_id.kel_state", store=True, index=True, string="Status"
    )
    followup_note = fields.Text(
        string="Follow-up note",
        tracking=True,
        help="What was done. Required to close as Selesai.",
    )
    reject_reason = fields.Text(tracking=True)
    is_disputed = fields.Boolean(string="Disputed", tracking=True, copy=False)
    dispute_reason = fields.Text(copy=False)
    dispute_date = fields.Datetime(copy=False)
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        tracking=True,
        copy=False,
        help="Satisfaction given by the resident (5 = very satisfied).",
    )
    rating_comment = fields.Text(copy=False)

    # Dispositions
    disposition_ids = fields.One2many(
        "kelurahan.disposition", "ticket_id", string="Dispositions"
    )
    disposition_count = fields.Integer(compute="_compute_disposition_count")

    # Duplicates
    duplicate_of_id = fields.Many2one(
        related="duplicate_id", readonly=False, string="Same report as"
    )
    support_count = fields.Integer(
        string="Dukungan",
        compute="_compute_support_count",
        store=True,
        help="How many residents reported the same thing (1 + linked duplicates).",
    )
    duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible duplicates",
        compute="_compute_duplicate_candidate_ids",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("reporter_nik")
    def _compute_reporter_nik_masked(self):
        for ticket in self:
            ticket.reporter_nik_masked = (
                nik_tools.mask(ticket.reporter_nik) if ticket.reporter_nik else False
            )

    @api.depends(
        "date_reported",
        "date_followup",
        "date_done",
        "company_id.kel_calendar_id",
    )
    def _compute_kel_durations(self):
        for ticket in self:
            per_day = ticket._kel_calendar().hours_per_day or 8.0
            response = resolution = 0.0
            if ticket.date_reported and ticket.date_followup:
                response = ticket._kel_working_hours(
                    ticket.date_reported, ticket.date_followup
                )
            if ticket.date_reported and ticket.date_done:
                resolution = ticket._kel_working_hours(
                    ticket.date_reported, ticket.date_done
                )
            ticket.response_hours = response
            ticket.response_days = response / per_day
            ticket.resolution_hours = resolution
            ticket.resolution_days = resolution / per_day

    @api.depends(
        "date_reported",
        "category_id.followup_days",
        "category_id.resolution_days",
        "category_id.parent_id",
        "company_id.kel_calendar_id",
    )
    def _compute_deadlines(self):
        for ticket in self:
            followup = resolution = False
            if ticket.category_id and ticket.date_reported:
                followup_days, resolution_days = ticket.category_id._kel_sla()
                if followup_days:
                    followup = ticket._kel_plan_days(
                        ticket.date_reported, followup_days
                    )
                if resolution_days:
                    resolution = ticket._kel_plan_days(
                        ticket.date_reported, resolution_days
                    )
            ticket.deadline_followup = followup
            ticket.deadline_resolution = resolution

    @api.depends(
        "deadline_followup",
        "deadline_resolution",
        "date_followup",
        "date_done",
        "kel_state",
    )
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.is_overdue = ticket._kel_overdue_at(now)

    @api.depends("date_done", "deadline_resolution", "kel_state")
    def _compute_is_within_deadline(self):
        for ticket in self:
            ticket.is_within_deadline = bool(
                ticket.kel_state == "done"
                and ticket.date_done
                and (
                    not ticket.deadline_resolution
                    or ticket.date_done <= ticket.deadline_resolution
                )
            )

    @api.depends("disposition_ids")
    def _compute_disposition_count(self):
        for ticket in self:
            ticket.disposition_count = len(ticket.disposition_ids)

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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("reporter_nik")
    def _check_reporter_nik(self):
        for ticket in self.sudo():
            if ticket.reporter_nik:
                message = nik_tools.error_message(self.env, ticket.reporter_nik)
                if message:
                    raise ValidationError(message)

    @api.constrains("rw_id", "rt_id")
    def _check_rt_in_rw(self):
        for ticket in self:
            if ticket.rt_id and ticket.rt_id.rw_id != ticket.rw_id:
                raise ValidationError(
                    self.env._(
                        "%(rt)s is not in %(rw)s. Choose an RT of the chosen RW.",
                        rt=ticket.rt_id.name,
                        rw=ticket.rw_id.name or self.env._("no RW"),
                    )
                )
            if ticket.rw_id and ticket.rw_id.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._("The RW belongs to another kelurahan.")
                )

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for ticket in self:
            if not -90 <= ticket.latitude <= 90:
                raise ValidationError(
                    self.env._("The latitude must be between -90 and 90.")
                )
            if not -180 <= ticket.longitude <= 180:
                raise ValidationError(
                    self.env._("The longitude must be between -180 and 180.")
                )

    @api.constrains("date_reported", "date_followup", "date_done")
    def _check_dates(self):
        now = fields.Datetime.now() + timedelta(minutes=5)
        for ticket in self:
            if ticket.date_reported and ticket.date_reported > now:
                raise ValidationError(self.env._("Tgl Masuk cannot be in the future."))
            if ticket.date_followup and ticket.date_followup < ticket.date_reported:
                raise ValidationError(self.env._("Tgl TL cannot be before Tgl Masuk."))
            if ticket.date_done and ticket.date_done < ticket.date_reported:
                raise ValidationError(
                    self.env._("Tgl Selesai cannot be before Tgl Masuk.")
                )

    @api.constrains("stage_id", "followup_note", "reject_reason")
    def _check_closing(self):
        for ticket in self:
            if ticket.kel_state == "done" and not (ticket.followup_note or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write the follow-up note (what was done) before closing the "
                        "complaint as Selesai."
                    )
                )
            if (
                ticket.kel_state == "rejected"
                and not (ticket.reject_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._("Write the reason before rejecting the complaint.")
                )

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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        rw_only = not self.env.su and user._kel_is_rw_only()
        channel_map = self._kel_channel_map()
        for vals in vals_list:
            if vals.get("reporter_nik"):
                vals["reporter_nik"] = nik_tools.normalize(vals["reporter_nik"])
            if not vals.get("channel_id") and self.env.context.get(
                "fetchmail_cron_running"
            ):
                vals["channel_id"] = self.env.ref("kelurahan_crm.channel_email").id
            if vals.get("channel_id") in channel_map:
                vals["channel_id"] = channel_map[vals["channel_id"]]
            if rw_only:
                self._kel_check_rw_allowed(vals.get("rw_id"))
                # Entries of an RW post land in the office queue as "Balai RW",
                # unassigned (helpdesk_mgmt would assign them to their author).
                channel = self.env.ref("kelurahan_crm.channel_balai_rw")
                vals["channel_id"] = channel.id
                if vals.get("user_id", user.id) == user.id:
                    vals["user_id"] = False
            if not vals.get("stage_id") and not vals.get("team_id"):
                stage = self.env.ref(
                    "kelurahan_crm.stage_new", raise_if_not_found=False
                )
                if stage:
                    vals["stage_id"] = stage.id
        tickets = super().create(vals_list)
        for ticket in tickets:
            if ticket.kel_state in FOLLOWUP_STATES and not ticket.date_followup:
                ticket._kel_mark_followup()
            if ticket.kel_state == "done" and not ticket.date_done:
                ticket.with_context(kel_workflow=True).date_done = fields.Datetime.now()
        tickets._kel_notify_reporter("created")
        return tickets

    def write(self, vals):
        if vals.get("reporter_nik"):
            vals["reporter_nik"] = nik_tools.normalize(vals["reporter_nik"])
        if not self.env.su:
            self._kel_check_write_allowed(vals)
        old_states = {ticket.id: ticket.kel_state for ticket in self}
        workflow = self.with_context(kel_workflow=True)
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.kel_state == "done" and "date_done" not in vals:
                vals = dict(vals, date_done=fields.Datetime.now())
            elif stage.kel_state in OPEN_STATES and "date_done" not in vals:
                vals = dict(vals, date_done=False)
        res = super(HelpdeskTicket, workflow).write(vals)
        if "stage_id" in vals:
            changed = self.filtered(lambda t: t.kel_state != old_states.get(t.id))
            for ticket in changed:
                if ticket.kel_state in FOLLOWUP_STATES and not ticket.date_followup:
                    ticket._kel_mark_followup()
            changed._kel_notify_reporter("stage")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_staff(self):
        """Complaints are archived, never deleted, except by the Admin Kelurahan.
        Kelurahan roles hold the unlink right (access CSV) so that the refusal is
        this clear message rather than a generic access error."""
        if not self.env.su and not self.env.user.has_group(
            "kelurahan_crm.group_kelurahan_admin"
        ):
            raise UserError(
                self.env._(
                    "Complaints cannot be deleted: archive them instead, so the "
                    "history stays available."
                )
            )

    @api.model
    def _kel_channel_map(self):
        result = {}
        for source, target in CHANNEL_MAP.items():
            source_rec = self.env.ref(source, raise_if_not_found=False)
            target_rec = self.env.ref(target, raise_if_not_found=False)
            if source_rec and target_rec:
                result[source_rec.id] = target_rec.id
        return result

    def _read_format(self, fnames, load="_classic_read"):
        """Hide the reporter of anonymous complaints from users below Petugas
        Kelurahan (RW officers, internal users following the complaint); the
        reporter still sees themself."""
        result = super()._read_format(fnames, load=load)
        if self.env.su or self.env.user.has_group(
            "kelurahan_crm.group_kelurahan_officer"
        ):
            return result
        hidden = [fname for fname in ANONYMOUS_FIELDS if fname in fnames]
        if not hidden:
            return result
        own = self.env.user.commercial_partner_id
        anonymous = set(
            self.sudo()
            .filtered(lambda t: t.is_anonymous and t.commercial_partner_id != own)
            .ids
        )
        for values in result:
            if values["id"] in anonymous:
                for fname in hidden:
                    values[fname] = False
        return result

    def _kel_reporter_hidden(self):
        """True when the current user may not see the reporter of anonymous
        complaints (same users as in ``_read_format``)."""
        return not (
            self.env.su
            or self.env.user.has_group("kelurahan_crm.group_kelurahan_officer")
        )

    def _kel_reporter_visible_domain(self):
        """Complaints whose reporter the current user may see: not anonymous, or
        reported by themself."""
        return [
            "|",
            ("is_anonymous", "=", False),
            ("commercial_partner_id", "=", self.env.user.commercial_partner_id.id),
        ]

    @api.model
    def _kel_hide_reporter_leaves(self, domain):
        """``domain`` where every condition on a reporter field (``ANONYMOUS_FIELDS``,
        also through a path such as ``partner_id.phone``) only holds on complaints
        whose reporter the user may see. On the others the condition is false
        whatever the reporter is, also when negated, so no search (positive,
        negative or ``!``) can tell who filed an anonymous complaint."""
        visible = self._kel_reporter_visible_domain()
        result = []
        for element in expression.normalize_domain(domain):
            if (
                expression.is_leaf(element)
                and not expression.is_boolean(element)
                and isinstance(element[0], str)
                and element[0].split(".", 1)[0] in ANONYMOUS_FIELDS
            ):
                result += ["&", *visible, element]
            else:
                result.append(element)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and self._kel_reporter_hidden():
            domain = self._kel_hide_reporter_leaves(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Grouping by a reporter field would name the reporter of an anonymous
        complaint (its group): such groupings leave those complaints out for users
        who may not see them."""
        if self._kel_reporter_hidden() and any(
            spec.split(":", 1)[0].split(".", 1)[0] in ANONYMOUS_FIELDS
            for spec in groupby
        ):
            domain = expression.AND([domain or [], self._kel_reporter_visible_domain()])
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    def _prepare_ticket_number(self, values):
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        sequence = self.env["ir.sequence"].with_company(company)
        number = sequence.next_by_code(COMPLAINT_SEQUENCE_CODE)
        if not number:
            company._kel_ensure_complaint_sequence()
            number = sequence.next_by_code(COMPLAINT_SEQUENCE_CODE)
        return number

    # ------------------------------------------------------------------
    # Access helpers
    # ------------------------------------------------------------------

    def _kel_check_rw_allowed(self, rw_id):
        allowed = self.env.user.kel_rw_ids
        if not rw_id or rw_id not in allowed.ids:
            raise AccessError(
                self.env._(
                    "As RW officer you can only enter complaints of your RW "
                    "(%(rws)s).",
                    rws=", ".join(allowed.mapped("name")) or "-",
                )
            )

    def _kel_check_write_allowed(self, vals):
        user = self.env.user
        if user._kel_is_rw_only():
            if "rw_id" in vals:
                self._kel_check_rw_allowed(vals["rw_id"])
            outside = self.filtered(lambda t: t.rw_id not in user.kel_rw_ids)
            if outside:
                raise AccessError(
                    self.env._(
                        "As RW officer you can only change complaints of your RW."
                    )
                )
        corrected = [f for f in CORRECTED_DATES if f in vals]
        if (
            corrected
            and not self.env.context.get("kel_workflow")
            and not user.has_group("kelurahan_crm.group_kelurahan_lurah")
        ):
            raise AccessError(
                self.env._(
                    "Only the Lurah / Pimpinan can correct the dates of a complaint."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_dispute(self, reason):
        """The resident disputes a Selesai complaint: it reopens (Dalam Proses) and is
        flagged, within the kelurahan's dispute window."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Explain why the result is not satisfactory."))
        self.check_access("read")
        user = self.env.user
        if user.share and self.commercial_partner_id != user.commercial_partner_id:
            raise AccessError(
                self.env._("Only the reporter can dispute this complaint.")
            )
        if self.kel_state != "done" or not self.date_done:
            raise UserError(
                self.env._("Only a complaint marked Selesai can be disputed.")
            )
        days = self.company_id.kel_dispute_days
        if fields.Datetime.now() > self.date_done + timedelta(days=days):
            raise UserError(
                self.env._(
                    "The dispute period of %(days)s days after Selesai has passed.",
                    days=days,
                )
            )
        # sudo: residents (portal) have no write access on complaints; the checks
        # above restrict this to the reporter, within the window, on this record only.
        ticket = self.sudo().with_context(kel_workflow=True)
        ticket.write(
            {
                "stage_id": self.env.ref("kelurahan_crm.stage_progress").id,
                "is_disputed": True,
                "dispute_reason": reason,
                "dispute_date": fields.Datetime.now(),
            }
        )
        ticket.message_post(
            body=self.env._("Disputed by the reporter: %(reason)s", reason=reason),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_kel_rate(self, rating, comment=None):
        """The reporter rates the handling of their Selesai complaint (1-5)."""
        self.ensure_one()
        rating = str(rating)
        if rating not in dict(self._fields["rating"].selection):
            raise UserError(self.env._("Choose a rating from 1 to 5."))
        self.check_access("read")
        user = self.env.user
        if user.share and self.commercial_partner_id != user.commercial_partner_id:
            raise AccessError(self.env._("Only the reporter can rate this complaint."))
        if self.kel_state != "done":
            raise UserError(self.env._("Only a complaint marked Selesai can be rated."))
        # sudo: residents (portal) have no write access on complaints; the checks
        # above restrict this to the reporter's own Selesai complaint, two fields.
        self.sudo().write({"rating": rating, "rating_comment": comment or False})
        return True

    def action_kel_find_duplicates(self):
        """Open the possible duplicates of this complaint."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates of %(number)s", number=self.number),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", self._kel_duplicate_candidates().ids)],
            "context": {"kel_duplicate_master_id": self.id},
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

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _kel_calendar(self):
        """The office calendar of the complaint's kelurahan (as sudo, see
        ``res.company._kel_office_calendar``); only durations are computed with it."""
        self.ensure_one()
        return (self.company_id or self.env.company)._kel_office_calendar()

    def _kel_working_hours(self, start, end):
        """Working hours of the office calendar (public holidays excluded) between two
        UTC datetimes."""
        self.ensure_one()
        if not start or not end or end <= start:
            return 0.0
        return self._kel_calendar().get_work_hours_count(
            start, end, compute_leaves=True
        )

    def _kel_plan_days(self, start, days):
        """The moment ``days`` working days after ``start`` (office calendar)."""
        calendar = self._kel_calendar()
        hours = days * (calendar.hours_per_day or 8.0)
        return calendar.plan_hours(hours, start, compute_leaves=True)

    def _kel_overdue_at(self, now):
        self.ensure_one()
        if self.kel_state not in OPEN_STATES:
            return False
        if (
            not self.date_followup
            and self.deadline_followup
            and self.deadline_followup < now
        ):
            return True
        return bool(self.deadline_resolution and self.deadline_resolution < now)

    def _kel_mark_followup(self, when=None):
        """Set Tgl TL on the complaints that have none yet (workflow, not a
        correction)."""
        todo = self.filtered(lambda t: not t.date_followup)
        if todo:
            when = when or fields.Datetime.now()
            for ticket in todo:
                ticket.with_context(kel_workflow=True).write(
                    {"date_followup": max(when, ticket.date_reported)}
                )

    @api.model
    def _kel_public_domain(self):
        """Complaints that may ever be shown publicly (maps, statistics pages):
        never the confidential (rahasia) ones."""
        return [("is_confidential", "=", False)]

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

    # ------------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------------

    def _kel_notify_channels(self):
        """Channels the reporter is notified on; the WhatsApp addon adds its own."""
        return ["email"]

    def _kel_reporter_lang(self):
        self.ensure_one()
        return self.partner_id.lang or "id_ID"

    def _kel_has_contact(self):
        self.ensure_one()
        return bool(
            self.partner_id.email
            or self.partner_email
            or self.partner_id.phone
            or self.reporter_phone
        )

    def _kel_notify_message(self, kind):
        """(subject, plain text body) for the reporter, in their language."""
        self.ensure_one()
        ticket = self.with_context(lang=self._kel_reporter_lang())
        _ = ticket.env._
        name = (
            ticket.reporter_name or ticket.partner_name or ticket.partner_id.name or ""
        )
        greeting = _("Dear %(name)s,", name=name) if name else _("Dear resident,")
        if kind == "created":
            subject = _("Complaint %(number)s received", number=ticket.number)
            text = _(
                "Your complaint has been received by %(office)s with number "
                "%(number)s. Keep this number to follow its progress.",
                office=ticket.company_id.name,
                number=ticket.number,
            )
        elif kind == "stage":
            status = ticket.stage_id.name
            subject = _(
                "Complaint %(number)s: %(status)s", number=ticket.number, status=status
            )
            text = _(
                "The status of your complaint %(number)s is now: %(status)s.",
                number=ticket.number,
                status=status,
            )
            if ticket.kel_state == "done" and ticket.followup_note:
                text += "\n" + _("Follow-up: %(note)s", note=ticket.followup_note)
            if ticket.kel_state == "rejected" and ticket.reject_reason:
                text += "\n" + _("Reason: %(reason)s", reason=ticket.reject_reason)
        else:
            subject = _("Reply on complaint %(number)s", number=ticket.number)
            text = _(
                "The kelurahan replied on your complaint %(number)s.",
                number=ticket.number,
            )
        return subject, f"{greeting}\n{text}"

    def _kel_notify_reporter(self, kind):
        """Tell the reporter about their complaint (kind: created, stage, reply)
        on every channel of ``_kel_notify_channels``. Anonymous complaints without
        any contact are skipped."""
        if self.env.context.get("kel_no_notify"):
            return
        for ticket in self:
            if not ticket._kel_has_contact():
                continue
            channels = ticket._kel_notify_channels()
            if "email" in channels:
                ticket._kel_notify_email(kind)

    def _kel_notify_email(self, kind):
        self.ensure_one()
        email = self.partner_id.email or self.partner_email
        if not email or kind == "reply":
            # Replies from the chatter already reach the recipients chosen there.
            return
        subject, text = self._kel_notify_message(kind)
        body = Markup("<br/>").join(text.split("\n"))
        body = Markup("<p>%s</p>") % body
        if self.partner_id.email:
            self.with_context(kel_no_followup=True).message_post(
                body=body,
                subject=subject,
                partner_ids=self.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        else:
            # No partner: mail the address given on the complaint, and keep a trace.
            # sudo: outgoing mail queue, restricted to this complaint's own address.
            self.env["mail.mail"].sudo().create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_to": email,
                    "email_from": self.company_id.email_formatted
                    or self.env.user.email_formatted,
                    "model": self._name,
                    "res_id": self.id,
                    "auto_delete": True,
                }
            )
            self.message_post(
                body=self.env._(
                    "Message sent to %(email)s: %(subject)s",
                    email=email,
                    subject=subject,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        # A public reply from the office is a follow-up action (Tgl TL), and the
        # reporter's other channels (WhatsApp addon) hear about it.
        if (
            kwargs.get("message_type") == "comment"
            and not self.env.user.share
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not self.env.context.get("kel_no_followup")
        ):
            self.with_context(kel_no_followup=True)._kel_notify_reporter("reply")
            todo = self.filtered(
                lambda t: not t.date_followup and t.kel_state != "rejected"
            )
            if (
                todo
                and message.author_id == self.env.user.partner_id
                and todo.has_access("write")
            ):
                todo._kel_mark_followup()
        return message

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_kel_deadlines(self):
        """Refresh overdue flags and escalate each passed deadline once to the
        Lurah / Pimpinan of the kelurahan (mail activity)."""
        now = fields.Datetime.now()
        open_domain = [("kel_state", "in", list(OPEN_STATES))]
        late = self.search(
            open_domain
            + [
                ("is_overdue", "=", False),
                "|",
                "&",
                ("date_followup", "=", False),
                ("deadline_followup", "<", now),
                ("deadline_resolution", "<", now),
            ]
        )
        late._compute_is_overdue()
        self.env["kelurahan.disposition"]._cron_refresh_overdue()
        escalated = self.browse()
        for ticket in self.search(open_domain + [("is_overdue", "=", True)]):
            escalated |= ticket._kel_escalate(now)
        return escalated

    def _kel_escalate(self, now):
        """Create the escalation activity for each passed deadline not escalated yet.
        Returns the ticket when something was escalated."""
        self.ensure_one()
        passed = []
        if (
            not self.date_followup
            and self.deadline_followup
            and self.deadline_followup < now
            and self.kel_escalated_followup != self.deadline_followup
        ):
            passed.append(("kel_escalated_followup", self.deadline_followup))
        if (
            self.deadline_resolution
            and self.deadline_resolution < now
            and self.kel_escalated_resolution != self.deadline_resolution
        ):
            passed.append(("kel_escalated_resolution", self.deadline_resolution))
        if not passed:
            return self.browse()
        supervisors = self._kel_supervisors()
        activity_type = self.env.ref("kelurahan_crm.mail_activity_type_escalation")
        for fname, deadline in passed:
            summary = (
                self.env._("Follow-up deadline passed")
                if fname == "kel_escalated_followup"
                else self.env._("Resolution deadline passed")
            )
            for user in supervisors:
                self.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    note=self.env._(
                        "Complaint %(number)s passed its deadline (%(deadline)s).",
                        number=self.number,
                        deadline=fields.Datetime.to_string(deadline),
                    ),
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(self),
                )
        self.write({fname: deadline for fname, deadline in passed})
        return self

    def _kel_supervisors(self):
        """Lurah / Pimpinan users of the complaint's kelurahan (admins excluded
        unless there is no lurah)."""
        self.ensure_one()
        lurah_group = self.env.ref("kelurahan_crm.group_kelurahan_lurah")
        admin_group = self.env.ref("kelurahan_crm.group_kelurahan_admin")
        users = lurah_group.users.filtered(
            lambda u: self.company_id in u.company_ids and u.active and not u.share
        )
        heads = users.filtered(lambda u: admin_group not in u.groups_id)
        return heads or users

    # ------------------------------------------------------------------
    # Screens: the RW post's quick form (Lapor Cepat) entry action and photo
    # upload, and the buttons of the duplicates panel.
    # ------------------------------------------------------------------

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
