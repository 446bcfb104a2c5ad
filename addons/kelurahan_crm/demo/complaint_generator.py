# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo complaints of Kelurahan Kalisari, generated relative to the install date.

Called once from ``demo/helpdesk_ticket_demo.xml`` (demo databases only). A fixed random
seed makes every demo database tell the same story; dates are relative to today so the
dashboard always shows the last six months.
"""

import logging
import random
import time
from datetime import timedelta

from odoo import api, fields, models

from .complaint_texts import (
    CATEGORIES,
    CHANNELS,
    DISPO_RESPONSES,
    FIRST_NAMES,
    FOLLOWUP_NOTES,
    LANDMARKS,
    LAST_NAMES,
    REJECT_REASONS,
    SINCE,
    STREETS,
)

_logger = logging.getLogger(__name__)

SEED = 20260601
MONTHS_BACK_DAYS = 182

STATE_BY_AGE = [
    # (older than N days, [(state, weight), ...])
    (
        30,
        [
            ("done", 80),
            ("rejected", 8),
            ("progress", 7),
            ("dispatch", 3),
            ("verify", 2),
        ],
    ),
    (
        7,
        [
            ("done", 45),
            ("progress", 24),
            ("dispatch", 14),
            ("verify", 9),
            ("rejected", 5),
            ("new", 3),
        ],
    ),
    (
        -1,
        [("new", 35), ("verify", 25), ("progress", 18), ("dispatch", 12), ("done", 10)],
    ),
]
RATINGS = [("5", 40), ("4", 35), ("3", 15), ("2", 6), ("1", 4)]
FOLLOWUP_DELAY_HOURS = [2, 4, 6, 20, 26, 50, 75, 140]
DONE_AFTER_DAYS = [1, 2, 3, 5, 7, 10, 14, 21]


class ComplaintFactory:
    """Builds the values of demo complaints; all randomness comes from one seed."""

    def __init__(self, env, seed):
        self.env = env
        self.rng = random.Random(seed)
        ref = env.ref
        self.company = env.company
        self.now = fields.Datetime.now().replace(microsecond=0)
        self.stages = {
            state: ref(f"kelurahan_crm.stage_{state}")
            for state in ("new", "verify", "dispatch", "progress", "done", "rejected")
        }
        self.categories = [
            (ref(f"kelurahan_crm.{xmlid}"), weight, agencies, texts)
            for xmlid, (weight, agencies, texts) in CATEGORIES.items()
        ]
        self.channels = [(ref(f"kelurahan_crm.{xmlid}"), w) for xmlid, w in CHANNELS]
        self.rws = env["kelurahan.rw"].search([("company_id", "=", self.company.id)])
        officer = ref("kelurahan_crm.user_demo_officer")
        self.officers = [
            officer,
            officer,
            officer,
            ref("kelurahan_crm.user_demo_lurah"),
        ]
        self.resident = ref("kelurahan_crm.partner_demo_warga")

    def pick(self, weighted):
        items, weights = zip(*weighted, strict=True)
        return self.rng.choices(items, weights=weights)[0]

    def before_now(self, moment, minutes=1):
        return min(moment, self.now - timedelta(minutes=minutes))

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def office_time(self, moment):
        """Move a moment to office hours (01:00-09:00 UTC = 08-16 WIB), weekdays."""
        moment = moment.replace(
            hour=self.rng.randint(1, 8), minute=self.rng.randint(0, 59)
        )
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
        return moment

    def complaint(self):
        """Values of one complaint, and its state."""
        rng = self.rng
        category, _weight, agency_xmlids, texts = self.pick(
            [(c, c[1]) for c in self.categories]
        )
        subject, description = rng.choice(texts)
        rw = rng.choice(self.rws)
        rt = rng.choice(rw.rt_ids) if rw.rt_ids else self.env["kelurahan.rt"]
        street = rng.choice(STREETS)
        words = {
            "street": street,
            "landmark": rng.choice(LANDMARKS),
            "since": rng.choice(SINCE),
            "rt": f"{rt.number:03d}" if rt else "001",
            "rw": f"{rw.number:02d}",
        }
        # More complaints recently: the office got better known.
        age = int(MONTHS_BACK_DAYS * (rng.random() ** 1.3))
        reported = self.before_now(
            self.now
            - timedelta(days=age, hours=rng.randint(0, 10), minutes=rng.randint(0, 59)),
            minutes=5,
        )
        state = self.pick(next(t for limit, t in STATE_BY_AGE if age > limit))
        vals = {
            "name": subject.format(**words),
            "description": f"<p>{description.format(**words)}</p>",
            "category_id": category.id,
            "channel_id": self.pick(self.channels).id,
            "rw_id": rw.id,
            "rt_id": rt.id,
            "location_address": (
                f"{street} No. {rng.randint(1, 120)}, RT {words['rt']}/RW "
                f"{words['rw']}, Kalisari"
            ),
            "latitude": round(-6.3375 + rng.uniform(-0.008, 0.008), 7),
            "longitude": round(106.8595 + rng.uniform(-0.008, 0.008), 7),
            "date_reported": reported,
            "is_anonymous": rng.random() < 0.05,
            "is_confidential": rng.random() < 0.05,
            "company_id": self.company.id,
        }
        self._add_reporter(vals)
        state = self._add_progress(vals, state)
        vals["stage_id"] = self.stages[state].id
        if state in ("dispatch", "progress", "done") and rng.random() < 0.6:
            agency = self.env.ref(f"kelurahan_crm.{rng.choice(agency_xmlids)}")
            vals["disposition_ids"] = [
                fields.Command.create(self._disposition(vals, state, agency))
            ]
        return vals, state, age

    def _add_reporter(self, vals):
        if vals["is_anonymous"]:
            return
        if self.rng.random() < 0.1:
            vals["partner_id"] = self.resident.id
        else:
            vals["reporter_name"] = self.person()
            vals["reporter_phone"] = (
                f"08{self.rng.choice('1257')}{self.rng.randint(10000000, 99999999)}"
            )

    def _add_progress(self, vals, state):
        """Dates, officer and closing texts for the state; returns the final state
        (a complaint that would be done in the future is still in progress)."""
        rng = self.rng
        if state == "new":
            vals["user_id"] = False
            return state
        vals["user_id"] = rng.choice(self.officers).id
        # First follow-up after a few working hours, sometimes late; for a complaint
        # reported a moment ago, somewhere in between.
        reported = vals["date_reported"]
        followup = reported + timedelta(hours=rng.choice(FOLLOWUP_DELAY_HOURS))
        if followup >= self.now:
            followup = reported + (self.now - reported) * rng.uniform(0.2, 0.9)
        followup = self.before_now(followup.replace(microsecond=0))
        vals["date_followup"] = followup
        if state == "rejected":
            vals["reject_reason"] = rng.choice(REJECT_REASONS)
        if state != "done":
            return state
        done = followup + timedelta(
            days=rng.choice(DONE_AFTER_DAYS), hours=rng.randint(0, 6)
        )
        if done >= self.now:
            return "progress"
        done = self.office_time(done)
        vals["date_done"] = min(max(done, followup + timedelta(hours=1)), self.now)
        vals["followup_note"] = rng.choice(FOLLOWUP_NOTES)
        if rng.random() < 0.45:
            vals["rating"] = self.pick(RATINGS)
            if vals["rating"] in ("1", "2"):
                vals["rating_comment"] = "Penanganannya terlalu lama."
            elif rng.random() < 0.4:
                vals["rating_comment"] = "Terima kasih, cepat ditangani."
        return state

    def _disposition(self, vals, state, agency):
        """A disposition to an agency: done with the complaint, else pending (and
        overdue once its due date has passed)."""
        rng = self.rng
        sent = self.before_now(
            vals["date_followup"] + timedelta(hours=rng.randint(1, 30))
        )
        dispo = {
            "agency_id": agency.id,
            "date_sent": sent,
            "date_due": sent + timedelta(days=rng.choice([3, 5, 7, 10])),
        }
        if state == "done":
            dispo["date_done"] = min(
                max(sent + timedelta(hours=2), vals["date_done"]), self.now
            )
            dispo["response"] = rng.choice(DISPO_RESPONSES)
        elif rng.random() < 0.35 and sent + timedelta(days=2) < self.now:
            dispo["response"] = DISPO_RESPONSES[0]
        return dispo

    def duplicate(self, master):
        """Another resident reports the same problem: linked as support (stays
        open) or merged (closed as duplicate)."""
        rng = self.rng
        reported = self.before_now(
            master.date_reported + timedelta(hours=rng.randint(3, 70)), minutes=5
        )
        merge = rng.random() < 0.5
        vals = {
            "name": master.name,
            "description": master.description,
            "category_id": master.category_id.id,
            "channel_id": self.pick(self.channels).id,
            "rw_id": master.rw_id.id,
            "rt_id": master.rt_id.id,
            "location_address": master.location_address,
            "latitude": master.latitude,
            "longitude": master.longitude,
            "date_reported": reported,
            "reporter_name": self.person(),
            "reporter_phone": f"0813{rng.randint(10000000, 99999999)}",
            "company_id": self.company.id,
            "duplicate_id": master.id,
            "user_id": master.user_id.id,
            "stage_id": self.stages["rejected" if merge else "verify"].id,
            "date_followup": self.before_now(
                reported + timedelta(hours=3 if merge else 5)
            ),
        }
        if merge:
            vals["reject_reason"] = f"Laporan sama dengan {master.number}."
        return vals


class KelurahanDemo(models.AbstractModel):
    """Entry points of the demo data files (``<function>`` in demo/*.xml). Other
    addons add theirs to this model from their own demo/ folder. Every method is
    private: none can be called over RPC, only by the data loader."""

    _name = "kelurahan.demo"
    _description = "Kelurahan demo data generator (demo data only)"

    @api.model
    def _delete_foreign_demo(self, xmlids):
        """Delete demo records of the modules we build on (English helpdesk tickets,
        Odoo's demo surveys): they have no place in a kelurahan database. Called
        by the addon that depends on the module that created them; records gone
        already (or never loaded) are skipped."""
        for xmlid in xmlids:
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                record.unlink()

    @api.model
    def _generate_complaints(self, count=300, seed=SEED):
        """Create ``count`` complaints over the last six months in every state, with
        dispositions, duplicates (dukungan), overdue, anonymous and confidential ones,
        plus their duplicates. Deterministic for a given seed and install date.
        Returns the number of complaints created."""
        started = time.monotonic()
        factory = ComplaintFactory(self.env, seed)
        Ticket = self.env["helpdesk.ticket"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            kel_no_notify=True,
        )
        plans = [factory.complaint() for _index in range(count)]
        # Through Verifikasi to their stage, like complaints handled in the office.
        tickets = Ticket._kel_create_walked([vals for vals, _state, _age in plans])

        masters = [
            ticket
            for ticket, (_vals, state, age) in zip(tickets, plans, strict=True)
            if state in ("verify", "dispatch", "progress") and age > 3
        ]
        factory.rng.shuffle(masters)
        duplicates = Ticket.create(
            [
                factory.duplicate(master)
                for master in masters[:18]
                for _n in range(factory.rng.choice([1, 1, 2, 3]))
            ]
        )

        # The residents' verdicts (kelurahan.complaint.feedback): the ratings above,
        # and a few unrated results disputed: reopened and flagged.
        now = factory.now
        Verdict = self.env["kelurahan.complaint.feedback.entry"]
        Verdict.create(
            [
                {
                    "ticket_id": ticket.id,
                    "kind": "rating",
                    "rating": ticket.rating,
                    "comment": ticket.rating_comment,
                    "done_date": ticket.date_done,
                    "date": min(ticket.date_done + timedelta(hours=20), now),
                }
                for ticket in tickets.filtered("rating")
            ]
        )
        recent_done = tickets.filtered(
            lambda t: t.kel_state == "done"
            and not t.rating
            and t.date_done > now - timedelta(days=10)
        )
        for ticket in recent_done[:4]:
            Verdict.create(
                {
                    "ticket_id": ticket.id,
                    "kind": "dispute",
                    "comment": "Masalahnya muncul lagi setelah dua hari.",
                    "done_date": ticket.date_done,
                    "date": min(ticket.date_done + timedelta(days=1), now),
                }
            )
            ticket.write(
                {
                    "stage_id": factory.stages["progress"].id,
                    "is_disputed": True,
                    "dispute_reason": "Masalahnya muncul lagi setelah dua hari.",
                    "dispute_date": min(ticket.date_done + timedelta(days=1), now),
                    "kel_reopen_date": min(ticket.date_done + timedelta(days=1), now),
                    "date_done": False,
                }
            )
        _logger.info(
            "Demo: %s complaints generated in %.1f s",
            len(tickets) + len(duplicates),
            time.monotonic() - started,
        )
        return len(tickets) + len(duplicates)
