# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The agency's dispositions (/my/disposisi): agency contacts (portal users of
``group_kelurahan_agency_contact``) see and answer the dispositions sent to their
agency. They have no ORM access to complaints or dispositions; this controller
reads them as sudo after checking that the disposition is their agency's, and shows
only what the agency needs: number, category, description, place (address, RW,
RT), dates, the kelurahan's instruction and the agency's own answers. Never the
reporter, their contact, NIK or other complaints."""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import html2plaintext

from ..tools import image_upload
from . import portal_common as common

ANSWERS = ("accept", "reject", "progress", "done")


class KelurahanAgencyPortal(http.Controller):
    def _kel_refusal(self, message, status):
        return request.render(
            "kelurahan_crm.portal_kel_disposition_refused",
            {"page_name": "disposisi", "message": message},
            status=status,
        )

    def _kel_agency_or_refusal(self):
        agency = request.env.user._kel_agency()
        if not agency:
            return agency, self._kel_refusal(
                request.env._("This page is for agency contacts only."), 403
            )
        return agency, None

    def _kel_disposition(self, disposition_id):
        """(disposition as sudo, refusal page or None). sudo: agency contacts
        have no ORM access to dispositions; the record is used only once it is
        shown to belong to the user's agency."""
        agency, refusal = self._kel_agency_or_refusal()
        if refusal:
            return None, refusal
        env = request.env
        disposition = (
            env["kelurahan.disposition"].sudo().browse(disposition_id).exists()
        )
        if not disposition or disposition.agency_id != agency:
            return None, self._kel_refusal(
                env._(
                    "This disposition does not exist or was not sent to your agency."
                ),
                404,
            )
        if disposition.state == "cancelled":
            return None, self._kel_refusal(
                env._(
                    "This disposition was withdrawn or moved to another agency: the "
                    "link no longer works. Nothing was saved."
                ),
                410,
            )
        return disposition.with_context(lang=env.lang), None

    def _kel_state_label(self, disposition):
        return dict(
            disposition._fields["state"]._description_selection(request.env)
        ).get(disposition.state, "")

    @common.page_route(
        ["/my/disposisi", "/my/disposisi/page/<int:page>"], auth="user", methods=["GET"]
    )
    def agency_dispositions(self, page=1, **kw):
        agency, refusal = self._kel_agency_or_refusal()
        if refusal:
            return refusal
        # sudo: limited to the user's own agency; the list shows the complaint
        # number, category, state and dates only.
        dispositions, pager = common.paged(
            request.env["kelurahan.disposition"]
            .sudo()
            .with_context(lang=request.env.lang),
            [("agency_id", "=", agency.id), ("state", "!=", "cancelled")],
            "/my/disposisi",
            page,
            "date_sent desc, id desc",
        )
        rows = [
            {
                "id": d.id,
                "number": d.ticket_number,
                "category": d.ticket_id.category_id.name or "",
                "state": d.state,
                "state_label": self._kel_state_label(d),
                "sent": common.fmt_dt(d.date_sent),
                "due": common.fmt_dt(d.date_due),
            }
            for d in dispositions
        ]
        return request.render(
            "kelurahan_crm.portal_kel_dispositions",
            {
                "page_name": "disposisi",
                "agency": agency.name,
                "rows": rows,
                "pager": pager,
            },
        )

    def _kel_detail_values(self, disposition):
        """What the agency sees of a disposition: no reporter, no contact."""
        ticket = disposition.ticket_id
        return {
            "page_name": "disposisi",
            "disposition_id": disposition.id,
            "number": ticket.number,
            "title": ticket.name,
            "category": ticket.category_id.name or "",
            "description": html2plaintext(ticket.description or ""),
            "address": ticket.location_address or "",
            "rw": ticket.rw_id.name or "",
            "rt": ticket.rt_id.name or "",
            "instruction": disposition.note or "",
            "state": disposition.state,
            "state_label": self._kel_state_label(disposition),
            "is_open": disposition._kel_is_open(),
            "is_accepted": bool(disposition.date_accepted),
            "sent": common.fmt_dt(disposition.date_sent),
            "due": common.fmt_dt(disposition.date_due),
            "updates": [
                {
                    "kind": dict(
                        u._fields["kind"]._description_selection(request.env)
                    ).get(u.kind),
                    "note": u.note or "",
                    "date": common.fmt_dt(u.date),
                    "photos": len(u.attachment_ids),
                }
                for u in disposition.update_ids
            ],
            "note_max": common.REPLY_MAX,
            "max_photos": image_upload.MAX_FILES,
        }

    def _kel_render_detail(self, disposition, errors=None, status=200, notice=None):
        values = self._kel_detail_values(disposition)
        values.update(errors=errors or [], notice=notice)
        return request.render(
            "kelurahan_crm.portal_kel_disposition_page", values, status=status
        )

    @common.page_route(
        "/my/disposisi/<int:disposition_id>", auth="user", methods=["GET"]
    )
    def agency_disposition(self, disposition_id, pesan=None, **kw):
        disposition, refusal = self._kel_disposition(disposition_id)
        if refusal:
            return refusal
        return self._kel_render_detail(
            disposition, notice=pesan if pesan in ANSWERS else None
        )

    @common.form_route("/my/disposisi/<int:disposition_id>/jawab", auth="user")
    def agency_disposition_answer(self, disposition_id, **post):
        disposition, refusal = self._kel_disposition(disposition_id)
        if refusal:
            return refusal
        env = request.env
        kind = post.get("answer")
        try:
            common.check_csrf(post)
            if kind not in ANSWERS:
                raise common.FormError(env._("Choose an answer."))
            errors = []
            note = common.text_field(
                post, "note", env._("Note"), common.REPLY_MAX, False, errors
            )
            if errors:
                raise common.FormError(errors)
            try:
                photos = image_upload.prepare(
                    env, request.httprequest.files.getlist("photos")
                )
                # Checks the user's agency and the disposition's state, and
                # raises before anything is written.
                disposition._kel_agency_answer(env.user, kind, note, photos)
            except UserError as error:
                raise common.FormError(error.args[0]) from error
        except common.FormError as error:
            status = 400 if disposition._kel_is_open() else 409
            return self._kel_render_detail(
                disposition, errors=error.messages, status=status
            )
        return request.redirect(f"/my/disposisi/{disposition.id}?pesan={kind}")
