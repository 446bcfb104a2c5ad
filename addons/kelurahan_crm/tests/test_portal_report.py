# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reporting a complaint from the portal over real HTTP: the happy paths, every
refusal (nothing stored, a clear Indonesian message), spam protection."""

import io
import re

from PIL import Image

from odoo.tests import tagged

from ..tools import image_upload
from .portal_case import PortalCase, make_image

SAVED_NOTHING = "Tidak ada yang disimpan"


@tagged("post_install", "-at_install")
class TestPortalReport(PortalCase):
    def test_public_report_with_photo(self):
        """Without an account: the complaint is stored with the reporter's contact,
        the photo is shrunk and stripped of EXIF, the visitor lands on the private
        tracking page showing the number."""
        photo = make_image(size=(3000, 2000), exif=True)
        response = self.post_report(
            files=[("photos", ("IMG_0001.JPG", photo, "image/jpeg"))]
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        location = response.headers["Location"]
        self.assertRegex(location, r"/pengaduan/lacak/[\w-]{32}\?baru=1$")
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("reporter_name", "=", "Budi Santoso"),
                    ("partner_email", "=", "budi@example.id"),
                ]
            )
        )
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.reporter_phone, "0812 3456 7890")
        self.assertEqual(ticket.partner_email, "budi@example.id")
        self.assertEqual(
            ticket.channel_id, self.env.ref("kelurahan_crm.channel_portal")
        )
        self.assertEqual((ticket.rw_id, ticket.rt_id), (self.rw_a, self.rt_a1))
        self.assertEqual(ticket.kel_state, "new")
        self.assertRegex(ticket.number, r"^ADU/\d{4}/\d{6}$")
        attachment = ticket.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.mimetype, "image/jpeg")
        image = Image.open(io.BytesIO(attachment.raw))
        self.assertEqual(max(image.size), image_upload.MAX_SIDE)
        self.assertFalse(image.getexif(), "EXIF (GPS, names) is dropped")
        self.assertLess(len(attachment.raw), len(photo))
        page = self.url_open(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.number, page.text)
        self.assertIn("Laporan Anda sudah diterima", page.text)
        self.assertNotIn("Budi Santoso", page.text)

    def test_resident_report(self):
        self.authenticate("kel_res_a", "kel_res_a")
        png = make_image("PNG", size=(800, 600))
        webp = make_image("WEBP", size=(500, 500))
        response = self.post_report(
            public=False,
            files=[
                ("photos", ("a.png", png, "image/png")),
                ("photos", ("b.webp", webp, "image/webp")),
            ],
            is_anonymous="1",
            latitude="-6.3",
            longitude="106.87",
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        ticket_id = int(
            re.search(r"/my/pengaduan/(\d+)\?baru=1", response.headers["Location"])[1]
        )
        ticket = self.env["helpdesk.ticket"].sudo().browse(ticket_id)
        self.assertTrue(ticket.is_anonymous)
        self.assertAlmostEqual(ticket.latitude, -6.3)
        # Anonymous: the resident is the hidden reporter, and nothing on the
        # complaint names them (no partner, follower, create user or author).
        resident = self.resident_a.partner_id
        self.assertEqual(ticket.kel_reporter_id.partner_id, resident)
        self.assertFalse(ticket.partner_id or ticket.reporter_name)
        self.assertNotIn(resident, ticket.message_partner_ids)
        odoobot = self.env.ref("base.user_root")
        self.assertEqual(ticket.create_uid, odoobot)
        self.assertEqual(ticket.attachment_ids.create_uid, odoobot)
        self.assertNotIn(resident, ticket.message_ids.author_id)
        self.assertNotIn(self.resident_a, ticket.message_ids.create_uid)
        self.assertEqual(
            sorted(ticket.attachment_ids.mapped("mimetype")),
            ["image/jpeg", "image/webp"],
        )
        page = self.url_open(response.headers["Location"])
        self.assertIn(ticket.number, page.text)
        self.assertIn("Laporan Anda sudah diterima", page.text)

    def test_html_is_shown_as_text(self):
        self.authenticate("kel_res_a", "kel_res_a")
        script = "<script>alert('x')</script><b>tebal</b>"
        response = self.post_report(
            public=False, description=script, name=script, location_address=script
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(response.headers["Location"])
        self.assertNotIn("<script>alert", page.text)
        self.assertNotIn("<b>tebal</b>", page.text)
        self.assertIn("&lt;script&gt;alert(", page.text)
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("partner_id", "=", self.resident_a.partner_id.id)])
        )
        self.assertNotIn("<script>", ticket.description)

    # ------------------------------------------------------------------
    # Refusals: nothing stored, clear message
    # ------------------------------------------------------------------

    def test_missing_and_wrong_csrf(self):
        before = self.counts()
        tokens = self.form_tokens("/pengaduan/lapor")
        del tokens["csrf_token"]
        response = self.post_report(tokens=tokens)
        self.assertRefused(response, before, "Formulir ini sudah kedaluwarsa")
        tokens["csrf_token"] = "0" * 40 + "o1234567890"
        self.assertRefused(self.post_report(tokens=tokens), before, SAVED_NOTHING)
        self.authenticate("kel_res_a", "kel_res_a")
        tokens = self.form_tokens("/my/pengaduan/baru")
        del tokens["csrf_token"]
        self.assertRefused(self.post_report(public=False, tokens=tokens), before)

    def test_empty_and_overlong_fields(self):
        before = self.counts()
        response = self.post_report(description="   ", reporter_name="")
        self.assertRefused(response, before, "Uraian wajib diisi")
        self.assertIn("Nama Anda wajib diisi", response.text)
        response = self.post_report(description="x" * 4001)
        self.assertRefused(response, before, "terlalu panjang")
        response = self.post_report(name="y" * 121)
        self.assertRefused(response, before, "terlalu panjang")
        response = self.post_report(reporter_phone="", partner_email="")
        self.assertRefused(response, before, "nomor telepon atau alamat e-mail")
        response = self.post_report(reporter_phone="12")
        self.assertRefused(response, before, "8 sampai 15 angka")
        response = self.post_report(partner_email="not-an-email")
        self.assertRefused(response, before, "Alamat e-mail tidak valid")

    def test_unknown_ids(self):
        before = self.counts()
        for value in ("999999", "abc", "-3", "1e9"):
            response = self.post_report(category_id=value)
            self.assertRefused(response, before, "Kategori yang dipilih tidak ada")
        response = self.post_report(category_id="")
        self.assertRefused(response, before, "Pilih kategori")
        response = self.post_report(rw_id="999999")
        self.assertRefused(response, before, "RW yang dipilih tidak ada")
        response = self.post_report(rw_id=str(self.rw_b.id), rt_id=str(self.rt_a1.id))
        self.assertRefused(response, before, "RT yang dipilih tidak berada")
        hidden_category = self.category.copy({"show_in_portal": False})
        response = self.post_report(category_id=str(hidden_category.id))
        self.assertRefused(response, before, "Kategori yang dipilih tidak ada")

    def test_tampered_hidden_fields(self):
        before = self.counts()
        tokens = self.form_tokens("/pengaduan/lapor")
        tokens["form_ts"] = str(int(tokens["form_ts"]) + 1)
        response = self.post_report(tokens=tokens)
        self.assertRefused(response, before, "Formulir diubah sebelum dikirim")
        tokens = self.form_tokens("/pengaduan/lapor")
        tokens.pop("form_sig")
        self.assertRefused(self.post_report(tokens=tokens), before, "Formulir diubah")
        response = self.post_report(latitude="91", longitude="10")
        self.assertRefused(response, before, "Posisi peta tidak valid")
        response = self.post_report(latitude="abc", longitude="")
        self.assertRefused(response, before, "Posisi peta tidak valid")

    def test_files_refused(self):
        before = self.counts()
        cases = [
            ("laporan.jpg", b"%PDF-1.4 not an image" * 10, "bukan foto"),
            (
                "foto.jpg",
                b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50,
                "tidak dapat dibaca",
            ),
            ("gambar.gif", b"GIF89a" + b"\x00" * 64, "bukan foto"),
            ("peta.svg", b"<svg onload='alert(1)'></svg>", "bukan foto"),
            ("kosong.jpg", b"", "kosong"),
        ]
        for name, data, fragment in cases:
            response = self.post_report(files=[("photos", (name, data, "image/jpeg"))])
            self.assertRefused(response, before, fragment)
        big = make_image("PNG", size=(10, 10)) + b"\x00" * (10 * 1024 * 1024)
        response = self.post_report(files=[("photos", ("besar.png", big, "image/png"))])
        self.assertRefused(response, before, "lebih besar dari 10 MB")
        small = make_image(size=(50, 50))
        six = [("photos", (f"f{i}.jpg", small, "image/jpeg")) for i in range(6)]
        response = self.post_report(files=six)
        self.assertRefused(response, before, "Paling banyak 5 foto")
        # a valid photo next to a bad one: nothing is stored either
        mixed = [
            ("photos", ("ok.jpg", small, "image/jpeg")),
            ("photos", ("bad.jpg", b"MZ\x90\x00", "image/jpeg")),
        ]
        self.assertRefused(self.post_report(files=mixed), before, "bukan foto")

    def test_honeypot_and_rate_limit(self):
        before = self.counts()
        response = self.post_report(kel_website="http://spam.example")
        self.assertRefused(response, before, "tidak dapat diterima")
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("kelurahan_crm.portal_report_limit", "3")
        # the honeypot hit counted: 2 more reports pass, the next is refused
        for _i in range(2):
            self.assertEqual(self.post_report().status_code, 303)
        after_two = self.counts()
        response = self.post_report()
        self.assertRefused(response, after_two, "Terlalu banyak laporan")
        # the limit is per connection kind: a logged-in resident has their own
        self.authenticate("kel_res_a", "kel_res_a")
        self.assertEqual(self.post_report(public=False).status_code, 303)

    def test_form_sent_too_fast_or_expired(self):
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("kelurahan_crm.portal_form_min_seconds", "30")
        before = self.counts()
        self.assertRefused(self.post_report(), before, "terlalu cepat")

    def test_logged_in_user_is_sent_to_resident_form(self):
        self.authenticate("kel_res_a", "kel_res_a")
        response = self.url_open("/pengaduan/lapor", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertRegex(response.headers["Location"], r"/my/pengaduan/baru$")

    def test_public_pages_speak_indonesian(self):
        for url in ("/pengaduan/lapor", "/pengaduan/lacak", "/pengaduan/transparansi"):
            page = self.url_open(url, headers={"Accept-Language": "en-US,en;q=0.9"})
            self.assertEqual(page.status_code, 200)
            self.assertIn("Lacak pengaduan", page.text)
        page = self.url_open("/pengaduan/lapor")
        self.assertIn("Laporkan masalah", page.text)
        self.assertIn("Kirim laporan", page.text)
