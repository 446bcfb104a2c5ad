# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.kelurahan_crm.tests.i18n_check import (
    format_missing,
    untranslated_terms,
)


@tagged("post_install", "-at_install")
class TestIndonesianTranslation(TransactionCase):
    def test_id_po_is_complete(self):
        """Bahasa Indonesia is the first UI language: every exported term is translated.
        After adding strings run `make i18n` and translate what it lists."""
        missing = untranslated_terms(self.env, "kelurahan_crm")
        self.assertFalse(
            missing,
            "Untranslated in kelurahan_crm/i18n/id.po:\n" + format_missing(missing),
        )
