# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The home page with the entries of every addon (kelurahan_crm, kelurahan_service,
kelurahan_survey are all installed here), walked in Chromium on a phone."""

from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import PhoneBrowserMixin


@tagged("post_install", "-at_install")
class TestHomeTour(PhoneBrowserMixin, HttpCase):
    def test_home_entries_on_a_phone(self):
        """From `/` to every entry and back at 360 px, without an account; no page
        scrolls sideways (tour kelurahan_home of kelurahan_crm)."""
        self.env["kelurahan.service"].create(
            {
                "name": "Surat Keterangan Domisili untuk Tur",
                "code": "TOUR",
                "requirement_ids": [(0, 0, {"name": "KTP dan Kartu Keluarga asli"})],
            }
        )
        self.start_tour("/", "kelurahan_home")
