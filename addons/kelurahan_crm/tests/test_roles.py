# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRoles(TransactionCase):
    """The role chain and the product language that every other feature relies on."""

    def test_role_chain(self):
        rw = self.env.ref("kelurahan_crm.group_kelurahan_rw")
        officer = self.env.ref("kelurahan_crm.group_kelurahan_officer")
        lurah = self.env.ref("kelurahan_crm.group_kelurahan_lurah")
        admin = self.env.ref("kelurahan_crm.group_kelurahan_admin")
        self.assertIn(rw, officer.trans_implied_ids)
        self.assertIn(officer, lurah.trans_implied_ids)
        self.assertIn(lurah, admin.trans_implied_ids)
        self.assertNotIn(officer, rw.trans_implied_ids)
        helpdesk_user = self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.assertIn(helpdesk_user, officer.trans_implied_ids)
        self.assertNotIn(helpdesk_user, rw.trans_implied_ids)

    def test_indonesian_is_active(self):
        lang = self.env["res.lang"]._lang_get("id_ID")
        self.assertTrue(lang and lang.active)

    def test_admin_is_kelurahan_admin(self):
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "kelurahan_crm.group_kelurahan_admin"
            )
        )
