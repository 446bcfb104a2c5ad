# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the services that is easier to generate than to write out: two
months of queue history with a visible improvement after go-live, and requests in
every state."""

import base64
import datetime
import math
import random

import pytz

from odoo import api, fields, models

# Smallest files that pass the content check (magic bytes).
DEMO_PDF = b"%PDF-1.4\n% demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class KelurahanDemo(models.AbstractModel):
    _inherit = "kelurahan.demo"

    @api.model
    def _generate_queue_history(self, days=60, golive_offset=30, seed=42):
        """Served tickets over ``days`` working days; from go-live (``golive_offset``
        days ago) waiting times are about 40 % of what they were before."""
        rng = random.Random(seed)
        tz = self.env.company._kel_tz()
        today = self.env["kelurahan.queue.ticket"]._kel_today()
        golive = today - datetime.timedelta(days=golive_offset)
        self.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_service.queue_golive_date", fields.Date.to_string(golive)
        )
        counters = self.env["kelurahan.counter"].search([])
        vals_list = []
        for offset in range(days, 0, -1):
            day = today - datetime.timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            after = day >= golive
            for counter in counters:
                for service in counter.service_ids:
                    clock = tz.localize(
                        datetime.datetime.combine(day, datetime.time(8))
                    )
                    for number in range(1, rng.randint(5, 12) + 1):
                        clock += datetime.timedelta(minutes=rng.uniform(3, 20))
                        wait = rng.lognormvariate(math.log(14 if after else 35), 0.5)
                        serve = rng.lognormvariate(math.log(8 if after else 11), 0.35)
                        checkin = clock.astimezone(pytz.utc).replace(tzinfo=None)
                        called = checkin + datetime.timedelta(minutes=wait)
                        vals_list.append(
                            {
                                "name": f"{service.queue_prefix}{number:03d}",
                                "sequence": number,
                                "service_id": service.id,
                                "counter_id": counter.id,
                                "date": day,
                                "kind": "walkin",
                                "state": "served",
                                "checkin_date": checkin,
                                "called_date": called,
                                "last_called_date": called,
                                "served_date": called
                                + datetime.timedelta(minutes=serve),
                            }
                        )
        return self.env["kelurahan.queue.ticket"].create(vals_list)

    @api.model
    def _generate_requests(self):
        """A handful of requests in every state, some from the demo resident. The
        office's steps are taken by the demo officers (mostly the Petugas, some by
        the Lurah), as they would be, so the requests, their history and the
        letters name them and not the technical user that loads the demo."""
        Request = self.env["kelurahan.service.request"]
        warga = self.env.ref("kelurahan_crm.partner_demo_warga")
        officer = self.env.ref("kelurahan_crm.user_demo_officer")
        lurah = self.env.ref("kelurahan_crm.user_demo_lurah")
        officers = [officer, officer, officer, lurah]
        people = [
            ("Dewi Lestari", "3175024508900003", warga),
            ("Budi Santoso", "3175021203850002", None),
            ("Rina Marlina", "3175026711920001", None),
            ("Joko Widodo", "3175020106750004", None),
        ]
        services = self.env["kelurahan.service"].search([], limit=7)
        flows = [
            [],
            ["verify"],
            ["verify", "revision"],
            ["verify", "process"],
            ["verify", "process", "ready"],
            ["verify", "process", "ready", "done"],
            ["reject"],
            ["cancel"],
        ]
        pdf = base64.b64encode(DEMO_PDF)
        rws = self.env["kelurahan.rw"].search([], order="number", limit=3)
        created = Request
        for index, steps in enumerate(flows * 2):
            name, nik, partner = people[index % len(people)]
            service = services[index % len(services)]
            request = Request.create(
                {
                    "service_id": service.id,
                    "applicant_name": name,
                    "applicant_nik": nik,
                    "applicant_address": "Jl. Swadaya RT 003/RW 01",
                    "purpose": "Persyaratan administrasi",
                    "partner_id": partner.id if partner else False,
                    "channel": "portal" if partner else "rw_post",
                    "rw_id": rws[index % len(rws)].id if rws else False,
                    "date_submitted": fields.Datetime.now()
                    - datetime.timedelta(days=index % 6),
                    "document_ids": [
                        fields.Command.create(
                            {
                                "requirement_id": requirement.id,
                                "name": "dokumen.pdf",
                                "datas": pdf,
                            }
                        )
                        for requirement in service.requirement_ids.filtered("required")
                    ],
                }
            )
            if steps and steps != ["cancel"]:
                request = request.with_user(officers[index % len(officers)])
            for step in steps:
                if step == "cancel":
                    request._kel_cancel_by_applicant()
                elif step == "verify":
                    request.action_verify()
                elif step == "revision":
                    request.action_request_revision(
                        "Foto KK kurang jelas, unggah ulang."
                    )
                elif step == "process":
                    request.action_process()
                elif step == "ready":
                    request.action_ready()
                elif step == "done":
                    request.action_done()
                elif step == "reject":
                    request.action_reject("Bukan warga kelurahan ini.")
            created |= request
        done = created.filtered(lambda r: r.state == "done")[-1:]
        if done:
            done.letter_id.with_user(lurah).action_revoke(
                "Data salah ketik, diganti surat baru."
            )
        return created
