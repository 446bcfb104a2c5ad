# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import create_index

# The dashboard's "late dispositions" count and its ten most overdue,
# [('date_done', '=', False), ('date_due', '<', now)] under the global company rule,
# ordered date_due asc, id asc (issue 22). Partial on the open dispositions, keyed
# by due date then id (the order of the top ten) and holding company_id (the
# company rule): both are index-only scans instead of two sequential scans.
LATE_INDEX = "kelurahan_disposition_kel_late_idx"


class KelurahanDisposition(models.Model):
    """A complaint handed over to an agency, with its own dates (SP4N-LAPOR!)."""

    _name = "kelurahan.disposition"
    _description = "Complaint disposition to an agency"
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    agency_id = fields.Many2one(
        "kelurahan.agency",
        string="Agency",
        required=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, string="Kelurahan"
    )
    user_id = fields.Many2one(
        "res.users", string="Sent by", default=lambda self: self.env.user
    )
    date_sent = fields.Datetime(
        string="Sent on", required=True, default=fields.Datetime.now
    )
    date_due = fields.Datetime(
        string="Due on",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        help="Set when the disposition is sent, from the agency's response time on "
        "the complaint's office calendar; later changes to the agency do not move it.",
    )
    response = fields.Text()
    date_done = fields.Datetime(string="Done on")
    note = fields.Text()
    state = fields.Selection(
        [("sent", "Sent"), ("overdue", "Overdue"), ("done", "Done")],
        compute="_compute_state",
        store=True,
        index=True,
        help="Overdue: past its due date and not done (refreshed by the deadline job).",
    )

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            LATE_INDEX,
            self._table,
            ["date_due", "id", "company_id"],
            where="date_done IS NULL",
        )
        return res

    @api.depends("agency_id", "date_sent")
    def _compute_date_due(self):
        """Deliberately not depending on the agency's response time: a due date,
        once the disposition is sent, is what was agreed with the agency then."""
        for disposition in self:
            days = disposition.agency_id.response_days
            if not (days and disposition.date_sent and disposition.ticket_id):
                disposition.date_due = False
                continue
            disposition.date_due = disposition.ticket_id._kel_plan_days(
                disposition.date_sent, days
            )

    @api.depends("date_due", "date_done")
    def _compute_state(self):
        now = fields.Datetime.now()
        for disposition in self:
            if disposition.date_done:
                disposition.state = "done"
            elif disposition.date_due and disposition.date_due < now:
                disposition.state = "overdue"
            else:
                disposition.state = "sent"

    @api.constrains("date_sent", "date_due", "date_done")
    def _check_dates(self):
        for disposition in self:
            if disposition.date_due and disposition.date_due < disposition.date_sent:
                raise ValidationError(
                    self.env._("The due date cannot be before the sent date.")
                )
            if disposition.date_done and disposition.date_done < disposition.date_sent:
                raise ValidationError(
                    self.env._("The done date cannot be before the sent date.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        dispositions = super().create(vals_list)
        # A disposition is a follow-up action: it sets the complaint's Tgl TL, and
        # the complaint moves to Disposisi / Koordinasi (once verified).
        dispositions.ticket_id._kel_mark_followup(min(dispositions.mapped("date_sent")))
        dispositions.ticket_id._kel_dispatch()
        for disposition in dispositions:
            disposition.ticket_id.message_post(
                body=self.env._(
                    "Dispositioned to %(agency)s.", agency=disposition.agency_id.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return dispositions

    def action_done(self):
        self.filtered(lambda d: not d.date_done).write(
            {"date_done": fields.Datetime.now()}
        )

    @api.model
    def _cron_refresh_overdue(self):
        """The stored overdue state depends on the clock: refresh the late ones."""
        late = self.search(
            [
                ("state", "=", "sent"),
                ("date_due", "<", fields.Datetime.now()),
            ]
        )
        late._compute_state()
        return late
