# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users who may not see the reporter of an anonymous complaint (RW officers) cannot
learn it by searching or grouping on the reporter fields either."""

from odoo.tests import tagged

from .common import KelurahanCase


def reporter_filter(text):
    """The search view's "Reporter" filter_domain
    (views/helpdesk_ticket_kelurahan_views.xml) for ``text``."""
    return [
        "|",
        "|",
        ("reporter_name", "ilike", text),
        ("reporter_phone", "ilike", text),
        ("partner_id", "child_of", text),
    ]


@tagged("post_install", "-at_install")
class TestComplaintAnonymousSearch(KelurahanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.user_portal.partner_id
        cls.partner.write({"name": "Ibu Sari Wulandari", "phone": "+62 811 111 222"})
        cls.anonymous = cls.make_ticket(
            partner_id=cls.partner.id,
            partner_name="Ibu Sari Wulandari",
            partner_email="sari.w@example.id",
            reporter_name="Ibu Sari Wulandari",
            reporter_phone="+62 811 111 222",
            is_anonymous=True,
        )
        # a second anonymous complaint by someone else: negated searches must treat
        # both alike, whatever their reporter is
        cls.anonymous_other = cls.make_ticket(
            reporter_name="Pak Budi Santoso",
            reporter_phone="+62 812 333 444",
            is_anonymous=True,
        )
        cls.named = cls.make_ticket(
            reporter_name="Ibu Sari Wulandari", reporter_phone="+62 811 111 222"
        )
        cls.tickets = cls.anonymous | cls.anonymous_other | cls.named

    def _search(self, user, domain):
        Ticket = self.env["helpdesk.ticket"].with_user(user)
        return Ticket.search(domain + [("id", "in", self.tickets.ids)])

    def _reporter_domains(self):
        return [
            [("reporter_name", "ilike", "Sari")],
            [("reporter_phone", "ilike", "111 222")],
            [("partner_id", "=", self.partner.id)],
            [("partner_id", "child_of", self.partner.id)],
            [("partner_id.name", "ilike", "Wulandari")],
            [("partner_id.phone", "ilike", "111")],
            [("commercial_partner_id", "in", self.partner.ids)],
            [("partner_name", "ilike", "Sari")],
            [("partner_email", "=ilike", "sari.w@example.id")],
            [("partner_id", "any", [("name", "ilike", "Sari")])],
            ["|", ("name", "=", "x"), ("reporter_name", "=ilike", "ibu sari%")],
        ]

    def test_rw_officer_search_never_matches_anonymous(self):
        # the RW officer sees all three complaints (their RW), without filters
        self.assertEqual(self._search(self.user_rw, []), self.tickets)
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        for domain in self._reporter_domains():
            found = self._search(self.user_rw, domain)
            self.assertNotIn(self.anonymous, found, domain)
        # the same filter finds the complaint that is not anonymous
        self.assertIn(
            self.named, self._search(self.user_rw, [("reporter_name", "ilike", "Sari")])
        )
        self.assertEqual(
            Ticket.search_count(
                [("reporter_name", "ilike", "Sari"), ("id", "in", self.tickets.ids)]
            ),
            1,
        )
        # the search view's reporter filter, as the web client sends it
        self.assertEqual(
            self._search(self.user_rw, reporter_filter("Sari")), self.named
        )
        self.assertIn(
            self.anonymous, self._search(self.user_officer, reporter_filter("Sari"))
        )

    def test_negated_search_does_not_tell_reporters_apart(self):
        """``not ilike``, ``!=`` and ``!`` give the same answer for both anonymous
        complaints, so the complement of a result names nobody."""
        hostile = [
            [("reporter_name", "not ilike", "Sari")],
            [("reporter_phone", "!=", "+62 811 111 222")],
            [("partner_id", "!=", self.partner.id)],
            [("partner_id", "not in", self.partner.ids)],
            ["!", ("reporter_name", "ilike", "Sari")],
            ["!", ("partner_id.name", "ilike", "Sari")],
            [("reporter_name", "=", False)],
            [("reporter_name", "!=", False)],
        ]
        for domain in hostile:
            found = self._search(self.user_rw, domain)
            self.assertEqual(
                self.anonymous in found, self.anonymous_other in found, domain
            )
        # and the officer's answer is still the truthful one
        found = self._search(self.user_officer, hostile[0])
        self.assertNotIn(self.anonymous, found)
        self.assertIn(self.anonymous_other, found)

    def test_rw_officer_grouping_leaves_anonymous_out(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_rw)
        domain = [("id", "in", self.tickets.ids)]
        for groupby in ("reporter_name", "partner_id", "reporter_phone"):
            groups = Ticket._read_group(domain, [groupby], ["id:recordset"])
            grouped = self.env["helpdesk.ticket"].union(
                *(records for _key, records in groups)
            )
            self.assertNotIn(self.anonymous, grouped, groupby)
            self.assertNotIn(self.anonymous_other, grouped, groupby)
        by_name = Ticket.read_group(domain, ["reporter_name"], ["reporter_name"])
        self.assertEqual(
            [(g["reporter_name"], g["reporter_name_count"]) for g in by_name],
            [("Ibu Sari Wulandari", 1)],
        )
        # grouping on other fields keeps every complaint
        by_state = Ticket._read_group(domain, ["kel_state"], ["__count"])
        self.assertEqual(sum(count for _state, count in by_state), 3)

    def test_officers_keep_full_search(self):
        for user in (self.user_officer, self.user_lurah, self.user_admin):
            for domain in self._reporter_domains():
                found = self._search(user, domain)
                self.assertIn(self.anonymous, found, (user.login, domain))
            groups = (
                self.env["helpdesk.ticket"]
                .with_user(user)
                ._read_group(
                    [("id", "in", self.tickets.ids)], ["partner_id"], ["__count"]
                )
            )
            self.assertIn((self.partner, 1), groups)

    def test_reporter_finds_own_anonymous_complaint(self):
        found = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_portal)
            .search([("partner_id", "child_of", self.partner.id)])
        )
        self.assertEqual(found, self.anonymous)
