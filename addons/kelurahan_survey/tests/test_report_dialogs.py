# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""IKM results and before/after statistics are report screens: dialogs with their
own buttons, not records to save; the generic Surveys app is for administrators."""

from lxml import etree

from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import role_user

from .common import KelSurveyCommon

MENUS = (
    "kelurahan_survey.kelurahan_survey_ikm_menu",
    "kelurahan_survey.kelurahan_survey_compare_menu",
)


@tagged("post_install", "-at_install")
class TestSurveyReportDialogs(KelSurveyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls._make_skm(title="SKM dialog")
        cls.lurah = role_user(cls.env, "dialog_lurah", "lurah")

    def test_menu_actions_are_dialogs_with_buttons(self):
        for xmlid in MENUS:
            with self.subTest(menu=xmlid):
                action = self.env.ref(xmlid).action
                self.assertEqual(action.target, "new")
                arch = self.env[action.res_model].get_views([(False, "form")])["views"][
                    "form"
                ]["arch"]
                form = etree.fromstring(arch)
                self.assertFalse(form.findall("header"), "Buttons are in the footer")
                self.assertTrue(
                    form.xpath("footer/button[contains(@class, 'btn-primary')]")
                )

    def test_surveys_app_only_for_administrators(self):
        menus = self.env["ir.ui.menu"].with_user(self.lurah).load_web_menus(False)
        apps = [menus[mid]["xmlid"] for mid in menus["root"]["children"]]
        self.assertNotIn("survey.menu_surveys", apps)
        self.assertIn(
            "kelurahan_survey.kelurahan_survey_survey_menu",
            {menu["xmlid"] for key, menu in menus.items() if key != "root"},
        )

    def test_lurah_opens_ikm_results(self):
        self.start_tour(
            "/odoo", "kelurahan_survey_report_dialogs", login="dialog_lurah"
        )
