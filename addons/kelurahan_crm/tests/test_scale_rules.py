# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 22: helpdesk_mgmt's "Internal Tickets" rule, rewritten so that an RW
officer's complaint list uses indexes, shows every role exactly what it showed
before, in the ORM and at RPC, and lets PostgreSQL read an RW officer's list
through indexes instead of a sequential scan."""

from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, file_open
from odoo.tools.safe_eval import safe_eval

from ..hooks import COMPANY_RULE, INTERNAL_RULE, PORTAL_RULE, uninstall_hook
from ..hooks import HELPDESK_INTERNAL_DOMAIN as OLD_INTERNAL_DOMAIN
from .common import KelurahanCase, call_kw

# A web client's domain asking for every complaint.
HOSTILE = ["|", ("rw_id", "!=", False), ("id", "!=", 0)]


class ScaleRuleCase(KelurahanCase):
    """A crafted set of complaints around the RW officer of RW A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rw_partner = cls.user_rw.partner_id
        make = cls.make_ticket
        cls.t = {
            "a": make(name="RW A"),
            "a_conf_officer": make(
                env=cls.env(user=cls.user_officer), is_confidential=True
            ),
            "a_conf_own": make(env=cls.env(user=cls.user_rw), is_confidential=True),
            "b": make(rw_id=cls.rw_b.id, rt_id=cls.rt_b1.id),
            "b_followed": make(rw_id=cls.rw_b.id, rt_id=cls.rt_b1.id),
            "b_conf_followed": make(
                rw_id=cls.rw_b.id, rt_id=cls.rt_b1.id, is_confidential=True
            ),
            "b_contact": make(
                rw_id=cls.rw_b.id, rt_id=cls.rt_b1.id, partner_id=rw_partner.id
            ),
            "no_rw": make(rw_id=False, rt_id=False),
            "resident": make(
                rw_id=cls.rw_b.id,
                rt_id=cls.rt_b1.id,
                partner_id=cls.user_portal.partner_id.id,
            ),
            "other_company": make(
                env=cls.env(user=cls.user_officer_b),
                company_id=cls.company_b.id,
                rw_id=cls.rw_other.id,
                rt_id=False,
            ),
        }
        (cls.t["b_followed"] | cls.t["b_conf_followed"]).message_subscribe(
            partner_ids=rw_partner.ids
        )
        cls.all_ids = {t.id for t in cls.t.values()}

    def visible(self, user, domain=None):
        return set(
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search((domain or []) + [("id", "in", list(self.all_ids))])
            .ids
        )

    def ids(self, *keys):
        return {self.t[k].id for k in keys}

    def explain(self, query, **planner):
        """EXPLAIN of the count of ``query`` under the ``planner`` settings."""
        cr = self.env.cr
        for setting, value in planner.items():
            cr.execute(f"SET {setting} = {value}")
        try:
            cr.execute(SQL("EXPLAIN %s", query.select(SQL("COUNT(*)"))))
            return "\n".join(row[0] for row in cr.fetchall())
        finally:
            for setting in planner:
                cr.execute(f"RESET {setting}")


@tagged("post_install", "-at_install")
class TestScaleRuleVisibility(ScaleRuleCase):
    def test_each_role_sees_what_it_saw_before(self):
        users = (
            self.user_rw,
            self.user_officer,
            self.user_lurah,
            self.user_admin,
            self.user_officer_b,
            self.user_portal,
            self.user_portal_2,
        )
        rule = self.env.ref(INTERNAL_RULE)
        new_domain = rule.domain_force
        now = {user.login: self.visible(user) for user in users}
        rule.domain_force = OLD_INTERNAL_DOMAIN
        before = {user.login: self.visible(user) for user in users}
        rule.domain_force = new_domain
        self.assertEqual(now, before)
        self.assertNotIn("message_partner_ids", new_domain)

    def test_uninstall_gives_helpdesk_mgmt_its_rules_back(self):
        xml = etree.parse(file_open("helpdesk_mgmt/security/helpdesk_security.xml"))
        rules = {
            xmlid: self.env.ref(xmlid)
            for xmlid in (INTERNAL_RULE, PORTAL_RULE, COMPANY_RULE)
        }
        self.assertIn("message_is_follower", rules[INTERNAL_RULE].domain_force)
        self.assertNotIn("message_partner_ids", rules[PORTAL_RULE].domain_force)
        self.assertNotIn("False", rules[COMPANY_RULE].domain_force)
        uninstall_hook(self.env)
        user = {"user": self.user_rw, "company_ids": self.user_rw.company_ids.ids}
        for xmlid, rule in rules.items():
            [original] = xml.xpath(
                f"//record[@id='{xmlid.split('.')[1]}']/field[@name='domain_force']"
            )
            self.assertEqual(
                safe_eval(rule.domain_force, user),
                safe_eval(original.text, user),
                xmlid,
            )

    def test_rw_officer_sees_own_rw_and_what_they_follow(self):
        self.assertEqual(
            self.visible(self.user_rw),
            self.ids("a", "a_conf_own", "b_followed", "b_conf_followed", "b_contact"),
        )
        # Following stops: the complaint of RW B is gone at once (no stale cache).
        self.t["b_followed"].message_unsubscribe(
            partner_ids=self.user_rw.partner_id.ids
        )
        self.assertEqual(
            self.visible(self.user_rw),
            self.ids("a", "a_conf_own", "b_conf_followed", "b_contact"),
        )

    def test_officers_and_lurah_see_all_of_their_kelurahan(self):
        everything = self.all_ids - self.ids("other_company")
        for user in (self.user_officer, self.user_lurah, self.user_admin):
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), everything)
        self.assertEqual(self.visible(self.user_officer_b), self.ids("other_company"))

    def test_residents_see_their_own_only(self):
        self.assertEqual(self.visible(self.user_portal), self.ids("resident"))
        self.assertEqual(self.visible(self.user_portal_2), set())


