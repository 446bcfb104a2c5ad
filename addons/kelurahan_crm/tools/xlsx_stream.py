# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Streaming XLSX writing on xlsxwriter, safe for user text.

Rows are written in order with ``constant_memory`` so a sheet of 100,000 rows never
sits in memory. User text is always written as text (never the guessing
``write()``), and text that a spreadsheet could take for a formula or a command
(leading ``=``, ``+``, ``-``, ``@``, tab, CR, LF) additionally gets Excel's
"quote prefix" cell style, so editing the cell in Excel keeps it text.

Data rows go through ``StreamingWorksheet.append_rows``: xlsxwriter's per-cell API
checks, stores and re-reads every cell before it writes the same ``<c>`` element
(about 4 µs a cell, most of a 100,000-row export). In ``constant_memory`` mode a
row is only XML in a temporary file anyway, so the worksheet writes that XML itself,
a row at a time, byte for byte what the per-cell API would write (a test compares
both). Workbook, styles, charts and the other sheets stay xlsxwriter's.

That writer reaches into xlsxwriter's private ``Worksheet`` internals, so it is only
used with the xlsxwriter version its byte-for-byte test ran on
(``VERIFIED_XLSXWRITER``). With any other version ``open_workbook`` falls back to
xlsxwriter's public API (slower, same cells) and says so once in the log.
"""

import datetime
import logging
import math
import re
import zipfile

import xlsxwriter
from xlsxwriter import workbook as xlsxwriter_workbook
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_logger = logging.getLogger(__name__)

# The xlsxwriter the streaming row writer was checked against, byte for byte
# (tests/test_xlsx_stream.py); requirements/constraints.txt pins it.
VERIFIED_XLSXWRITER = "3.1.9"
_warned = set()

# Characters that make Excel/LibreOffice/CSV re-imports treat a cell as a formula
# (OWASP CSV injection), including their full-width forms.
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# XML 1.0 forbids these control characters; a pasted description may contain them.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_CHARS = 32767
# Deflate level of the workbook's zip (``StreamingWorkbook``): zlib's default is
# 6; 2 deflates an export's sheets about 3 times faster, the file ~20 % larger.
ZIP_LEVEL = 2
# ``_row_xml`` keeps the element of a short plain text per column (the first
# ones met: a column of categories, RWs, states, officers repeats them a million
# times) so that a repeated value skips its checks; bounded in count and length.
TAIL_CACHE_SIZE = 512
# What xlsxwriter escapes in inline strings: text that already looks like an
# escape (``_x0041_``) and the control characters XML cannot carry.
_ESCAPE_LIKE_RE = re.compile("(_x[0-9a-fA-F]{4}_)")
_XML_CONTROL_RE = re.compile(r"([\x00-\x08\x0b-\x1f])")
# Text that needs more than copying into the XML: control characters (also tab and
# line breaks, for the risky-prefix check), XML specials, escape look-alikes and
# the two non-characters.
_SPECIAL_TEXT_RE = re.compile("[\x00-\x1f&<>\ufffe\uffff]|_x")
_PRESERVE = ' xml:space="preserve"'
_EXCEL_EPOCH = datetime.datetime(1899, 12, 31)
_EXCEL_EPOCH_ORDINAL = _EXCEL_EPOCH.toordinal()

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


def streaming_verified(version=None):
    """True when the installed xlsxwriter is the one the streaming writer was
    checked against."""
    return (version or xlsxwriter.__version__) == VERIFIED_XLSXWRITER


def open_workbook(path, tmpdir=None, streaming=None):
    """A streaming workbook written to ``path`` (a file name, not memory): rows in
    constant memory, appended by ``StreamingWorksheet`` when ``streaming`` (by
    default: when the installed xlsxwriter is the verified one), else through
    xlsxwriter's public per-cell API."""
    if streaming is None:
        streaming = streaming_verified()
        if not streaming and xlsxwriter.__version__ not in _warned:
            _warned.add(xlsxwriter.__version__)
            _logger.warning(
                "xlsxwriter %s is not %s, the version the streaming row writer was "
                "checked against: exports use xlsxwriter's public API (slower).",
                xlsxwriter.__version__,
                VERIFIED_XLSXWRITER,
            )
    if streaming:
        workbook = StreamingWorkbook(path, workbook_options(tmpdir))
        workbook.worksheet_class = StreamingWorksheet
    else:
        workbook = xlsxwriter.Workbook(path, workbook_options(tmpdir))
    return workbook


