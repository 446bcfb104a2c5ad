# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Structure check and masking of the NIK (Nomor Induk Kependudukan).

A NIK has 16 digits: PP KK CC (province, regency/city, district of registration),
DD MM YY (birth date; women have 40 added to the day) and SSSS (serial, from 0001).
Only the structure can be checked offline; whether a person holds it is Dukcapil's.
"""

import datetime
import re

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

# Province codes in use (Kemendagri), including the 2022 Papua provinces.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21}
    | {31, 32, 33, 34, 35, 36}
    | {51, 52, 53}
    | {61, 62, 63, 64, 65}
    | {71, 72, 73, 74, 75, 76}
    | {81, 82}
    | {91, 92, 93, 94, 95, 96}
)
_DIGITS = re.compile(r"^\d{16}$")


def normalize(value):
    """The NIK without spaces, dots or dashes people type between the groups."""
    return re.sub(r"[\s.\-]", "", value or "")


def birth_date(nik, today=None):
    """The birth date encoded in a structurally valid NIK (century guessed: the latest
    year that is not in the future), or None when the date part is impossible."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    today = today or datetime.date.today()
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


def is_female(nik):
    return int(nik[6:8]) > 40


def check(value, today=None):
    """Return None when ``value`` is a plausible NIK, else the reason (an untranslated
    English key from ``ERRORS``) it is not."""
    nik = normalize(value)
    if not _DIGITS.match(nik):
        return "length"
    if int(nik[0:2]) not in PROVINCE_CODES:
        return "province"
    if nik[2:4] == "00" or nik[4:6] == "00":
        return "region"
    day = int(nik[6:8])
    if not (1 <= day <= 31 or 41 <= day <= 71) or birth_date(nik, today) is None:
        return "date"
    if nik[12:16] == "0000":
        return "serial"
    return None


# Messages shown to users: ``env._(ERRORS[reason])`` gives them in the user's language.
ERRORS = {
    "length": _lt("A NIK has exactly 16 digits."),
    "province": _lt("The first two digits of the NIK are not a province code."),
    "region": _lt("The regency and district digits of the NIK cannot be 00."),
    "date": _lt(
        "Digits 7 to 12 of the NIK are not a valid birth date "
        "(DDMMYY, day + 40 for women)."
    ),
    "serial": _lt("The last four digits of the NIK cannot be 0000."),
}


def error_message(env, value):
    """The translated reason why ``value`` is not a plausible NIK, or None."""
    reason = check(value)
    return env._(ERRORS[reason]) if reason else None


def mask(value):
    """3174051208900001 → 3174********0001: enough to recognise, not to reuse."""
    nik = normalize(value)
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
