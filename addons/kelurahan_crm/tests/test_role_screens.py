# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What each role sees: where it lands after login, which apps and menus it gets,
and no Technical Features outside system administrators."""

from odoo.tests import HttpCase, TransactionCase, tagged

from .common import keep_maps_offline, role_user

ROLES = ("rw", "officer", "lurah")
# Demo logins of res_users_demo.xml, one per role.
DEMO_LOGINS = {"rw": "rw01", "officer": "petugas", "lurah": "lurah"}


def _role_users(env, prefix):
    rw01 = env.ref("kelurahan_crm.rw_01")
    return {
        role: role_user(
            env, f"{prefix}_{role}", role, rws=rw01 if role == "rw" else None
        )
        for role in ROLES
    }


def _menu_xmlids(env, user):
    """The menus the web client loads for ``user`` (``load_web_menus``), and
    the xml ids of all the menus it may see in debug mode (where Technical Features
    show to whoever has them)."""
    Menu = env["ir.ui.menu"].with_user(user)
    menus = Menu.load_web_menus(debug=False)
    debug_menus = Menu.browse(Menu._visible_menu_ids(debug=True))
    return {
        "apps": [menus[mid]["xmlid"] for mid in menus["root"]["children"]],
        "all": {menu["xmlid"] for key, menu in menus.items() if key != "root"},
        "debug": set(debug_menus.get_external_id().values()),
        "app_actions": {
            menus[mid]["xmlid"]: menus[mid]["actionID"]
            for mid in menus["root"]["children"]
        },
    }


@tagged("post_install", "-at_install")
class TestRoleMenus(TransactionCase):
    """The menus loaded for each role hold its job, not Apps or technical menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = _role_users(cls.env, "menus")
        cls.demo_users = {
            role: cls.env["res.users"].search([("login", "=", login)])
            for role, login in DEMO_LOGINS.items()
        }

    def _all_role_users(self):
        for role in ROLES:
            yield role, self.users[role]
            if self.demo_users[role]:
                yield role, self.demo_users[role]

    def test_no_technical_features_for_roles(self):
        for role, user in self._all_role_users():
            with self.subTest(role=role, login=user.login):
                self.assertFalse(user._has_group("base.group_no_one"))
        self.assertTrue(
            self.env.ref("base.user_admin")._has_group("base.group_no_one"),
            "System administrators keep Technical Features",
        )
        self.assertFalse(
            self.env.ref("base.default_user")._has_group("base.group_no_one"),
            "Users created from the template do not get them either",
        )

    def test_kelurahan_is_the_first_app_and_no_admin_apps(self):
        for role, user in self._all_role_users():
            with self.subTest(role=role, login=user.login):
                menus = _menu_xmlids(self.env, user)
                self.assertEqual(menus["apps"][0], "kelurahan_crm.kelurahan_root_menu")
                for hidden in (
                    "base.menu_management",  # Apps
                    "base.menu_administration",  # Settings
                    "helpdesk_mgmt.helpdesk_ticket_main_menu",
                ):
                    self.assertNotIn(hidden, menus["all"])
                    self.assertNotIn(hidden, menus["debug"])
                self.assertNotIn("base.menu_custom", menus["debug"], "Technical")

    def test_menus_of_each_job(self):
        rw = _menu_xmlids(self.env, self.users["rw"])["all"]
        self.assertIn("kelurahan_crm.kelurahan_complaint_quick_menu", rw)
        self.assertIn("kelurahan_crm.kelurahan_complaint_all_menu", rw)
        self.assertNotIn("mail.menu_root_discuss", rw, "No Discuss at the RW post")
        self.assertNotIn("kelurahan_crm.kelurahan_config_menu", rw)
        officer = _menu_xmlids(self.env, self.users["officer"])["all"]
        self.assertIn("kelurahan_crm.kelurahan_complaint_open_menu", officer)
        self.assertIn("mail.menu_root_discuss", officer)
        self.assertNotIn("kelurahan_crm.kelurahan_config_menu", officer)
        lurah = _menu_xmlids(self.env, self.users["lurah"])["all"]
        self.assertIn("kelurahan_crm.kelurahan_dashboard_menu", lurah)
        admin = _menu_xmlids(self.env, self.env.ref("base.user_admin"))
        self.assertIn("base.menu_management", admin["all"])
        self.assertIn("base.menu_custom", admin["debug"])

    def test_app_opens_on_the_role_screen(self):
        home = self.env.ref("kelurahan_crm.kelurahan_home_action")
        for role, user in self._all_role_users():
            with self.subTest(role=role, login=user.login):
                menus = _menu_xmlids(self.env, user)
                self.assertEqual(
                    menus["app_actions"]["kelurahan_crm.kelurahan_root_menu"], home.id
                )
        Ticket = self.env["helpdesk.ticket"]
        rw_action = Ticket.with_user(self.users["rw"])._kel_action_home()
        self.assertEqual(rw_action["res_model"], "helpdesk.ticket")
        self.assertTrue(rw_action["view_mode"].startswith("list"))
        self.assertEqual(
            rw_action["context"]["default_rw_id"],
            self.env.ref("kelurahan_crm.rw_01").id,
            "New from their list is for their RW",
        )
        officer_action = Ticket.with_user(self.users["officer"])._kel_action_home()
        self.assertEqual(
            officer_action["id"],
            self.env.ref("kelurahan_crm.kelurahan_complaint_action_open").id,
        )
        lurah_action = Ticket.with_user(self.users["lurah"])._kel_action_home()
        self.assertEqual(lurah_action["tag"], "kelurahan_crm.dashboard")


@tagged("post_install", "-at_install")
class TestRoleLanding(HttpCase):
    """Logging in (the web client without an action) lands each role in the
    Kelurahan app on its own screen, not in Discuss."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = _role_users(cls.env, "landing")
        keep_maps_offline(cls.env)

    def test_rw_officer_lands_on_their_complaints(self):
        self.start_tour("/odoo", "kelurahan_landing_rw", login="landing_rw")

    def test_officer_lands_on_complaints_to_follow_up(self):
        self.start_tour("/odoo", "kelurahan_landing_officer", login="landing_officer")

    def test_lurah_lands_on_dashboard(self):
        self.start_tour("/odoo", "kelurahan_landing_lurah", login="landing_lurah")

    def test_session_gives_the_home_action(self):
        """Demo logins (login = password) and a role user: the web client they get
        opens the Kelurahan home action."""
        home = self.env.ref("kelurahan_crm.kelurahan_home_action")
        for login in (*DEMO_LOGINS.values(), "landing_officer"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open("/odoo")
                self.assertEqual(response.status_code, 200)
                self.assertIn(f'"home_action_id": {home.id}', response.text)
