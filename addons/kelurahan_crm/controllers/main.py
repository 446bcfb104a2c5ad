# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public pages: report without an account, tracking, transparency board.
helpdesk_mgmt's own ticket creation/closing routes are closed (see below)."""

from datetime import timedelta

from odoo import http
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

from . import portal_common as common
from . import replica

BOARD_DAYS = 30
BOARD_RECENT = 15


class KelurahanPublicPortal(http.Controller):
    # ------------------------------------------------------------------
    # Report without an account
    # ------------------------------------------------------------------

    @common.page_route("/pengaduan/lapor", auth="public", methods=["GET"])
    def report_form(self, **kw):
        if not request.env.user._is_public():
            return request.redirect("/my/pengaduan/baru")
        return request.render(
            "kelurahan_crm.portal_kel_report_page", common.form_values(True)
        )

    @common.form_route("/pengaduan/lapor", auth="public")
    def report_submit(self, **post):
        if not request.env.user._is_public():
            return request.redirect("/my/pengaduan/baru")
        Throttle = request.env["kelurahan.portal.throttle"]
        client = common.client_address()
        files = request.httprequest.files.getlist("photos")
        try:
            common.check_csrf(post)
            if Throttle._kel_is_blocked("report", client):
                raise common.FormError(
                    request.env._(
                        "Too many reports were sent from this connection. Try again "
                        "in an hour, or report at your RW post or the kelurahan office."
                    )
                )
            try:
                vals, photos = common.parse_report(post, files, is_public=True)
            except common.FormError:
                if (post.get("kel_website") or "").strip():
                    Throttle._kel_hit("report", client)
                raise
        except common.FormError as error:
            values = common.form_values(True, common.keep_values(post), error.messages)
            return request.render(
                "kelurahan_crm.portal_kel_report_page", values, status=400
            )
        ticket = common.create_report(vals, photos)
        Throttle._kel_hit("report", client)
        return request.redirect(f"{common.track_path(ticket)}?baru=1")

    # ------------------------------------------------------------------
    # Tracking
    # ------------------------------------------------------------------

    def _track_render(self, values, status=200):
        values.setdefault("page_name", "pengaduan_lacak")
        return request.render(
            "kelurahan_crm.portal_kel_track_page", values, status=status
        )

    def _track_refused(self, blocked=False, number=""):
        env = request.env
        if blocked:
            message = env._(
                "Too many attempts. Wait 15 minutes and try again, or ask at the "
                "kelurahan office."
            )
        else:
            message = env._(
                "No complaint matches this number and these digits. Check both and "
                "try again."
            )
        return self._track_render(
            {"error": message, "number": number[: common.NUMBER_MAX]},
            status=429 if blocked else 404,
        )

    @common.page_route(
        "/pengaduan/lacak", auth="public", methods=["GET"], readonly=True
    )
    def track_form(self, **kw):
        return self._track_render({})

    @common.form_route("/pengaduan/lacak", auth="public")
    def track_submit(self, **post):
        try:
            common.check_csrf(post)
        except common.FormError as error:
            return self._track_render({"error": error.messages[0]}, status=400)
        number = (post.get("number") or "").strip().upper()
        digits = common.phone_digits(post.get("digits") or "")
        Throttle = request.env["kelurahan.portal.throttle"]
        client = common.client_address()
        if Throttle._kel_is_blocked("track", client):
            return self._track_refused(blocked=True, number=number)
        ticket = request.env["helpdesk.ticket"]
        if 0 < len(number) <= common.NUMBER_MAX and len(digits) == 4:
            # sudo: the visitor has no account; the number plus the last 4 digits of
            # the reporter's phone prove they may see the status (no personal data).
            ticket = (
                request.env["helpdesk.ticket"]
                .sudo()
                .search(
                    [
                        ("number", "=", number),
                        ("company_id", "=", request.env.company.id),
                    ],
                    limit=1,
                )
            )
        phone = (
            common.phone_digits(
                ticket.reporter_phone
                or ticket.partner_id.phone
                or ticket.partner_id.mobile
            )
            if ticket
            else ""
        )
        if not (ticket and len(phone) >= 4 and consteq(phone[-4:], digits)):
            Throttle._kel_hit("track", client)
            return self._track_refused(number=number)
        return self._track_render(
            {"status": common.public_timeline(ticket), "number": ticket.number}
        )

    def _track_fields(self):
        """Fields of the complaint the private link's page reads (fetched with
        the lookup, see ``record_by_token``)."""
        return [
            "number",
            "company_id",
            "category_id",
            "rw_id",
            "stage_id",
            "kel_state",
            "is_disputed",
            "date_reported",
            "date_followup",
            "deadline_followup",
            "deadline_resolution",
            "date_done",
            "reject_reason",
            "followup_note",
        ]

    def _track_ticket(self, token):
        """The complaint of a private link as sudo, or None (the miss is counted
        against the client). The private link's token is the proof of access;
        callers show only the public timeline (no personal data)."""
        return common.record_by_token(
            "helpdesk.ticket",
            "kel_track_token",
            token,
            "track",
            field_names=self._track_fields(),
        )

    def _track_ticket_or_refusal(self, token, ticket=None):
        """``(ticket as sudo, None)`` of a private link, or ``(None, the refusal
        page)`` when the client is blocked or the token matches nothing.
        ``ticket``: the complaint of ``token`` when the caller already found it."""
        Throttle = request.env["kelurahan.portal.throttle"]
        if Throttle._kel_is_blocked("track", common.client_address()):
            return None, self._track_refused(blocked=True)
        ticket = ticket or self._track_ticket(token)
        if not ticket:
            return None, self._track_refused()
        return ticket, None

    def _track_token_values(self, ticket, token, notice=None):
        """Values of the private link's page (``ticket`` as sudo); extended for
        the reporter's rating and dispute (tracking_feedback.py)."""
        return {
            "status": common.public_timeline(ticket),
            "number": ticket.number,
            "private_link": f"{ticket.get_base_url()}/pengaduan/lacak/{token}",
        }

    @common.page_route(
        "/pengaduan/lacak/<string:token>",
        auth="public",
        methods=["GET"],
        # The replica, but for the page the visitor is sent to right after filing
        # the complaint (?baru=1) or acting on it (?pesan=…): the primary.
        readonly=replica.reads_own_writes("baru", "pesan"),
    )
    def track_token(self, token, baru=None, **kw):
        if not request.env.cr.readonly:
            return self._track_token_page(token, baru, kw)
        ticket = common.find_by_token(
            "helpdesk.ticket", "kel_track_token", token, self._track_fields()
        )
        if not ticket:
            # Not on the replica: maybe not there yet (a link opened as soon as
            # it was sent). The primary decides, and counts a miss.
            return replica.on_primary(lambda: self._track_token_page(token, baru, kw))
        return self._track_token_page(token, baru, kw, ticket=ticket)

    def _track_token_page(self, token, baru, kw, ticket=None):
        ticket, refusal = self._track_ticket_or_refusal(token, ticket=ticket)
        if refusal:
            return refusal
        values = self._track_token_values(ticket, token, notice=kw.get("pesan"))
        if baru:
            values["created"] = True
        return self._track_render(values)

    # ------------------------------------------------------------------
    # Transparency board
    # ------------------------------------------------------------------

    @common.page_route(
        "/pengaduan/transparansi", auth="public", methods=["GET"], readonly=True
    )
    def board(self, **kw):
        return request.render(
            "kelurahan_crm.portal_kel_board_page", self._board_values()
        )

    def _board_values(self):
        env = request.env
        company = env.company
        today = company._kel_today()
        since, _end = company._kel_period_bounds(
            today - timedelta(days=BOARD_DAYS - 1), today
        )
        domain = [
            ("company_id", "=", env.company.id),
            ("date_reported", ">=", since),
        ]
        # sudo: the board is public; it shows aggregated counts and, for the recent
        # list, only category, RW, stage and dates of non-anonymous, non-confidential
        # complaints.
        Ticket = env["helpdesk.ticket"].sudo().with_context(lang=env.lang)
        states = dict(Ticket._fields["kel_state"]._description_selection(env))
        # Figures from the daily summary, one query (tomorrow included: a
        # complaint may be dated up to a few minutes ahead).
        kpis = (
            env["kelurahan.complaint.daily"]
            .sudo()
            ._kel_figures(
                today - timedelta(days=BOARD_DAYS - 1),
                today + timedelta(days=1),
                companies=company,
            )
        )
        names = {
            category.id: category.name
            for category in Ticket.env["helpdesk.ticket.category"].browse(
                [category_id for category_id in kpis["by_category"] if category_id]
            )
        }
        by_category = sorted(
            (
                {"name": names.get(category_id) or env._("Other"), "count": count}
                for category_id, count in kpis["by_category"].items()
            ),
            key=lambda row: (-row["count"], row["name"]),
        )
        by_state = [
            {
                "state": state,
                "name": states.get(state) or env._("Other"),
                "count": count,
            }
            for state, count in sorted(
                kpis["by_state"].items(), key=lambda item: (not item[0], item[0] or "")
            )
        ]
        share = kpis["within_share"]
        recent = Ticket.search(
            domain + Ticket._kel_public_domain(),
            order="date_reported desc, id desc",
            limit=BOARD_RECENT,
        )
        return {
            "page_name": "pengaduan_transparansi",
            "days": BOARD_DAYS,
            "total": kpis["received"],
            "by_category": by_category,
            "by_state": by_state,
            "done": kpis["done"],
            "within": kpis["within"],
            "within_share": round(100.0 * share) if share is not None else None,
            "recent": [ticket._kel_public_row(common.fmt_dt) for ticket in recent],
        }


class KelurahanHelpdeskTicketController(HelpdeskTicketController):
    """helpdesk_mgmt's generic ticket routes, closed in favour of ours: its
    /submitted/ticket stores any attachment unchecked, and its /ticket/close changes
    the stage of any ticket id without checking who asks."""

    @http.route("/new/ticket", type="http", auth="user", website=True, multilang=False)
    def create_new_ticket(self, **kw):
        return request.redirect("/my/pengaduan/baru")

    @common.page_route("/submitted/ticket", auth="user", csrf=True)
    def submit_ticket(self, **kw):
        return request.redirect("/my/pengaduan/baru")

    @http.route("/ticket/close", type="http", auth="user")
    def support_ticket_close(self, **kw):
        return request.redirect("/my/pengaduan")
