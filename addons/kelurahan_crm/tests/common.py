# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from contextlib import contextmanager
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Context of test fixtures that need no chatter, tracking or resident notification.
NO_MAIL = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "kel_no_notify": True,
}

# Valid NIK: Jakarta Timur (31 74 05), 12-08-1990, man, serial 0001.
VALID_NIK = "3174051208900001"


ROLE_GROUPS = {
    "rw": "kelurahan_crm.group_kelurahan_rw",
    "officer": "kelurahan_crm.group_kelurahan_officer",
    "lurah": "kelurahan_crm.group_kelurahan_lurah",
    "admin": "kelurahan_crm.group_kelurahan_admin",
    "portal": "base.group_portal",
}


def role_user(env, login, role, rws=None, context=None, **values):
    """A test user with one kelurahan role (``ROLE_GROUPS``; "portal" for a
    resident), linked to ``rws`` when an RW officer; no password-reset e-mail."""
    user = new_test_user(
        env,
        login=login,
        groups=ROLE_GROUPS[role],
        context=context or {"no_reset_password": True},
        **values,
    )
    if rws:
        user.kel_rw_ids = [Command.set(rws.ids)]
    return user


def walk_to_stage(tickets, state, **vals):
    """Move ``tickets`` to the stage of ``state`` (kel_state) the way an officer
    does, with their environment: through Verifikasi first when they have not
    passed it and the stage comes after it. ``vals`` go with the last move."""
    env = tickets.env
    stage = env.ref(f"kelurahan_crm.stage_{state}")
    if state in ("dispatch", "progress", "done"):
        unverified = tickets.filtered(lambda t: not t.kel_verified)
        if unverified:
            unverified.write({"stage_id": env.ref("kelurahan_crm.stage_verify").id})
    tickets.write(dict(vals, stage_id=stage.id))
    return tickets


def call_kw(case, model, method, *args, **kwargs):
    """The JSON-RPC answer (``result`` or ``error``) of /web/dataset/call_kw, as the
    web client gets it, for the user ``case`` (an HttpCase) authenticated as."""
    response = case.url_open(
        "/web/dataset/call_kw",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    case.assertEqual(response.status_code, 200)
    return response.json()


def wib(*args):
    """A naive UTC datetime from a wall-clock time in Jakarta (UTC+7)."""
    return datetime(*args) - timedelta(hours=7)


def keep_maps_offline(env):
    """With kelurahan_crm_map installed the dashboard draws a map whose tiles
    come from the tile server setting (OpenStreetMap by default): tours empty it
    so the browser requests nothing outside the machine. A no-op parameter
    without the map addon."""
    env["ir.config_parameter"].sudo().set_param("leaflet.tile_url", "")


class PhoneBrowserMixin:
    """For an HttpCase: its tours run on a 360 px wide phone. Headless Chromium keeps
    windows at least 500 px wide, so the phone's screen is emulated the way its
    developer tools do (``window.innerWidth`` is then 360)."""

    browser_size = "360x740"
    touch_enabled = True

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser:
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": 360,
                    "height": 740,
                    "deviceScaleFactor": 2,
                    "mobile": True,
                },
            )
        return session


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
        cls.user_rw = role_user(
            cls.env, "t_rw", "rw", rws=cls.rw_a, company_id=cls.company.id
        )
        for role in ("officer", "lurah", "admin"):
            user = role_user(cls.env, f"t_{role}", role, company_id=cls.company.id)
            setattr(cls, f"user_{role}", user)
        cls.user_officer_b = role_user(
            cls.env,
            "t_officer_b",
            "officer",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_portal, cls.user_portal_2 = (
            role_user(
                cls.env,
                login,
                "portal",
                company_id=cls.company.id,
                email=f"{login.replace('t_', '')}.test@example.id",
            )
            for login in ("t_warga", "t_warga2")
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