@tagged("post_install", "-at_install")
class TestScaleRuleRpc(ScaleRuleCase, HttpCase):
    """The RW officer's web client calls with a hostile domain: still only what the
    rules let them see."""

    def rpc(self, method, *args, **kwargs):
        answer = call_kw(self, "helpdesk.ticket", method, *args, **kwargs)
        self.assertNotIn("error", answer)
        return answer["result"]

    def test_rw_officer_rpc_list_count_and_groups(self):
        self.authenticate("t_rw", "t_rw")
        expected = self.ids(
            "a", "a_conf_own", "b_followed", "b_conf_followed", "b_contact"
        )
        domain = [*HOSTILE, ("id", "in", list(self.all_ids))]
        result = self.rpc(
            "web_search_read",
            domain,
            {"id": {}, "rw_id": {"fields": {"display_name": {}}}},
            limit=80,
            order="date_reported desc, id desc",
            count_limit=10001,
        )
        self.assertEqual({r["id"] for r in result["records"]}, expected)
        self.assertEqual(result["length"], len(expected))
        self.assertEqual(self.rpc("search_count", domain), len(expected))
        groups = self.rpc("web_read_group", domain, ["rw_id"], ["rw_id"], lazy=False)[
            "groups"
        ]
        counts = {g["rw_id"][0]: g["__count"] for g in groups}
        self.assertEqual(counts, {self.rw_a.id: 2, self.rw_b.id: 3})
        self.assertEqual(self.rpc("search_count", [("rw_id", "=", self.rw_b.id)]), 3)
        # A complaint of RW B they do not follow, asked for by id: refused.
        answer = call_kw(self, "helpdesk.ticket", "read", [self.t["b"].id], ["name"])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")


@tagged("post_install", "-at_install")
class TestScaleRulePlan(ScaleRuleCase):
    """EXPLAIN of the RW officer's list count with sequential and plain index scans
    switched off: the plan must still exist as bitmap scans of indexes, which the
    old rule (its follower subquery inside the OR) could not do (it fell back to a
    disabled sequential scan, whatever the size of the table)."""

    def plan(self, user, domain, **planner):
        return self.explain(
            self.env["helpdesk.ticket"].with_user(user)._search(domain), **planner
        )

    def test_rw_officer_list_count_by_index(self):
        for domain in ([], [("kel_state", "not in", ("done", "rejected"))]):
            with self.subTest(domain=domain):
                plan = self.plan(
                    self.user_rw, domain, enable_seqscan="off", enable_indexscan="off"
                )
                self.assertNotIn("Seq Scan", plan)
                self.assertNotIn("SubPlan", plan)


@tagged("post_install", "-at_install")
class TestResidentListDomain(ScaleRuleCase):
    """A resident's portal list (``_kel_resident_domain``): what they reported,
    follow, reported hidden or through a contact of theirs, found by indexes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        resident = cls.user_portal.partner_id
        contact = cls.env["res.partner"].create(
            {"name": "Anak Warga", "parent_id": resident.id}
        )
        cls.t["hidden"] = cls.make_ticket(is_confidential=True, partner_id=resident.id)
        cls.t["contact"] = cls.make_ticket(partner_id=contact.id)
        cls.t["b"].message_subscribe(partner_ids=resident.ids)
        cls.all_ids = {t.id for t in cls.t.values()}

    def resident_query(self, user):
        Ticket = self.env["helpdesk.ticket"]
        return Ticket.sudo()._search(Ticket.with_user(user)._kel_resident_domain())

    def test_resident_finds_reported_followed_hidden_and_contacts(self):
        self.assertFalse(
            self.t["hidden"].partner_id, "the hidden reporter is not named"
        )
        for user, keys in (
            (self.user_portal, ("resident", "b", "hidden", "contact")),
            (self.user_portal_2, ()),
        ):
            with self.subTest(user=user.login):
                query = self.resident_query(user)
                query.add_where(SQL("helpdesk_ticket.id IN %s", tuple(self.all_ids)))
                self.assertEqual(set(query), self.ids(*keys))

    def test_resident_list_count_by_index(self):
        plan = self.explain(
            self.resident_query(self.user_portal),
            enable_seqscan="off",
            enable_indexscan="off",
        )
        self.assertNotIn("Seq Scan", plan)
        self.assertNotIn("SubPlan", plan)
        self.assertIn("BitmapOr", plan)
