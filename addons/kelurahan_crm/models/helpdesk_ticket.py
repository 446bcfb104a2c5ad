# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint (pengaduan): OCA ``helpdesk.ticket`` extended for a kelurahan office.

Tgl TL (``date_followup``, first follow-up) is set by the workflow, the first time
one of these happens: the complaint moves to a stage whose status is Disposisi,
Dalam Proses or Selesai; a disposition to an agency is created; an office user posts
a public reply to the reporter. Only a Lurah/Pimpinan may correct it afterwards
(tracked in the chatter).
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from ..tools import nik as nik_tools
from .helpdesk_ticket_index import create_complaint_indexes
from .kelurahan_complaint_deadline import OPEN_STATES
from .kelurahan_nik_mixin import NIK_GROUPS
from .res_company import COMPLAINT_SEQUENCE_CODE

FOLLOWUP_STATES = ("dispatch", "progress", "done")
# helpdesk_mgmt's own channels (portal form, mail gateway) → the seeded ones.
CHANNEL_MAP = {
    "helpdesk_mgmt.helpdesk_ticket_channel_web": "kelurahan_crm.channel_portal",
    "helpdesk_mgmt.helpdesk_ticket_channel_email": "kelurahan_crm.channel_email",
    "helpdesk_mgmt.helpdesk_ticket_channel_phone": "kelurahan_crm.channel_phone",
}
# Date fields only a Lurah/Pimpinan may correct by hand once the complaint exists.
CORRECTED_DATES = ("date_reported", "date_followup", "date_done")


