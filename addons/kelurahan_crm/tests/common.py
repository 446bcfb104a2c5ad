# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Valid NIK: Jakarta Timur (31 74 05), 12-08-1990, man, serial 0001.
VALID_NIK = "3174051208900001"


def wib(*args):
    """A naive UTC datetime from a wall-clock time in Jakarta (UTC+7)."""
    return datetime(*args) - timedelta(hours=7)


class KelurahanCase(TransactionCase):
    """One user per role in a kelurahan, a second kelurahan with its own officer,
    RWs with RTs, and a helper to create complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.company_b = cls.env["res.company"].create({"name": "Kelurahan Gedong"})
        Rw = cls.env["kelurahan.rw"]
        cls.rw_a = Rw.create({"number": 91, "company_id": cls.company.id})
        cls.rw_b = Rw.create({"number": 92, "company_id": cls.company.id})
        cls.rw_other = Rw.create({"number": 91, "company_id": cls.company_b.id})
        Rt = cls.env["kelurahan.rt"]
        cls.rt_a1 = Rt.create({"number": 1, "rw_id": cls.rw_a.id})
        cls.rt_a2 = Rt.create({"number": 2, "rw_id": cls.rw_a.id})
        cls.rt_b1 = Rt.create({"number": 1, "rw_id": cls.rw_b.id})
        ctx = {"no_reset_password": True}
        cls.user_rw = new_test_user(
            cls.env,
            login="t_rw",
            groups="kelurahan_crm.group_kelurahan_rw",
            company_id=cls.company.id,
            context=ctx,
        )
        cls.user_rw.kel_rw_ids = [Command.set(cls.rw_a.ids)]
        cls.user_officer = new_test_user(
            cls.env,
            login="t_officer",
            groups="kelurahan_crm.group_kelurahan_officer",
            company_id=cls.company.id,
            context=ctx,
        )
        cls.user_lurah = new_test_user(
            cls.env,
            login="t_lurah",
            groups="kelurahan_crm.group_kelurahan_lurah",
            company_id=cls.company.id,
            context=ctx,
        )
        cls.user_admin = new_test_user(
            cls.env,
            login="t_admin",
            groups="kelurahan_crm.group_kelurahan_admin",
            company_id=cls.company.id,
            context=ctx,
        )
        cls.user_officer_b = new_test_user(
            cls.env,
            login="t_officer_b",
            groups="kelurahan_crm.group_kelurahan_officer",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
            context=ctx,
        )
        cls.user_portal = new_test_user(
            cls.env,
            login="t_warga",
            groups="base.group_portal",
            company_id=cls.company.id,
            email="warga.test@example.id",
            context=ctx,
        )
        cls.user_portal_2 = new_test_user(
            cls.env,
            login="t_warga2",
            groups="base.group_portal",
            company_id=cls.company.id,
            email="warga2.test@example.id",
            context=ctx,
        )
        cls.category = cls.env.ref("kelurahan_crm.category_jalan_rusak")
        cls.stage = {
            state: cls.env.ref(f"kelurahan_crm.stage_{state}")
            for state in ("new", "verify", "dispatch", "progress", "done", "rejected")
        }
        cls.agency = cls.env.ref("kelurahan_crm.agency_sudin_bina_marga")

    @classmethod
    def make_ticket(cls, env=None, **vals):
        env = env or cls.env
        values = {
            "name": "Jalan berlubang",
            "description": "<p>Lubang besar di depan masjid.</p>",
            "category_id": cls.category.id,
            "rw_id": cls.rw_a.id,
            "rt_id": cls.rt_a1.id,
        }
        values.update(vals)
        ticket = env["helpdesk.ticket"].create(values)
        env.flush_all()  # stored computes that read the clock run now
        return ticket

    @contextmanager
    def at(self, *args):
        """Freeze the clock at a Jakarta wall-clock time; pending computations
        (overdue flags…) are flushed before the clock moves on."""
        with freeze_time(wib(*args)):
            yield
            self.env.flush_all()
