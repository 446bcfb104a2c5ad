# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import VALID_NIK, role_user
from .nik_search_case import NikSearchCheck
from .portal_case import PortalCase

OTHER_NIK = "3174055208900002"


@tagged("post_install", "-at_install")
class TestComplaintNikSearch(NikSearchCheck, PortalCase):
    """Officers find a complaint by its reporter's full NIK (the search view's NIK
    field); RW officers and residents, who only ever see it masked, are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login, role in (("kel_nik_off", "officer"), ("kel_nik_lurah", "lurah")):
            role_user(cls.env, login, role, password=login, lang="id_ID")
        cls.ticket = cls.make_ticket(reporter_nik=VALID_NIK)
        cls.other = cls.make_ticket(reporter_nik=OTHER_NIK)

    def test_search_by_full_nik_only(self):
        self.assertNikSearch(
            "helpdesk.ticket",
            self.ticket,
            VALID_NIK,
            officers=("kel_nik_off", "kel_nik_lurah"),
            others=(self.other,),
            refused=("kel_rw_a", "kel_res_a"),
        )

    def test_search_field_in_officer_view_only(self):
        Ticket = self.env["helpdesk.ticket"]
        for login, shown in (("kel_nik_off", True), ("kel_rw_a", False)):
            user = self.env["res.users"].search([("login", "=", login)])
            arch = Ticket.with_user(user).get_views([(False, "search")])["views"][
                "search"
            ]["arch"]
            self.assertEqual('name="kel_nik_search"' in arch, shown, login)
