# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The service sheets of the complaint export (sheet-provider hook of the engine)."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.kelurahan_crm.tests.report_common import DAY, ReportCase, wib


@tagged("post_install", "-at_install")
class TestServiceSheets(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["kelurahan.service"].create(
            {"name": "Sheet Domisili", "code": "SDOM", "queue_prefix": "S"}
        )
        cls.request = cls.env["kelurahan.service.request"].create(
            {
                "service_id": cls.service.id,
                "applicant_name": "Dewi Lestari",
                "rw_id": cls.rw_a.id,
                "date_submitted": wib(DAY.year, DAY.month, DAY.day, 10, 0),
            }
        )
        cls.visit = cls.env["kelurahan.queue.ticket"].create(
            {"service_id": cls.service.id, "date": DAY, "kind": "walkin"}
        )

    def test_sheets_added_on_request(self):
        workbook, _data, _count = self.export(self.user_officer, self.filters())
        self.assertEqual(workbook.sheetnames, ["Pengaduan", "Disposisi", "Ringkasan"])
        workbook, _data, _count = self.export(
            self.user_officer, self.filters(extra_sheets=True)
        )
        self.assertEqual(
            workbook.sheetnames,
            ["Pengaduan", "Disposisi", "Permohonan", "Antrean", "Ringkasan"],
        )
        requests = workbook["Permohonan"]
        self.assertEqual(requests["A1"].value, "No. Permohonan")
        self.assertEqual(requests["A2"].value, self.request.number)
        self.assertEqual(requests["C2"].value, "Sheet Domisili")
        self.assertEqual(workbook["Antrean"]["A2"].value, self.visit.name)

    def test_sheets_follow_access_rights(self):
        """An RW officer reads service requests of their RW but not the queue: the
        queue sheet is left out, not written empty."""
        workbook, _data, _count = self.export(
            self.user_rw, self.filters(extra_sheets=True)
        )
        self.assertEqual(
            workbook.sheetnames, ["Pengaduan", "Disposisi", "Permohonan", "Ringkasan"]
        )
        self.assertEqual(workbook["Permohonan"]["A2"].value, self.request.number)

    def test_filter_values_carry_the_choice(self):
        wizard = self.env["kelurahan.export.wizard"].create(
            {
                "period": "custom",
                "date_from": DAY,
                "date_to": DAY,
                "extra_sheets": True,
            }
        )
        self.assertTrue(wizard._kel_filters()["extra_sheets"])
        values = wizard._kel_filter_values(DAY, fields.Date.add(DAY, days=1))
        self.assertEqual(values["date_to"], "2026-03-11")
        self.assertTrue(values["extra_sheets"])
