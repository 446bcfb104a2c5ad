# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared check that an addon's i18n/id.po translates every term the addon exports.
Used by the i18n test of each of our addons."""

import io
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader


def untranslated_terms(env, module):
    """Source terms that ``module`` exports today and its id.po leaves untranslated."""
    po_path = Path(get_module_path(module)) / "i18n" / "id.po"
    translated = {
        entry.msgid
        for entry in polib.pofile(str(po_path))
        if entry.msgstr.strip() and "fuzzy" not in entry.flags
    }
    reader = TranslationModuleReader(env.cr, modules=[module])
    missing = set()
    for term_module, _type, _name, _res_id, source, _value, _comments in reader:
        if term_module == module and source and source not in translated:
            missing.add(source)
    return sorted(missing)


def format_missing(missing):
    buffer = io.StringIO()
    for term in missing[:40]:
        buffer.write(f"  - {term[:100]!r}\n")
    if len(missing) > 40:
        buffer.write(f"  … and {len(missing) - 40} more\n")
    return buffer.getvalue()


class IndonesianTranslationMixin:
    """The i18n test of an addon: ``class …(IndonesianTranslationMixin,
    TransactionCase)`` with ``kel_module`` set to the addon's name."""

    kel_module = None
    # Odoo runs only the test methods a class defines itself, unless told so.
    allow_inherited_tests_method = True

    def test_id_po_is_complete(self):
        """Bahasa Indonesia is the first UI language: every exported term is
        translated. After adding strings run `make i18n` and translate what it
        lists."""
        missing = untranslated_terms(self.env, self.kel_module)
        self.assertFalse(
            missing,
            f"Untranslated in {self.kel_module}/i18n/id.po:\n"
            + format_missing(missing),
        )