def _working_time(what):
    """A stored duration on the office calendar, averaged when grouped."""
    return fields.Float(
        compute="_compute_kel_durations",
        store=True,
        aggregator="avg",
        help=f"{what} (0 while not reached).",
    )


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    # One concern per mixin (models/kelurahan_complaint_*.py), listed before
    # helpdesk.ticket so that their overrides run first.
    _inherit = [  # noqa: RUF012
        "kelurahan.complaint.workflow",
        "kelurahan.complaint.privacy",
        "kelurahan.complaint.notification",
        "kelurahan.complaint.deadline",
        "kelurahan.complaint.duplicate",
        "kelurahan.complaint.source",
        "kelurahan.complaint.screen",
        "kelurahan.complaint.feedback",
        "kelurahan.complaint.public",
        "kelurahan.complaint.kpi",
        "kelurahan.nik.mixin",
        "helpdesk.ticket",
    ]

    _check_company_auto = True
    _kel_nik_field = "reporter_nik"
    _kel_nik_masked_field = "reporter_nik_masked"

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

    def init(self):
        res = super().init()
        create_complaint_indexes(self.env.cr, self._table)
        return res

    def _default_channel_id(self):
        if self.env.user._kel_is_rw_only():
            return self.env.ref(
                "kelurahan_crm.channel_balai_rw", raise_if_not_found=False
            )
        return False

    # Never generated for complaints (kelurahan.complaint.privacy); officers only.
    # Indexed: mail and portal routes may look a complaint up by it (issue 22).
    access_token = fields.Char(
        groups="kelurahan_crm.group_kelurahan_officer", index="btree_not_null"
    )
    # Existing fields, indexed because lists filter and group by them.
    company_id = fields.Many2one(index=True)
    category_id = fields.Many2one(index=True, tracking=True, check_company=True)
    channel_id = fields.Many2one(
        index=True, default=_default_channel_id, check_company=True
    )
    duplicate_id = fields.Many2one(index="btree_not_null")
    # helpdesk_mgmt's fields shown on our screens, re-declared with their label so
    # that the label is exported with this addon and translated by its i18n/id.po
    # (helpdesk_mgmt ships no Indonesian; a field's label is translated from the
    # po of every module that declares the field). Complaint vocabulary where the
    # IT-helpdesk wording would mislead.
    # index="trigram": the search box's "Complaint" and "Reporter" filters are
    # ilike '%…%' over an OR of these columns (the search view); without a
    # trigram index on each of them, a search read every complaint (2.5 s at 1M).
    number = fields.Char(string="Complaint number", index="trigram")
    name = fields.Char(string="Title", index="trigram")
    notes = fields.Html(string="Internal notes")
    user_id = fields.Many2one(string="Officer in charge")
    user_ids = fields.Many2many(string="Team members")
    stage_id = fields.Many2one(string="Stage")
    # Indexed: a branch of the RW officer's record rules (issue 22).
    partner_id = fields.Many2one(string="Contact", index="btree_not_null")
    partner_name = fields.Char(string="Contact name")
    partner_email = fields.Char(string="Email")
    tag_ids = fields.Many2many(string="Tags")
    team_id = fields.Many2one(string="Team")
    priority = fields.Selection(
        selection=[
            ("0", "Low"),
            ("1", "Medium"),
            ("2", "High"),
            ("3", "Very High"),
        ],
    )
    kanban_state = fields.Selection(
        selection=[
            ("normal", "Default"),
            ("done", "Ready for next stage"),
            ("blocked", "Blocked"),
        ],
        string="Kanban state",
    )
    attachment_ids = fields.One2many(string="Attachments")
    assigned_date = fields.Datetime(string="Assigned on")
    closed_date = fields.Datetime(string="Closed on")
    last_stage_update = fields.Datetime(string="Last stage update")
    duplicate_ids = fields.One2many(string="Duplicate complaints")
    duplicate_count = fields.Integer(string="Duplicate count")

    # Reporter
    reporter_name = fields.Char(
        tracking=True, help="Name of a reporter without an account.", index="trigram"
    )
    reporter_phone = fields.Char(
        help="Phone / WhatsApp number of the reporter.", index="trigram"
    )
    reporter_nik = fields.Char(
        string="Reporter NIK",
        groups=NIK_GROUPS,
        index="btree_not_null",  # officers search by the exact NIK
        copy=False,
        help="Optional. Read masked; officers show it with Tampilkan NIK (logged).",
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
    rw_id = fields.Many2one(
        "kelurahan.rw", string="RW", index=True, tracking=True, check_company=True
    )
    rt_id = fields.Many2one(
        "kelurahan.rt",
        string="RT",
        index="btree_not_null",
        tracking=True,
        domain="[('rw_id', '=', rw_id)]",
    )
    location_address = fields.Char(string="Location", index="trigram")
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
    response_hours = _working_time("Working hours from Tgl Masuk to Tgl TL")
    response_days = _working_time("Working days from Tgl Masuk to Tgl TL")
    resolution_hours = _working_time("Working hours from Tgl Masuk to Tgl Selesai")
    resolution_days = _working_time("Working days from Tgl Masuk to Tgl Selesai")

    # Workflow
    kel_state = fields.Selection(
        related="stage_id.kel_state", store=True, index=True, string="Status"
    )
    kel_verified = fields.Boolean(
        string="Verified",
        compute="_compute_kel_verified",
        store=True,
        copy=False,
        help="Passed the Verification stage (set by the workflow): needed before "
        "Disposition, In Progress and Done, unless the category does not require "
        "verification.",
    )
    followup_note = fields.Text(
        string="Follow-up note",
        tracking=True,
        help="What was done. Required to close as Selesai.",
    )
    reject_reason = fields.Text(tracking=True)
    # Written by the resident's feedback only (SYSTEM_FIELDS in
    # kelurahan_complaint_workflow.py): read-only, so forms never send them.
    is_disputed = fields.Boolean(
        string="Disputed", tracking=True, copy=False, readonly=True
    )
    dispute_reason = fields.Text(copy=False, readonly=True)
    dispute_date = fields.Datetime(copy=False, readonly=True)
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        tracking=True,
        copy=False,
        readonly=True,
        help="Satisfaction given by the resident (5 = very satisfied).",
    )
    rating_comment = fields.Text(copy=False, readonly=True)
    # Every rating and dispute, kept when the complaint is reopened
    # (kelurahan.complaint.feedback).
    feedback_ids = fields.One2many(
        "kelurahan.complaint.feedback.entry",
        "ticket_id",
        string="Ratings and disputes",
        groups="kelurahan_crm.group_kelurahan_officer",
    )
    kel_reopen_date = fields.Datetime(
        string="Reopened on",
        copy=False,
        readonly=True,
        help="When a dispute last reopened the complaint: its resolution deadline "
        "counts again from here.",
    )

    # Dispositions
    disposition_ids = fields.One2many(
        "kelurahan.disposition", "ticket_id", string="Dispositions"
    )
    disposition_count = fields.Integer(compute="_compute_disposition_count")

    # Deadlines: the targets and calendar are fixed when the complaint is filed
    # (or re-categorised): later edits of a category do not move past deadlines.
    kel_followup_target = fields.Float(
        "Follow-up target (working days)", compute="_compute_kel_targets", store=True
    )
    kel_resolution_target = fields.Float(
        "Resolution target (working days)", compute="_compute_kel_targets", store=True
    )
    kel_calendar_id = fields.Many2one(
        "resource.calendar",
        "Office calendar",
        compute="_compute_kel_targets",
        store=True,
    )
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
        copy=False,
        readonly=True,
        help="Follow-up deadline already escalated to the supervisor.",
    )
    kel_escalated_resolution = fields.Datetime(
        copy=False,
        readonly=True,
        help="Resolution deadline already escalated to the supervisor.",
    )

    # Duplicates (duplicate_id is helpdesk_mgmt's)
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

    # Where a complaint recorded by staff was first posted
    source_platform = fields.Selection(
        [
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("x", "X (Twitter)"),
            ("tiktok", "TikTok"),
            ("jaki", "JAKI"),
            ("lapor", "LAPOR!"),
            ("other", "Other"),
        ],
        string="Source platform",
        index="btree_not_null",
        help="Where a complaint recorded by staff was originally posted.",
    )
    source_url = fields.Char(
        string="Original link", help="Link to the original post or report."
    )
    source_ref = fields.Char(
        string="Reference ID",
        index="btree_not_null",
        help="Reference number on the original platform (e.g. JAKI or LAPOR! "
        "tracking id).",
    )

    # The RW post's quick form: a photo from the phone camera, kept as an attachment
    kel_photo = fields.Binary(
        string="Photo",
        compute="_compute_kel_photo",
        inverse="_inverse_kel_photo",
        help="Taken with the phone camera; kept as an attachment of the complaint.",
    )
    # ... and the description as plain text: a phone's text box, stored as HTML
    kel_description_text = fields.Text(
        string="Description (text)",
        compute="_compute_kel_description_text",
        inverse="_inverse_kel_description_text",
        help="The description as plain text, one paragraph per line.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("reporter_nik", "is_anonymous", "is_confidential")
    def _compute_reporter_nik_masked(self):
        for ticket in self:
            nik = ticket.reporter_nik
            hidden = ticket.is_anonymous or ticket.is_confidential
            ticket.reporter_nik_masked = (
                nik_tools.mask(nik) if nik and not hidden else False
            )

    @api.depends("date_reported", "date_followup", "date_done", "kel_calendar_id")
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

    @api.depends("disposition_ids")
    def _compute_disposition_count(self):
        for ticket in self:
            ticket.disposition_count = len(ticket.disposition_ids)

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

    @api.model
    def _kel_position_problem(self, latitude, longitude, company=None):
        """Why a point (in range) cannot be the position of a complaint of
        ``company``, as a message for the resident, or ``""``. Extended by
        kelurahan_crm_map (Indonesia, the kelurahan's boundary); the portal form
        asks it before storing anything."""
        return ""

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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _creation_subtype(self):
        return self.env.ref("kelurahan_crm.mt_complaint_received")

    def _creation_message(self):
        return self.env._("Complaint received")

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        rw_only = not self.env.su and user._kel_is_rw_only()
        channel_map = self._kel_channel_map()
        for vals in vals_list:
            self._kel_check_caller_values(vals, creating=True)
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
                # ir.model.data's cached id: env.ref would query it exists.
                stage_id = self.env["ir.model.data"]._xmlid_to_res_id(
                    "kelurahan_crm.stage_new", raise_if_not_found=False
                )
                if stage_id:
                    vals["stage_id"] = stage_id
        tickets = super().create(vals_list)
        for ticket in tickets:
            if ticket.kel_state in FOLLOWUP_STATES and not ticket.date_followup:
                ticket._kel_mark_followup()
            if ticket.kel_state == "done" and not ticket.date_done:
                ticket.sudo().date_done = fields.Datetime.now()  # workflow, see above
        # A resident form's complaint is acknowledged by its intake job.
        tickets.filtered(
            lambda t: t.kel_intake_state != "pending"
        )._kel_notify_reporter("created")
        return tickets

    def write(self, vals):
        if vals.get("reporter_nik"):
            vals["reporter_nik"] = nik_tools.normalize(vals["reporter_nik"])
        corrections = []
        if not self.env.su:
            self._kel_check_caller_values(vals)
            self._kel_check_write_allowed(vals)
            corrections = self._kel_date_corrections(vals)
        old_states = {ticket.id: ticket.kel_state for ticket in self}
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.kel_state == "done" and "date_done" not in vals:
                vals = dict(vals, date_done=fields.Datetime.now())
            elif stage.kel_state in OPEN_STATES and "date_done" not in vals:
                vals = dict(vals, date_done=False)
        # The dates the stage implies are added after the caller's values were
        # checked: the workflow sets them, it does not correct them.
        res = super().write(vals)
        if "stage_id" in vals:
            changed = self.filtered(lambda t: t.kel_state != old_states.get(t.id))
            for ticket in changed:
                if ticket.kel_state in FOLLOWUP_STATES and not ticket.date_followup:
                    ticket._kel_mark_followup()
            changed._kel_notify_reporter("stage")
        Log = self.env["kelurahan.audit.log"]
        for ticket, fname, before in corrections:
            Log._kel_log(
                ticket,
                "date_change",
                field=fname,
                old=fields.Datetime.to_string(before) if before else False,
                new=fields.Datetime.to_string(ticket[fname])
                if ticket[fname]
                else False,
            )
        return res

    def _kel_date_corrections(self, vals):
        """(complaint, field, value before) of each date a user corrects by hand
        (the Lurah; the workflow writes its dates as sudo)."""
        return [
            (ticket, fname, ticket[fname])
            for fname in CORRECTED_DATES
            if fname in vals
            for ticket in self
            if ticket[fname] != fields.Datetime.to_datetime(vals[fname])
        ]

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
        # ids from the (cached) xmlid table: no query per complaint created
        IrModelData = self.env["ir.model.data"]
        result = {}
        for source, target in CHANNEL_MAP.items():
            source_id = IrModelData._xmlid_to_res_id(source, raise_if_not_found=False)
            target_id = IrModelData._xmlid_to_res_id(target, raise_if_not_found=False)
            if source_id and target_id:
                result[source_id] = target_id
        return result

    def _prepare_ticket_number(self, values):
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        sequence = self.env["ir.sequence"].with_company(company)
        # The id searched once per worker; reading the sequence (which its next
        # number needs anyway) confirms it is still an active complaint
        # sequence. Only the kelurahan's own is used so (a shared one could be
        # superseded by an own one created later): otherwise next_by_code
        # searches as before, the cache cleared if the sequence went stale.
        known = sequence.browse(company._kel_complaint_sequence_id())
        try:
            current = known.active and known.code == COMPLAINT_SEQUENCE_CODE
        except MissingError:
            current = False
        if current and known.company_id == company:
            return known.next_by_id()
        if not current:
            self.env.registry.clear_cache()
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
        if corrected and not user.has_group("kelurahan_crm.group_kelurahan_lurah"):
            raise AccessError(
                self.env._(
                    "Only the Lurah / Pimpinan can correct the dates of a complaint."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _kel_mark_followup(self, when=None):
        """Set Tgl TL on the complaints that have none yet (workflow, not a
        correction)."""
        todo = self.filtered(lambda t: not t.date_followup)
        if todo:
            when = when or fields.Datetime.now()
            for ticket in todo:
                # sudo: the workflow sets Tgl TL; only a correction of it is the
                # Lurah's (``_kel_check_write_allowed``).
                ticket.sudo().write({"date_followup": max(when, ticket.date_reported)})
