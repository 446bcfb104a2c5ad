# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One guard for every route of the Kelurahan addons (``ir.http._pre_dispatch``):
what no resident's browser or honest client sends is refused before any handler
runs, with a clear answer (400/414), never a 500 and never half-stored data.

- the path and the query string: no control character at all (NUL, tab, new line…),
  at most ``MAX_PATH`` / ``MAX_QUERY`` characters;
- form fields and file names: no NUL or other control character except tab and new
  lines in text, at most ``MAX_VALUE`` characters per value, ``MAX_FIELDS`` fields;
- JSON bodies: nested at most ``MAX_DEPTH`` deep and without an escaped NUL
  (PostgreSQL cannot store one).
"""

import re

MAX_PATH = 2048
MAX_QUERY = 4096
MAX_VALUE = 20000
MAX_FIELDS = 200
MAX_DEPTH = 64

# C0 controls and DEL; in form text tab, LF and CR are allowed.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


class Refused(Exception):
    """The request is refused: ``status`` and an Indonesian ``message``."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def check_location(path, query):
    """Path (decoded) and raw query string of the request."""
    if len(path) > MAX_PATH or len(query) > MAX_QUERY:
        raise Refused(414, "Alamat halaman terlalu panjang.")
    if _CONTROL.search(path):
        raise Refused(400, "Alamat halaman berisi karakter yang tidak sah.")


def check_values(pairs, text=True):
    """``(name, value)`` pairs of the query string (``text=False``: no control
    character at all) or of a form (tab and new lines allowed)."""
    pattern = _TEXT_CONTROL if text else _CONTROL
    count = 0
    for name, value in pairs:
        count += 1
        if count > MAX_FIELDS:
            raise Refused(400, "Formulir berisi terlalu banyak isian.")
        for part in (name, value):
            if not isinstance(part, str):
                continue
            if len(part) > MAX_VALUE:
                raise Refused(400, "Salah satu isian terlalu panjang.")
            if pattern.search(part):
                raise Refused(400, "Salah satu isian berisi karakter yang tidak sah.")


def check_json(body, max_depth=MAX_DEPTH):
    """A JSON body: nesting depth (counted outside strings) and escaped NULs."""
    if _JSON_NUL.search(body):
        raise Refused(400, "Data berisi karakter yang tidak sah.")
    if body.count(b"[") + body.count(b"{") <= max_depth:
        return  # cannot be nested deeper, whatever the strings hold
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > max_depth:
                raise Refused(400, "Data terlalu dalam bersarang.")
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
