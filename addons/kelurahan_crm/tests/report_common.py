# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import zipfile
from datetime import date, datetime, timedelta

import openpyxl

from odoo.tests import TransactionCase

from .common import role_user

# A fixed past day (Tuesday) in Asia/Jakarta for the exported complaints.
DAY = date(2026, 3, 10)


def wib(*args):
    """A naive UTC datetime from a wall-clock time in Jakarta (UTC+7)."""
    return datetime(*args) - timedelta(hours=7)


def open_xlsx(attachment):
    data = base64.b64decode(attachment.datas)
    return openpyxl.load_workbook(io.BytesIO(data)), data


def xlsx_members(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


class ReportCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        Rw = cls.env["kelurahan.rw"]
        cls.rw_a = Rw.create(
            {"name": "RW 81", "number": 81, "company_id": cls.company.id}
        )
        cls.rw_b = Rw.create(
            {"name": "RW 82", "number": 82, "company_id": cls.company.id}
        )
        cls.rt_a1 = cls.env["kelurahan.rt"].create(
            {"name": "RT 001", "number": 1, "rw_id": cls.rw_a.id}
        )
        cls.user_rw = role_user(cls.env, "r_rw", "rw", rws=cls.rw_a)
        cls.user_officer = role_user(
            cls.env, "r_officer", "officer", email="officer@example.id"
        )
        cls.user_lurah = role_user(
            cls.env, "r_lurah", "lurah", email="lurah@example.id"
        )
        cls.user_portal = role_user(cls.env, "r_warga", "portal")
        cls.category = cls.env.ref("kelurahan_crm.category_jalan_rusak")
        cls.category_sampah = cls.env.ref("kelurahan_crm.category_sampah")
        cls.channel_wa = cls.env.ref("kelurahan_crm.channel_whatsapp")
        cls.channel_rw = cls.env.ref("kelurahan_crm.channel_balai_rw")
        cls.stage_done = cls.env.ref("kelurahan_crm.stage_done")
        cls.agency = cls.env.ref("kelurahan_crm.agency_sudin_bina_marga")

    @classmethod
    def make_ticket(cls, **vals):
        values = {
            "name": "Jalan berlubang",
            "description": "<p>Lubang besar di depan masjid.</p>",
            "category_id": cls.category.id,
            "channel_id": cls.channel_wa.id,
            "rw_id": cls.rw_a.id,
            "rt_id": cls.rt_a1.id,
            "date_reported": wib(DAY.year, DAY.month, DAY.day, 9, 30),
        }
        values.update(vals)
        return cls.env["helpdesk.ticket"].create(values)

    @staticmethod
    def filters(day_from=DAY, day_to=DAY, **extra):
        values = {
            "date_from": day_from.isoformat(),
            "date_to": day_to.isoformat(),
        }
        values.update(extra)
        return values

    def export(self, user, filters=None):
        engine = self.env["kelurahan.report.engine"].with_user(user)
        attachment, count = engine._kel_export_attachment(filters or self.filters())
        workbook, data = open_xlsx(attachment.sudo())
        return workbook, data, count
