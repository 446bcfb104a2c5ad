# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import Counter
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import NO_MAIL, call_kw, role_user, walk_to_stage

SLICE_DIMS = {
    "state": ["kel_state", "is_overdue", "is_within_deadline"],
    "category": ["category_id"],
    "channel": ["channel_id"],
}
MEASURES = (
    "received",
    "response_days_count",
    "response_days_sum",
    "response_hours_count",
    "response_hours_sum",
    "resolution_days_count",
    "resolution_days_sum",
)


def _key(values):
    """A group's values as plain ids, dates and booleans."""
    out = []
    for value in values:
        if hasattr(value, "_name"):
            value = value.id or False
        elif isinstance(value, datetime):
            value = value.date()
        out.append(value or False)
    return tuple(out)


class DailyCase(TransactionCase):
    """A kelurahan of its own with two RWs and complaints over three months."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        cls.company = cls.env["res.company"].create({"name": "Kelurahan Uji Ringkasan"})
        cls.rw1, cls.rw2 = cls.env["kelurahan.rw"].create(
            [
                {"number": 1, "name": "RW 01", "company_id": cls.company.id},
                {"number": 2, "name": "RW 02", "company_id": cls.company.id},
            ]
        )
        company = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.officer = role_user(cls.env, "sum_officer", "officer", **company)
        cls.rw_user = role_user(cls.env, "sum_rw", "rw", rws=cls.rw1, **company)
        ref = cls.env.ref
        cls.sampah = ref("kelurahan_crm.category_sampah")
        cls.jalan = ref("kelurahan_crm.category_jalan_rusak")
        cls.wa = ref("kelurahan_crm.channel_whatsapp")
        cls.balai = ref("kelurahan_crm.channel_balai_rw")
        cls.now = fields.Datetime.now()
        Ticket = cls.env["helpdesk.ticket"].with_company(cls.company)
        cls.Ticket = Ticket
        plan = [
            # (days ago, category, rw, channel, state, follow-up h, done after d)
            (0, cls.sampah, cls.rw1, cls.wa, "new", None, None),
            (1, cls.sampah, cls.rw1, cls.balai, "dispatch", 4, None),
            (3, cls.jalan, cls.rw2, cls.wa, "progress", 20, None),
            (8, cls.jalan, cls.rw1, cls.wa, "done", 2, 1),
            (35, cls.sampah, cls.rw2, cls.wa, "done", 30, 25),
            (40, cls.jalan, cls.rw2, cls.balai, "rejected", 3, None),
            (70, cls.sampah, cls.rw1, cls.wa, "new", None, None),
        ]
        vals_list = []
        for ago, categ, rw, channel, state, delay, done_after in plan:
            reported = cls.now - timedelta(days=ago)
            vals = {
                "name": f"Ringkasan {ago}",
                "description": "<p>Uji ringkasan</p>",
                "company_id": cls.company.id,
                "category_id": categ.id,
                "rw_id": rw.id,
                "channel_id": channel.id,
                "date_reported": reported,
                "stage_id": ref(f"kelurahan_crm.stage_{state}").id,
                "reporter_name": "Warga Uji",
            }
            if delay is not None:
                vals["date_followup"] = reported + timedelta(hours=delay)
            if done_after is not None:
                vals["date_done"] = reported + timedelta(days=done_after)
                vals["followup_note"] = "Sudah ditangani."
            if state == "rejected":
                vals["reject_reason"] = "Di luar wilayah."
            vals_list.append(vals)
        cls.tickets = Ticket._kel_create_walked(vals_list)
        # a confidential complaint entered by the RW officer, one by somebody else
        cls.secret_own = (
            Ticket.with_user(cls.rw_user)
            .sudo(False)
            .create(
                {
                    "name": "Rahasia sendiri",
                    "description": "<p>Rahasia</p>",
                    "category_id": cls.jalan.id,
                    "rw_id": cls.rw1.id,
                    "channel_id": cls.wa.id,
                    "reporter_name": "Warga Rahasia",
                    "is_confidential": True,
                }
            )
        )
        cls.secret_other = Ticket.create(
            {
                "name": "Rahasia lain",
                "description": "<p>Rahasia</p>",
                "company_id": cls.company.id,
                "category_id": cls.jalan.id,
                "rw_id": cls.rw1.id,
                "channel_id": cls.balai.id,
                "reporter_name": "Warga Rahasia",
                "is_confidential": True,
            }
        )

    def _office_tz(self):
        """{company id: time zone of its office calendar} as the triggers read
        it: the kelurahan's calendar, else its working calendar."""
        self.env.cr.execute(
            "SELECT c.id, coalesce(kc.tz, rc.tz, 'Asia/Jakarta') FROM res_company c"
            " LEFT JOIN resource_calendar kc ON kc.id = c.kel_calendar_id"
            " LEFT JOIN resource_calendar rc ON rc.id = c.resource_calendar_id"
        )
        return dict(self.env.cr.fetchall(), **{"False": "Asia/Jakarta"})

    def _expected(self, slice_, grain):
        """Direct count over the complaints (ORM, every company, each on its
        office days), per key."""
        zones = self._office_tz()
        # the dashboard's days are those of the kelurahan: the same zone
        self.assertEqual(zones[self.company.id], self.company._kel_tz_name())
        groupby = [
            "company_id",
            f"date_reported:{grain}",
            "rw_id",
            "is_confidential",
            *SLICE_DIMS[slice_],
        ]
        result = {}
        companies = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group([], ["company_id"], ["__count"])
        )
        for company, _count in companies:
            Ticket = (
                self.env["helpdesk.ticket"]
                .sudo()
                .with_context(tz=zones[company.id or "False"])
            )
            base = [
                ("date_reported", "!=", False),
                ("company_id", "=", company.id or False),
            ]
            parts = [([], ["__count"], [0])]
            if slice_ == "state":
                parts += [
                    (
                        [("date_followup", "!=", False)],
                        [
                            "__count",
                            "response_days:sum",
                            "__count",
                            "response_hours:sum",
                        ],
                        [1, 2, 3, 4],
                    ),
                    (
                        [("kel_state", "=", "done"), ("date_done", "!=", False)],
                        ["__count", "resolution_days:sum"],
                        [5, 6],
                    ),
                ]
            for domain, aggregates, positions in parts:
                for row in Ticket._read_group(base + domain, groupby, aggregates):
                    key = _key(row[: len(groupby)])
                    values = result.setdefault(key, [0] * len(MEASURES))
                    for position, value in zip(
                        positions, row[len(groupby) :], strict=True
                    ):
                        values[position] = value or 0
        return {key: self._round(values) for key, values in result.items()}

    @staticmethod
    def _round(values):
        return tuple(round(value, 6) for value in values)

    @staticmethod
    def _same(values, others):
        """Equal measures; sums of fractional days may differ in their last
        digits with the order PostgreSQL adds them in."""
        if values is None or others is None:
            return values is others
        return all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-5)
            for a, b in zip(values, others, strict=True)
        )

    def _summary(self, slice_, grain):
        Daily = self.env["kelurahan.complaint.daily"].sudo()
        groupby = ["company_id", "day:day", "rw_id", "is_confidential"]
        groupby += SLICE_DIMS[slice_]
        result = {}
        for row in Daily._read_group(
            [("grain", "=", grain), ("slice", "=", slice_)],
            groupby,
            [f"{measure}:sum" for measure in MEASURES],
        ):
            values = self._round(row[len(groupby) :])
            if any(values):
                result[_key(row[: len(groupby)])] = values
        return result

    def assertSummaryExact(self):
        """The whole summary equals a direct count over the complaints, for
        every slice, grain and key."""
        self.env.flush_all()
        self.env.invalidate_all()
        for slice_ in SLICE_DIMS:
            for grain in ("day", "month", "year"):
                summary = self._summary(slice_, grain)
                expected = self._expected(slice_, grain)
                differences = {
                    key: (summary.get(key), expected.get(key))
                    for key in summary.keys() | expected.keys()
                    if not self._same(summary.get(key), expected.get(key))
                }
                self.assertFalse(
                    differences,
                    f"{slice_} per {grain}: key -> (summary, direct count)",
                )

    def assertRebuildSame(self):
        """A rebuild from the complaints gives the same summary as the deltas."""
        before = {
            (s, g): self._summary(s, g)
            for s in SLICE_DIMS
            for g in ("day", "month", "year")
        }
        self.env["kelurahan.complaint.daily"]._kel_rebuild()
        after = {
            (s, g): self._summary(s, g)
            for s in SLICE_DIMS
            for g in ("day", "month", "year")
        }
        self.assertEqual(after.keys(), before.keys())
        for part, rows in before.items():
            self.assertEqual(after[part].keys(), rows.keys(), part)
            for key, values in rows.items():
                self.assertTrue(self._same(after[part][key], values), (part, key))


