# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""My complaints (/my/pengaduan): list, report, detail with timeline, reply with
photos, confirm and rate, dispute. A resident only ever reaches the complaints they
reported or follow (``_kel_my_domain``, evaluated with their own access rights);
helpdesk_mgmt's /my/tickets pages lead here."""

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv.expression import AND, OR

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.helpdesk_ticket import OPEN_STATES
from ..tools import image_upload
from . import portal_common as common

NOTICES = ("balas", "nilai", "sengketa")


class KelurahanCustomerPortal(CustomerPortalHelpdesk):
    _items_per_page = 20

    # ------------------------------------------------------------------
    # Home tile
    # ------------------------------------------------------------------

    def _kel_my_domain(self):
        """The complaints of the current resident (``_kel_resident_domain``), to
        be searched as sudo: the domain itself is the access rule."""
        return request.env["helpdesk.ticket"]._kel_resident_domain()

    def _kel_my_tickets(self):
        """Complaints as sudo, for searches limited by ``_kel_my_domain``."""
        return request.env["helpdesk.ticket"].sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        can_read = request.env["helpdesk.ticket"].has_access("read")
        Ticket = self._kel_my_tickets()
        if "pengaduan_count" in counters:
            values["pengaduan_count"] = (
                Ticket.search_count(self._kel_my_domain()) if can_read else 0
            )
        if not counters:
            # The home page itself: open / done counts shown on the tile.
            counts = dict.fromkeys(("open", "done"), 0)
            if can_read:
                for state, count in Ticket._read_group(
                    self._kel_my_domain(), ["kel_state"], ["__count"]
                ):
                    key = "open" if state in OPEN_STATES else state
                    if key in counts:
                        counts[key] += count
            values["kel_counts"] = counts
        return values

    # ------------------------------------------------------------------
    # helpdesk_mgmt's pages lead to ours
    # ------------------------------------------------------------------

    @common.page_route(["/my/tickets", "/my/tickets/page/<int:page>"], auth="user")
    def portal_my_tickets(self, *args, **kw):
        return request.redirect("/my/pengaduan")

    @common.page_route(["/my/ticket/<int:ticket_id>"], auth="public")
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        # No token is accepted here (complaints have none, see
        # kelurahan.complaint.privacy): the resident signs in.
        return request.redirect(f"/my/pengaduan/{ticket_id}")

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------

    def _kel_filters(self):
        env = request.env
        return {
            "all": {"label": env._("All"), "domain": []},
            "open": {
                "label": env._("In process"),
                "domain": [("kel_state", "in", list(OPEN_STATES))],
            },
            "done": {"label": env._("Done"), "domain": [("kel_state", "=", "done")]},
            "rejected": {
                "label": env._("Rejected"),
                "domain": [("kel_state", "=", "rejected")],
            },
        }

    # helpdesk_mgmt's searchbar hooks, so that addons extending them reach this list.
    def _ticket_get_searchbar_sortings(self):
        env = request.env
        sortings = super()._ticket_get_searchbar_sortings()
        ours = {
            "date": (env._("Newest"), "date_reported desc, id desc"),
            "name": (env._("Title"), "name, id"),
            "stage": (env._("Status"), "stage_id, id"),
            "update": (env._("Last update"), "last_stage_update desc, id desc"),
        }
        for key, (label, order) in ours.items():
            if key in sortings:  # helpdesk_mgmt's, labelled in the residents' words
                sortings[key].update(label=label, order=order)
        return sortings

    def _ticket_get_searchbar_inputs(self):
        inputs = super()._ticket_get_searchbar_inputs()
        inputs["category"] = {
            "input": "category",
            "label": request.env._("Search in Category"),
            "order": 4,
        }
        return inputs

    def _ticket_get_search_domain(self, search_in, search):
        domain = super()._ticket_get_search_domain(search_in, search)
        if search_in in ("category", "all"):
            domain = OR([domain, [("category_id.name", "ilike", search)]])
        return domain

    @common.page_route(["/my/pengaduan", "/my/pengaduan/page/<int:page>"], auth="user")
    def portal_my_pengaduan(
        self, page=1, filterby="all", sortby="date", search="", search_in="all", **kw
    ):
        if not request.env["helpdesk.ticket"].has_access("read"):
            return request.redirect("/my")
        Ticket = self._kel_my_tickets()
        filters = self._kel_filters()
        sortings = dict(
            sorted(
                self._ticket_get_searchbar_sortings().items(),
                key=lambda item: item[1]["sequence"],
            )
        )
        filterby = filterby if filterby in filters else "all"
        sortby = sortby if sortby in sortings else "date"
        search_in = (
            search_in if search_in in self._ticket_get_searchbar_inputs() else "all"
        )
        search = (search or "").strip()[:100]
        domain = AND([self._kel_my_domain(), filters[filterby]["domain"]])
        if search:
            domain = AND([domain, self._ticket_get_search_domain(search_in, search)])
        total = Ticket.search_count(domain)
        pager = portal_pager(
            url="/my/pengaduan",
            url_args={
                "filterby": filterby,
                "sortby": sortby,
                "search": search,
                "search_in": search_in,
            },
            total=total,
            page=page,
            step=self._items_per_page,
        )
        tickets = Ticket.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "pengaduan",
                "tickets": tickets,
                "pager": pager,
                "filters": filters,
                "filterby": filterby,
                "sortings": sortings,
                "sortby": sortby,
                "search": search,
                "search_in": search_in,
                "fmt_dt": common.fmt_dt,
                "default_url": "/my/pengaduan",
            }
        )
        return request.render("kelurahan_crm.portal_my_pengaduan", values)

    # ------------------------------------------------------------------
    # Report (logged in)
    # ------------------------------------------------------------------

    def _kel_render_form(self, values=None, errors=None, status=200):
        form = common.form_values(False, values, errors)
        form.update(self._prepare_portal_layout_values())
        form["page_name"] = "pengaduan_baru"
        return request.render(
            "kelurahan_crm.portal_my_pengaduan_new", form, status=status
        )

    @common.page_route("/my/pengaduan/baru", auth="user", methods=["GET"])
    def portal_pengaduan_new(self, **kw):
        return self._kel_render_form()

    @common.form_route("/my/pengaduan/baru", auth="user")
    def portal_pengaduan_create(self, **post):
        Throttle = request.env["kelurahan.portal.throttle"]
        client = f"user:{request.env.uid}"
        files = request.httprequest.files.getlist("photos")
        try:
            common.check_csrf(post)
            if Throttle._kel_is_blocked("report_user", client):
                raise common.FormError(
                    request.env._(
                        "You sent many reports in the last hour. Try again later, or "
                        "report at your RW post or the kelurahan office."
                    )
                )
            vals, photos = common.parse_report(post, files, is_public=False)
        except common.FormError as error:
            return self._kel_render_form(
                common.keep_values(post), error.messages, status=400
            )
        ticket = common.create_report(vals, photos)
        if not ticket._kel_hides_reporter():
            # The reporter follows the complaint (replies reach them); a hidden
            # reporter does not: followers are visible to everyone on it.
            ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        Throttle._kel_hit("report_user", client)
        if not post.get("kel_consent"):
            # Sent without consent: nothing links it to the account, the private
            # tracking link is the resident's way to follow it.
            return request.redirect(f"{common.track_path(ticket)}?baru=1")
        return request.redirect(f"/my/pengaduan/{ticket.id}?baru=1")

    # ------------------------------------------------------------------
    # Detail
    # ------------------------------------------------------------------

    def _kel_own_ticket(self, ticket_id):
        """The complaint as sudo if the current user reported or follows it; else
        MissingError (same answer for a complaint that exists and one that does
        not)."""
        if not (0 < ticket_id < 2**31) or not request.env["helpdesk.ticket"].has_access(
            "read"
        ):
            raise MissingError(request.env._("This complaint does not exist."))
        found = self._kel_my_tickets().search(
            AND([self._kel_my_domain(), [("id", "=", ticket_id)]]), limit=1
        )
        if not found:
            raise MissingError(request.env._("This complaint does not exist."))
        return found

    def _kel_not_found(self):
        values = self._prepare_portal_layout_values()
        values["page_name"] = "pengaduan"
        return request.render("kelurahan_crm.portal_kel_not_found", values, status=404)

    def _kel_is_reporter(self, ticket_sudo):
        return (
            ticket_sudo._kel_reporter_partner()
            == request.env.user.commercial_partner_id
        )

    def _kel_public_messages(self, ticket_sudo):
        """Messages a resident may read: comments that are not internal notes."""
        return ticket_sudo.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
            and not m.is_internal
            and not (m.subtype_id and m.subtype_id.internal)
        ).sorted(lambda m: (m.date, m.id))

    def _kel_photos(self, ticket_sudo):
        """Image attachments of the complaint, except those of internal notes."""
        internal = ticket_sudo.message_ids - self._kel_public_messages(ticket_sudo)
        hidden = internal.attachment_ids
        return ticket_sudo.attachment_ids.filtered(
            lambda a: (a.mimetype or "").startswith("image/") and a not in hidden
        )

    def _kel_render_detail(self, ticket_sudo, errors=None, form=None, status=200, **kw):
        values = self._prepare_portal_layout_values()
        ticket = ticket_sudo.with_context(lang=request.env.lang)
        messages = self._kel_public_messages(ticket)
        photos = self._kel_photos(ticket)
        # Portal users read attachments only with their token (Odoo requires an
        # internal user otherwise); tokens are shown only on this owner's page.
        (photos | messages.attachment_ids).generate_access_token()
        notice = kw.get("pesan") if kw.get("pesan") in NOTICES else None
        values.update(
            {
                "page_name": "pengaduan_detail",
                "kel_ticket": ticket,
                "status": common.public_timeline(ticket),
                "messages": messages,
                "photos": photos,
                "is_reporter": self._kel_is_reporter(ticket),
                "feedback": common.feedback_values(ticket),
                "feedback_url": f"/my/pengaduan/{ticket.id}",
                "errors": errors or [],
                "form": form or {},
                "created": bool(kw.get("baru")),
                "notice": notice,
                "fmt_dt": common.fmt_dt,
                "max_photos": image_upload.MAX_FILES,
                "max_mb": image_upload.MAX_BYTES // (1024 * 1024),
                "reply_max": common.REPLY_MAX,
                "reason_max": common.REASON_MAX,
            }
        )
        return request.render(
            "kelurahan_crm.portal_my_pengaduan_page", values, status=status
        )

    @common.page_route("/my/pengaduan/<int:ticket_id>", auth="user", methods=["GET"])
    def portal_pengaduan_page(self, ticket_id, **kw):
        try:
            ticket_sudo = self._kel_own_ticket(ticket_id)
        except (AccessError, MissingError):
            return self._kel_not_found()
        return self._kel_render_detail(ticket_sudo, **kw)

    def _kel_post_action(self, ticket_id, post, handler):
        """Common frame of the detail page's forms: ownership, CSRF, then
        ``handler(ticket_sudo, post)`` which raises FormError before writing."""
        try:
            ticket_sudo = self._kel_own_ticket(ticket_id)
        except (AccessError, MissingError):
            return self._kel_not_found()
        try:
            common.check_csrf(post)
            notice = handler(ticket_sudo, post)
        except common.FormError as error:
            keep = {k: v[:5000] for k, v in post.items() if isinstance(v, str)}
            return self._kel_render_detail(
                ticket_sudo, errors=error.messages, form=keep, status=400
            )
        return request.redirect(f"/my/pengaduan/{ticket_sudo.id}?pesan={notice}")

    @common.form_route("/my/pengaduan/<int:ticket_id>/balas", auth="user")
    def portal_pengaduan_reply(self, ticket_id, **post):
        return self._kel_post_action(ticket_id, post, self._kel_reply)

    def _kel_reply(self, ticket_sudo, post):
        env = request.env
        if ticket_sudo._kel_hides_reporter() and not self._kel_is_reporter(ticket_sudo):
            # Its replies are posted under the neutral "hidden reporter": the office
            # would take a follower's words for the reporter's.
            raise common.FormError(
                env._(
                    "Only the reporter can reply on an anonymous or confidential "
                    "complaint. Report your own experience as a new complaint."
                )
            )
        errors = []
        text = common.text_field(
            post, "message", env._("Message"), common.REPLY_MAX, False, errors
        )
        files = request.httprequest.files.getlist("photos")
        if not text and not any((f.filename or "").strip() for f in files):
            errors.append(env._("Write a message or add a photo."))
        if errors:
            raise common.FormError(errors)
        try:
            photos = image_upload.prepare(env, files)
        except UserError as error:
            raise common.FormError(error.args[0]) from error
        # Residents may not post on complaints through the ORM; the complaint is
        # theirs (checked by _kel_own_ticket). On a hidden complaint the message
        # and its photos are OdooBot's, under a neutral author.
        ticket = ticket_sudo._kel_as_reporter()
        attachments = common.attach_photos(ticket, photos, for_message=True)
        ticket._kel_reporter_post(text, attachment_ids=attachments.ids)
        return "balas"

    @common.form_route("/my/pengaduan/<int:ticket_id>/nilai", auth="user")
    def portal_pengaduan_rate(self, ticket_id, **post):
        return self._kel_post_action(ticket_id, post, self._kel_rate)

    def _kel_rate(self, ticket_sudo, post):
        if not self._kel_is_reporter(ticket_sudo):
            raise common.FormError(
                request.env._("Only the reporter can rate a complaint marked Selesai.")
            )
        rating, comment = common.parse_rating(post)
        try:
            # As the resident: action_kel_rate checks the reporter and the rule.
            ticket_sudo.sudo(False).action_kel_rate(rating, comment)
        except (UserError, AccessError) as error:
            raise common.FormError(error.args[0]) from error
        return "nilai"

    @common.form_route("/my/pengaduan/<int:ticket_id>/sengketa", auth="user")
    def portal_pengaduan_dispute(self, ticket_id, **post):
        return self._kel_post_action(ticket_id, post, self._kel_dispute)

    def _kel_dispute(self, ticket_sudo, post):
        reason = common.parse_dispute(post)
        try:
            # As the resident: action_dispute checks the reporter and the rule.
            ticket_sudo.sudo(False).action_dispute(reason)
        except (UserError, AccessError) as error:
            raise common.FormError(error.args[0]) from error
        return "sengketa"
