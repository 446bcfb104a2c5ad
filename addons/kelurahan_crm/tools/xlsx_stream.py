# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Streaming XLSX writing on xlsxwriter, safe for user text.

Rows are written in order with ``constant_memory`` so a sheet of 100,000 rows never
sits in memory. User text always goes through ``write_string`` (never the guessing
``write()``), and text that a spreadsheet could take for a formula or a command
(leading ``=``, ``+``, ``-``, ``@``, tab, CR, LF) additionally gets Excel's
"quote prefix" cell style, so editing the cell in Excel keeps it text.
"""

import datetime
import re

import xlsxwriter

# Characters that make Excel/LibreOffice/CSV re-imports treat a cell as a formula
# (OWASP CSV injection), including their full-width forms.
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# XML 1.0 forbids these control characters; a pasted description may contain them.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_CHARS = 32767

TEXT = "text"
DATETIME = "datetime"
DATE = "date"
NUMBER = "number"
INTEGER = "integer"


def workbook_options(tmpdir=None):
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    if tmpdir:
        options["tmpdir"] = tmpdir
    return options


def open_workbook(path, tmpdir=None):
    """A streaming workbook written to ``path`` (a file name, not memory)."""
    return xlsxwriter.Workbook(path, workbook_options(tmpdir))


def is_risky(value):
    return bool(value) and value.startswith(RISKY_PREFIXES)


def clean_text(value):
    """Text ready for a cell: no XML-illegal control characters, line breaks as LF
    (a bare CR would not survive XML end-of-line handling), Excel's length."""
    if not value:
        return ""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(value):
        value = _CONTROL_RE.sub(" ", value)
    return value[:MAX_CELL_CHARS]


class SheetWriter:
    """Writes typed rows to one worksheet.

    ``columns`` is a list of ``(header, kind, width)``; ``kind`` is one of
    TEXT, DATETIME, DATE, NUMBER, INTEGER.
    """

    def __init__(self, workbook, name, columns, formats=None):
        self.workbook = workbook
        self.sheet = workbook.add_worksheet(name)
        self.columns = columns
        self.formats = formats or make_formats(workbook)
        self.row = 0
        for col, (_header, _kind, width) in enumerate(columns):
            self.sheet.set_column(col, col, width)

    def write_header(self, freeze=True):
        for col, (header, _kind, _width) in enumerate(self.columns):
            self.sheet.write_string(self.row, col, header, self.formats["header"])
        if freeze:
            self.sheet.freeze_panes(self.row + 1, 0)
        self.row += 1

    def write_row(self, values):
        sheet, row, formats = self.sheet, self.row, self.formats
        for col, value in enumerate(values):
            if value is None or value is False or value == "":
                continue
            kind = self.columns[col][1]
            if kind == TEXT:
                self.write_text(row, col, value)
            elif kind == DATETIME:
                sheet.write_datetime(row, col, value, formats["datetime"])
            elif kind == DATE:
                if isinstance(value, datetime.datetime):
                    value = value.date()
                sheet.write_datetime(row, col, value, formats["date"])
            elif kind == INTEGER:
                sheet.write_number(row, col, value, formats["integer"])
            else:
                sheet.write_number(row, col, value, formats["number"])
        self.row += 1

    def write_text(self, row, col, value, cell_format=None):
        value = clean_text(value if isinstance(value, str) else str(value))
        if is_risky(value):
            cell_format = self.formats["quoted"]
        self.sheet.write_string(row, col, value, cell_format)

    def autofilter(self, first_row=0):
        if self.row > first_row + 1:
            self.sheet.autofilter(first_row, 0, self.row - 1, len(self.columns) - 1)


def make_formats(workbook):
    return {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        ),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "number": workbook.add_format({"num_format": "0.00"}),
        "integer": workbook.add_format({"num_format": "0"}),
        "percent": workbook.add_format({"num_format": "0.0%"}),
        "quoted": workbook.add_format({"quote_prefix": True}),
    }
