# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile
from datetime import date, datetime

import openpyxl

from odoo.tests import BaseCase, tagged

from ..tools import xlsx_stream as xs


@tagged("post_install", "-at_install")
class TestXlsxStream(BaseCase):
    def test_cell_types_and_guard(self):
        columns = [
            ("Teks", xs.TEXT, 10),
            ("Waktu", xs.DATETIME, 10),
            ("Tanggal", xs.DATE, 10),
            ("Angka", xs.NUMBER, 10),
            ("Bulat", xs.INTEGER, 10),
        ]
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
