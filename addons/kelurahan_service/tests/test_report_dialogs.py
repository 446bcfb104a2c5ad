# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The waiting-time analysis is a report screen: a dialog, not a record to save."""

from lxml import etree

from odoo.tests import HttpCase, tagged

from .service_common import KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestServiceReportDialogs(KelurahanServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()

    def test_menu_action_is_a_dialog_with_buttons(self):
        menu = self.env.ref("kelurahan_service.kelurahan_queue_analysis_menu")
        action = menu.action
        self.assertEqual(action.target, "new")
        arch = self.env[action.res_model].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        footer = etree.fromstring(arch).find("footer")
        self.assertIsNotNone(footer, "The dialog has its own buttons")
        self.assertTrue(footer.xpath("button[contains(@class, 'btn-primary')]"))

    def test_officer_opens_waiting_time_analysis(self):
        self.start_tour("/odoo", "kelurahan_queue_analysis_dialog", login="kel_officer")
