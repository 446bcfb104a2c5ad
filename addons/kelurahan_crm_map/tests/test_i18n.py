# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.kelurahan_crm.tests.i18n_check import IndonesianTranslationMixin


@tagged("post_install", "-at_install")
class TestIndonesianTranslation(IndonesianTranslationMixin, TransactionCase):
    kel_module = "kelurahan_crm_map"
