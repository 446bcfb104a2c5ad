# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.kelurahan_crm.tests.common import role_user
from odoo.addons.kelurahan_crm.tests.nik_search_case import NikSearchCheck

from .service_common import NIK, NIK_2, KelurahanServiceCommon


@tagged("post_install", "-at_install")
class TestServiceRequestNikSearch(NikSearchCheck, KelurahanServiceCommon, HttpCase):
    """Officers find a service request by the applicant's full NIK; RW officers and
    residents, who only ever see it masked, are refused the search."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._kel_setup()
        for login, role in (
            ("kel_nik_off_s", "officer"),
            ("kel_nik_adm_s", "admin"),
            ("kel_nik_rw_s", "rw"),
            ("kel_nik_res_s", "portal"),
        ):
            role_user(cls.env, login, role, password=login, lang="id_ID")
        resident = cls.env["res.users"].search([("login", "=", "kel_nik_res_s")])
        cls.request = cls._kel_request(partner=resident.partner_id)
        cls.other = cls._kel_request(nik=NIK_2)

    def test_search_by_full_nik_only(self):
        self.assertNikSearch(
            "kelurahan.service.request",
            self.request,
            NIK,
            officers=("kel_nik_off_s", "kel_nik_adm_s"),
            others=(self.other,),
            refused=("kel_nik_rw_s", "kel_nik_res_s"),
        )
