# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint follows its dispositions (see kelurahan_disposition_agency.py) and
its public timeline tells the agencies' progress in plain words."""

from odoo import models

from .kelurahan_disposition_agency import OPEN_DISPOSITION_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _kel_note_agency(self, disposition, kind, note):
        """Internal note of an agency's answer, in the complaint's chatter."""
        self.ensure_one()
        _ = self.env._
        labels = {
            "accept": _("%(agency)s accepted the disposition."),
            "reject": _("%(agency)s rejected the disposition: %(note)s"),
            "progress": _("%(agency)s reported progress: %(note)s"),
            "done": _("%(agency)s finished the disposition: %(note)s"),
        }
        body = labels[kind] % {"agency": disposition.agency_id.name, "note": note}
        self.message_post(
            body=body,
            author_id=self.env.ref("base.partner_root").id,
            subtype_xmlid="mail.mt_note",
        )

    def _kel_follow_dispositions(self):
        """Complaints in Disposisi / Koordinasi without open dispositions go back
        to the kelurahan (Dalam Proses), with an activity for whoever sent the
        last disposition: verify the agencies' results and close."""
        progress = self.env.ref("kelurahan_crm.stage_progress")
        back = self.filtered(
            lambda t: t.kel_state == "dispatch"
            and t.disposition_ids
            and not any(d.state in OPEN_DISPOSITION_STATES for d in t.disposition_ids)
        )
        if not back:
            return back
        back.write({"stage_id": progress.id})
        for ticket in back:
            last = ticket.disposition_ids.sorted("date_sent")[-1:]
            rejected = last.state == "rejected"
            user = last.user_id if last.user_id and not last.user_id.share else None
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Disposition rejected: send it to another agency")
                if rejected
                else self.env._("Agencies done: verify the result and close"),
                note=last.reject_reason if rejected else last.response,
                user_id=(user or ticket.user_id or self.env.user).id,
            )
        return back

    def _kel_public_timeline(self, fmt_dt):
        """Each disposition in plain words for the resident (withdrawn ones, moved
        to another agency, are left out)."""
        status = super()._kel_public_timeline(fmt_dt)
        _ = self.env._
        words = {
            "sent": _("sent, waiting for the agency's answer"),
            "accepted": _("the agency is handling it"),
            "overdue": _("the agency is handling it (past its target)"),
            "done": _("the agency finished its work; the kelurahan checks the result"),
            "rejected": _("not this agency's task; the kelurahan forwards it"),
        }
        status["dispositions"] = [
            {
                "agency": disposition.agency_id.name,
                "state": words.get(disposition.state, ""),
                "date": fmt_dt(disposition.date_sent),
            }
            for disposition in self.disposition_ids.sorted("date_sent")
            if disposition.state != "cancelled"
        ]
        return status
