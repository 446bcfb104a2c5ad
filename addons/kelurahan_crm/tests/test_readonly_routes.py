# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The read replica (README "Scaling"): which routes and backend methods of our
addons are read-only, and that none of them writes.

Odoo serves a ``readonly`` route (and an ``@api.readonly`` method called over RPC)
on the replica's cursor; if it writes, Odoo rolls back and serves it again on the
primary with the warning "retrying with a read/write cursor". In tests Odoo 18
makes such a cursor read-only too (``SET TRANSACTION READ ONLY``), so every request
below would log that warning if its route wrote anything: none may."""

import json

from odoo import http
from odoo.tests import tagged

from .common import call_kw, role_user
from .portal_case import CTX, PortalCase
from .route_coverage import declaring_addon

# {(route, methods): (addon, readonly)}: True, or "per request" for a route that
# reads the primary right after the visitor's own write (replica.reads_own_writes).
READONLY_ROUTES = {
    ("/", ("GET",)): ("kelurahan_crm", True),
    ("/privasi", ("GET",)): ("kelurahan_crm", True),
    ("/pengaduan/lacak", ("GET",)): ("kelurahan_crm", True),
    ("/pengaduan/lacak/<string:token>", ("GET",)): ("kelurahan_crm", "per request"),
    ("/pengaduan/transparansi", ("GET",)): ("kelurahan_crm", True),
    ("/layanan", ("GET",)): ("kelurahan_service", True),
    ("/verifikasi", ()): ("kelurahan_service", True),
    ("/verifikasi/<string:token>", ()): ("kelurahan_service", True),
    ("/antrian/layar", ("GET",)): ("kelurahan_service", True),
    ("/antrian/layar/data", ("GET",)): ("kelurahan_service", True),
    ("/survei", ("GET",)): ("kelurahan_survey", True),
    ("/pengaduan/peta/sekitar", ("GET",)): ("kelurahan_crm_map", True),
    ("/pengaduan/peta/publik", ("GET",)): ("kelurahan_crm_map", True),
}

# {(model, method): addon} of the backend's read-only figures.
READONLY_METHODS = {
    ("kelurahan.dashboard", "get_dashboard_data"): "kelurahan_crm",
    ("kelurahan.dashboard", "get_dashboard_hotspots"): "kelurahan_crm_map",
    ("helpdesk.ticket", "kel_map_features"): "kelurahan_crm_map",
}

RETRY = "retrying with a read/write cursor"


def readonly_routes(modules):
    """{(route, methods): readonly} of the routes our addons declare with a
    replica cursor (Odoo's default for ``auth="none"`` included)."""
    found = {}
    for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
        if not declaring_addon(endpoint):
            continue
        readonly = endpoint.routing.get("readonly")
        if readonly:
            methods = tuple(sorted(endpoint.routing.get("methods") or ()))
            found[url, methods] = "per request" if callable(readonly) else True
    return found


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installed = set(
            cls.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        cls.ticket = cls.make_ticket(reporter_phone="0813 1111 2222")
        cls.lurah = role_user(
            cls.env, "ro_lurah", "lurah", context=CTX, password="ro_lurah"
        )

    def expected(self, table):
        """The entries of ``table`` whose addon (the value, or its first item) is
        installed."""
        return {
            key: value
            for key, value in table.items()
            if (value if isinstance(value, str) else value[0]) in self.installed
        }

    def open_quietly(self, url, status):
        """``url`` answered with ``status`` without any warning of odoo.http (the
        retry on the primary is one)."""
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def test_the_readonly_routes_are_these(self):
        """Dropping the flag or adding a read-only route is a decision: this list
        says which, and the test below requests every one of them."""
        expected = {
            key: value[1] for key, value in self.expected(READONLY_ROUTES).items()
        }
        self.assertEqual(readonly_routes(sorted(self.installed)), expected)
        self.assertIn("kelurahan_crm", self.installed)

    def test_the_readonly_methods_are_these(self):
        for model, method in self.expected(READONLY_METHODS):
            function = getattr(type(self.env[model]), method)
            self.assertTrue(getattr(function, "_readonly", False), f"{model}.{method}")
        # and a method that writes is not
        self.assertFalse(hasattr(type(self.env["helpdesk.ticket"]).write, "_readonly"))

    def test_public_readonly_routes_never_write(self):
        token = self.ticket.kel_track_token
        self.assertTrue(token)
        pages = {
            "kelurahan_crm": [
                ("/", 200),
                ("/privasi", 200),
                ("/pengaduan/lacak", 200),
                (f"/pengaduan/lacak/{token}", 200),
                # a miss is counted (a throttle row, written on the primary)
                ("/pengaduan/lacak/" + "x" * 32, 404),
                ("/pengaduan/transparansi", 200),
            ],
            "kelurahan_service": [
                ("/layanan", 200),
                ("/verifikasi", 200),
                ("/verifikasi?nomor=TIDAK-ADA", 404),
                ("/verifikasi/" + "y" * 32, 404),
                ("/antrian/layar", 200),
                ("/antrian/layar/data", 200),
            ],
            "kelurahan_survey": [("/survei", 200)],
            "kelurahan_crm_map": [
                ("/pengaduan/peta/publik", 200),
                ("/pengaduan/peta/sekitar?lat=-6.2&lon=106.8", 200),
            ],
        }
        for addon, urls in pages.items():
            if addon not in self.installed:
                continue
            for url, status in urls:
                self.open_quietly(url, status)
        # the misses were counted all the same
        Throttle = self.env["kelurahan.portal.throttle"].sudo()
        self.assertTrue(Throttle.search_count([("kind", "=", "track")]))

    def test_tracking_page_is_on_the_replica_but_after_the_visitors_write(self):
        """The page the reporter is sent to after filing (?baru=1) or acting
        (?pesan=…) reads the primary; the bare link reads the replica."""
        token = self.ticket.kel_track_token
        route = f"/pengaduan/lacak/{token}"
        for query, readonly in (
            ("", True),
            ("?baru=1", False),
            ("?pesan=nilai", False),
        ):
            with self.assertLogs(
                "odoo.addons.kelurahan_crm.controllers.replica", "DEBUG"
            ) as logs:
                response = self.open_quietly(route + query, 200)
            self.assertIn(self.ticket.number, response.text)
            self.assertIn(f"cursor readonly={readonly}", "\n".join(logs.output), query)

    def test_backend_figures_never_write(self):
        self.authenticate("ro_lurah", "ro_lurah")
        calls = {
            ("kelurahan.dashboard", "get_dashboard_data"): {},
            ("kelurahan.dashboard", "get_dashboard_hotspots"): {},
            ("helpdesk.ticket", "kel_map_features"): {"domain": []},
        }
        for model, method in self.expected(READONLY_METHODS):
            with self.assertNoLogs("odoo.http", "WARNING"):
                answer = call_kw(self, model, method, **calls[model, method])
            self.assertIn("result", answer, json.dumps(answer)[:500])
