# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""UU PDP step 1: the notice and consent on the complaint intakes, the privacy page,
notice versions and the resident's own consent records."""

from odoo.tests import tagged

from .common import call_kw, role_user
from .portal_case import PortalCase


@tagged("post_install", "-at_install")
class TestPdpConsent(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env["kelurahan.privacy.notice"]
        cls.Consent = cls.env["kelurahan.consent"].sudo()
        cls.admin = role_user(
            cls.env, "kel_pdp_admin", "admin", password="kel_pdp_admin"
        )
        cls.notice = cls.Notice._kel_current(cls.company)

    def consents_of(self, ticket):
        return self.Consent.search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def last_ticket(self):
        return self.env["helpdesk.ticket"].sudo().search([], order="id desc", limit=1)

    # ------------------------------------------------------------------
    # Intakes
    # ------------------------------------------------------------------

    def test_public_form_shows_notice_and_records_consent(self):
        page = self.url_open("/pengaduan/lapor")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.notice.body[:40], page.text)
        self.assertIn('href="/privasi"', page.text)
        self.assertIn('name="kel_consent"', page.text)
        response = self.post_report()
        self.assertEqual(response.status_code, 303, response.text[:300])
        ticket = self.last_ticket()
        self.assertEqual(ticket.reporter_name, "Budi Santoso")
        consent = self.consents_of(ticket)
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.notice_id, self.notice)
        self.assertEqual(consent.channel, "public_form")
        self.assertEqual(consent.basis, "consent")
        self.assertTrue(consent.date)

    def test_new_version_given_to_later_records_only(self):
        self.post_report()
        first = self.last_ticket()
        new = self.Notice.create(
            {"company_id": self.company.id, "body": "Pemberitahuan versi baru."}
        )
        self.assertEqual(new.version, self.notice.version + 1)
        self.assertEqual(self.Notice._kel_current(self.company), new)
        page = self.url_open("/pengaduan/lapor")
        self.assertIn("Pemberitahuan versi baru.", page.text)
        self.post_report()
        second = self.last_ticket()
        self.assertEqual(self.consents_of(first).notice_id, self.notice)
        self.assertEqual(self.consents_of(second).notice_id, new)

    def test_refusal_keeps_anonymous_path(self):
        before = self.env["kelurahan.complaint.reporter"].sudo().search_count([])
        response = self.post_report(kel_consent=None)
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertIn("/pengaduan/lacak/", response.headers["Location"])
        ticket = self.last_ticket()
        self.assertTrue(ticket.is_anonymous)
        self.assertFalse(ticket.reporter_name)
        self.assertFalse(ticket.reporter_phone)
        self.assertFalse(ticket.partner_email)
        self.assertFalse(ticket.kel_reporter_id)
        self.assertEqual(
            self.env["kelurahan.complaint.reporter"].sudo().search_count([]), before
        )
        self.assertFalse(self.consents_of(ticket))
        # the private tracking link works
        track = self.url_open(response.headers["Location"])
        self.assertEqual(track.status_code, 200)
        self.assertIn(ticket.number, track.text)
        # the form explains the refusal path in Indonesian
        page = self.url_open("/pengaduan/lapor")
        self.assertIn("laporan anonim", page.text)

    def test_portal_form_records_consent_of_resident(self):
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open("/my/pengaduan/baru")
        self.assertIn(self.notice.body[:40], page.text)
        response = self.post_report(public=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        ticket = self.last_ticket()
        consent = self.consents_of(ticket)
        self.assertEqual(consent.channel, "portal")
        self.assertEqual(consent.partner_id, self.resident_a.partner_id)
        self.assertEqual(consent.notice_id, self.notice)

    def test_portal_refusal_is_anonymous(self):
        self.authenticate("kel_res_a", "kel_res_a")
        response = self.post_report(public=False, kel_consent=None)
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertIn("/pengaduan/lacak/", response.headers["Location"])
        ticket = self.last_ticket()
        self.assertTrue(ticket.is_anonymous)
        self.assertFalse(ticket.partner_id)
        self.assertFalse(ticket.kel_reporter_id)
        self.assertFalse(self.consents_of(ticket))

    def test_rw_quick_form_records_officer_agreement(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.officer_rw_a)
        action = Ticket._kel_action_quick_report()
        ticket = Ticket.with_context(**action["context"]).create(
            {
                "name": "Saluran tersumbat",
                "kel_description_text": "Saluran air tersumbat di RT 01.",
                "category_id": self.category.id,
                "rw_id": self.rw_a.id,
                "reporter_name": "Ibu Wati",
                "reporter_phone": "0812 5555 6666",
                "kel_notice_ack": True,
            }
        )
        consent = self.consents_of(ticket)
        self.assertEqual(consent.channel, "rw_form")
        self.assertEqual(consent.recorded_by_id, self.officer_rw_a)
        self.assertEqual(consent.notice_id, self.notice)
        # without the resident's agreement nothing is recorded as consent
        other = Ticket.with_context(**action["context"]).create(
            {
                "name": "Lampu jalan mati",
                "kel_description_text": "Lampu jalan mati di RT 01.",
                "category_id": self.category.id,
                "rw_id": self.rw_a.id,
                "is_anonymous": True,
            }
        )
        self.assertFalse(self.consents_of(other))

    def test_context_cannot_backdate_or_redirect_a_consent(self):
        """JSON-RPC passes any context: default_* keys must not fill a consent row."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.officer_rw_a)
        action = Ticket._kel_action_quick_report()
        ticket = Ticket.with_context(
            **action["context"],
            default_date="2020-01-01 00:00:00",
            default_channel="whatsapp",
            default_recorded_by_id=self.env.ref("base.user_admin").id,
        ).create(
            {
                "name": "Got mampet",
                "kel_description_text": "Got mampet di RT 02.",
                "category_id": self.category.id,
                "rw_id": self.rw_a.id,
                "reporter_name": "Pak Budi",
                "reporter_phone": "0812 5555 7777",
                "kel_notice_ack": True,
            }
        )
        consent = self.consents_of(ticket)
        self.assertEqual(len(consent), 1)
        self.assertGreater(consent.date.year, 2020)
        self.assertEqual(consent.channel, "rw_form")
        self.assertEqual(consent.recorded_by_id, self.officer_rw_a)

    # ------------------------------------------------------------------
    # Privacy page
    # ------------------------------------------------------------------

    def test_privacy_page_shows_configured_values(self):
        self.company.write(
            {
                "kel_retention_complaint_years": 7,
                "kel_privacy_contact": "privasi@kelurahan.test",
            }
        )
        self.env["kelurahan.agency"].create(
            {"name": "Suku Dinas Uji Privasi", "kind": "suku_dinas"}
        )
        page = self.url_open("/privasi")
        self.assertEqual(page.status_code, 200)
        self.assertIn("7 tahun", page.text)
        self.assertIn("privasi@kelurahan.test", page.text)
        self.assertIn("Suku Dinas Uji Privasi", page.text)
        self.assertIn(self.company.name, page.text)
        self.assertIn(self.notice.body[:40], page.text)
        self.company.kel_retention_complaint_years = 3
        self.assertIn("3 tahun", self.url_open("/privasi").text)
        home = self.url_open("/")
        self.assertIn('href="/privasi"', home.text)

    # ------------------------------------------------------------------
    # Notice versions and consent rows at RPC
    # ------------------------------------------------------------------

    def test_used_version_is_immutable_at_rpc(self):
        self.post_report()
        self.authenticate("kel_pdp_admin", "kel_pdp_admin")
        answer = call_kw(
            self, "kelurahan.privacy.notice", "write", [self.notice.id], {"body": "X"}
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("Create a new version", answer["error"]["data"]["message"])
        self.assertNotEqual(self.notice.body, "X")
        # an unused version can still be corrected
        draft = self.Notice.create({"body": "Draf"})
        answer = call_kw(
            self, "kelurahan.privacy.notice", "write", [draft.id], {"body": "Draf 2"}
        )
        self.assertTrue(answer["result"])

    def test_consents_are_append_only_at_rpc(self):
        self.post_report()
        consent = self.consents_of(self.last_ticket())
        self.authenticate("kel_pdp_admin", "kel_pdp_admin")
        answer = call_kw(
            self, "kelurahan.consent", "write", [consent.id], {"channel": "office"}
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("cannot be changed", answer["error"]["data"]["message"])
        # no group may delete them
        answer = call_kw(self, "kelurahan.consent", "unlink", [consent.id])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("(kelurahan.consent)", answer["error"]["data"]["message"])
        self.assertTrue(consent.exists())
        answer = call_kw(
            self,
            "kelurahan.consent",
            "create",
            [
                {
                    "notice_id": self.notice.id,
                    "channel": "office",
                    "res_model": "helpdesk.ticket",
                    "res_id": 1,
                }
            ],
        )
        self.assertIn("intake forms only", answer["error"]["data"]["message"])
        self.assertEqual(consent.channel, "public_form")
        # officers read them
        answer = call_kw(self, "kelurahan.consent", "read", [consent.id], ["channel"])
        self.assertEqual(answer["result"][0]["channel"], "public_form")

    # ------------------------------------------------------------------
    # My consents
    # ------------------------------------------------------------------

    def test_resident_reads_own_consents_only(self):
        self.authenticate("kel_res_a", "kel_res_a")
        self.post_report(public=False)
        consent = self.consents_of(self.last_ticket())
        listing = self.url_open("/my/persetujuan")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f"/my/persetujuan/{consent.id}", listing.text)
        detail = self.url_open(f"/my/persetujuan/{consent.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(self.notice.body[:40], detail.text)
        home = self.url_open("/my")
        self.assertIn("/my/persetujuan", home.text)

        self.authenticate("kel_res_b", "kel_res_b")
        refused = self.url_open(f"/my/persetujuan/{consent.id}")
        self.assertEqual(refused.status_code, 404)
        self.assertIn("tidak ada atau bukan milik Anda", refused.text)
        listing = self.url_open("/my/persetujuan")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn(f"/my/persetujuan/{consent.id}", listing.text)
        # nor through the ORM
        answer = call_kw(self, "kelurahan.consent", "read", [consent.id], ["channel"])
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
