# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the resident portal tests: two residents, an RW officer per RW,
two RWs with RTs, photos made with Pillow, and helpers to post the portal forms over
real HTTP (CSRF token and signed form stamp taken from the served page)."""

import io
import re

from PIL import Image

from odoo.tests import HttpCase

from .common import role_user, walk_to_stage

CTX = {"no_reset_password": True, "mail_create_nolog": True}


def make_image(fmt="JPEG", size=(2400, 1800), color=(200, 40, 40), exif=False):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x013B] = "Dewi Lestari"  # Artist
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def hidden(html, name):
    match = re.search(rf'name="{name}"\s+value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"\s+name="{name}"', html
    )
    return match[1] if match else None


class PortalCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **CTX))
        cls.company = cls.env.company
        Rw = cls.env["kelurahan.rw"]
        cls.rw_a = Rw.create(
            {"name": "RW 81", "number": 81, "company_id": cls.company.id}
        )
        cls.rw_b = Rw.create(
            {"name": "RW 82", "number": 82, "company_id": cls.company.id}
        )
        Rt = cls.env["kelurahan.rt"]
        cls.rt_a1 = Rt.create({"name": "RT 001", "number": 1, "rw_id": cls.rw_a.id})
        cls.rt_b1 = Rt.create({"name": "RT 001", "number": 1, "rw_id": cls.rw_b.id})
        cls.category = cls.env.ref("kelurahan_crm.category_jalan_rusak")
        cls.stage = {
            state: cls.env.ref(f"kelurahan_crm.stage_{state}")
            for state in ("new", "verify", "dispatch", "progress", "done", "rejected")
        }
        cls.resident_a, cls.resident_b = (
            role_user(
                cls.env,
                login,
                "portal",
                context=CTX,
                password=login,
                name=name,
                email=email,
                lang="id_ID",
                tz="Asia/Jakarta",
            )
            for login, name, email in (
                ("kel_res_a", "Resident Alpha", "alpha@example.id"),
                ("kel_res_b", "Resident Bravo", "bravo@example.id"),
            )
        )
        cls.resident_a.partner_id.phone = "0812-1111-2222"
        cls.officer_rw_a, cls.officer_rw_b = (
            role_user(cls.env, login, "rw", rws=rw, context=CTX, password=login)
            for login, rw in (("kel_rw_a", cls.rw_a), ("kel_rw_b", cls.rw_b))
        )
        ICP = cls.env["ir.config_parameter"].sudo()
        ICP.set_param("kelurahan_crm.portal_form_min_seconds", "0")
        ICP.set_param("kelurahan_crm.portal_report_limit", "50")
        ICP.set_param("kelurahan_crm.portal_report_user_limit", "50")
        ICP.set_param("kelurahan_crm.portal_track_limit", "50")

    @classmethod
    def make_ticket(cls, partner=None, **vals):
        values = {
            "name": "Jalan berlubang",
            "description": "<p>Lubang besar</p>",
            "category_id": cls.category.id,
            "rw_id": cls.rw_a.id,
            "company_id": cls.company.id,
            "reporter_phone": "0813 9999 4321",
            "reporter_name": "Pelapor Publik",
        }
        if partner:
            values.update(partner_id=partner.id, reporter_name=partner.name)
        values.update(vals)
        ticket = cls.env["helpdesk.ticket"].create(values)
        if partner:
            ticket.message_subscribe(partner_ids=partner.ids)
        return ticket

    @classmethod
    def close_ticket(cls, ticket, note="Lubang sudah ditambal"):
        walk_to_stage(ticket, "done", followup_note=note)
        return ticket

    # ------------------------------------------------------------------
    # HTTP helpers
    # ------------------------------------------------------------------

    def form_tokens(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, page.text[:500])
        csrf = (
            hidden(page.text, "csrf_token")
            or re.search(r'csrf_token: "([^"]+)"', page.text)[1]
        )
        tokens = {"csrf_token": csrf}
        for name in ("form_ts", "form_sig"):
            value = hidden(page.text, name)
            if value is not None:
                tokens[name] = value
        return tokens

    def report_data(self, public=True, **overrides):
        data = {
            "category_id": str(self.category.id),
            "description": "Jalan di depan masjid berlubang besar.",
            "name": "Jalan berlubang",
            "rw_id": str(self.rw_a.id),
            "rt_id": str(self.rt_a1.id),
            "location_address": "Jl. Swadaya",
            "reporter_phone": "0812 3456 7890",
            "kel_website": "",
            # Agreed to the privacy notice; pass kel_consent=None to refuse.
            "kel_consent": "1",
        }
        if public:
            data.update(reporter_name="Budi Santoso", partner_email="budi@example.id")
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def post_report(self, public=True, files=None, tokens=None, **overrides):
        url = "/pengaduan/lapor" if public else "/my/pengaduan/baru"
        data = dict(tokens if tokens is not None else self.form_tokens(url))
        data.update(self.report_data(public, **overrides))
        data = {k: v for k, v in data.items() if v is not None}
        return self.url_open(url, data=data, files=files or None, allow_redirects=False)

    def counts(self):
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        Attachment = self.env["ir.attachment"].sudo()
        return (
            Ticket.search_count([]),
            Attachment.search_count([("res_model", "=", "helpdesk.ticket")]),
        )

    def assertRefused(self, response, before, fragment=None, status=400):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertEqual(self.counts(), before, "nothing may be stored")
        if fragment:
            self.assertIn(fragment, response.text)
