# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Residents' side: service requests (/my/permohonan) and queue bookings
(/my/antrian)."""

import base64

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.kelurahan_crm.controllers import portal_common as common
from odoo.addons.portal.controllers.portal import CustomerPortal


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
    @http.route("/my/permohonan", type="http", auth="user", website=True)
    def portal_my_requests(self, **kw):
        Request = request.env["kelurahan.service.request"]
        if not Request.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="service_request",
            service_requests=Request.search([]),
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

    @http.route(
        "/my/permohonan/baru", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_request_new(self, service_id=None, **kw):
        # sudo: the catalogue is public information of the office.
        services = request.env["kelurahan.service"].sudo().search(_office_domain())
        service = services.filtered(lambda s: str(s.id) == str(service_id))[:1]
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="service_request_new",
            services=services,
            service=service,
            form=kw,
            error=kw.get("error"),
            # sudo: the list of RWs is public information of the office.
            rws=common.portal_rws(),
            partner=request.env.user.partner_id,
        )
        return request.render("kelurahan_service.portal_request_new", values)

    @_post_route("/my/permohonan/baru")
    def portal_request_submit(self, service_id=None, **post):
        # sudo: the catalogue is public information of the office.
        service = _sudo_browse("kelurahan.service", service_id)
        if not service:
            return self.portal_request_new(error=request.env._("Choose a service."))
        values = {
            "applicant_name": (post.get("applicant_name") or "").strip(),
            "applicant_nik": post.get("applicant_nik") or "",
            "applicant_phone": post.get("applicant_phone"),
            "applicant_address": post.get("applicant_address"),
            "purpose": post.get("purpose"),
            "partner_id": request.env.user.partner_id.id,
        }
        # sudo: the list of RWs is public information of the office.
        rw = _sudo_browse("kelurahan.rw", post.get("rw_id"))
        if rw:
            values["rw_id"] = rw.id
        uploads = _uploads(request.httprequest.files)
        try:
            # sudo: residents cannot create requests directly; everything was
            # validated above and the request belongs to the resident's partner.
            record = (
                request.env["kelurahan.service.request"]
                .sudo()
                ._kel_submit(service, values, uploads, channel="portal")
            )
        except (ValidationError, UserError) as error:
            return self.portal_request_new(
                service_id=service.id,
                error=error.args[0],
                **{k: v for k, v in post.items() if isinstance(v, str)},
            )
        return request.redirect(f"/my/permohonan/{record.id}?submitted=1")

    @_post_route("/my/permohonan/<int:request_id>/unggah")
    def portal_request_reupload(self, request_id, **post):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        try:
            # record is sudo (checked above): the applicant replaces own documents.
            record._kel_resubmit(_uploads(request.httprequest.files))
        except (ValidationError, UserError) as error:
            values = self._get_page_view_values(
                record, None, {}, "my_service_requests_history", False
            )
            values.update(
                page_name="service_request",
                service_request=record,
                error=error.args[0],
            )
            return request.render("kelurahan_service.portal_my_request", values)
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
        return request.make_response(
            data,
            headers=[
                ("Content-Type", document.mimetype or "application/octet-stream"),
                ("Content-Length", str(len(data))),
                ("X-Content-Type-Options", "nosniff"),
                ("Content-Disposition", "inline"),
            ],
        )

    @http.route(
        "/my/permohonan/<int:request_id>/surat", type="http", auth="user", website=True
    )
    def portal_request_letter(self, request_id, **kw):
        record = self._kel_checked("kelurahan.service.request", request_id)
        if record is None:
            return request.redirect("/my")
        if not record.letter_id or record.state not in ("ready", "done"):
            return request.redirect(f"/my/permohonan/{record.id}")
        return self._show_report(
            record.letter_id,
            "pdf",
            "kelurahan_service.action_report_letter",
            download=True,
        )

    # ------------------------------------------------------------------ queue
    @http.route("/my/antrian", type="http", auth="user", website=True)
    def portal_my_queue(self, service_id=None, error=None, **kw):
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
        slots = request.env["kelurahan.queue.slot"]
        if service:
            slots = (
                slots.sudo()
                .search(
                    [
                        ("service_id", "=", service.id),
                        ("date_start", ">", fields.Datetime.now()),
                    ],
                    limit=80,
                )
                .filtered(lambda s: s.available > 0)
                ._kel_open_slots()
            )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="queue",
            tickets=Ticket.search([], limit=50),
            services=services,
            service=service,
            slots=slots,
            error=error,
        )
        return request.render("kelurahan_service.portal_my_queue", values)

    @_post_route("/my/antrian/pesan")
    def portal_queue_book(self, slot_id=None, **kw):
        # sudo: residents book through _kel_book, which locks and checks capacity.
        slot = _sudo_browse("kelurahan.queue.slot", slot_id)
        if not slot:
            return self.portal_my_queue(error=request.env._("Choose a time slot."))
        try:
            ticket = slot._kel_book(request.env.user.partner_id)
        except UserError as error:
            return self.portal_my_queue(
                service_id=slot.service_id.id, error=error.args[0]
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
            },
        )
