# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy notice on the public complaint form, in Chromium on a 360 px phone."""

from odoo.tests import tagged

from .common import PhoneBrowserMixin
from .portal_case import PortalCase


@tagged("post_install", "-at_install")
class TestPdpTour(PhoneBrowserMixin, PortalCase):
    def test_public_form_notice_on_phone(self):
        self.start_tour("/pengaduan/lapor", "kelurahan_privacy_notice_phone")
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("reporter_name", "=", "Sari Privasi")])
        )
        self.assertEqual(len(ticket), 1)
        consent = (
            self.env["kelurahan.consent"]
            .sudo()
            .search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        )
        self.assertEqual(consent.channel, "public_form")
        self.assertEqual(
            consent.notice_id,
            self.env["kelurahan.privacy.notice"]._kel_current(self.company),
        )
