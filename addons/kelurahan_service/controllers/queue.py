# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The queue in the waiting room and on the visitor's phone: the TV display
(/antrian/layar), the private follow link of a number (/antrian/ikuti/<token>, the
QR code on the ticket) and the print view of a ticket for thermal printers
(/antrian/cetak/<id>). The public pages poll a small JSON route and update in place
(no page reload, no flicker). They carry numbers and counter names only, never a
visitor's name."""

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.kelurahan_crm.controllers import portal_common as common

FOLLOW_KIND = "queue_follow"
PRINT_WIDTHS = (58, 80)
NEXT_SHOWN = 6
CALLS_SHOWN = 5
POLL_SECONDS = 5


def _use_indonesian():
    """Screens of the waiting room and printed tickets are always in Indonesian."""
    if request.env["res.lang"]._lang_get("id_ID"):
        request.update_context(lang="id_ID")


def _spoken_number(number):
    """'PA012' → 'P A 12': letters one by one, then the number (speech)."""
    letters = [c for c in number if c.isalpha()]
    digits = "".join(c for c in number if c.isdigit())
    return " ".join([*letters, str(int(digits or 0))])


def _json(data, status=200):
    return request.make_json_response(
        data, headers={"Cache-Control": "no-store"}, status=status
    )


class KelurahanQueue(http.Controller):
    # ------------------------------------------------------------------ TV
    def _display_values(self):
        """What the TV shows (sudo: numbers, counter names and counts only)."""
        env = request.env
        Ticket = env["kelurahan.queue.ticket"].sudo()
        today = Ticket._kel_today()
        office = [("company_id", "=", env.company.id)]
        day = [*office, ("date", "=", today)]
        counters = env["kelurahan.counter"].sudo().search(office)
        waiting = Ticket.search(
            [*day, ("state", "=", "waiting")],
            order="is_priority desc, checkin_date, id",
            limit=NEXT_SHOWN,
        )
        calls = Ticket.search(
            [*day, ("state", "=", "called")],
            order="last_called_date desc, id desc",
            limit=CALLS_SHOWN,
        )
        [(average,)] = Ticket._read_group(
            [*day, ("called_date", "!=", False), ("checkin_date", "!=", False)],
            aggregates=["wait_seconds:avg"],
        )
        return {
            "office": env.company.name,
            "counters": [
                {
                    "code": counter.code,
                    "name": counter.name,
                    "number": counter.current_ticket_id.name or "-",
                    "waiting": counter.waiting_count,
                }
                for counter in counters
            ],
            "next": waiting.mapped("name"),
            "calls": [
                {
                    "key": f"{t.name}|{t.last_called_date.isoformat()}",
                    "number": t.name,
                    "counter": t.counter_id.name,
                    "speech": env._(
                        "Queue number %(number)s, please go to %(counter)s",
                        number=_spoken_number(t.name),
                        counter=t.counter_id.name,
                    ),
                }
                for t in calls
            ],
            "average_wait": round(average / 60) if average is not None else None,
        }

    @common.page_route("/antrian/layar", auth="public", methods=["GET"], readonly=True)
    def queue_display(self, **kw):
        """Waiting-room TV: numbers per counter, next numbers, today's average
        wait; announces each call (chime and speech) in the browser."""
        _use_indonesian()
        return request.render(
            "kelurahan_service.queue_display_page",
            {"data": self._display_values(), "poll_seconds": POLL_SECONDS},
        )

    @common.page_route(
        "/antrian/layar/data", auth="public", methods=["GET"], readonly=True
    )
    def queue_display_data(self, **kw):
        _use_indonesian()
        return _json(self._display_values())

    # ------------------------------------------------------------------ follow
    def _follow_ticket(self, token):
        """``(ticket as sudo, None)`` of a follow link or ``(None, refusal)``."""
        Throttle = request.env["kelurahan.portal.throttle"]
        if Throttle._kel_is_blocked(FOLLOW_KIND, common.client_address()):
            return None, (
                request.env._("Too many attempts. Please try again later."),
                429,
            )
        ticket = common.record_by_token(
            "kelurahan.queue.ticket", "kel_follow_token", token, FOLLOW_KIND
        )
        if not ticket:
            return None, (
                request.env._(
                    "This queue number was not found. Scan the QR code on your "
                    "ticket again."
                ),
                404,
            )
        return ticket, None

    @common.page_route("/antrian/ikuti/<string:token>", auth="public", methods=["GET"])
    def queue_follow(self, token, **kw):
        """The number on the visitor's phone: position and the number being
        served, updated while the page is open. View-only, no names."""
        _use_indonesian()
        ticket, refusal = self._follow_ticket(token)
        if refusal:
            return request.render(
                "kelurahan_service.queue_follow_page",
                {"error": refusal[0]},
                status=refusal[1],
            )
        return request.render(
            "kelurahan_service.queue_follow_page",
            {
                "status": ticket._kel_public_status(),
                "data_url": f"/antrian/ikuti/{token}/data",
                "poll_seconds": POLL_SECONDS,
            },
        )

    @common.page_route(
        "/antrian/ikuti/<string:token>/data", auth="public", methods=["GET"]
    )
    def queue_follow_data(self, token, **kw):
        _use_indonesian()
        ticket, refusal = self._follow_ticket(token)
        if refusal:
            return _json({"error": refusal[0]}, status=refusal[1])
        return _json(ticket._kel_public_status())

    # ------------------------------------------------------------------ print
    @http.route(
        "/antrian/cetak/<int:ticket_id>", type="http", auth="user", methods=["GET"]
    )
    def queue_print(self, ticket_id, lebar="80", otomatis=None, **kw):
        """Print view of a ticket, 58 mm or 80 mm wide (thermal printers), for
        those who may read the ticket (officers; residents their own)."""
        _use_indonesian()
        ticket = request.env["kelurahan.queue.ticket"].browse(ticket_id).exists()
        try:
            ticket.check_access("read")
        except AccessError:
            ticket = None
        if not ticket:
            return request.make_response(
                request.env._("You may not print this queue number."),
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403,
            )
        width = int(lebar) if lebar in {str(w) for w in PRINT_WIDTHS} else 80
        return request.render(
            "kelurahan_service.queue_ticket_print_page",
            {
                "o": ticket,
                "width": width,
                "other_width": 58 if width == 80 else 80,
                "auto_print": bool(otomatis),
            },
        )
