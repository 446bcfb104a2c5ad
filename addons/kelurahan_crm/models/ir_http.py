# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request

from ..tools import request_guard

_logger = logging.getLogger(__name__)

# The product's language: residents get it unless they pick another one.
VISITOR_LANG = "id_ID"

PAGE = Markup(
    """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>Permintaan tidak dapat diproses</title></head>
<body style="font-family: sans-serif; max-width: 32em; margin: 2em auto">
<h1>Permintaan tidak dapat diproses</h1>
<p>%s</p>
<p>Periksa kembali alamat atau isian Anda, lalu coba lagi.</p>
<p><a href="/">Kembali ke halaman utama</a></p>
</body></html>"""
)


class RefusedRequest(HTTPException):
    """A guarded request answered with its own response (werkzeug returns it)."""


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Kelurahan staff land in the Kelurahan app, on the screen of their role,
        unless they chose their own home action (Odoo would open its first app)."""
        info = super().session_info()
        user = self.env.user
        if (
            not info.get("home_action_id")
            and user._is_internal()
            and user.has_group("kelurahan_crm.group_kelurahan_rw")
        ):
            info["home_action_id"] = self.env.ref(
                "kelurahan_crm.kelurahan_home_action"
            ).id
        return info

    @classmethod
    def _match(cls, path_info):
        """Before any route is looked up (Odoo's too): no path holds a control
        character. Odoo's language redirect would otherwise put it into a Location
        header and fail with a 500."""
        try:
            request_guard.check_location(path_info, "")
        except request_guard.Refused as refused:
            _logger.info("Request to %r refused: %s", path_info[:200], refused.message)
            raise RefusedRequest(response=cls._kel_refusal(refused)) from None
        cls._kel_set_visitor_lang()
        return super()._match(path_info)

    @classmethod
    def _auth_method_public(cls):
        """Odoo's: a request without a session runs as the public user. Its id
        comes from ir.model.data's cache, without Odoo's ``env.ref`` query that
        the record still exists (base data nobody can delete), which every
        anonymous request paid up to three times (language matching, our
        visitor language, the route's ``auth="public"``)."""
        if request.env.uid is None:
            request.update_env(
                user=request.env["ir.model.data"]._xmlid_to_res_id("base.public_user")
            )

    @classmethod
    def _kel_set_visitor_lang(cls):
        """A visitor without a session speaks the office's language unless they chose
        another one. Odoo puts the browser's ``Accept-Language`` into an anonymous
        session's context (``request.default_lang()``), where http_routing's
        ``_match`` takes it for a choice and non-frontend pages (``/web/login``) use
        it as is; but many phones are set to English without their owner choosing
        it. The only choices of a visitor are the language switcher (the URL prefix,
        handled by http_routing, and the ``frontend_lang`` cookie it leaves). A
        logged-in user keeps the language of their account."""
        if request.session.uid:
            return
        real_env = request.env
        try:
            # As http_routing's _match: reading languages needs a user.
            cls._auth_method_public()
            lang = (
                request.env["ir.http"].get_nearest_lang(
                    request.cookies.get("frontend_lang")
                )
                or cls._get_default_lang().code
            )
        finally:
            request.env = real_env
        request.session.context["lang"] = lang
        request.update_context(lang=lang)

    @classmethod
    def _get_default_lang(cls):
        """The default frontend language is Bahasa Indonesia. Odoo's would be the
        default language of contacts (``ir.default``), which base sets to en_US in
        every database it creates, whatever the product."""
        lang = request.env["res.lang"]._get_data(code=VISITOR_LANG)
        return lang if lang.code else super()._get_default_lang()

    @classmethod
    def _pre_dispatch(cls, rule, args):
        if cls._kel_is_our_route(rule):
            try:
                cls._kel_check_request()
            except request_guard.Refused as refused:
                _logger.info(
                    "Request to %s refused (%s): %s",
                    rule.rule,
                    refused.status,
                    refused.message,
                )
                raise RefusedRequest(response=cls._kel_refusal(refused)) from None
        return super()._pre_dispatch(rule, args)

    @classmethod
    def _kel_is_our_route(cls, rule):
        endpoint = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
        module = getattr(endpoint, "__module__", "") or ""
        return module.startswith("odoo.addons.kelurahan_")

    @classmethod
    def _kel_check_request(cls):
        httprequest = request.httprequest
        request_guard.check_location(
            httprequest.path, httprequest.query_string.decode("latin-1")
        )
        request_guard.check_values(httprequest.args.items(multi=True), text=False)
        if httprequest.mimetype == "application/json":
            request_guard.check_json(httprequest.get_data(cache=True))
            return
        request_guard.check_values(httprequest.form.items(multi=True))
        request_guard.check_values(
            (name, storage.filename or "")
            for name, storage in httprequest.files.items(multi=True)
        )

    @classmethod
    def _kel_refusal(cls, refused):
        httprequest = request.httprequest
        if httprequest.mimetype == "application/json":
            return request.make_response(
                json.dumps({"error": refused.message}),
                headers=[("Content-Type", "application/json")],
                status=refused.status,
            )
        return request.make_response(
            PAGE % escape(refused.message),
            headers=[("Content-Type", "text/html; charset=utf-8")],
            status=refused.status,
        )
