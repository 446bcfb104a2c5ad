# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Map routes of the resident portal and the public board. Anonymous-safe: they
answer only what the public board may show (``_kel_public_domain``), never a
reporter, an address or a complaint's exact point, and count each call against the
visitor's connection (``kelurahan.portal.throttle``, kinds "map" and "support")."""

import math
from datetime import timedelta

from odoo import http
from odoo.http import request

from odoo.addons.kelurahan_crm.controllers import portal_common as common
from odoo.addons.kelurahan_crm.controllers.main import BOARD_DAYS
from odoo.addons.kelurahan_crm.models.helpdesk_ticket import OPEN_STATES

from ..tools import geo


def _json(data, status=200):
    return request.make_json_response(data, status=status)


def _error(message, status):
    return _json({"error": message}, status=status)


def _blocked(kind):
    """The refusal when the visitor used up the attempts of ``kind``, or None
    (the attempt is counted)."""
    Throttle = request.env["kelurahan.portal.throttle"]
    client = common.client_address()
    if Throttle._kel_is_blocked(kind, client):
        return _error(
            request.env._("Too many requests from this connection. Try again later."),
            429,
        )
    Throttle._kel_hit(kind, client)
    return None


def _coordinate(value):
    try:
        number = float((value or "").strip())
    except (TypeError, ValueError, AttributeError):
        return None
    return number if math.isfinite(number) else None


class KelurahanMapPortal(http.Controller):
    @http.route(
        "/pengaduan/peta/sekitar",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        multilang=False,
        readonly=True,  # the throttle row goes to the primary itself
    )
    def nearby(self, lat=None, lon=None, category_id=None, **kw):
        """Open complaints of the category near the pin, and the RW/RT the pin
        suggests. Only public fields; the distance rounded to 10 m."""
        refusal = _blocked("map")
        if refusal:
            return refusal
        env = request.env
        latitude, longitude = _coordinate(lat), _coordinate(lon)
        if (
            latitude is None
            or longitude is None
            or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
        ):
            return _error(
                env._(
                    "The map position is not valid. Take the position again or "
                    "clear it."
                ),
                400,
            )
        # sudo: visitors cannot read RW boundaries; only the check's message and
        # the suggested RW/RT ids (offered in the form anyway) are answered.
        Ticket = env["helpdesk.ticket"].sudo()
        company = env.company
        problem = Ticket._kel_position_problem(latitude, longitude, company)
        if problem:
            return _error(problem, 422)
        rw, rt = Ticket._kel_locate(latitude, longitude, company)
        result = {"rw_id": rw.id or False, "rt_id": rt.id or False, "nearby": []}
        category_id = common.parse_id(category_id)
        if not category_id:
            result["message"] = env._(
                "Choose a category to see the same problem already reported nearby."
            )
            return _json(result)
        category = common.portal_categories().filtered(lambda c: c.id == category_id)
        if not category:
            return _error(
                env._("The chosen category does not exist. Choose another one."), 400
            )
        distance = company.kel_nearby_distance or 150
        states = dict(Ticket._fields["kel_state"]._description_selection(env))
        result["distance"] = distance
        result["nearby"] = [
            {
                "number": row["number"],
                "category": category.name or "",
                "status": states.get(row["kel_state"], ""),
                "date": common.fmt_dt(row["date_reported"]),
                "meters": int(round(row["meters"] / 10.0) * 10),
                "support_count": row["support_count"],
            }
            for row in Ticket._kel_nearby(
                company, category, latitude, longitude, distance
            )
        ]
        return _json(result)

    @http.route(
        "/pengaduan/peta/dukung",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        website=True,
        multilang=False,
    )
    def support(self, number=None, csrf_token=None, **kw):
        """ "Saya juga mengalami ini": count the visitor's support for an open,
        publicly listed complaint instead of a duplicate report."""
        env = request.env
        if not csrf_token or not request.validate_csrf(csrf_token):
            return _error(
                env._(
                    "This form has expired or was not sent from this site. Open the "
                    "page again and resend it."
                ),
                400,
            )
        refusal = _blocked("support")
        if refusal:
            return refusal
        number = (number or "").strip().upper()[: common.NUMBER_MAX]
        # sudo: the complaint is looked up by its public number among the ones
        # the public board may list; only its new support count is answered.
        Ticket = env["helpdesk.ticket"].sudo()
        ticket = Ticket.browse()
        if number:
            ticket = Ticket.search(
                Ticket._kel_public_domain()
                + [
                    ("number", "=", number),
                    ("company_id", "=", env.company.id),
                    ("kel_state", "in", OPEN_STATES),
                    ("duplicate_id", "=", False),
                ],
                limit=1,
            )
        if not ticket:
            return _error(
                env._("This report cannot be supported (it is closed or not public)."),
                404,
            )
        user = env.user
        values = {"ticket_id": ticket.id}
        if user._is_public():
            values["client_key"] = env["kelurahan.portal.throttle"]._kel_client_key(
                common.client_address()
            )
            already = [("client_key", "=", values["client_key"])]
        else:
            if ticket.partner_id == user.partner_id:
                return _error(env._("This is your own report."), 409)
            values["partner_id"] = user.partner_id.id
            already = [("partner_id", "=", user.partner_id.id)]
        # sudo: support rows are created on behalf of residents and visitors.
        Support = env["kelurahan.complaint.support"].sudo()
        if Support.search_count([("ticket_id", "=", ticket.id), *already], limit=1):
            return _error(env._("You already support this report. Thank you!"), 409)
        Support.create(values)
        ticket.message_post(
            body=env._("A resident supports this report from the map (dukungan)."),
            subtype_xmlid="mail.mt_note",
        )
        return _json(
            {
                "message": env._(
                    "Thank you! Your support was added to %(number)s (%(count)s "
                    "residents).",
                    number=ticket.number,
                    count=ticket.support_count,
                ),
                "support_count": ticket.support_count,
            }
        )

    @http.route(
        "/pengaduan/peta/publik",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        multilang=False,
        readonly=True,  # the throttle row goes to the primary itself
    )
    def public_cells(self, **kw):
        """The public board's map: the last BOARD_DAYS days of publicly listed
        complaints, counted per ~100 m cell (cell centres only)."""
        refusal = _blocked("map")
        if refusal:
            return refusal
        env = request.env
        company = env.company
        today = company._kel_today()
        since, _end = company._kel_period_bounds(
            today - timedelta(days=BOARD_DAYS - 1), today
        )
        # sudo: inside, only publicly listable complaints, aggregated per cell.
        cells = env["helpdesk.ticket"].sudo()._kel_public_map_cells(company, since)
        return _json({"cells": cells, "grid_m": round(geo.GRID_DEG * 111320)})
