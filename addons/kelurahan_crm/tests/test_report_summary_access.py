# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "Ringkasan" figures come from one GROUPING SETS query (issue 22): for every
role they must be the figures of a direct count of the complaints that role may
read, and the workbook's sheet must show them."""

from collections import Counter

from odoo import Command
from odoo.tests import tagged

from .common import walk_to_stage
from .report_common import DAY, ReportCase, open_xlsx, wib


@tagged("post_install", "-at_install")
class TestReportSummaryAccess(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make = cls.make_ticket
        cls.visible = (
            make()
            | make(category_id=cls.category_sampah.id, channel_id=cls.channel_rw.id)
            | make(rt_id=False, channel_id=cls.channel_rw.id)
        )
        cls.done = make(category_id=cls.category_sampah.id)
        walk_to_stage(
            cls.done,
            "done",
            followup_note="Sudah diangkut",
            date_followup=wib(DAY.year, DAY.month, DAY.day, 11, 0),
            date_done=wib(DAY.year, DAY.month, DAY.day, 15, 0),
        )
        cls.followed_up = make(channel_id=cls.channel_rw.id)
        walk_to_stage(
            cls.followed_up,
            "progress",
            date_followup=wib(DAY.year, DAY.month, DAY.day, 13, 0),
        )
        # Hidden from the RW officer: confidential in their RW, entered by
        # someone else; RW B's complaints, but one they follow.
        cls.confidential = make(is_confidential=True)
        cls.rw_b_hidden = make(rw_id=cls.rw_b.id, rt_id=False) | make(
            rw_id=cls.rw_b.id, rt_id=False, category_id=cls.category_sampah.id
        )
        cls.rw_b_followed = make(rw_id=cls.rw_b.id, rt_id=False)
        cls.rw_b_followed.message_subscribe(partner_ids=cls.user_rw.partner_id.ids)
        cls.other_day = make(date_reported=wib(DAY.year, DAY.month, DAY.day + 1, 9))
        cls.archived = make()
        cls.archived.active = False

    def direct_figures(self, user):
        """The summary's figures counted from the complaints ``user`` may read,
        record by record."""
        engine = self.env["kelurahan.report.engine"].with_user(user)
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search(engine._kel_complaint_domain(self.filters()))
        )
        none = self.env["res.lang"]._kel_empty_label()
        rows = tickets.sudo()
        by_cat_state = {}
        for ticket in rows:
            key = ticket.category_id.display_name or none
            counts = by_cat_state.setdefault(key, Counter())
            counts[ticket.kel_state or "new"] += 1
        followed = rows.filtered("date_followup")
        done = rows.filtered(lambda t: t.kel_state == "done")
        channels = {}
        for channel in rows.channel_id:
            mine = rows.filtered(lambda t, c=channel: t.channel_id == c)
            with_followup = mine.filtered("date_followup")
            with_done = mine.filtered("date_done")
            channels[channel.display_name] = (
                len(mine),
                sum(with_followup.mapped("response_days")) / len(with_followup)
                if with_followup
                else None,
                sum(with_done.mapped("resolution_days")) / len(with_done)
                if with_done
                else None,
            )
        return tickets, {
            "total": len(rows),
            "done": len(done),
            "within_share": (
                len(done.filtered("is_within_deadline")) / len(done) if done else None
            ),
            "avg_response_days": (
                sum(followed.mapped("response_days")) / len(followed)
                if followed
                else None
            ),
            "by_category_state": {k: dict(v) for k, v in by_cat_state.items()},
            "by_rw": sorted(
                Counter(rows.mapped(lambda t: t.rw_id.display_name or none)).items()
            ),
            "by_channel": channels,
        }

    def assert_summary_is_direct_count(self, user):
        tickets, expected = self.direct_figures(user)
        summary = (
            self.env["kelurahan.report.engine"]
            .with_user(user)
            ._kel_summary(self.filters())
        )
        for key in ("total", "done", "by_category_state", "by_rw"):
            self.assertEqual(summary[key], expected[key], f"{user.login}: {key}")
        for key in ("within_share", "avg_response_days"):
            if expected[key] is None:
                self.assertIsNone(summary[key], f"{user.login}: {key}")
            else:
                self.assertAlmostEqual(summary[key], expected[key], msg=key)
        channels = {name: values for name, *values in summary["by_channel"]}
        self.assertEqual(set(channels), set(expected["by_channel"]))
        for name, (count, response, resolution) in expected["by_channel"].items():
            got = channels[name]
            self.assertEqual(got[0], count, f"{user.login}: channel {name}")
            for value, want in ((got[1], response), (got[2], resolution)):
                if want is None:
                    self.assertIsNone(value)
                else:
                    self.assertAlmostEqual(value, want)
        return tickets, summary

    def test_rw_officer_summary_counts_only_what_they_may_read(self):
        tickets, summary = self.assert_summary_is_direct_count(self.user_rw)
        self.assertEqual(
            tickets,
            self.visible | self.done | self.followed_up | self.rw_b_followed,
        )
        self.assertEqual(summary["total"], 6)
        # RW B appears only with the complaint the officer follows.
        self.assertIn((self.rw_b.display_name, 1), summary["by_rw"])
        self.assertEqual(summary["done"], 1)
        # The sheet shows the same total.
        attachment, count = (
            self.env["kelurahan.report.engine"]
            .with_user(self.user_rw)
            ._kel_export_attachment(self.filters())
        )
        workbook, _data = open_xlsx(attachment)
        self.assertEqual(count, 6)
        self.assertEqual(workbook["Ringkasan"]["B4"].value, 6)

    def test_officer_and_lurah_summary_counts_the_whole_office(self):
        for user in (self.user_officer, self.user_lurah):
            tickets, summary = self.assert_summary_is_direct_count(user)
            self.assertIn(self.confidential, tickets)
            self.assertEqual(summary["total"], 9)

    def test_summary_follows_a_change_of_rw(self):
        """A second RW given to the officer shows up in their summary at once."""
        self.user_rw.kel_rw_ids = [Command.link(self.rw_b.id)]
        tickets, summary = self.assert_summary_is_direct_count(self.user_rw)
        self.assertLessEqual(self.rw_b_hidden, tickets)
        self.assertEqual(summary["total"], 8)

    def test_names_are_read_once_per_model(self):
        """More categories, RWs and channels in the breakdowns cost no more
        queries: their names are read together, not one by one."""
        engine = self.env["kelurahan.report.engine"].with_user(self.user_officer)

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            summary = engine._kel_summary(self.filters())
            return self.env.cr.sql_log_count - before, summary

        queries()  # the first call fills the caches of rules, fields and names
        count_before, summary = queries()
        Category = self.env["helpdesk.ticket.category"]
        for index in range(4):
            category = Category.create({"name": f"Kategori uji {index}"})
            channel = self.env["helpdesk.ticket.channel"].create(
                {"name": f"Kanal uji {index}"}
            )
            rw = self.env["kelurahan.rw"].create(
                {"number": 70 + index, "company_id": self.company.id}
            )
            self.make_ticket(
                category_id=category.id, channel_id=channel.id, rw_id=rw.id, rt_id=False
            )
        count_after, more = queries()
        self.assertEqual(more["total"], summary["total"] + 4)
        self.assertIn("Kategori uji 3", more["by_category_state"])
        self.assertIn("Kanal uji 3", {row[0] for row in more["by_channel"]})
        self.assertEqual(count_after, count_before)
