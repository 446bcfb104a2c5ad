# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The request guard of every Kelurahan route: bytes no browser sends are refused
with a 400 (414 for an overlong address) page in Indonesian, before any handler
runs, so nothing is stored and nothing reaches the database to fail there. The
top-level tests/test_hostile_input.py sends a whole corpus to a live server."""

from odoo.tests import BaseCase, tagged

from ..tools import request_guard as guard
from .portal_case import PortalCase

REFUSED = "Permintaan tidak dapat diproses"


@tagged("post_install", "-at_install")
class TestGuardRules(BaseCase):
    def refused(self, check, *args, **kwargs):
        with self.assertRaises(guard.Refused) as caught:
            check(*args, **kwargs)
        return caught.exception.status

    def test_location(self):
        guard.check_location("/pengaduan/lacak/abc", "baru=1")
        self.assertEqual(
            self.refused(guard.check_location, "/verifikasi/\x00", ""), 400
        )
        self.assertEqual(self.refused(guard.check_location, "/a\tb", ""), 400)
        self.assertEqual(self.refused(guard.check_location, "/" + "a" * 3000, ""), 414)
        self.assertEqual(
            self.refused(guard.check_location, "/", "q=" + "a" * 5000), 414
        )

    def test_values(self):
        guard.check_values([("description", "Baris satu\nbaris dua\tdan tab")])
        guard.check_values([("nama", "Ibu Sari \u202e dan \U0001f600")])
        for bad in ("a\x00b", "\x1b[31m", "\x7f", "x" * (guard.MAX_VALUE + 1)):
            self.assertEqual(self.refused(guard.check_values, [("f", bad)]), 400)
        # In a query string or a path argument not even a new line is sent.
        self.assertEqual(
            self.refused(guard.check_values, [("access_token", "\t\n")], text=False),
            400,
        )
        many = [(f"f{n}", "x") for n in range(guard.MAX_FIELDS + 1)]
        self.assertEqual(self.refused(guard.check_values, many), 400)

    def test_json(self):
        guard.check_json(b'{"entry": [{"changes": [{"value": {"x": "[[[["}}]}]}')
        self.assertEqual(self.refused(guard.check_json, b"[" * 100_000), 400)
        self.assertEqual(self.refused(guard.check_json, b'{"a": "x\\u0000"}'), 400)
        # Brackets inside strings do not count as nesting.
        guard.check_json(b'{"text": "' + b"[" * 500 + b'"}')


@tagged("post_install", "-at_install")
class TestGuardedRoutes(PortalCase):
    def assertRefusedPage(self, response, status=400):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn(REFUSED, response.text)
        self.assertIn('lang="id"', response.text)

    def test_public_routes_refuse_control_characters(self):
        for url in (
            "/pengaduan/lacak/%00abcdefghijklmnopqrstuvwxyz",
            "/pengaduan/lacak/abc%0Adef",
            "/pengaduan/lapor?x=%00",
            "/my/ticket/1?access_token=%09%0A",
        ):
            self.assertRefusedPage(self.url_open(url, allow_redirects=False))
        self.assertRefusedPage(
            self.url_open("/pengaduan/lacak/" + "a" * 3000), status=414
        )

    def test_form_with_nul_stores_nothing(self):
        before = self.counts()
        response = self.post_report(description="Jalan rusak\x00 parah")
        self.assertRefusedPage(response)
        self.assertEqual(self.counts(), before)
        # The same form without the NUL is taken.
        response = self.post_report(description="Jalan rusak parah")
        self.assertEqual(response.status_code, 303, response.text[:300])

    def test_routes_of_odoo_are_left_alone(self):
        """Only the Kelurahan addons' routes are guarded: Odoo's own answer as it
        always did (here: its login page)."""
        response = self.url_open("/web/login?x=%00")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(REFUSED, response.text)
