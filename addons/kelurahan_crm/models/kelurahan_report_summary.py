# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "Ringkasan" (summary) sheet of the export: counts by category, status, RW and
channel, response times, and the Table-1 satisfaction indicators. The indicators
come from the complaints here; kelurahan_survey overrides ``_kel_indicators`` with
``super()`` to take them from its surveys."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import xlsx_stream as xs
from .kelurahan_complaint_kpi import add_state_count, new_state_counts
from .kelurahan_report_engine import INDICATOR_CODES, NO_DATA


class KelurahanReportEngine(models.AbstractModel):
    _inherit = "kelurahan.report.engine"

    @api.model
    def _kel_summary(self, filters):
        """Counts and KPIs of the filtered complaints the user may read.

        One pass over them (``_kel_summary_groups``) instead of a query per
        breakdown: the same ``_search`` query, so exactly the complaints of the
        "Pengaduan" sheet and of the user's record rules."""
        Ticket = self.env["helpdesk.ticket"].with_context(lang=self._kel_report_lang())
        states = dict(Ticket._fields["kel_state"]._description_selection(Ticket.env))
        none = Ticket.env["res.lang"]._kel_empty_label()
        groups = self._kel_summary_groups(filters)

        # Every name of a breakdown is read with its siblings (one query per
        # model, not one per row of the sheet).
        prefetch = {
            model: [row[0] for row in groups[key] if row[0]]
            for model, key in (
                ("helpdesk.ticket.category", "category_state"),
                ("kelurahan.rw", "rw"),
                ("helpdesk.ticket.channel", "channel"),
            )
        }

        def label(model, record_id):
            if not record_id:
                return none
            record = Ticket.env[model].browse(record_id)
            return record.with_prefetch(prefetch[model]).display_name

        by_cat_state = {}
        for category_id, state, count in groups["category_state"]:
            key = label("helpdesk.ticket.category", category_id)
            by_cat_state.setdefault(key, {})[state or "new"] = count
        by_rw = [(label("kelurahan.rw", rw_id), n) for rw_id, n in groups["rw"]]
        channels = {}
        for channel_id, count, response, resolution in groups["channel"]:
            name = label("helpdesk.ticket.channel", channel_id)
            channels[name] = [count, response, resolution]
        counts = new_state_counts()
        for state, within, overdue, count in groups["state"]:
            add_state_count(counts, state, within, overdue, count)
        done = counts["done"]
        return {
            "total": counts["received"],
            "states": states,
            "by_category_state": by_cat_state,
            "by_rw": sorted(by_rw),
            "by_channel": sorted((name, *values) for name, values in channels.items()),
            "avg_response_days": groups["avg_response_days"],
            "done": done,
            "within_share": counts["within"] / done if done else None,
            "indicators": self._kel_indicators(filters),
        }

    @api.model
    def _kel_summary_groups(self, filters):
        """The summary's breakdowns of the complaints the user may read, in one
        query (GROUPING SETS over the ``_search`` query, record rules included):
        by category and state, by RW, by channel (with the average response and
        resolution days of those followed up / done, as ``_read_group``'s
        ``:avg`` on those complaints), by state/within/overdue (the KPI counts of
        ``_kel_kpis``) and the average response days of all followed up.

        At a million complaints this is one scan instead of eight (issue 22)."""
        Ticket = self.env["helpdesk.ticket"]
        Ticket.check_access("read")
        query = Ticket._search(self._kel_complaint_domain(filters))
        table = query.table

        def col(name):
            return SQL.identifier(table, name)

        within = SQL("COALESCE(%s, FALSE)", col("is_within_deadline"))
        overdue = SQL("COALESCE(%s, FALSE)", col("is_overdue"))
        keys = [col("category_id"), col("kel_state"), col("rw_id"), col("channel_id")]
        query.groupby = SQL(
            "GROUPING SETS ((%s, %s), (%s), (%s), (%s, %s, %s), ())",
            keys[0],
            keys[1],
            keys[2],
            keys[3],
            keys[1],
            within,
            overdue,
        )
        self.env.flush_all()
        self.env.cr.execute(
            query.select(
                SQL("GROUPING(%s, %s, %s, %s, %s, %s)", *keys, within, overdue),
                *keys,
                within,
                overdue,
                SQL("COUNT(*)"),
                SQL(
                    "AVG(%s) FILTER (WHERE %s IS NOT NULL)",
                    col("response_days"),
                    col("date_followup"),
                ),
                SQL(
                    "AVG(%s) FILTER (WHERE %s IS NOT NULL)",
                    col("resolution_days"),
                    col("date_done"),
                ),
            )
        )
        # GROUPING(): a bit per argument, 1 when that column is not grouped
        # (category, state, rw, channel, within, overdue from the highest bit).
        groups = {
            "category_state": [],
            "rw": [],
            "channel": [],
            "state": [],
            "avg_response_days": None,
        }
        for mask, category, state, rw, channel, *rest in self.env.cr.fetchall():
            in_time, late, count, response, resolution = rest
            if mask == 0b001111:
                groups["category_state"].append((category, state, count))
            elif mask == 0b110111:
                groups["rw"].append((rw, count))
            elif mask == 0b111011:
                groups["channel"].append((channel, count, response, resolution))
            elif mask == 0b101100:
                groups["state"].append((state, in_time, late, count))
            elif mask == 0b111111:
                groups["avg_response_days"] = response
        return groups

    @api.model
    def _kel_indicators(self, filters):
        """Table-1 style satisfaction shares (percent) and where they come from:
        the complaints themselves where they can say something (speed = done within
        deadline, complaint responsiveness = ratings of 4 or 5)."""
        Ticket = self.env["helpdesk.ticket"]
        domain = self._kel_complaint_domain(filters)
        done = Ticket.search_count(domain + [("kel_state", "=", "done")])
        within = Ticket.search_count(
            domain + [("kel_state", "=", "done"), ("is_within_deadline", "=", True)]
        )
        rated = Ticket.search_count(domain + [("rating", "!=", False)])
        happy = Ticket.search_count(domain + [("rating", "in", ["4", "5"])])
        return {
            "source": "complaints",
            "shares": {
                "kecepatan": 100.0 * within / done if done else None,
                "keramahan": None,
                "akses_informasi": None,
                "sarana_teknologi": None,
                "responsivitas_pengaduan": 100.0 * happy / rated if rated else None,
            },
        }

    @api.model
    def _kel_write_summary(self, workbook, formats, filters):
        sheet = workbook.add_worksheet("Ringkasan")
        summary = self._kel_summary(filters)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 8, 13)
        date_from = fields.Date.to_date(filters["date_from"])
        date_to = fields.Date.to_date(filters["date_to"])
        sheet.write_string(0, 0, "Ringkasan Pengaduan", formats["title"])
        sheet.write_string(
            1,
            0,
            f"Periode: {date_from:%d/%m/%Y} s.d. {date_to:%d/%m/%Y}",
        )
        if not summary["total"]:
            sheet.write_string(3, 0, NO_DATA, formats["bold"])
            return
        row = 3
        sheet.write_string(row, 0, "Jumlah pengaduan", formats["bold"])
        sheet.write_number(row, 1, summary["total"])
        row += 1
        sheet.write_string(row, 0, "Rata-rata waktu ke Tgl TL (hari kerja)")
        if summary["avg_response_days"] is not None:
            sheet.write_number(row, 1, summary["avg_response_days"], formats["number"])
        row += 1
        sheet.write_string(row, 0, "Selesai dalam tenggat (%)")
        if summary["within_share"] is not None:
            sheet.write_number(row, 1, summary["within_share"], formats["percent"])
        row += 2

        # Category × status
        state_keys = list(summary["states"])
        sheet.write_string(row, 0, "Kategori", formats["header"])
        for col, key in enumerate(state_keys, start=1):
            sheet.write_string(row, col, summary["states"][key], formats["header"])
        total_col = len(state_keys) + 1
        sheet.write_string(row, total_col, "Total", formats["header"])
        row += 1
        cat_first = row
        for category in sorted(summary["by_category_state"]):
            counts = summary["by_category_state"][category]
            self._kel_write_label(sheet, row, 0, category, formats)
            for col, key in enumerate(state_keys, start=1):
                sheet.write_number(row, col, counts.get(key, 0))
            sheet.write_number(row, total_col, sum(counts.values()))
            row += 1
        cat_last = row - 1
        row += 1

        # By RW
        sheet.write_string(row, 0, "RW", formats["header"])
        sheet.write_string(row, 1, "Jumlah", formats["header"])
        row += 1
        for name, count in summary["by_rw"]:
            self._kel_write_label(sheet, row, 0, name, formats)
            sheet.write_number(row, 1, count)
            row += 1
        row += 1

        # By channel
        for col, header in enumerate(
            (
                "Kanal",
                "Jumlah",
                "Rata-rata ke Tgl TL (hari kerja)",
                "Rata-rata penyelesaian (hari kerja)",
            )
        ):
            sheet.write_string(row, col, header, formats["header"])
        row += 1
        ch_first = row
        for name, count, response, resolution in summary["by_channel"]:
            self._kel_write_label(sheet, row, 0, name, formats)
            sheet.write_number(row, 1, count)
            if response is not None:
                sheet.write_number(row, 2, response, formats["number"])
            if resolution is not None:
                sheet.write_number(row, 3, resolution, formats["number"])
            row += 1
        ch_last = row - 1
        row += 1

        # Table-1 indicators
        indicators = summary["indicators"]
        sheet.write_string(row, 0, "Indikator kepuasan", formats["header"])
        sheet.write_string(row, 1, "% puas", formats["header"])
        sheet.write_string(
            row,
            2,
            "Sumber: survei"
            if indicators["source"] == "survey"
            else "Sumber: data pengaduan",
        )
        row += 1
        labels = {
            "kecepatan": "Kecepatan pelayanan",
            "keramahan": "Keramahan petugas",
            "akses_informasi": "Akses informasi",
            "sarana_teknologi": "Sarana teknologi",
            "responsivitas_pengaduan": "Responsivitas pengaduan",
        }
        for code in INDICATOR_CODES:
            sheet.write_string(row, 0, labels[code])
            share = indicators["shares"].get(code)
            if share is None:
                sheet.write_string(row, 1, "-")
            else:
                sheet.write_number(row, 1, share / 100.0, formats["percent"])
            row += 1

        # Native charts: bar for categories, pie for channels.
        bar = workbook.add_chart({"type": "bar"})
        bar.add_series(
            {
                "name": "Pengaduan per kategori",
                "categories": ["Ringkasan", cat_first, 0, cat_last, 0],
                "values": ["Ringkasan", cat_first, total_col, cat_last, total_col],
            }
        )
        bar.set_title({"name": "Pengaduan per kategori"})
        bar.set_legend({"none": True})
        sheet.insert_chart(3, total_col + 2, bar)
        pie = workbook.add_chart({"type": "pie"})
        pie.add_series(
            {
                "name": "Pengaduan per kanal",
                "categories": ["Ringkasan", ch_first, 0, ch_last, 0],
                "values": ["Ringkasan", ch_first, 1, ch_last, 1],
                "data_labels": {"percentage": True},
            }
        )
        pie.set_title({"name": "Pengaduan per kanal"})
        sheet.insert_chart(20, total_col + 2, pie)

    @api.model
    def _kel_write_label(self, sheet, row, col, value, formats):
        """A category/RW/channel name is configurable text: same guard as user text."""
        value = xs.clean_text(value)
        sheet.write_string(
            row,
            col,
            xs.defused(sheet, value),
            formats["quoted"] if xs.is_risky(value) else None,
        )
