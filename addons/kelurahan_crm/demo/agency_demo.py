# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo: agencies answer some of the generated dispositions (accepted with
progress, rejected and moved to another agency), so that every disposition state
and the agency performance figures show in a demo database."""

from datetime import timedelta

from odoo import api, fields, models


class KelurahanDemo(models.AbstractModel):
    _inherit = "kelurahan.demo"

    @api.model
    def _generate_agency_answers(self):
        env = self.env(context=dict(self.env.context, kel_no_notify=True), su=True)
        Disposition = env["kelurahan.disposition"]
        now = fields.Datetime.now()
        pending = Disposition.search(
            [("state", "in", ("sent", "overdue"))], order="date_sent desc, id"
        )
        contacts = {agency: agency.contact_user_ids[:1] for agency in pending.agency_id}
        accepted, rejected = pending[:6], pending[6:9]
        for disposition in accepted:
            moment = min(disposition.date_sent + timedelta(hours=20), now)
            disposition.write({"date_accepted": moment})
            user = contacts.get(disposition.agency_id) or env.ref("base.user_root")
            env["kelurahan.disposition.update"].create(
                [
                    {
                        "disposition_id": disposition.id,
                        "kind": "accept",
                        "date": moment,
                        "user_id": user.id,
                    },
                    {
                        "disposition_id": disposition.id,
                        "kind": "progress",
                        "note": "Tim sudah survei lokasi, perbaikan dijadwalkan.",
                        "date": min(moment + timedelta(hours=3), now),
                        "user_id": user.id,
                    },
                ]
            )
        perhubungan = env.ref("kelurahan_crm.agency_sudin_perhubungan")
        for disposition in rejected:
            moment = min(disposition.date_sent + timedelta(hours=6), now)
            disposition.write(
                {
                    "date_rejected": moment,
                    "reject_reason": "Bukan kewenangan kami, mohon diteruskan.",
                }
            )
        rejected[:2]._kel_replace(perhubungan, "Dipindahkan ke Sudin Perhubungan")
