# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import NO_MAIL, role_user


@tagged("post_install", "-at_install")
class TestComplaintListScreen(HttpCase):
    """The complaint list on a 1366x768 office screen, in Chromium, as an officer."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        role_user(
            env,
            "kel_list_off",
            "officer",
            password="kel_list_off",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        # The longest channel name and a long subject, on top of the list.
        cls.ticket = env["helpdesk.ticket"].create(
            {
                "name": "KEL1366 Saluran air tersumbat sampah di Jl. Raya Kalisari "
                "dekat Masjid Al-Ikhlas dan pos ronda",
                "description": "<p>Air meluap ke jalan setiap hujan.</p>",
                "category_id": env.ref("kelurahan_crm.category_jalan_rusak").id,
                "channel_id": env.ref("kelurahan_crm.channel_jaki").id,
                "rw_id": env.ref("kelurahan_crm.rw_01").id,
                "date_reported": fields.Datetime.now() - timedelta(minutes=10),
                "reporter_name": "Pak Panjang",
            }
        )

    def test_columns_whole_at_1366_and_empty_search_help(self):
        self.assertGreater(len(self.ticket.name), 80)
        self.start_tour(
            "/odoo/pengaduan", "kelurahan_complaint_list_1366", login="kel_list_off"
        )
