# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""My complaints over real HTTP: list, detail, reply with photos, rate, dispute, the
home tile; isolation between residents (ids, attachments, chatter) and between RWs."""

import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import file_open

from ..controllers.portal import KelurahanCustomerPortal
from .portal_case import PortalCase, make_image

NOT_FOUND = "Pengaduan ini tidak ada atau bukan milik Anda"


@tagged("post_install", "-at_install")
class TestPortalMyComplaints(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a = cls.make_ticket(
            cls.resident_a.partner_id, name="Lampu jalan mati Alpha"
        )
        cls.photo_a = cls.env["ir.attachment"].create(
            {
                "name": "alpha.jpg",
                "raw": make_image(size=(40, 40)),
                "res_model": "helpdesk.ticket",
                "res_id": cls.ticket_a.id,
            }
        )
        cls.ticket_b = cls.make_ticket(
            cls.resident_b.partner_id, name="Sampah menumpuk Bravo", rw_id=cls.rw_b.id
        )

    def post_form(self, url, data=None, files=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.form_tokens("/my/pengaduan")["csrf_token"]
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def jsonrpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    # ------------------------------------------------------------------
    # List, detail, home tile
    # ------------------------------------------------------------------

    def test_list_search_and_filter(self):
        done = self.close_ticket(
            self.make_ticket(self.resident_a.partner_id, name="Got mampet Alpha")
        )
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open("/my/pengaduan")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ticket_a.number, page.text)
        self.assertIn(done.number, page.text)
        self.assertNotIn(self.ticket_b.number, page.text)
        page = self.url_open("/my/pengaduan?filterby=done")
        self.assertIn(done.number, page.text)
        self.assertNotIn(self.ticket_a.number, page.text)
        page = self.url_open("/my/pengaduan?search=Lampu")
        self.assertIn(self.ticket_a.number, page.text)
        self.assertNotIn(done.number, page.text)
        page = self.url_open("/my/pengaduan?search=Bravo&filterby=bogus&sortby=x")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.ticket_b.number, page.text)
        old = self.url_open("/my/tickets", allow_redirects=False)
        self.assertRegex(old.headers["Location"], r"/my/pengaduan$")

    def test_list_uses_helpdesk_searchbar_hooks(self):
        """Sorting and search come from helpdesk_mgmt's searchbar hooks (so an addon
        extending them reaches this list): helpdesk's "Title" order, our category
        search, and a sort order added by another addon."""
        # Newer than ticket_a, later in the alphabet.
        self.make_ticket(self.resident_a.partner_id, name="Zzz got mampet")
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open("/my/pengaduan?sortby=name")
        self.assertEqual(page.status_code, 200)
        self.assertIn('<option value="name" selected', page.text)
        self.assertLess(page.text.index("Lampu jalan"), page.text.index("Zzz got"))
        page = self.url_open("/my/pengaduan?sortby=date")
        self.assertLess(page.text.index("Zzz got"), page.text.index("Lampu jalan"))
        category = self.category.with_context(lang="id_ID").name  # the resident's
        page = self.url_open(f"/my/pengaduan?search={category}&search_in=category")
        self.assertIn(self.ticket_a.number, page.text)
        page = self.url_open(f"/my/pengaduan?search={category}&search_in=number")
        self.assertNotIn(self.ticket_a.number, page.text)
        self.assertIn("o_kel_empty", page.text)
        original = KelurahanCustomerPortal._ticket_get_searchbar_sortings

        def with_category_order(portal):
            sortings = original(portal)
            sortings["category"] = {
                "label": "Kategori",
                "order": "category_id, id",
                "sequence": 9,
            }
            return sortings

        with patch.object(
            KelurahanCustomerPortal,
            "_ticket_get_searchbar_sortings",
            with_category_order,
        ):
            page = self.url_open("/my/pengaduan?sortby=category")
        self.assertEqual(page.status_code, 200)
        self.assertIn('<option value="category" selected', page.text)

    def test_home_tile_counts(self):
        self.close_ticket(self.make_ticket(self.resident_a.partner_id))
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open("/my")
        self.assertIn('class="o_kel_count_open">1<', page.text)
        self.assertIn('class="o_kel_count_done">1<', page.text)
        self.assertIn("/my/pengaduan/baru", page.text)
        counters = self.jsonrpc("/my/counters", {"counters": ["pengaduan_count"]})
        self.assertEqual(counters["result"]["pengaduan_count"], 2)

    def test_detail_shows_timeline_messages_photos(self):
        self.ticket_a.message_post(
            body="Petugas sudah meninjau lokasi",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.ticket_a.message_post(
            body="Catatan internal rahasia", subtype_xmlid="mail.mt_note"
        )
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open(f"/my/pengaduan/{self.ticket_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lampu jalan mati Alpha", page.text)
        self.assertIn("Petugas sudah meninjau lokasi", page.text)
        self.assertNotIn("Catatan internal rahasia", page.text)
        self.assertIn(f"/web/image/{self.photo_a.id}/160x160?access_token=", page.text)
        self.assertIn('data-step="reported"', page.text)
        token = self.photo_a.access_token
        self.assertTrue(token)
        photo = self.url_open(f"/web/content/{self.photo_a.id}?access_token={token}")
        self.assertEqual(photo.content, self.photo_a.raw)
        legacy = self.url_open(f"/my/ticket/{self.ticket_a.id}", allow_redirects=False)
        self.assertRegex(
            legacy.headers["Location"], rf"/my/pengaduan/{self.ticket_a.id}$"
        )

    # ------------------------------------------------------------------
    # Reply, rate, dispute
    # ------------------------------------------------------------------

    def test_reply_with_photo_and_refusals(self):
        self.authenticate("kel_res_a", "kel_res_a")
        url = f"/my/pengaduan/{self.ticket_a.id}/balas"
        photo = make_image(size=(2000, 1000))
        response = self.post_form(
            url,
            {"message": "<img src=x onerror=alert(1)> masih gelap"},
            files=[("photos", ("malam.jpg", photo, "image/jpeg"))],
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        message = self.ticket_a.message_ids[0]
        self.assertEqual(message.author_id, self.resident_a.partner_id)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertEqual(message.attachment_ids.res_id, self.ticket_a.id)
        self.assertNotIn("<img", message.body)
        page = self.url_open(response.headers["Location"])
        self.assertIn("Pesan Anda sudah terkirim", page.text)
        self.assertIn("&lt;img src=x", page.text)
        count = len(self.ticket_a.message_ids)
        before = self.counts()
        for data, files, csrf, fragment in (
            ({"message": ""}, None, True, "Tulis pesan atau tambahkan foto"),
            ({"message": "x" * 4001}, None, True, "terlalu panjang"),
            ({"message": "ok"}, None, False, "Formulir ini sudah kedaluwarsa"),
            (
                {"message": "ok"},
                [("photos", ("x.jpg", b"GIF89a....", "image/jpeg"))],
                True,
                "bukan foto",
            ),
        ):
            response = self.post_form(url, data, files=files, csrf=csrf)
            self.assertRefused(response, before, fragment)
            self.assertEqual(len(self.ticket_a.message_ids), count)

    def test_rate_done_complaint(self):
        self.authenticate("kel_res_a", "kel_res_a")
        url = f"/my/pengaduan/{self.ticket_a.id}/nilai"
        response = self.post_form(url, {"rating": "5"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Hanya pengaduan berstatus Selesai yang dapat dinilai", response.text
        )
        self.assertFalse(self.ticket_a.rating)
        self.close_ticket(self.ticket_a)
        for value in ("9", "", "<b>"):
            response = self.post_form(url, {"rating": value})
            self.assertEqual(response.status_code, 400)
            self.assertIn("Pilih nilai 1 sampai 5", response.text)
        response = self.post_form(url, {"rating": "4", "rating_comment": "Cepat"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_a.rating, "4")
        self.assertEqual(self.ticket_a.rating_comment, "Cepat")

    def test_dispute_within_window_only(self):
        self.authenticate("kel_res_a", "kel_res_a")
        url = f"/my/pengaduan/{self.ticket_a.id}/sengketa"
        response = self.post_form(url, {"dispute_reason": "Belum beres"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket_a.is_disputed)
        self.close_ticket(self.ticket_a)
        response = self.post_form(url, {"dispute_reason": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Alasan wajib diisi", response.text)
        response = self.post_form(url, {"dispute_reason": "Lampu mati lagi"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertTrue(self.ticket_a.is_disputed)
        self.assertEqual(self.ticket_a.kel_state, "progress")
        self.assertEqual(self.ticket_a.dispute_reason, "Lampu mati lagi")

    def test_dispute_after_window_refused(self):
        days = self.ticket_a.company_id.kel_dispute_days
        now = fields.Datetime.now()
        self.ticket_a.date_reported = now - timedelta(days=days + 10)
        self.close_ticket(self.ticket_a)
        self.ticket_a.sudo().date_done = now - timedelta(days=days + 1)
        self.authenticate("kel_res_a", "kel_res_a")
        page = self.url_open(f"/my/pengaduan/{self.ticket_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ticket_a.number, page.text)
        self.assertNotIn("o_kel_dispute_form", page.text)
        response = self.post_form(
            f"/my/pengaduan/{self.ticket_a.id}/sengketa",
            {"dispute_reason": "Terlambat"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("sudah lewat", response.text)
        self.assertFalse(self.ticket_a.is_disputed)
        self.assertEqual(self.ticket_a.kel_state, "done")

    # ------------------------------------------------------------------
    # Isolation between residents
    # ------------------------------------------------------------------

    def test_other_resident_cannot_reach_complaint(self):
        self.close_ticket(self.ticket_a)
        self.authenticate("kel_res_b", "kel_res_b")
        messages = len(self.ticket_a.message_ids)
        for url in (
            f"/my/pengaduan/{self.ticket_a.id}",
            "/my/pengaduan/999999999",
            "/my/pengaduan/99999999999",
            "/my/pengaduan/0",
        ):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 404, url)
            self.assertNotIn("Lampu jalan mati Alpha", page.text)
        unknown = self.url_open("/my/pengaduan/999999999")
        self.assertIn(NOT_FOUND, unknown.text)
        for action, data in (
            ("balas", {"message": "intip"}),
            ("nilai", {"rating": "1"}),
            ("sengketa", {"dispute_reason": "bukan saya"}),
        ):
            response = self.post_form(
                f"/my/pengaduan/{self.ticket_a.id}/{action}", data
            )
            self.assertEqual(response.status_code, 404, action)
        self.assertEqual(len(self.ticket_a.message_ids), messages)
        self.assertFalse(self.ticket_a.rating)
        self.assertFalse(self.ticket_a.is_disputed)
        # attachments: neither by id nor by the image route
        self.photo_a.generate_access_token()
        for url in (
            f"/web/content/{self.photo_a.id}",
            f"/web/content/{self.photo_a.id}?access_token=00000000-guess",
            f"/web/content/ir.attachment/{self.photo_a.id}/datas",
        ):
            # ir.binary's AccessError is a UserError: Odoo answers 404
            refused = self.url_open(url)
            self.assertEqual(refused.status_code, 404, url)
            self.assertNotEqual(refused.content, self.photo_a.raw)
        # /web/image answers a placeholder picture, never the photo itself
        image = self.url_open(f"/web/image/{self.photo_a.id}")
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        with file_open("web/static/img/placeholder.png", "rb") as placeholder:
            self.assertEqual(image.content, placeholder.read())
        # ORM over JSON-RPC
        reply = self.jsonrpc(
            "/web/dataset/call_kw",
            {
                "model": "helpdesk.ticket",
                "method": "read",
                "args": [[self.ticket_a.id], ["name"]],
                "kwargs": {},
            },
        )
        self.assertIn("AccessError", reply["error"]["data"]["name"])
        # chatter: neither posting nor reading the thread
        reply = self.jsonrpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.ticket_a.id,
                "post_data": {"body": "intip", "message_type": "comment"},
            },
        )
        # mail's refusal of a thread the user may not reach: NotFound
        self.assertEqual(
            reply["error"]["data"]["name"], "werkzeug.exceptions.NotFound", reply
        )
        reply = self.jsonrpc(
            "/mail/thread/messages",
            {"thread_model": "helpdesk.ticket", "thread_id": self.ticket_a.id},
        )
        # an answer, not an error: the record rules leave no message to read
        self.assertNotIn("error", reply)
        self.assertEqual(reply["result"]["messages"], [])
        self.assertNotIn("Lubang besar", json.dumps(reply))
        self.assertEqual(len(self.ticket_a.message_ids), messages)
        # helpdesk_mgmt's close route no longer changes any ticket
        stage = (
            self.env["helpdesk.ticket.stage"].search(
                [("close_from_portal", "=", True)], limit=1
            )
            or self.stage["rejected"]
        )
        closed = self.url_open(
            f"/ticket/close?ticket_id={self.ticket_b.id}&stage_id={stage.id}",
            allow_redirects=False,
        )
        self.assertEqual(closed.status_code, 303)
        self.assertTrue(closed.headers["Location"].endswith("/my/pengaduan"))
        self.assertEqual(self.ticket_b.kel_state, "new")

    def test_public_visitor_gets_login(self):
        response = self.url_open(
            f"/my/pengaduan/{self.ticket_a.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    # ------------------------------------------------------------------
    # Isolation between RWs
    # ------------------------------------------------------------------

    def test_rw_officer_stays_within_rw(self):
        self.authenticate("kel_rw_a", "kel_rw_a")
        reply = self.jsonrpc(
            "/web/dataset/call_kw",
            {
                "model": "helpdesk.ticket",
                "method": "search_read",
                "args": [
                    [("id", "in", [self.ticket_a.id, self.ticket_b.id])],
                    ["rw_id"],
                ],
                "kwargs": {},
            },
        )
        self.assertEqual([r["id"] for r in reply["result"]], [self.ticket_a.id])
        reply = self.jsonrpc(
            "/web/dataset/call_kw",
            {
                "model": "helpdesk.ticket",
                "method": "read",
                "args": [[self.ticket_b.id], ["name"]],
                "kwargs": {},
            },
        )
        self.assertIn("AccessError", reply["error"]["data"]["name"])
        # the portal pages show an officer only complaints they reported themselves
        page = self.url_open(f"/my/pengaduan/{self.ticket_b.id}")
        self.assertEqual(page.status_code, 404)
        page = self.url_open(f"/my/pengaduan/{self.ticket_a.id}")
        self.assertEqual(page.status_code, 404)
        listing = self.url_open("/my/pengaduan")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("o_kel_empty", listing.text, "nothing they reported")
        self.assertNotIn(self.ticket_b.number, listing.text)
        self.assertIn(
            self.url_open(f"/web/content/{self.photo_a.id}").status_code,
            (200,),
            "an RW officer may open photos of complaints of their own RW",
        )
        self.authenticate("kel_rw_b", "kel_rw_b")
        self.assertIn(
            self.url_open(f"/web/content/{self.photo_a.id}").status_code, (403, 404)
        )
