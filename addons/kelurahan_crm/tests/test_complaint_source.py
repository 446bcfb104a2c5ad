# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KelurahanCase


@tagged("post_install", "-at_install")
class TestComplaintSource(KelurahanCase):
    """Complaints recorded by staff from Instagram/Facebook/X/JAKI/LAPOR!."""

    def test_source_recorded(self):
        channel = self.env.ref(
            "kelurahan_crm.channel_social_media", raise_if_not_found=False
        ) or self.env["helpdesk.ticket.channel"].create({"name": "Media sosial"})
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "Parkir liar di trotoar",
                    "description": "<p>Dilaporkan lewat Instagram</p>",
                    "channel_id": channel.id,
                    "source_platform": "instagram",
                    "source_url": "https://www.instagram.com/p/Cx123abc/",
                }
            )
        )
        self.assertEqual(ticket.source_platform, "instagram")
        found = self.env["helpdesk.ticket"].search(
            [("source_platform", "=", "instagram"), ("channel_id", "=", channel.id)]
        )
        self.assertIn(ticket, found)
        lapor = self.env["helpdesk.ticket"].create(
            {
                "name": "Drainase",
                "description": "<p>x</p>",
                "source_platform": "lapor",
                "source_ref": "LAPOR-7788123",
            }
        )
        self.assertEqual(
            self.env["helpdesk.ticket"].search([("source_ref", "=", "LAPOR-7788123")]),
            lapor,
        )

    def test_source_validation(self):
        Ticket = self.env["helpdesk.ticket"]
        base = {"name": "X", "description": "<p>x</p>"}
        with self.assertRaises(ValidationError):
            Ticket.create(dict(base, source_platform="facebook"))
        with self.assertRaises(ValidationError):
            Ticket.create(
                dict(base, source_platform="x", source_url="javascript:alert(1)")
            )
        with self.assertRaises(ValidationError):
            Ticket.create(dict(base, source_url="www.example.com/post"))
