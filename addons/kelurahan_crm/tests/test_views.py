# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint form, list and search extend helpdesk_mgmt's views: what another
helpdesk addon adds to helpdesk_mgmt's views shows on the kelurahan screens."""

from lxml import etree

from odoo.tests import tagged

from .common import KelurahanCase

HELPDESK_VIEWS = {
    "form": "helpdesk_mgmt.ticket_view_form",
    "list": "helpdesk_mgmt.ticket_view_tree",
    "search": "helpdesk_mgmt.helpdesk_ticket_view_search",
}
OUR_VIEWS = {
    "form": "kelurahan_crm.kelurahan_complaint_view_form",
    "list": "kelurahan_crm.kelurahan_complaint_view_list",
    "search": "kelurahan_crm.kelurahan_complaint_view_search",
}
# What a third-party helpdesk addon would add to helpdesk_mgmt's views, anchored the
# way such addons anchor (fields and containers of helpdesk_mgmt's own arch).
THIRD_PARTY = {
    "form": """
        <data>
            <field name="user_id" position="after">
                <field name="color" string="Third-party colour" />
            </field>
            <xpath expr="//notebook" position="inside">
                <page name="third_party_page" string="Third-party page">
                    <field name="kanban_state" />
                </page>
            </xpath>
        </data>""",
    "list": """
        <field name="name" position="after">
            <field name="kanban_state" string="Third-party column" />
        </field>""",
    "search": """
        <filter name="unassigned" position="after">
            <filter
                name="third_party_filter"
                string="Third-party filter"
                domain="[('color', '=', 1)]"
            />
        </filter>""",
}


@tagged("post_install", "-at_install")
class TestHelpdeskViewsExtended(KelurahanCase):
    def default_arch(self, view_type, user=None):
        Ticket = self.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        views = Ticket.get_views([(False, view_type)])["views"]
        return views[view_type]["id"], etree.fromstring(views[view_type]["arch"])

    def test_screens_are_primary_extensions_of_helpdesk(self):
        for view_type, xmlid in OUR_VIEWS.items():
            view = self.env.ref(xmlid)
            self.assertEqual(view.inherit_id, self.env.ref(HELPDESK_VIEWS[view_type]))
            self.assertEqual(view.mode, "primary")
            view_id, _arch = self.default_arch(view_type)
            self.assertEqual(view_id, view.id, f"default {view_type} view")

    def test_third_party_additions_appear_on_our_screens(self):
        for view_type, arch in THIRD_PARTY.items():
            self.env["ir.ui.view"].create(
                {
                    "name": f"third party {view_type}",
                    "model": "helpdesk.ticket",
                    "inherit_id": self.env.ref(HELPDESK_VIEWS[view_type]).id,
                    "arch": arch,
                }
            )
        _id, form = self.default_arch("form", self.user_officer)
        # Next to the officer, in the "Complaint" column where we placed it.
        self.assertTrue(
            form.xpath(
                "//group[@name='complaint']/field[@name='user_id']"
                "/following-sibling::field[1][@name='color']"
            )
        )
        self.assertTrue(form.xpath("//notebook/page[@name='third_party_page']"))
        _id, tree = self.default_arch("list", self.user_officer)
        self.assertTrue(tree.xpath("//field[@name='kanban_state']"))
        _id, search = self.default_arch("search", self.user_officer)
        self.assertTrue(search.xpath("//filter[@name='third_party_filter']"))

    def test_own_helpdesk_extensions_show_in_the_complaint_form(self):
        """The source of a complaint (extension of helpdesk_mgmt's form) used to be
        invisible on the kelurahan form, which replaced helpdesk_mgmt's."""
        _id, form = self.default_arch("form", self.user_officer)
        complaint = form.xpath("//group[@name='complaint']")[0]
        for name in ("category_id", "channel_id", "source_platform", "source_url"):
            self.assertTrue(complaint.xpath(f"field[@name='{name}']"), name)
        _id, search = self.default_arch("search", self.user_officer)
        self.assertTrue(search.xpath("//filter[@name='group_source_platform']"))

    def test_each_role_gets_its_form(self):
        """Officers see the hidden reporter fields, the RW officer does not; both get
        helpdesk_mgmt's handling fields (team, priority) under Other Information."""
        _id, officer_form = self.default_arch("form", self.user_officer)
        _id, rw_form = self.default_arch("form", self.user_rw)
        self.assertTrue(officer_form.xpath("//field[@name='kel_reporter_name']"))
        self.assertFalse(rw_form.xpath("//field[@name='kel_reporter_name']"))
        for form in (officer_form, rw_form):
            other = form.xpath("//page[@name='other_info']")[0]
            self.assertTrue(other.xpath(".//field[@name='team_id']"))
            self.assertTrue(other.xpath(".//field[@name='priority']"))
            reporter = form.xpath("//group[@name='reporter']")[0]
            self.assertTrue(reporter.xpath("field[@name='partner_id']"))
            self.assertTrue(reporter.xpath("field[@name='reporter_name']"))