@tagged("post_install", "-at_install")
class TestComplaintDailyExact(DailyCase):
    """After every kind of change, the summary equals a direct count over the
    complaints, and a rebuild equals the incremental summary."""

    def test_creates(self):
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_stage_changes(self):
        walk_to_stage(self.tickets[0], "dispatch")
        walk_to_stage(self.tickets[1], "progress")
        walk_to_stage(
            self.tickets[2], "done", followup_note="Selesai.", date_done=self.now
        )
        self.assertSummaryExact()
        walk_to_stage(self.tickets[6], "rejected", reject_reason="Ganda.")
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_delete_and_archive(self):
        self.tickets[0].sudo().unlink()
        self.assertSummaryExact()
        self.tickets[1].active = False
        self.assertSummaryExact()
        self.tickets[1].active = True
        self.tickets[4].active = False
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_date_corrections(self):
        """Tgl Masuk corrected across days and across months."""
        self.tickets[2].date_reported = self.tickets[2].date_reported - timedelta(
            days=1
        )
        self.assertSummaryExact()
        self.tickets[1].date_reported = self.now - timedelta(days=45)
        self.tickets[4].date_reported = self.tickets[4].date_reported - timedelta(
            days=31
        )
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_category_rw_channel_confidential_changes(self):
        self.tickets[0].write({"category_id": self.jalan.id, "rw_id": self.rw2.id})
        self.tickets[3].channel_id = self.balai
        self.tickets[5].is_confidential = True
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_deadlines_freeze_and_overdue(self):
        """Deadlines frozen at filing: a category's new targets leave the summary
        of existing complaints alone; the deadline job's overdue flags move the
        complaint to its overdue key."""
        self.sampah.write({"followup_days": 30, "resolution_days": 60})
        self.assertSummaryExact()
        late = self.tickets[6]  # 70 days old, never followed up
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET is_overdue = false WHERE id = %s", [late.id]
        )
        self.env.invalidate_all()
        self.assertSummaryExact()
        self.Ticket._cron_kel_deadlines()
        self.assertTrue(late.is_overdue)
        self.assertSummaryExact()
        self.assertRebuildSame()

    def test_partial_rebuild_and_compaction(self):
        Daily = self.env["kelurahan.complaint.daily"].sudo()
        walk_to_stage(self.tickets[0], "dispatch")
        self.tickets[3].channel_id = self.balai
        self.env.flush_all()
        rows = Daily.search_count([])
        Daily._kel_compact()
        self.assertLess(Daily.search_count([]), rows)
        self.assertSummaryExact()
        Daily._kel_rebuild(fields.Date.context_today(Daily) - timedelta(days=40))
        self.assertSummaryExact()
        Daily._cron_kel_rebuild_recent()
        self.assertSummaryExact()

    def test_office_time_zone_change(self):
        """A kelurahan moving its office calendar to another zone (or the zone
        of its calendar changing) counts its complaints on the new office days:
        nothing stays under the old ones. 01:00 UTC is 10:00 WIT but 09:00 WITA
        the same day and 08:00 WIB; 18:00 UTC is already the next day in WIT."""
        late_evening = self.tickets[4]
        late_evening.date_reported = late_evening.date_reported.replace(hour=18)
        calendar = self.env["resource.calendar"].create(
            {"name": "Kantor WIT", "tz": "Asia/Jayapura"}
        )
        self.company.kel_calendar_id = calendar
        self.assertSummaryExact()
        calendar.tz = "Asia/Makassar"
        self.assertSummaryExact()

    def test_zone_change_rebuilds_that_kelurahan_only(self):
        """Another kelurahan's rows are left as they are (not deleted and
        inserted again): at province scale a whole rebuild took a minute of the
        admin's request. The summary stays exact for both."""
        other = self.env["res.company"].create({"name": "Kelurahan Uji Lain"})
        rw = self.env["kelurahan.rw"].create(
            {"number": 1, "name": "RW 01", "company_id": other.id}
        )
        self.env["helpdesk.ticket"].with_company(other).create(
            {
                "name": "Kelurahan lain",
                "description": "<p>Uji</p>",
                "company_id": other.id,
                "category_id": self.sampah.id,
                "rw_id": rw.id,
                "channel_id": self.wa.id,
                "reporter_name": "Warga Lain",
            }
        )
        self.env["kelurahan.complaint.daily"]._kel_compact()
        Daily = self.env["kelurahan.complaint.daily"].sudo()

        def row_ids(companies):
            return set(Daily.search([("company_id", "in", companies.ids)]).ids)

        others_before = row_ids(other)
        ours_before = row_ids(self.company)
        self.assertTrue(others_before)
        self.company.kel_calendar_id = self.env["resource.calendar"].create(
            {"name": "Kantor WIT", "tz": "Asia/Jayapura"}
        )
        self.assertEqual(row_ids(other), others_before)
        self.assertFalse(row_ids(self.company) & ours_before, "rebuilt")
        self.assertSummaryExact()


