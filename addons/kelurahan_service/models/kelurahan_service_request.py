# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kelurahan_crm.models.kelurahan_nik_mixin import NIK_GROUPS
from odoo.addons.kelurahan_crm.tools import nik as kel_nik

from ..tools import files as kel_files

STATES = [
    ("submitted", "Submitted"),
    ("verify", "Document Check"),
    ("revision", "Needs Correction"),
    ("process", "In Process"),
    ("ready", "Ready for Pickup"),
    ("done", "Completed"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("submitted", "verify", "revision", "process")
# The applicant may withdraw a request until the office starts processing it.
APPLICANT_CANCEL_STATES = ("submitted", "verify", "revision")
# Written only by the workflow's steps (``_kel_set_state``), never by a caller's
# create or write: a status or a letter set by hand would skip the step's checks.
WORKFLOW_FIELDS = ("state", "letter_id", "date_done")


def add_working_days(start, days):
    """``start`` + ``days`` working days (Monday–Friday)."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


class KelurahanServiceRequest(models.Model):
    """A resident's application for an administrative service (permohonan)."""

    _name = "kelurahan.service.request"
    _description = "Service Request"
    _inherit = [  # noqa: RUF012
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "kelurahan.nik.mixin",
    ]
    _kel_nik_field = "applicant_nik"
    _kel_nik_masked_field = "applicant_nik_masked"
    _order = "date_submitted desc, id desc"
    _rec_name = "number"
    _check_company_auto = True

    number = fields.Char(
        required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    service_id = fields.Many2one(
        "kelurahan.service",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant Account",
        index="btree_not_null",
        help="Portal account that follows the request.",
    )
    applicant_name = fields.Char(required=True, tracking=True)
    applicant_nik = fields.Char(
        string="Applicant NIK",
        groups=NIK_GROUPS,
        index="btree_not_null",  # officers search by the exact NIK
        help="Read masked; officers show it with Tampilkan NIK (logged).",
    )
    applicant_nik_masked = fields.Char(
        string="NIK (masked)", compute="_compute_applicant_nik_masked", store=True
    )
    applicant_phone = fields.Char()
    applicant_address = fields.Char()
    purpose = fields.Text(help="What the letter is needed for.")
    rw_id = fields.Many2one(
        "kelurahan.rw",
        string="RW",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        default=lambda self: self._default_rw_id(),
        help="RW of the applicant; its RW officers follow the request.",
    )
    channel = fields.Selection(
        [("portal", "Online portal"), ("rw_post", "RW post"), ("counter", "Counter")],
        required=True,
        default="counter",
    )
    # a copy starts as a new, submitted request (the workflow sets the rest)
    state = fields.Selection(
        STATES,
        required=True,
        default="submitted",
        tracking=True,
        index=True,
        copy=False,
    )
    date_submitted = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True
    )
    date_deadline = fields.Date(
        compute="_compute_date_deadline", store=True, index=True, readonly=False
    )
    date_done = fields.Datetime(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    user_id = fields.Many2one(
        "res.users", string="Officer", tracking=True, index="btree_not_null"
    )
    revision_note = fields.Text(tracking=True)
    reject_reason = fields.Text(tracking=True)
    document_ids = fields.One2many(
        "kelurahan.service.document", "request_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    letter_id = fields.Many2one("kelurahan.letter", readonly=True, copy=False)
    letter_state = fields.Selection(related="letter_id.state", string="Letter Status")
    letter_revoke_reason = fields.Text(
        related="letter_id.revoke_reason", string="Letter Revocation Reason"
    )
    letter_date_revoked = fields.Datetime(
        related="letter_id.date_revoked", string="Letter Revoked On"
    )
    missing_requirements = fields.Char(compute="_compute_missing_requirements")

    _sql_constraints = [  # noqa: RUF012
        ("number_uniq", "unique(number, company_id)", "The number must be unique.")
    ]

    def _default_rw_id(self):
        """An RW officer enters requests at their own RW post."""
        return self.env.user.kel_rw_ids[:1]

    @api.depends("applicant_nik")
    def _compute_applicant_nik_masked(self):
        for request in self.sudo():
            request.applicant_nik_masked = (
                kel_nik.mask(request.applicant_nik) if request.applicant_nik else False
            )

    @api.depends("date_submitted", "service_id.target_days")
    def _compute_date_deadline(self):
        for request in self:
            if request.date_submitted and request.service_id:
                request.date_deadline = add_working_days(
                    request.date_submitted.date(), request.service_id.target_days
                )

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = self.env.company._kel_today()
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES
                and request.date_deadline
                and request.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search."))
        today = self.env.company._kel_today()
        domain = [("state", "in", OPEN_STATES), ("date_deadline", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("document_ids")
    def _compute_document_count(self):
        for request in self:
            request.document_count = len(request.document_ids)

    @api.depends("service_id", "document_ids.requirement_id")
    def _compute_missing_requirements(self):
        for request in self:
            request.missing_requirements = ", ".join(
                request._missing_requirements().mapped("name")
            )

    def _missing_requirements(self):
        self.ensure_one()
        needed = self.service_id.requirement_ids.filtered(
            lambda r: r.required and r.upload
        )
        return needed - self.document_ids.requirement_id

    @api.constrains("applicant_nik")
    def _check_applicant_nik(self):
        for request in self.sudo():
            if request.applicant_nik:
                message = kel_nik.error_message(self.env, request.applicant_nik)
                if message:
                    raise ValidationError(message)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/permohonan/{request.id}"
        return res

    def _kel_check_workflow_fields(self, vals_list):
        """Refuse a status, letter or completion date given by the caller; only the
        workflow's steps write them (as superuser, after their own checks). A new
        request may say that it is submitted, which it is anyway."""
        if self.env.su:
            return
        for vals in vals_list:
            fields_set = [name for name in WORKFLOW_FIELDS if name in vals]
            if fields_set == ["state"] and not self and vals["state"] == "submitted":
                continue
            if fields_set:
                raise AccessError(
                    self.env._(
                        "The status and the letter of a request change only through "
                        "the buttons on its form (Check documents, Issue letter, "
                        "Reject, …)."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._kel_check_workflow_fields(vals_list)
        for vals in vals_list:
            if vals.get("applicant_nik"):
                vals["applicant_nik"] = kel_nik.normalize(vals["applicant_nik"])
            if vals.get("number", "/") == "/":
                vals["number"] = self.env["ir.sequence"].next_by_code(
                    "kelurahan.service.request"
                )
        requests = super().create(vals_list)
        for request in requests:
            request._kel_notify_applicant()
        return requests

    def write(self, vals):
        self._kel_check_workflow_fields([vals])
        # Record rules are checked on the records before the write: keep an RW
        # officer from moving a request to an RW that is not theirs.
        if (
            "rw_id" in vals
            and not self.env.su
            and self.env.user._kel_is_rw_only()
            and vals["rw_id"] not in self.env.user.kel_rw_ids.ids
        ):
            raise AccessError(
                self.env._("You can only assign requests to your own RW.")
            )
        if vals.get("applicant_nik"):
            vals["applicant_nik"] = kel_nik.normalize(vals["applicant_nik"])
        return super().write(vals)

    # ------------------------------------------------------------------ intake
    @api.model
    def _kel_validate_submission(self, service, values, uploads):
        """Check a submission completely before anything is written. ``uploads`` maps
        requirement ids to (filename, bytes). Returns the document values."""
        errors = []
        if not (values.get("applicant_name") or "").strip():
            errors.append(self.env._("Fill in the applicant's name."))
        nik_error = kel_nik.error_message(self.env, values.get("applicant_nik") or "")
        if nik_error:
            errors.append(nik_error)
        documents = []
        for requirement in service.requirement_ids.filtered("upload"):
            filename, data = uploads.get(requirement.id) or (None, None)
            if not data:
                if requirement.required:
                    errors.append(
                        self.env._(
                            "The document “%(name)s” is required.",
                            name=requirement.name,
                        )
                    )
                continue
            try:
                kel_files.check_upload(self.env, filename, data)
            except ValidationError as error:
                errors.append(error.args[0])
                continue
            documents.append(
                {
                    "requirement_id": requirement.id,
                    "name": filename,
                    "datas": base64.b64encode(data),
                }
            )
        if errors:
            raise ValidationError("\n".join(errors))
        return documents

    @api.model
    def _kel_submit(self, service, values, uploads, channel="portal"):
        """Create a request with its documents, or raise before writing anything."""
        documents = self._kel_validate_submission(service, values, uploads)
        vals = {
            key: values.get(key)
            for key in (
                "applicant_name",
                "applicant_nik",
                "applicant_phone",
                "applicant_address",
                "purpose",
                "partner_id",
                "rw_id",
            )
            if values.get(key)
        }
        # kel_notice_ack: the form showed the privacy notice (legal-duty basis, see
        # kelurahan_service_request_consent.py); the consent mixin records it.
        vals.update(service_id=service.id, channel=channel, kel_notice_ack=True)
        return self.create(
            dict(vals, document_ids=[fields.Command.create(d) for d in documents])
        )

    def _kel_resubmit(self, uploads):
        """The applicant sends corrected documents: replace them, back to the check."""
        self.ensure_one()
        if self.state != "revision":
            raise UserError(
                self.env._("Documents can only be replaced when a correction is asked.")
            )
        if not uploads:
            raise ValidationError(self.env._("Choose at least one file to upload."))
        requirements = self.service_id.requirement_ids.filtered("upload")
        new_docs = []
        for requirement_id, (filename, data) in uploads.items():
            if requirement_id not in requirements.ids:
                raise ValidationError(self.env._("Unknown requirement."))
            kel_files.check_upload(self.env, filename, data)
            new_docs.append((requirement_id, filename, data))
        for requirement_id, filename, data in new_docs:
            self.document_ids.filtered(
                lambda d, r=requirement_id: d.requirement_id.id == r
            ).unlink()
            self.env["kelurahan.service.document"].create(
                {
                    "request_id": self.id,
                    "requirement_id": requirement_id,
                    "name": filename,
                    "datas": base64.b64encode(data),
                }
            )
        self._kel_set_state("verify")

    # ------------------------------------------------------------------ workflow
    def _kel_set_state(self, state, **extra):
        self.check_access("write")
        # sudo: the status is written only here, after the caller checked the role
        # and the current state (``_kel_check_state``, or the applicant's own
        # request on the portal); the uid, and so the chatter's author, stays.
        self.sudo().write(dict(extra, state=state))
        for request in self:
            request._kel_notify_applicant()

    def _kel_check_officer(self):
        """Workflow steps are the office's; RW officers only enter and follow."""
        if not self.env.su and not self.env.user.has_group(
            "kelurahan_crm.group_kelurahan_officer"
        ):
            raise AccessError(
                self.env._("Only kelurahan officers can process service requests.")
            )

    def _kel_check_state(self, allowed):
        self._kel_check_officer()
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    self.env._(
                        "Request %(number)s is “%(state)s”: this step is not possible.",
                        number=request.number,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[request.state],
                    )
                )

    def action_verify(self):
        self._kel_check_state(("submitted",))
        self._kel_set_state("verify", user_id=self.env.user.id)

    def action_request_revision(self, note=None):
        self._kel_check_state(("submitted", "verify"))
        note = note or (self.revision_note if len(self) == 1 else None)
        if not (note or "").strip():
            raise UserError(self.env._("Write what the applicant must correct."))
        self._kel_set_state("revision", revision_note=note)

    def action_process(self):
        self._kel_check_state(("verify",))
        for request in self:
            missing = request._missing_requirements()
            if missing:
                raise UserError(
                    self.env._(
                        "Required documents are missing: %(names)s.",
                        names=", ".join(missing.mapped("name")),
                    )
                )
        self._kel_set_state("process")

    def action_ready(self):
        """Issue the letter and tell the applicant it can be picked up."""
        self._kel_check_state(("process",))
        for request in self:
            # sudo: letters are issued only here, for an officer (checked above).
            letter = (
                self.env["kelurahan.letter"].sudo().create({"request_id": request.id})
            )
            request._kel_set_state("ready", letter_id=letter.id)

    def action_done(self):
        self._kel_check_state(("ready",))
        self._kel_set_state("done", date_done=fields.Datetime.now())
        self._kel_on_completed()

    def action_reject(self, reason=None):
        self._kel_check_state(OPEN_STATES)
        reason = reason or (self.reject_reason if len(self) == 1 else None)
        if not (reason or "").strip():
            raise UserError(self.env._("Write the reason for the rejection."))
        self._kel_set_state("rejected", reject_reason=reason)

    def action_open_reason_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kelurahan.service.request.reason",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_request_id": self.id,
                "default_mode": self.env.context.get("reason_mode", "reject"),
            },
        }

    def action_print_letter(self):
        self.ensure_one()
        # Our own letterhead: no prompt to configure the company document layout.
        report = self.env.ref("kelurahan_service.action_report_letter")
        return report.with_context(discard_logo_check=True).report_action(
            self.letter_id
        )

    def _kel_cancel_by_applicant(self):
        """The applicant withdraws the request (portal). Only before the office
        starts processing it; the caller has checked that it is the applicant's."""
        self.ensure_one()
        if self.state not in APPLICANT_CANCEL_STATES:
            state = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Request %(number)s is “%(state)s” and can no longer be "
                    "cancelled online. Please contact the kelurahan office.",
                    number=self.number,
                    state=state[self.state],
                )
            )
        self._kel_set_state("cancelled")

    @api.model
    def _kel_applicant_defaults(self, partner):
        """What the resident typed on their last request (NIK, RW, phone, address),
        to pre-fill the next one. sudo: only the partner's own requests are read,
        and the NIK is returned to that partner's session only."""
        last = self.sudo().search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.env.company.id)],
            order="date_submitted desc, id desc",
            limit=1,
        )
        return {
            "applicant_nik": last.applicant_nik or "",
            "rw_id": last.rw_id.id or False,
            "applicant_phone": last.applicant_phone or partner.phone or "",
            "applicant_address": last.applicant_address or partner.street or "",
        }

    def _kel_on_completed(self):
        """Hook called when requests are completed (the survey addon invites)."""
        return True

    # ------------------------------------------------------------------ messages
    def _kel_state_message(self):
        """Indonesian (applicant's language) message for the current state."""
        self.ensure_one()
        _ = self.env._
        if self.letter_id.state == "revoked":
            return _(
                "The letter %(letter)s of request %(number)s was revoked (reason: "
                "%(reason)s). Please contact the kelurahan office, or submit a new "
                "request.",
                letter=self.letter_id.number,
                number=self.number,
                reason=self.letter_id.revoke_reason or "",
            )
        messages = {
            "submitted": _(
                "Your request %(number)s for %(service)s has been received.",
                number=self.number,
                service=self.service_id.name,
            ),
            "verify": _(
                "Your documents for %(number)s are being checked.", number=self.number
            ),
            "revision": _(
                "Request %(number)s needs correction: %(note)s",
                number=self.number,
                note=self.revision_note or "",
            ),
            "process": _(
                "Your request %(number)s is being processed.", number=self.number
            ),
            "ready": _(
                "The letter for %(number)s is ready: pick it up at the office "
                "with your original ID card.",
                number=self.number,
            ),
            "done": _("Request %(number)s is completed.", number=self.number),
            "rejected": _(
                "Request %(number)s was rejected: %(reason)s",
                number=self.number,
                reason=self.reject_reason or "",
            ),
            "cancelled": _(
                "Request %(number)s was cancelled at your request.", number=self.number
            ),
        }
        return messages[self.state]

    def _kel_notify_applicant(self):
        """Post the state message to the applicant's account (e-mail + portal)."""
        self.ensure_one()
        if not self.partner_id:
            return
        lang = self.partner_id.lang or "id_ID"
        body = self.with_context(lang=lang)._kel_state_message()
        # sudo: the resident who submits may not post on the record's chatter; the
        # message is ours and goes only to the applicant.
        self.sudo().message_post(
            body=body,
            partner_ids=self.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
            message_type="notification",
        )
