# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public home page at ``/``: the kelurahan's name and logo, one large entry per
public service, the office's hours, address, contacts and announcements. Visitors
arrive from a QR poster or a WhatsApp link; logged-in users get it too, with a link to
their portal or the office app. Other addons add their entries by inheriting the
template ``kelurahan_crm.home_page`` (hook ``//div[@id='kel_home_entries']``)."""

from odoo.http import request
from odoo.tools.misc import format_date

from odoo.addons.portal.controllers.web import Home

from . import portal_common as common

ANNOUNCEMENTS_MAX = 10


class KelurahanHome(Home):
    @common.page_route("/", auth="public", methods=["GET"], readonly=True)
    def index(self, *args, **kw):
        return request.render("kelurahan_crm.home_page", self._kel_home_values())

    def _kel_home_values(self):
        env = request.env
        user = env.user
        company = env.company
        # sudo: the office's own name, address, contacts and hours are public; only
        # these fields leave this method.
        office = company.sudo()
        address = office.partner_id._display_address(without_company=True)
        # sudo: the public has no access to announcements; the domain keeps only the
        # published ones of this kelurahan within their dates.
        Announcement = env["kelurahan.announcement"].sudo()
        announcements = Announcement.search(
            Announcement._kel_published_domain(company), limit=ANNOUNCEMENTS_MAX
        )
        return {
            "page_name": "kel_home",
            "kel_office": {
                "name": office.name,
                "hours": office.kel_office_hours or "",
                "address": [line for line in address.splitlines() if line.strip()],
                "phone": office.phone or "",
                "mobile": office.mobile or "",
                "email": office.email or "",
            },
            "announcements": [
                {
                    "title": announcement.name,
                    "body": announcement.body or "",
                    "date": format_date(env, announcement.date_start)
                    if announcement.date_start
                    else "",
                }
                for announcement in announcements
            ],
            "kel_is_public": user._is_public(),
            "kel_is_internal": user._is_internal(),
        }