@tagged("post_install", "-at_install")
class TestComplaintDailyFigures(DailyCase):
    """The summary's figures of a period equal those read from the complaints
    (``_kel_kpis`` and GROUP BYs) as the user, whatever the period."""

    def _direct(self, user, date_from, date_to):
        Ticket = self.env["helpdesk.ticket"].with_user(user).with_company(self.company)
        start, end = self.company._kel_period_bounds(date_from, date_to)
        domain = [("date_reported", ">=", start), ("date_reported", "<", end)]
        if not user.has_group("helpdesk_mgmt.group_helpdesk_user"):
            domain.append(("rw_id", "in", user.kel_rw_ids.ids))
        figures = Ticket._kel_kpis(domain)
        for name, field in (
            ("by_state", "kel_state"),
            ("by_category", "category_id"),
            ("by_rw", "rw_id"),
            ("by_channel", "channel_id"),
        ):
            figures[name] = {
                _key([value])[0]: count
                for value, count in Ticket._read_group(domain, [field], ["__count"])
            }
        return figures

    def _check(self, user):
        Daily = (
            self.env["kelurahan.complaint.daily"]
            .with_user(user)
            .with_company(self.company)
        )
        today = self.company._kel_today()
        for date_from, date_to in (
            (today - timedelta(days=29), today),
            (today - timedelta(days=80), today),
            (today - timedelta(days=400), today - timedelta(days=5)),
            (today.replace(day=1), today),
            (today - timedelta(days=36), today - timedelta(days=34)),
        ):
            got = Daily._kel_figures(date_from, date_to)
            expected = self._direct(user, date_from, date_to)
            for key, value in expected.items():
                if isinstance(value, float):
                    self.assertAlmostEqual(got[key], value, places=9, msg=key)
                else:
                    self.assertEqual(got[key], value, f"{key} {date_from}")

    def test_officer(self):
        self._check(self.officer)

    def test_rw_officer(self):
        """Their RW only, their own confidential complaint included, not the
        confidential one somebody else entered."""
        self._check(self.rw_user)
        today = self.company._kel_today()
        got = (
            self.env["kelurahan.complaint.daily"]
            .with_user(self.rw_user)
            .with_company(self.company)
            ._kel_figures(today - timedelta(days=29), today)
        )
        self.assertEqual(set(got["by_rw"]), {self.rw1.id})
        expected = Counter(
            t.rw_id.id
            for t in self.tickets
            if t.date_reported > self.now - timedelta(30)
        )
        # rw1: the new, dispatched and done ones + the own confidential one
        self.assertEqual(got["by_rw"][self.rw1.id], expected[self.rw1.id] + 1)


