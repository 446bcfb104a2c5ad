# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public pages: the service catalogue and letter verification (from the QR code).
The waiting-room display is in queue.py."""

from odoo import http
from odoo.http import request
from odoo.tools.misc import format_date, formatLang

from odoo.addons.kelurahan_crm.controllers import portal_common as common

# Verification look-ups per client address and minute
# (kelurahan_service.verify_rate_limit) are counted by kelurahan.portal.throttle, in
# the database: the limit holds across worker processes and restarts, which stops
# enumeration of tokens or numbers.
THROTTLE_KIND = "verify"


def _rate_limited():
    """True when this address used up its look-ups; otherwise count this one."""
    Throttle = request.env["kelurahan.portal.throttle"]
    client = common.client_address()
    if Throttle._kel_is_blocked(THROTTLE_KIND, client):
        return True
    Throttle._kel_hit(THROTTLE_KIND, client)
    return False


class KelurahanPublic(http.Controller):
    @common.page_route("/layanan", auth="public", methods=["GET"], readonly=True)
    def service_catalogue(self, **kw):
        """What each service needs, costs and takes, readable without an account."""
        env = request.env
        # sudo: the catalogue is public information of the office; only the fields
        # below leave this method.
        services = (
            env["kelurahan.service"]
            .sudo()
            .search([("company_id", "=", env.company.id)])
        )
        rows = [
            {
                "id": service.id,
                "name": service.name,
                "description": service.description or "",
                "requirements": [
                    {"name": req.name, "required": req.required}
                    for req in service.requirement_ids
                ],
                "fee": formatLang(env, service.fee, digits=0) if service.fee else "",
                "days": service.target_days,
                "appointment": service.needs_appointment,
            }
            for service in services
        ]
        return request.render(
            "kelurahan_service.service_catalogue_page",
            {"page_name": "layanan", "services": rows},
        )

    def _verify_response(self, letter, searched=True):
        if _rate_limited():
            return request.render(
                "kelurahan_service.verify_page", {"rate_limited": True}, status=429
            )
        values = {"searched": searched, "letter": None}
        if letter:
            values["letter"] = {
                "number": letter.number,
                "date": format_date(request.env, letter.date_issued),
                "service": letter.service_id.name,
                "name": _mask_name(letter.applicant_name),
                "nik": letter.applicant_nik_masked,
                "state": letter.state,
                "date_revoked": format_date(request.env, letter.date_revoked),
            }
        return request.render(
            "kelurahan_service.verify_page", values, status=200 if letter else 404
        )

    @http.route(
        "/verifikasi/<string:token>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def verify_token(self, token, **kw):
        # sudo: anyone holding the printed QR code may check the letter; only the
        # masked summary below is shown.
        letter = (
            request.env["kelurahan.letter"]
            .sudo()
            .search([("verify_token", "=", token)], limit=1)
            if token and len(token) < 100
            else None
        )
        return self._verify_response(letter)

    @http.route("/verifikasi", type="http", auth="public", website=True, readonly=True)
    def verify_number(self, nomor=None, **kw):
        if not nomor:
            return request.render("kelurahan_service.verify_page", {"searched": False})
        # sudo: as above, a public check by the number printed on the letter.
        letter = (
            request.env["kelurahan.letter"]
            .sudo()
            .search([("number", "=", nomor.strip())], limit=1)
            if len(nomor) < 100
            else None
        )
        return self._verify_response(letter)


def _mask_name(name):
    """'Dewi Lestari' → 'De** Le*****': recognisable by the holder, not harvestable."""
    words = (name or "").split()
    return " ".join(w[:2] + "*" * max(len(w) - 2, 0) for w in words)
