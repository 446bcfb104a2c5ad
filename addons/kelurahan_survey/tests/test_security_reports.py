# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import KelSurveyCase, KelSurveyCommon


def ikm_wizard(env, user, survey):
    """The IKM wizard of ``survey`` for March 2024, opened by ``user``."""
    return (
        env["kelurahan.survey.ikm.wizard"]
        .with_user(user)
        .create(
            {
                "survey_id": survey.id,
                "period_type": "month",
                "period_date": date(2024, 3, 1),
            }
        )
    )


@tagged("post_install", "-at_install")
class TestSurveySecurityAndReports(KelSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env, "t_kel_officer", "kelurahan_crm.group_kelurahan_officer"
        )
        cls.lurah = new_test_user(
            cls.env, "t_kel_lurah", "kelurahan_crm.group_kelurahan_lurah"
        )
        cls.rw = new_test_user(cls.env, "t_kel_rw", "kelurahan_crm.group_kelurahan_rw")
        cls.survey, cls.questions = cls._make_skm()
        cls.secret = cls.env["res.partner"].create(
            {"name": "Budi Rahasia", "email": "budi.rahasia@example.id"}
        )
        cls.response = cls._respond(
            cls.survey, cls.questions, cls._all(4), partner=cls.secret, service="SKTM"
        )
        cls._respond(cls.survey, cls.questions, cls._all(3), service="Domisili")

    def _wizard(self, user):
        return ikm_wizard(self.env, user, self.survey)

    def test_officer_sees_aggregates_only(self):
        wizard = self._wizard(self.officer)
        self.assertEqual(wizard.respondents, 2)
        self.assertEqual(wizard.ikm_converted, 87.5)  # (4 + 3)/2 × 25
        self.assertEqual(wizard.category, "B (Good)")
        # the report shows the aggregates: IKM, respondents, the element table
        html = str(wizard.result_html)
        self.assertIn(wizard._kel_report_values()["fmt"](87.5), html)
        self.assertIn('<div class="fs-2">2</div>', html)
        self.assertIn("o_kel_ikm_unsur", html)
        self.assertNotIn("Budi", html)
        UserInput = self.env["survey.user_input"].with_user(self.officer)
        with self.assertRaises(AccessError):
            UserInput.browse(self.response.id).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["survey.user_input.line"].with_user(self.officer).search([])
        with self.assertRaises(AccessError):
            self.survey.with_user(self.officer).write({"title": "Hacked"})

    def test_manager_reads_individual_answers(self):
        response = self.response.with_user(self.lurah)
        self.assertEqual(response.partner_id, self.secret)
        self.assertEqual(len(response.user_input_line_ids), 10)

    def test_rw_officer_refused(self):
        with self.assertRaises(AccessError):
            self._wizard(self.rw)
        with self.assertRaises(AccessError):
            self.env["kelurahan.survey.compare.wizard"].with_user(self.rw).create(
                {"survey_id": self.survey.id}
            )
        with self.assertRaises(AccessError):
            self.env["kelurahan.survey.indicator"].with_user(self.officer).create(
                {"name": "X", "code": "kecepatan"}
            )

    def test_xlsx_export(self):
        wizard = self._wizard(self.officer)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_xlsx("kelurahan_survey.action_report_ikm_xlsx", wizard.ids, None)
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["IKM"]
        cells = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
        self.assertEqual(cells["Respondents"][0], 2)
        self.assertEqual(cells["IKM (25–100)"][0], 87.5)
        self.assertAlmostEqual(cells["IKM (1–4)"][0], 3.5)
        self.assertEqual(cells["Quality category"][0], "B (Good)")
        self.assertEqual(cells["U1 Requirements"][:2], (2, 3.5))
        everything = " ".join(
            str(value)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        self.assertNotIn("Budi", everything)
        self.assertNotIn("budi.rahasia", everything)
        self.assertIn("SKTM", everything)  # per-service aggregate


@tagged("post_install", "-at_install")
class TestPdfReports(KelSurveyCommon, HttpCase):
    """wkhtmltopdf fetches the report assets over HTTP: an HttpCase serves them
    from the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env, "t_pdf_officer", "kelurahan_crm.group_kelurahan_officer"
        )
        cls.survey, cls.questions = cls._make_skm()
        secret = cls.env["res.partner"].create({"name": "Budi Rahasia"})
        cls._respond(
            cls.survey, cls.questions, cls._all(4), partner=secret, service="SKTM"
        )
        cls._respond(cls.survey, cls.questions, cls._all(3), service="Domisili")

    def _wizard(self, user):
        return ikm_wizard(self.env, user, self.survey)

    def test_ikm_figures_in_indonesian(self):
        """IKM 87,50 with a decimal comma for an Indonesian reader, never 87.50."""
        wizard = self._wizard(self.officer).with_context(lang="id_ID")
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="id_ID")
            ._render_qweb_html("kelurahan_survey.action_report_ikm_pdf", wizard.ids)[0]
            .decode()
        )
        self.assertIn("87,50", html)
        self.assertNotIn("87.50", html)

    def test_pdf_report_renders(self):
        wizard = self._wizard(self.officer)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("kelurahan_survey.action_report_ikm_pdf", wizard.ids)[0]
            .decode()
        )
        # figures as the reader's language writes them (here English)
        for part in ("Method", "Follow-up plan", "87.50", "U8 Handling"):
            self.assertIn(part, html)
        self.assertNotIn("Budi", html)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("kelurahan_survey.action_report_ikm_pdf", wizard.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_qr_poster(self):
        items = self.survey._kel_poster_items()
        self.assertEqual([i["label"] for i in items], ["Domisili", "SKTM"])
        self.assertIn("/kelurahan/survey/start/", items[0]["url"])
        self.assertIn("?service=", items[0]["url"])
        self.assertTrue(items[0]["qr"].startswith('<svg width="320" height="320"'))
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "kelurahan_survey.action_report_survey_poster", self.survey.ids
            )
        )
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:300])