class _FastZipFile(zipfile.ZipFile):
    """The zip file of ``StreamingWorkbook``: deflate level ``ZIP_LEVEL``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)


class StreamingWorkbook(xlsxwriter.Workbook):
    """xlsxwriter's workbook, zipped with a faster deflate level.

    Zipping the sheets is the last step of an export and a quarter of a
    million-row one at zlib's default level (6). ``ZIP_LEVEL`` deflates 3 times
    faster for a file about a fifth larger (issue 22: 1,000,000 complaints
    in 60 s). xlsxwriter opens its ``ZipFile`` inside ``_store_workbook`` with
    no level option, so its module's ``ZipFile`` is ours while this workbook is
    stored (xlsxwriter is pinned to ``VERIFIED_XLSXWRITER``, like the worksheet's
    internals above). Only the level can change for another workbook stored at
    the same moment in another thread, never its content.
    """

    def _store_workbook(self):
        xlsxwriter_workbook.ZipFile = _FastZipFile
        try:
            return super()._store_workbook()
        finally:
            xlsxwriter_workbook.ZipFile = zipfile.ZipFile


def defused(sheet, value):
    """``value`` as text for ``sheet``. xlsxwriter's own worksheet copies text
    shaped like a rich string (``<r>…</r>``) into the XML unescaped: there, a
    leading word joiner (invisible) keeps it text. ``StreamingWorksheet`` escapes
    all text itself."""
    if (
        not isinstance(sheet, StreamingWorksheet)
        and value.startswith("<r>")
        and value.endswith("</r>")
    ):
        return "\u2060" + value
    return value


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


def excel_serial(value):
    """Excel serial number of a date or a datetime (its time zone dropped), computed
    as xlsxwriter does: 1900 date system with Excel's phantom 29 February 1900."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        delta = value - _EXCEL_EPOCH
        serial = delta.days + (
            float(delta.seconds) + float(delta.microseconds) / 1e6
        ) / (60 * 60 * 24)
        if value.year == 1900 and tuple(value.isocalendar()) == (1900, 1, 1):
            serial -= 1
    else:
        serial = float(value.toordinal() - _EXCEL_EPOCH_ORDINAL)
    return serial + 1 if serial > 59 else serial


def inline_string_xml(ref, style, value):
    """The ``<c>`` element of an inline string cell.

    Unlike xlsxwriter, text shaped like ``<r>…</r>`` is escaped too: xlsxwriter takes
    it for one of its own rich strings and writes it as raw XML, so a resident's
    description could add cells (a formula, say) to the workbook.
    """
    if "_x" in value:
        value = _ESCAPE_LIKE_RE.sub(r"_x005F\1", value)
    if _XML_CONTROL_RE.search(value):
        value = _XML_CONTROL_RE.sub(lambda match: f"_x{ord(match[1]):04X}_", value)
    if "\ufffe" in value or "\uffff" in value:
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return plain_string_xml(ref, style, value)


def plain_string_xml(ref, style, value):
    """The ``<c>`` element of text that needs no escaping."""
    space = _PRESERVE if value[:1].isspace() or value[-1:].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{value}</t></is></c>'


def number_xml(ref, style, value):
    return f'<c r="{ref}"{style}><v>{value:.16G}</v></c>'


def style_attr(cell_format):
    return f' s="{cell_format._get_xf_index()}"' if cell_format else ""


