# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile
import zipfile
from datetime import date, datetime
from unittest.mock import patch

import openpyxl
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from odoo.tests import BaseCase, tagged

from ..tools import xlsx_stream as xs

COLUMNS = [
    ("Teks", xs.TEXT, 10),
    ("Waktu", xs.DATETIME, 10),
    ("Tanggal", xs.DATE, 10),
    ("Angka", xs.NUMBER, 10),
    ("Bulat", xs.INTEGER, 10),
]


@tagged("post_install", "-at_install")
class TestXlsxStream(BaseCase):
    def test_cell_types_and_guard(self):
        columns = COLUMNS
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        self.addCleanup(os.unlink, path)
        workbook = xs.open_workbook(path)
        writer = xs.SheetWriter(workbook, "Data", columns)
        writer.write_header()
        rows = [
            ("=1+1", datetime(2026, 3, 10, 9, 30), date(2026, 3, 10), 1.5, 3),
            ("ok\x00\x07text", None, False, None, 0),
            ("123", None, None, None, None),
            ("http://example.id", None, None, None, None),
            ("x" * 40000, None, None, None, None),
        ]
        for row in rows:
            writer.write_row(row)
        writer.autofilter()
        workbook.close()
        sheet = openpyxl.load_workbook(path)["Data"]
        self.assertEqual(sheet["A2"].value, "=1+1")
        self.assertEqual(sheet["A2"].data_type, "s")
        self.assertTrue(sheet["A2"].quotePrefix)
        self.assertTrue(sheet["B2"].is_date)
        self.assertEqual(sheet["B2"].value, datetime(2026, 3, 10, 9, 30))
        self.assertTrue(sheet["C2"].is_date)
        self.assertEqual(sheet["D2"].value, 1.5)
        self.assertEqual(sheet["E2"].value, 3)
        self.assertEqual(sheet["A3"].value, "ok  text")
        self.assertEqual(sheet["E3"].value, 0)
        self.assertEqual(sheet["A4"].value, "123", "digits stay text")
        self.assertEqual(sheet["A4"].data_type, "s")
        self.assertFalse(sheet["A4"].quotePrefix)
        self.assertFalse(sheet["A5"].hyperlink)
        self.assertEqual(len(sheet["A6"].value), xs.MAX_CELL_CHARS)

    def _workbook_path(self):
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        self.addCleanup(os.unlink, path)
        return path

    def _sheet_xml(self, path, number=1):
        with zipfile.ZipFile(path) as archive:
            return archive.read(f"xl/worksheets/sheet{number}.xml").decode()

    def _write(self, columns, rows, appended):
        """A workbook of ``rows``: appended in bulk, or cell by cell through plain
        xlsxwriter worksheets (the reference)."""
        path = self._workbook_path()
        workbook = xs.open_workbook(path)
        if not appended:
            workbook.worksheet_class = Worksheet
        writer = xs.SheetWriter(workbook, "Data", columns)
        writer.write_header()
        if appended:
            self.assertEqual(writer.write_rows(iter(rows)), len(rows))
        else:
            for row in rows:
                writer.write_row(row)
        writer.write_text(writer.row, 0, "penutup")
        writer.autofilter()
        workbook.close()
        return path

    def test_appended_rows_are_what_xlsxwriter_writes(self):
        columns = COLUMNS
        rows = [
            ("=1+1", datetime(2026, 3, 10, 9, 30), date(2026, 3, 10), 1.5, 3),
            ("ok\x00\x07te&xt <b>", None, False, None, 0),
            (" spasi depan", None, datetime(2026, 1, 1, 23, 59), 0.1 + 0.2, 10**12),
            ("_x0041_ \ufffe", datetime(1900, 1, 1, 12, 0), date(1900, 2, 28), -2.5, 1),
            ("", None, None, None, None),
            (12, None, None, None, None),
            ("baris\r\nbaru\rlagi\tx", None, None, 1e-300, None),
            ("－１", datetime(2026, 2, 1, 0, 0, 0, 500000), None, None, None),
            ("y" * 40000, None, None, None, None),
        ]
        appended = self._write(columns, rows, appended=True)
        reference = self._write(columns, rows, appended=False)
        self.assertEqual(self._sheet_xml(appended), self._sheet_xml(reference))
        sheet = openpyxl.load_workbook(appended)["Data"]
        self.assertEqual(sheet.max_row, len(rows) + 2)
        self.assertEqual(sheet["A11"].value, "penutup")
        self.assertEqual(sheet.auto_filter.ref, "A1:E10")
        self.assertTrue(sheet["A2"].quotePrefix)
        self.assertTrue(sheet["A9"].quotePrefix, "full-width minus is risky too")
        self.assertEqual(sheet["A3"].value, "ok  te&xt <b>")
        # Excel reads _x005F_x0041_ back as the literal "_x0041_" (openpyxl does not).
        self.assertIn("<t>_x005F_x0041_ _xFFFE_</t>", self._sheet_xml(appended))
        self.assertEqual(sheet["A7"].value, "12")
        self.assertEqual(sheet["B9"].value, datetime(2026, 2, 1, 0, 0, 0, 500000))
        self.assertIsNone(sheet["A6"].value)

    def test_text_shaped_like_xml_stays_text(self):
        """xlsxwriter writes text shaped like <r>…</r> as raw XML; here a resident's
        description must not add a formula cell to the export."""
        injected = (
            '<r><t>a</t></r></is></c><c r="Z2"><f>HYPERLINK("http://x.example")</f>'
            '</c><c r="Y2" t="inlineStr"><is><r><t>b</t></r>'
        )
        path = self._workbook_path()
        workbook = xs.open_workbook(path)
        writer = xs.SheetWriter(workbook, "Data", [("Uraian", xs.TEXT, 10)])
        writer.write_header()
        writer.write_rows(iter([(injected,), ("<r><t>x</t></r>",)]))
        other = workbook.add_worksheet("Ringkasan")
        other.write_string(0, 0, injected)
        workbook.close()
        for number in (1, 2):
            self.assertNotIn("<f>", self._sheet_xml(path, number))
        book = openpyxl.load_workbook(path)
        self.assertEqual(book["Data"]["A2"].value, injected)
        self.assertEqual(book["Data"]["A3"].value, "<r><t>x</t></r>")
        self.assertIsNone(book["Data"]["Z2"].value)
        self.assertEqual(book["Ringkasan"]["A1"].value, injected)

    def test_other_xlsxwriter_falls_back_to_the_public_api(self):
        """The row writer reaches into xlsxwriter's internals: with an xlsxwriter it
        was not checked against, the workbook is written through the public API,
        with the same cells, and rich-string look-alikes still stay text."""
        self.assertTrue(xs.streaming_verified())
        self.assertFalse(xs.streaming_verified("3.2.0"))
        injected = '<r><t>a</t></r></is></c><c r="Z2"><f>SUM(1)</f></c><r></r>'
        rows = [
            ("=1+1", datetime(2026, 3, 10, 9, 30), date(2026, 3, 10), 1.5, 3),
            (injected, None, None, 2.25, None),
            ("baris\nbaru", None, None, None, 7),
        ]
        values = {}
        for streaming in (True, False):
            path = self._workbook_path()
            workbook = xs.open_workbook(path, streaming=streaming)
            writer = xs.SheetWriter(workbook, "Data", COLUMNS)
            self.assertEqual(isinstance(writer.sheet, xs.StreamingWorksheet), streaming)
            writer.write_header()
            self.assertEqual(writer.write_rows(iter(rows)), len(rows))
            workbook.close()
            self.assertNotIn("<f>", self._sheet_xml(path))
            sheet = openpyxl.load_workbook(path)["Data"]
            values[streaming] = [
                [cell.value for cell in row] for row in sheet.iter_rows(min_row=2)
            ]
        self.assertEqual(values[False][0], values[True][0])
        self.assertEqual(values[False][2], values[True][2])
        self.assertEqual(values[True][1][0], injected)
        self.assertEqual(values[False][1][0], "\u2060" + injected)
        self.assertEqual(values[False][1][1:], values[True][1][1:])
        with (
            patch.object(xlsxwriter, "__version__", "9.9.9"),
            self.assertLogs(xs.__name__, "WARNING") as logs,
        ):
            workbook = xs.open_workbook(self._workbook_path())
            workbook.close()
        self.assertNotIsInstance(workbook.worksheet_class(), xs.StreamingWorksheet)
        self.assertIn("9.9.9", logs.output[0])

    def test_append_refuses_rows_already_written(self):
        path = self._workbook_path()
        workbook = xs.open_workbook(path)
        self.addCleanup(workbook.close)
        writer = xs.SheetWriter(workbook, "Data", [("A", xs.TEXT, 10)])
        writer.write_header()
        writer.write_rows(iter([("satu",), ("dua",)]))
        with self.assertRaises(ValueError):
            writer.sheet.append_rows(1, iter([("lagi",)]), [xs.TEXT], writer.formats)
        writer.sheet.write_string(3, 0, "tiga")
        with self.assertRaises(ValueError):
            writer.sheet.append_rows(3, iter([("lagi",)]), [xs.TEXT], writer.formats)

    def test_append_needs_constant_memory(self):
        path = self._workbook_path()
        workbook = xlsxwriter.Workbook(path)
        self.addCleanup(workbook.close)
        sheet = workbook.add_worksheet("Data", worksheet_class=xs.StreamingWorksheet)
        with self.assertRaises(ValueError):
            sheet.append_rows(0, iter([("x",)]), [xs.TEXT], xs.make_formats(workbook))
        # SheetWriter falls back to the per-cell API on such a workbook.
        writer = xs.SheetWriter(workbook, "Lain", [("A", xs.TEXT, 10)])
        self.assertEqual(writer.write_rows(iter([("x",), ("y",)])), 2)
