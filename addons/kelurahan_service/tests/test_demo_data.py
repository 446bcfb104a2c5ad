# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo requests are handled by the demo officers, not by the technical user that
loads the demo (demo databases only)."""

from odoo.tests import TransactionCase, tagged

# the steps of the office that record who took them
HANDLED = ("verify", "revision", "process", "ready", "done")


@tagged("post_install", "-at_install")
class TestServiceDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls.env.ref("kelurahan_crm.user_demo_officer")
        cls.lurah = cls.env.ref("kelurahan_crm.user_demo_lurah")
        cls.odoobot = cls.env.ref("base.user_root")

    def _check_requests(self, requests):
        self.assertEqual(
            set(requests.mapped("state")),
            {
                "submitted",
                "verify",
                "revision",
                "process",
                "ready",
                "done",
                "rejected",
                "cancelled",
            },
        )
        handled = requests.filtered(lambda r: r.state in HANDLED)
        self.assertTrue(handled)
        self.assertFalse(requests.user_id & self.odoobot)
        self.assertEqual(handled.user_id, self.officer | self.lurah)
        self.assertFalse(
            requests.filtered(lambda r: r.state == "submitted").user_id,
            "new requests wait for an officer",
        )
        revoked = requests.letter_id.filtered(lambda letter: letter.state == "revoked")
        self.assertEqual(len(revoked), 1)
        self.assertEqual(revoked.write_uid, self.lurah, "the Lurah revokes")

    def test_loaded_demo_requests(self):
        requests = self.env["kelurahan.service.request"].search(
            [("applicant_address", "=", "Jl. Swadaya RT 003/RW 01")]
        )
        self._check_requests(requests)

    def test_generator_assigns_demo_officers(self):
        before = self.env["kelurahan.service.request"].search([]).ids
        self.env["kelurahan.demo"]._generate_requests()
        requests = self.env["kelurahan.service.request"].search(
            [("id", "not in", before)]
        )
        self._check_requests(requests)