@tagged("post_install", "-at_install")
class TestComplaintDailyAccess(HttpCase):
    """At RPC, an RW officer reads the summary rows of their own RW only, and
    never a row of another RW; a resident cannot read it at all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        company = cls.env.company
        cls.rw1, cls.rw2 = cls.env["kelurahan.rw"].create(
            [
                {"number": 91, "name": "RW 91", "company_id": company.id},
                {"number": 92, "name": "RW 92", "company_id": company.id},
            ]
        )
        cls.rw_user = role_user(cls.env, "sum_rpc_rw", "rw", rws=cls.rw1)
        role_user(cls.env, "sum_rpc_portal", "portal")
        cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Ringkasan RPC {rw.name}",
                    "description": "<p>RPC</p>",
                    "rw_id": rw.id,
                    "category_id": cls.env.ref("kelurahan_crm.category_sampah").id,
                    "reporter_name": "Warga",
                }
                for rw in (cls.rw1, cls.rw2)
            ]
        )
        cls.env.flush_all()
        cls.other_row = cls.env["kelurahan.complaint.daily"].search(
            [("rw_id", "=", cls.rw2.id)], limit=1
        )

    def test_rw_officer_reads_own_rw_only(self):
        self.authenticate("sum_rpc_rw", "sum_rpc_rw")
        answer = call_kw(
            self,
            "kelurahan.complaint.daily",
            "search_read",
            [],
            fields=["rw_id", "received"],
        )
        rws = {row["rw_id"][0] for row in answer["result"] if row["rw_id"]}
        self.assertEqual(rws, {self.rw1.id})
        answer = call_kw(
            self,
            "kelurahan.complaint.daily",
            "read_group",
            [],
            fields=["received:sum"],
            groupby=["rw_id"],
        )
        self.assertEqual(
            [group["rw_id"][0] for group in answer["result"]], [self.rw1.id]
        )
        self.assertTrue(self.other_row)
        answer = call_kw(
            self, "kelurahan.complaint.daily", "read", self.other_row.ids, ["received"]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = call_kw(
            self,
            "kelurahan.complaint.daily",
            "write",
            self.other_row.ids,
            {"received": 0},
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_resident_refused(self):
        self.authenticate("sum_rpc_portal", "sum_rpc_portal")
        answer = call_kw(
            self, "kelurahan.complaint.daily", "search_read", [], fields=["received"]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("kelurahan.complaint.daily", answer["error"]["data"]["message"])