class StreamingWorksheet(Worksheet):
    """An xlsxwriter worksheet that appends whole rows of typed values.

    Only in ``constant_memory`` mode (``open_workbook``); anything else written
    through xlsxwriter's own API still works around the appended rows.
    """

    def _write_cell(self, row, col, cell):
        # Inline strings written with write_string() are escaped like appended ones.
        if self.constant_memory and type(cell).__name__ == "String":
            self.fh.write(
                inline_string_xml(
                    xl_col_to_name(col) + str(row + 1),
                    style_attr(self._cell_style(row, col, cell.format)),
                    cell.string,
                )
            )
            return
        super()._write_cell(row, col, cell)

    def _cell_style(self, row, col, cell_format):
        """The format xlsxwriter applies to a cell: its own, else its row's, else
        its column's."""
        if cell_format:
            return cell_format
        if row in self.set_rows and self.set_rows[row][1]:
            return self.set_rows[row][1]
        if col in self.col_info:
            return self.col_info[col][1]
        return None

    def append_rows(self, first_row, rows, kinds, formats):
        """Write ``rows`` (tuples of values, one per column, of the given ``kinds``)
        from ``first_row`` on and return how many were written.

        Empty values (None, False, "") leave the cell empty, like ``SheetWriter``.
        """
        if not self.constant_memory:
            raise ValueError("append_rows() needs a constant_memory workbook")
        if first_row < self.previous_row or (
            first_row == self.previous_row and self.table.get(first_row)
        ):
            raise ValueError(f"row {first_row} is already written")
        # Write out the row xlsxwriter still holds (the header, usually).
        self._write_single_row(first_row)
        cells = self._append_cell_specs(kinds, formats)
        write = self.fh.write
        row = first_row
        used_cols = set()
        for values in rows:
            row_xml, cols = self._row_xml(row + 1, values, cells)
            write(row_xml)
            used_cols.update(cols)
            row += 1
        if row > first_row:
            self._check_dimensions(first_row, min(used_cols or {0}))
            self._check_dimensions(row - 1, max(used_cols or {0}))
        self.previous_row = row
        return row - first_row

    def _append_cell_specs(self, kinds, formats):
        """Per column: (letter, kind, style attribute, quoted style attribute,
        cache of text elements, see ``TAIL_CACHE_SIZE``)."""
        styles = {
            TEXT: "",
            DATETIME: style_attr(formats["datetime"]),
            DATE: style_attr(formats["date"]),
            NUMBER: style_attr(formats["number"]),
            INTEGER: style_attr(formats["integer"]),
        }
        quoted = style_attr(formats["quoted"])
        # the kind as this module's constant: ``_row_xml`` compares by identity
        kinds = [{kind: kind for kind in styles}[kind] for kind in kinds]
        return [
            (xl_col_to_name(col), kind, styles[kind], quoted, {})
            for col, kind in enumerate(kinds)
        ]

    @staticmethod
    def _row_xml(number, values, cells):
        """The ``<row>`` element of one row and the columns it fills.

        The hot loop of an export (18 cells a row, a million rows): the common
        cases (printable text with nothing to escape, a date, a number) build
        their element inline in one f-string, a short plain text already met in
        the column takes its element from the column's cache; other text goes
        the careful way (``clean_text``, ``inline_string_xml``). The XML is the
        same either way.
        """
        suffix = str(number)
        parts = [f'<row r="{suffix}">']
        cols = []
        append = parts.append
        for col, ((letter, kind, style, quoted, tails), value) in enumerate(
            zip(cells, values, strict=False)
        ):
            if value is None or value is False or value == "":
                continue
            if kind is TEXT:
                if value.__class__ is not str:
                    value = str(value)
                    if not value:
                        continue
                tail = tails.get(value)
                if tail is not None:
                    append(f'<c r="{letter}{suffix}{tail}')
                elif (
                    # printable: no control character, no line break, no
                    # non-character, no whitespace but the ASCII space (C loops,
                    # cheaper than the regular expression on short texts)
                    value.isprintable()
                    and "&" not in value
                    and "<" not in value
                    and ">" not in value
                    and "_x" not in value
                    and not value.startswith(RISKY_PREFIXES)
                    and len(value) <= MAX_CELL_CHARS
                ):
                    space = _PRESERVE if value[0] == " " or value[-1] == " " else ""
                    tail = f'"{style} t="inlineStr"><is><t{space}>{value}</t></is></c>'
                    if len(tails) < TAIL_CACHE_SIZE and len(value) <= 64:
                        tails[value] = tail
                    append(f'<c r="{letter}{suffix}{tail}')
                elif _SPECIAL_TEXT_RE.search(value):
                    value = clean_text(value)
                    append(
                        inline_string_xml(
                            letter + suffix,
                            quoted if is_risky(value) else style,
                            value,
                        )
                    )
                else:
                    # Nothing to clean or escape, but risky, too long or with
                    # other white space.
                    if len(value) > MAX_CELL_CHARS:
                        value = value[:MAX_CELL_CHARS]
                    append(
                        plain_string_xml(
                            letter + suffix,
                            quoted if value.startswith(RISKY_PREFIXES) else style,
                            value,
                        )
                    )
            elif kind is DATETIME or kind is DATE:
                if kind is DATE and value.__class__ is datetime.datetime:
                    value = value.date()
                serial = excel_serial(value)
                append(f'<c r="{letter}{suffix}"{style}><v>{serial:.16G}</v></c>')
            elif math.isfinite(value):
                append(f'<c r="{letter}{suffix}"{style}><v>{value:.16G}</v></c>')
            else:
                continue
            cols.append(col)
        if not cols:
            return "", cols
        append("</row>")
        return "".join(parts), cols


class SheetWriter:
    """Writes typed rows to one worksheet.

    ``columns`` is a list of ``(header, kind, width)``; ``kind`` is one of
    TEXT, DATETIME, DATE, NUMBER, INTEGER.
    """

    def __init__(self, workbook, name, columns, formats=None):
        self.workbook = workbook
        self.sheet = workbook.add_worksheet(name)  # a StreamingWorksheet
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

    def write_rows(self, rows):
        """Write the ``rows`` iterable after the current row; return how many."""
        if isinstance(self.sheet, StreamingWorksheet) and self.sheet.constant_memory:
            count = self.sheet.append_rows(
                self.row,
                rows,
                [kind for _header, kind, _width in self.columns],
                self.formats,
            )
            self.row += count
            return count
        count = 0
        for values in rows:
            self.write_row(values)
            count += 1
        return count

    def write_text(self, row, col, value, cell_format=None):
        value = clean_text(value if isinstance(value, str) else str(value))
        if is_risky(value):
            cell_format = self.formats["quoted"]
        self.sheet.write_string(row, col, defused(self.sheet, value), cell_format)

    def autofilter(self, first_row=0):
        if self.row > first_row + 1:
            self.sheet.autofilter(first_row, 0, self.row - 1, len(self.columns) - 1)


def make_formats(workbook):
    formats = {
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
    # Number the styles now, in this order, rather than by first use: a sheet's
    # XML then does not depend on which kind of cell came first.
    for cell_format in formats.values():
        cell_format._get_xf_index()
    return formats
