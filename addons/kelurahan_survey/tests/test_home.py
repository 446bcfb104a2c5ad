# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSurveyHome(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("kelurahan_survey.survey_skm")
        cls.private = cls.survey.copy(
            {"title": "Survei undangan saja", "access_mode": "token"}
        )

    def test_home_entry_and_public_survey_list(self):
        self.opener.cookies.clear()
        tree = html.fromstring(self.url_open("/").text)
        entry = tree.xpath(
            "//div[@id='kel_home_entries']/a"
            "[contains(@class, 'o_kel_home_entry_survei')]"
        )
        self.assertEqual([a.get("href") for a in entry], ["/survei"])
        page = self.url_open("/survei", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        starts = html.fromstring(page.text).xpath(
            "//a[contains(@class, 'o_kel_survey_start')]"
        )
        links = {a.get("href"): a.text_content() for a in starts}
        self.assertEqual(
            links.get(f"/kelurahan/survey/start/{self.survey.access_token}"),
            self.survey.title,
        )
        self.assertNotIn(self.private.title, page.text)
        self.assertNotIn(self.private.access_token, page.text)
        self.assertIn('href="/"', page.text)

    def test_survey_start_page_links_home(self):
        start = self.url_open(f"/kelurahan/survey/start/{self.survey.access_token}")
        self.assertEqual(start.status_code, 200)
        self.assertIn("o_kel_back_home", start.text)
