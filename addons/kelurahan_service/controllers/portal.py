# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Residents' side: service requests (/my/permohonan) and queue bookings
(/my/antrian)."""

import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date

from odoo.addons.kelurahan_crm.controllers import portal_common as common
from odoo.addons.kelurahan_crm.tools import nik as kel_nik
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools import files as kel_files


def _uploads(files, prefix="doc_"):
    """{requirement id: (filename, bytes)} from the multipart fields doc_<id>."""
    uploads = {}
    for key, storage in files.items():
        if not key.startswith(prefix) or not getattr(storage, "filename", None):
            continue
        try:
            requirement_id = int(key[len(prefix) :])
        except ValueError:
            continue
        uploads[requirement_id] = (storage.filename, storage.read())
    return uploads


def _post_route(route):
    """Route of a form a logged-in resident posts (Odoo checks its CSRF token)."""
    return http.route(
        route, type="http", auth="user", methods=["POST"], csrf=True, website=True
    )


def _sudo_browse(model, value):
    """The record of ``model`` whose id a form sent, as sudo, or an empty recordset
    (callers say why sudo is safe). A record of another kelurahan counts as absent."""
    value = str(value or "")
    record = (
        request.env[model].sudo().browse(int(value) if value.isdigit() else []).exists()
    )
    return record.filtered(lambda r: r.company_id == request.env.company)


def _office_domain(domain=()):
    """``domain`` limited to the kelurahan of the request (sudo bypasses its rules)."""
    return [("company_id", "=", request.env.company.id), *domain]


class KelurahanPortal(CustomerPortal):
    def _kel_checked(self, model, record_id, access_token=None):
        """The record (sudo) when the visitor may see it, else None: callers send
        the visitor back to /my."""
        try:
            return self._document_check_access(model, record_id, access_token)
        except (AccessError, MissingError):
            return None

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_request_count" in counters:
            Request = request.env["kelurahan.service.request"]
            values["service_request_count"] = (
                Request.search_count([]) if Request.has_access("read") else 0
            )
        if "queue_ticket_count" in counters:
            Ticket = request.env["kelurahan.queue.ticket"]
            values["queue_ticket_count"] = (
                Ticket.search_count([("state", "in", ("booked", "waiting"))])
                if Ticket.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ requests
    @http.route(
        ["/my/permohonan", "/my/permohonan/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_requests(self, page=1, **kw):
        Request = request.env["kelurahan.service.request"]
        if not Request.has_access("read"):
            return request.redirect("/my")
        service_requests, pager = common.paged(
            Request, [], "/my/permohonan", page, Request._order
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="service_request",
            service_requests=service_requests,
            pager=pager,
        )
        return request.render("kelurahan_service.portal_my_requests", values)

    @http.route(
        "/my/permohonan/<int:request_id>", type="http", auth="user", website=True
    )
    def portal_my_request(self, request_id, access_token=None, **kw):
        record = self._kel_checked(
            "kelurahan.service.request", request_id, access_token
        )
        if record is None:
            return request.redirect("/my")
        values = self._get_page_view_values(
            record, access_token, {}, "my_service_requests_history", False, **kw
        )
        values.update(page_name="service_request", service_request=record)
        return request.render("kelurahan_service.portal_my_request", values)

    def _kel_profile(self):
        """What the resident typed on their last request, for the form; the NIK
        travels masked (the full number is put back on submission)."""
        profile = request.env["kelurahan.service.request"]._kel_applicant_defaults(
            request.env.user.partner_id
        )
        profile["applicant_nik_masked"] = (
            kel_nik.mask(profile["applicant_nik"]) if profile["applicant_nik"] else ""
        )
        return profile

    @http.route(
        "/my/permohonan/baru", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_request_new(self, service_id=None, **kw):
        # sudo: the catalogue is public information of the office.
        services = request.env["kelurahan.service"].sudo().search(_office_domain())
        service = services.filtered(lambda s: str(s.id) == str(service_id))[:1]
        partner = request.env.user.partner_id
        profile = self._kel_profile()
        form = dict(kw)
        if "applicant_nik" not in form:
            form["applicant_nik"] = profile["applicant_nik_masked"]
        form.setdefault("rw_id", profile["rw_id"])
        form.setdefault("applicant_phone", profile["applicant_phone"])
        form.setdefault("applicant_address", profile["applicant_address"])
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="service_request_new",
            services=services,
            service=service,
            form=form,
            error=kw.get("error"),
            # sudo: the list of RWs is public information of the office.
            rws=common.portal_rws(),
            partner=partner,
            pending_uploads=request.env["kelurahan.service.upload"]._kel_pending(
                partner, service.requirement_ids
            )
            if service
            else {},
        )
        return request.render("kelurahan_service.portal_request_new", values)

    @_post_route("/my/permohonan/baru")
    def portal_request_submit(self, service_id=None, **post):
        # sudo: the catalogue is public information of the office.
        service = _sudo_browse("kelurahan.service", service_id)
        if not service:
            return self.portal_request_new(error=request.env._("Choose a service."))
        partner = request.env.user.partner_id
        profile = self._kel_profile()
        nik = post.get("applicant_nik") or ""
        if profile["applicant_nik"] and nik == profile["applicant_nik_masked"]:
            nik = profile["applicant_nik"]  # pre-filled masked, left unchanged
        values = {
            "applicant_name": (post.get("applicant_name") or "").strip(),
            "applicant_nik": nik,
            "applicant_phone": post.get("applicant_phone"),
            "applicant_address": post.get("applicant_address"),
            "purpose": post.get("purpose"),
            "partner_id": partner.id,
        }
        # sudo: the list of RWs is public information of the office.
        rw = _sudo_browse("kelurahan.rw", post.get("rw_id"))
        if rw:
            values["rw_id"] = rw.id
        Pending = request.env["kelurahan.service.upload"]
        kept_ids = {
            int(value)
            for key, value in post.items()
            if key.startswith("kept_doc_") and str(value).isdigit()
        }
        uploads = Pending._kel_merge(
            partner,
            service.requirement_ids,
            _uploads(request.httprequest.files),
            kept_ids,
        )
        try:
            # sudo: residents cannot create requests directly; everything was
            # validated above and the request belongs to the resident's partner.
            record = (
                request.env["kelurahan.service.request"]
                .sudo()
                ._kel_submit(service, values, uploads, channel="portal")
            )
        except (ValidationError, UserError) as error:
            # The acceptable files are kept for the next try (shown on the form).
            Pending._kel_keep(partner, uploads)
            return self.portal_request_new(
                service_id=service.id,
                error=error.args[0],
                **{k: v for k, v in post.items() if isinstance(v, str)},
            )
        Pending._kel_discard(partner, service.requirement_ids)
        return request.redirect(f"/my/permohonan/{record.id}?submitted=1")

    @_post_route("/my/permohonan/<int:request_id>/batal")
    def portal_request_cancel(self, request_id, **post):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        try:
            # record is sudo (checked above): the applicant withdraws own request;
            # the method refuses once the office processes it.
            record._kel_cancel_by_applicant()
        except UserError as error:
            return self._kel_request_page(record, error=error.args[0], status=409)
        return request.redirect(f"/my/permohonan/{record.id}?cancelled=1")

    def _kel_request_page(self, record, status=200, **extra):
        """The request page of ``record`` (sudo, checked), with ``extra`` values
        such as an error message."""
        values = self._get_page_view_values(
            record, None, {}, "my_service_requests_history", False
        )
        values.update(page_name="service_request", service_request=record, **extra)
        return request.render(
            "kelurahan_service.portal_my_request", values, status=status
        )

    @_post_route("/my/permohonan/<int:request_id>/unggah")
    def portal_request_reupload(self, request_id, **post):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        try:
            # record is sudo (checked above): the applicant replaces own documents.
            record._kel_resubmit(_uploads(request.httprequest.files))
        except (ValidationError, UserError) as error:
            return self._kel_request_page(record, error=error.args[0])
        return request.redirect(f"/my/permohonan/{record.id}")

    @http.route(
        "/my/permohonan/<int:request_id>/dokumen/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_request_document(self, request_id, document_id, **kw):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        document = record.document_ids.filtered(lambda d: d.id == document_id)
        if not document:
            raise request.not_found()
        data = base64.b64decode(document.datas)
        # The type is read again from the bytes, not from the record: only a PDF,
        # JPEG or PNG opens in the browser; anything else is downloaded.
        mimetype = kel_files.sniff(data)
        return request.make_response(
            data,
            headers=[
                ("Content-Type", mimetype or "application/octet-stream"),
                ("Content-Length", str(len(data))),
                ("X-Content-Type-Options", "nosniff"),
                ("Content-Disposition", "inline" if mimetype else "attachment"),
            ],
        )

    @http.route(
        "/my/permohonan/<int:request_id>/surat", type="http", auth="user", website=True
    )
    def portal_request_letter(self, request_id, **kw):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        if (
            not record.letter_id
            or record.state not in ("ready", "done")
            or record.letter_id.request_id != record
        ):
            return request.redirect(f"/my/permohonan/{record.id}")
        if record.letter_id.state == "revoked":
            # 410 Gone: the letter existed but is no longer valid; the page says
            # why and what to do next.
            return self._kel_request_page(
                record,
                error=request.env._(
                    "This letter was revoked and can no longer be downloaded."
                ),
                status=410,
            )
        return self._show_report(
            record.letter_id,
            "pdf",
            "kelurahan_service.action_report_letter",
            download=True,
        )

    # ------------------------------------------------------------------ queue
    @http.route(
        ["/my/antrian", "/my/antrian/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_queue(self, service_id=None, day=None, error=None, page=1, **kw):
        Ticket = request.env["kelurahan.queue.ticket"]
        if not Ticket.has_access("read"):
            return request.redirect("/my")
        # sudo: catalogue and free slots are public information (no personal data).
        services = (
            request.env["kelurahan.service"]
            .sudo()
            .search(_office_domain([("needs_appointment", "=", True)]))
        )
        service = services.filtered(lambda s: str(s.id) == str(service_id))[:1]
        # sudo: free slots are public information (no personal data).
        free = request.env["kelurahan.queue.slot"].sudo()._kel_free_slots(service)
        days = sorted(set(free.mapped("date")))
        chosen_day = next((d for d in days if str(d) == str(day)), None)
        tickets, pager = common.paged(
            Ticket,
            [],
            "/my/antrian",
            page,
            Ticket._order,
            url_args={k: v for k, v in (("service_id", service_id), ("day", day)) if v},
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="queue",
            tickets=tickets,
            pager=pager,
            services=services,
            service=service,
            days=[
                (d, format_date(request.env, d, date_format="EEE d MMM")) for d in days
            ],
            day=chosen_day,
            slots=free.filtered(lambda s: s.date == chosen_day),
            error=error,
        )
        return request.render("kelurahan_service.portal_my_queue", values)

    @_post_route("/my/antrian/pesan")
    def portal_queue_book(self, slot_id=None, service_id=None, day=None, **kw):
        # sudo: residents book through _kel_book, which locks and checks capacity.
        slot = _sudo_browse("kelurahan.queue.slot", slot_id)
        if not slot:
            return self.portal_my_queue(
                service_id=service_id,
                day=day,
                error=request.env._(
                    "Choose a time on the selected day, then press Book."
                ),
            )
        try:
            ticket = slot._kel_book(request.env.user.partner_id)
        except UserError as error:
            return self.portal_my_queue(
                service_id=slot.service_id.id, day=slot.date, error=error.args[0]
            )
        return request.redirect(f"/antrian/tiket/{ticket.id}")

    @_post_route("/my/antrian/<int:ticket_id>/batal")
    def portal_queue_cancel(self, ticket_id, **kw):
        try:
            ticket = self._document_check_access("kelurahan.queue.ticket", ticket_id)
            ticket.action_cancel()
        except (AccessError, MissingError):
            return request.redirect("/my")
        except UserError as error:
            return self.portal_my_queue(error=error.args[0])
        return request.redirect("/my/antrian")

    @http.route(
        "/antrian/tiket/<int:ticket_id>", type="http", auth="public", website=True
    )
    def queue_ticket_page(self, ticket_id, access_token=None, **kw):
        """The ticket on the visitor's phone (account or printed link)."""
        ticket = self._kel_checked("kelurahan.queue.ticket", ticket_id, access_token)
        if ticket is None:
            return request.redirect("/my")
        return request.render(
            "kelurahan_service.queue_ticket_page",
            {
                "ticket": ticket,
                "slot_label": ticket.slot_id._kel_local_label()
                if ticket.slot_id
                else "",
                "qr_src": ticket._kel_phone_qr(),
                "back_url": "/my/antrian"
                if ticket.partner_id == request.env.user.partner_id
                else "/",
            },
        )
