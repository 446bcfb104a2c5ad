# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users of every role, a service with two upload requirements and sample files."""

import base64

from odoo.addons.kelurahan_crm.tests.common import role_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 32
NIK = "3175024508900003"
NIK_2 = "3175021203850002"


def b64(data):
    return base64.b64encode(data)


class KelurahanServiceCommon:
    """Mixin for setUpClass of service / queue tests (TransactionCase or HttpCase)."""

    def _csrf(self, url):
        """A portal form page (HttpCase) and the CSRF token it carries."""
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return page, page.text.split('name="csrf_token" value="')[1].split('"')[0]

    @classmethod
    def _kel_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user_rw = role_user(cls.env, "kel_rw", "rw")
        cls.user_rw_2 = role_user(cls.env, "kel_rw2", "rw")
        for role in ("officer", "lurah", "admin"):
            setattr(cls, f"user_{role}", role_user(cls.env, f"kel_{role}", role))
        cls.user_portal, cls.user_portal_2 = (
            role_user(
                cls.env,
                f"kel_warga{n}",
                "portal",
                password=f"kel_warga{n}_pw",
                name=name,
                lang="id_ID",
            )
            for n, name in ((1, "Warga Satu"), (2, "Warga Dua"))
        )
        cls.rw_a, cls.rw_b = cls.env["kelurahan.rw"].create(
            [{"number": 91, "name": "RW 91"}, {"number": 92, "name": "RW 92"}]
        )
        cls.user_rw.kel_rw_ids = cls.rw_a
        cls.user_rw_2.kel_rw_ids = cls.rw_b
        cls.service = cls.env["kelurahan.service"].create(
            {
                "name": "Test Domisili",
                "code": "TDOM",
                "queue_prefix": "T",
                "letter_code": "470",
                "target_days": 2,
                "requirement_ids": [
                    (0, 0, {"name": "KTP scan", "required": True}),
                    (0, 0, {"name": "KK scan", "required": True}),
                    (0, 0, {"name": "Extra", "required": False}),
                ],
            }
        )
        cls.req_ktp, cls.req_kk, cls.req_extra = cls.service.requirement_ids

    @classmethod
    def _kel_uploads(cls, ktp=PDF, kk=PNG):
        uploads = {}
        if ktp is not None:
            uploads[cls.req_ktp.id] = ("ktp.pdf", ktp)
        if kk is not None:
            uploads[cls.req_kk.id] = ("kk.png", kk)
        return uploads

    @classmethod
    def _kel_request(cls, partner=None, nik=NIK, **values):
        vals = {
            "applicant_name": "Dewi Lestari",
            "applicant_nik": nik,
            "partner_id": partner.id if partner else False,
        }
        vals.update(values)
        return (
            cls.env["kelurahan.service.request"]
            .sudo()
            ._kel_submit(cls.service, vals, cls._kel_uploads())
        )
