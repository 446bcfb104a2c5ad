# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

from odoo import http
from odoo.http import request

from odoo.addons.kelurahan_crm.tools import request_guard

_logger = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # Meta batches are far smaller; refuse anything bigger
MAX_CHALLENGE = 256


class WhatsappWebhook(http.Controller):
    """The WhatsApp Cloud API webhook: verification handshake (GET) and signed
    deliveries (POST). A POST is only verified and queued here; the work is done by
    the ``kelurahan.whatsapp.event`` cron so that Meta gets its answer fast."""

    @http.route(
        "/kelurahan/whatsapp/webhook",
        type="http",
        auth="none",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def whatsapp_webhook(self, **params):
        if request.httprequest.method == "GET":
            return self._kel_handshake(params)
        return self._kel_delivery()

    def _kel_refuse(self, status, reason):
        _logger.warning(
            "WhatsApp webhook %s refused (%s) from %s",
            request.httprequest.method,
            reason,
            request.httprequest.remote_addr,
        )
        return request.make_response(
            {403: "Forbidden", 413: "Too large"}.get(status, "Bad request"),
            headers=[("Content-Type", "text/plain")],
            status=status,
        )

    def _kel_handshake(self, params):
        mode = params.get("hub.mode")
        token = params.get("hub.verify_token") or ""
        challenge = params.get("hub.challenge") or ""
        if mode != "subscribe":
            return self._kel_refuse(403, "hub.mode is not subscribe")
        if not challenge or len(challenge) > MAX_CHALLENGE:
            return self._kel_refuse(403, "missing or oversized challenge")
        # sudo: public endpoint; only compares the token, returns nothing of it
        Account = request.env["kelurahan.whatsapp.account"].sudo()
        if not Account._kel_match_verify_token(token):
            return self._kel_refuse(403, "wrong verify token")
        _logger.info("WhatsApp webhook verified")
        return request.make_response(
            challenge, headers=[("Content-Type", "text/plain; charset=utf-8")]
        )

    def _kel_delivery(self):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY:
            return self._kel_refuse(413, "body too large")
        body = httprequest.get_data()
        if len(body) > MAX_BODY:
            return self._kel_refuse(413, "body too large")
        signature = httprequest.headers.get("X-Hub-Signature-256")
        if not signature:
            return self._kel_refuse(403, "no signature")
        # sudo: the app secrets are admin-only; only the matching account is used
        Account = request.env["kelurahan.whatsapp.account"].sudo()
        account = Account._kel_match_signature(body, signature)
        if not account:
            return self._kel_refuse(403, "wrong signature")
        try:
            # Whatever its Content-Type: no JSON nested deeper than Meta's, no NUL
            # that PostgreSQL could not store.
            request_guard.check_json(body)
        except request_guard.Refused as refused:
            return self._kel_refuse(400, refused.message)
        try:
            data = json.loads(body)
            # sudo: the event queue is written by the system only, after the
            # signature proved the delivery comes from Meta.
            new = (
                request.env["kelurahan.whatsapp.event"]
                .sudo()
                ._kel_enqueue(account, data)
            )
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            return self._kel_refuse(400, "malformed JSON")
        _logger.debug("WhatsApp webhook: %s new event(s)", new)
        return request.make_response(
            "OK", headers=[("Content-Type", "text/plain")], status=200
        )
