# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every route our addons declare is requested by a test that expects it to succeed
(see route_coverage.py for how routes and requests are found)."""

import ast

from odoo.tests import TransactionCase, tagged

from . import route_coverage as rc

# Routes with no success path to request, each with the reason. A route listed here
# must exist in the addon that declares it (stale entries fail the test).
# {route: (addon, reason)}
ALLOWED = {}

FAKE_ROUTE = ("kelurahan_fake", "/kelurahan/fake/<int:record_id>/never", ("POST",))


@tagged("post_install", "-at_install")
class TestRouteCoverage(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installed = (
            cls.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        cls.routes = rc.declared_routes(cls.installed)
        cls.requests = rc.collect_requests(rc.test_sources(rc.repository_root()))

    def test_every_route_has_a_success_test(self):
        addons = {addon for addon, _route, _methods in self.routes}
        self.assertIn("kelurahan_crm", addons)
        self.assertIn(("kelurahan_crm", "/pengaduan/lapor", ("POST",)), self.routes)
        problems = rc.uncovered(self.routes, self.requests, ALLOWED)
        self.assertFalse(problems, "\n" + "\n".join(problems))

    def test_allow_list_is_current_and_argued(self):
        declared = {(addon, route) for addon, route, _methods in self.routes}
        for route, (addon, reason) in ALLOWED.items():
            self.assertGreater(len(reason), 20, f"{route}: give the reason")
            if addon in self.installed:
                self.assertIn((addon, route), declared, f"{route}: no such route")

    def test_an_unrequested_route_is_reported(self):
        problems = rc.uncovered({*self.routes, FAKE_ROUTE}, self.requests, ALLOWED)
        self.assertEqual(len([p for p in problems if "fake" in p]), 1)
        self.assertIn(
            "kelurahan_fake: POST /kelurahan/fake/<int:record_id>/never has no test",
            "\n".join(problems),
        )

    def test_request_needs_success_status_and_post(self):
        """A literal alone, a refusal status, or a GET to a POST route is not
        enough; a 2xx/3xx assertion in the same test (or its helper) is."""
        route = {FAKE_ROUTE}

        def check(source):
            sources = {"tests/test_x.py": (".py", source)}
            return rc.uncovered(route, rc.collect_requests(sources), {})

        refused = (
            "def test_x(self):\n"
            "    r = self.url_open(f'/kelurahan/fake/{self.rec.id}/never', data={})\n"
            "    self.assertEqual(r.status_code, 404)\n"
        )
        self.assertTrue(check(refused))
        unposted = (
            "def test_x(self):\n"
            "    r = self.url_open(f'/kelurahan/fake/{self.rec.id}/never')\n"
            "    self.assertEqual(r.status_code, 200)\n"
        )
        self.assertTrue(check(unposted))
        posted = unposted.replace("never')", "never', data={'a': 1})")
        self.assertFalse(check(posted))
        via_helper = (
            "def post(self, rec):\n"
            "    return self.url_open(f'/kelurahan/fake/{rec.id}/never', data={})\n"
            "def test_x(self):\n"
            "    self.assertEqual(self.post(self.rec).status_code, 303)\n"
        )
        self.assertFalse(check(via_helper))
        other_path = posted.replace("/never", "/nevermore")
        self.assertTrue(check(other_path))
        constant = (
            "FAKE = '/kelurahan/fake/{}/never'\n"
            "def test_x(self):\n"
            "    r = self.url_open(FAKE.format(self.rec.id), data={})\n"
            "    self.assertEqual(r.status_code, 200)\n"
        )
        self.assertFalse(check(constant))

    def test_route_patterns(self):
        regex = rc.route_regex("/my/permohonan/<int:request_id>/dokumen/<int:doc>")
        self.assertTrue(regex.match("/my/permohonan/{}/dokumen/{}"))
        self.assertTrue(regex.match("/id/my/permohonan/7/dokumen/9"))
        self.assertFalse(regex.match("/my/permohonan/x/dokumen/9"))
        self.assertFalse(regex.match("/my/permohonan/7/dokumen/9/extra"))
        tree = ast.parse("def test_x(self):\n    self.url_open('http://h:8/a?b=1')\n")
        self.assertEqual(
            [r.path for r in rc.python_requests(tree, "t.py", set())], ["/a"]
        )
