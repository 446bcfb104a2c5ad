# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The order of the complaint workflow: Verifikasi comes first.

A complaint reaches Disposisi / Koordinasi, Dalam Proses or Selesai only once it has
passed Verifikasi, unless its category does not require verification
(``kel_requires_verification``). Whether it passed is ``kel_verified``: set by the
workflow when the complaint enters Verifikasi or a later stage, never written by
hand. Enforced in ``create`` and ``write`` for every user and every path (form,
status bar, kanban drag, RPC, dispositions); no context key switches it off.
Rejecting stays possible from any stage."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

# stages after which the complaint counts as verified
VERIFIED_STATES = ("verify", "dispatch", "progress", "done")
# stages a complaint reaches only once verified
GATED_STATES = ("dispatch", "progress", "done")
# open stages a disposition moves to Disposisi / Koordinasi
DISPATCHABLE_STATES = ("new", "verify", "progress")
# Written by the resident's feedback, the deadline job and the intake job (as
# superuser, after their own checks), never typed by staff.
SYSTEM_FIELDS = frozenset(
    (
        "is_disputed",
        "dispute_reason",
        "dispute_date",
        "rating",
        "rating_comment",
        "kel_reopen_date",
        "kel_escalated_followup",
        "kel_escalated_resolution",
        "kel_intake_state",
        "kel_intake_error",
        "kel_intake_attempts",
        "kel_intake_retry_at",
    )
)


class KelurahanComplaintWorkflow(models.AbstractModel):
    """Part of the complaint (``helpdesk.ticket`` inherits it): methods only, its
    fields are declared in helpdesk_ticket.py."""

    _name = "kelurahan.complaint.workflow"
    _description = "Complaint workflow order"

    @api.depends("stage_id")
    def _compute_kel_verified(self):
        for ticket in self:
            # Once verified, it stays so (a complaint moved back to New, or
            # reopened after a dispute, was verified). Reading the field's old
            # value inside its compute is supported by the ORM.
            ticket.kel_verified = bool(
                ticket.kel_verified or ticket.stage_id.kel_state in VERIFIED_STATES
            )

    @api.model_create_multi
    def create(self, vals_list):
        Stage = self.env["helpdesk.ticket.stage"]
        Category = self.env["helpdesk.ticket.category"]
        for vals in vals_list:
            self._kel_refuse_verified_flag(vals)
            stage = Stage.browse(vals.get("stage_id") or [])
            if stage.kel_state in GATED_STATES and (
                Category.browse(
                    vals.get("category_id") or []
                )._kel_requires_verification()
            ):
                raise UserError(
                    self.env._(
                        "A new complaint starts in New or Verification: it must "
                        "pass Verification before it can be in %(stage)s.",
                        stage=stage.name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._kel_refuse_verified_flag(vals)
        if vals.get("stage_id"):
            self._kel_check_verified_for(
                self.env["helpdesk.ticket.stage"].browse(vals["stage_id"]),
                self.env["helpdesk.ticket.category"].browse(vals["category_id"] or [])
                if "category_id" in vals
                else None,
            )
        return super().write(vals)

    @api.model
    def _kel_create_walked(self, vals_list):
        """Create complaints that are further along (demo data, earlier registers
        brought in): each is created in Verifikasi, then moved to the stage its
        values name, through the same checks as any move. Tgl Selesai comes with
        the move to Selesai (Verifikasi, an open stage, would clear it)."""
        Stage = self.env["helpdesk.ticket.stage"]
        verify = self.env.ref("kelurahan_crm.stage_verify")
        moves = []
        for vals in vals_list:
            stage = Stage.browse(vals.get("stage_id") or [])
            move = {}
            if stage.kel_state in GATED_STATES:
                move = {"stage_id": stage.id}
                if "date_done" in vals:
                    move["date_done"] = vals.pop("date_done")
                vals["stage_id"] = verify.id
            moves.append(move)
        tickets = self.create(vals_list)
        for ticket, move in zip(tickets, moves, strict=True):
            # A disposition created with the complaint may have moved it already.
            if move and (ticket.stage_id.id != move["stage_id"] or len(move) > 1):
                ticket.write(move)
        return tickets

    def _kel_check_caller_values(self, vals, creating=False):
        """What a caller other than the superuser may not give, on any path (form,
        RPC, import): what the workflow computes (status, deadlines, durations,
        support, overdue), what only its jobs and the resident's feedback write,
        and, on create as on write, fields of a group the caller is not in."""
        if self.env.su:
            return
        if creating:
            # Odoo checks the fields' groups on write only.
            self.check_field_access_rights("write", list(vals))
        fixed = sorted(
            name
            for name, value in vals.items()
            # a new complaint may say it has none of them (a form sends its
            # fields' empty defaults)
            if (name in SYSTEM_FIELDS and (value or not creating))
            or self._kel_is_computed_only(name)
        )
        if fixed:
            raise AccessError(
                self.env._(
                    "%(fields)s: set by the workflow, not by hand. Change the "
                    "complaint's stage; a Lurah corrects its dates.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in fixed
                    ),
                )
            )

    def _kel_is_computed_only(self, name):
        field = self._fields.get(name)
        return bool(
            field
            and field.compute
            and not field.inverse
            and field.readonly
            and name != "kel_verified"  # its own message, below
        )

    def _kel_refuse_verified_flag(self, vals):
        if "kel_verified" in vals:
            raise UserError(
                self.env._(
                    "Whether a complaint passed Verification is recorded by the "
                    "workflow: move it to the Verification stage."
                )
            )

    def _kel_check_verified_for(self, stage, category=None):
        """Refuse to move complaints that have not passed Verification to
        ``stage`` (their category, or ``category`` when it is being changed,
        requiring it)."""
        if stage.kel_state not in GATED_STATES:
            return
        unverified = self.filtered(
            lambda t: not t.kel_verified
            and (
                t.category_id if category is None else category
            )._kel_requires_verification()
        )
        if unverified:
            raise UserError(
                self.env._(
                    "Complaint %(numbers)s has not passed Verification yet: move it "
                    "to Verification first, then to %(stage)s.",
                    numbers=", ".join(unverified.mapped(lambda t: t.number or "")),
                    stage=stage.name,
                )
            )

    def _kel_dispatch(self):
        """A disposition was sent: open complaints move to Disposisi /
        Koordinasi (through the same check as any other move)."""
        stage = self.env.ref("kelurahan_crm.stage_dispatch")
        todo = self.filtered(lambda t: t.kel_state in DISPATCHABLE_STATES)
        if todo:
            todo.write({"stage_id": stage.id})
