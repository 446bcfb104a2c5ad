# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalHomeTour(HttpCase):
    def test_resident_portal_home_in_indonesian(self):
        """In Chromium, at phone width: a resident's portal is in Indonesian."""
        new_test_user(
            self.env, login="warga_tour", groups="base.group_portal", lang="id_ID"
        )
        self.browser_size = "360x740"
        self.start_tour("/my", "kelurahan_portal_home", login="warga_tour")
