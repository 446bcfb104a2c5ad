# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import logging

import requests

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

ADMIN = "kelurahan_crm.group_kelurahan_admin"


class WhatsAppApiError(Exception):
    """An answer of the Graph API that is not a success.

    ``retry`` says whether trying again later may succeed (429, 5xx, network);
    ``retry_after`` is the server's ``Retry-After`` in seconds when it gave one.
    The message never contains the access token."""

    def __init__(self, message, status=None, code=None, retry=False, retry_after=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.retry = retry
        self.retry_after = retry_after


class KelurahanWhatsappAccount(models.Model):
    _name = "kelurahan.whatsapp.account"
    _description = "WhatsApp Business Account"
    _order = "sequence, id"

    name = fields.Char(required=True, default="WhatsApp Kelurahan")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    display_phone = fields.Char(string="Phone number (display)")
    phone_number_id = fields.Char(string="Phone number ID", required=True)
    business_account_id = fields.Char(string="Business account ID")
    api_version = fields.Char(string="API version", required=True, default="v21.0")
    api_base_url = fields.Char(
        string="API base URL",
        required=True,
        default="https://graph.facebook.com",
        help="Graph API address. Only change it to point at a test stand-in.",
    )
    # Secrets: readable and writable by Admin Kelurahan only, never logged.
    access_token = fields.Char(groups=ADMIN, copy=False)
    app_secret = fields.Char(
        groups=ADMIN,
        copy=False,
        help="App secret of the Meta app; signs every webhook delivery.",
    )
    verify_token = fields.Char(
        groups=ADMIN,
        copy=False,
        help="Any long random text; typed again in the Meta app webhook settings.",
    )
    template_name = fields.Char(
        string="Update template",
        default="kelurahan_update",
        help="Approved message template (one body parameter) used to reach a "
        "resident outside the 24-hour service window.",
    )
    template_lang = fields.Char(string="Template language", default="id")
    timeout = fields.Integer(string="Timeout (s)", default=10)
    media_max_mb = fields.Float(string="Media size limit (MB)", default=5.0)
    max_age_days = fields.Integer(
        string="Ignore deliveries older than (days)",
        default=7,
        help="Messages whose WhatsApp timestamp is older are logged and ignored.",
    )
    webhook_url = fields.Char(compute="_compute_webhook_url")

    _sql_constraints = [  # noqa: RUF012
        (
            "phone_number_id_uniq",
            "unique(phone_number_id)",
            "This WhatsApp phone number ID is already configured.",
        )
    ]

    def _compute_webhook_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for account in self:
            account.webhook_url = f"{base}/kelurahan/whatsapp/webhook"

    @api.constrains("timeout", "media_max_mb", "api_base_url")
    def _check_limits(self):
        for account in self:
            if not 1 <= account.timeout <= 60:
                raise ValidationError(
                    self.env._("The timeout must be between 1 and 60 seconds.")
                )
            if not 0 < account.media_max_mb <= 100:
                raise ValidationError(
                    self.env._("The media size limit must be between 0 and 100 MB.")
                )
            if not (account.api_base_url or "").startswith(("https://", "http://")):
                raise ValidationError(
                    self.env._("The API base URL must start with https://.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        self.env.registry.clear_cache()  # _kel_webhook_keys
        return accounts

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()  # _kel_webhook_keys
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _kel_webhook_keys
        return res

    # ------------------------------------------------------------------
    # Webhook helpers (called with sudo by the controller)
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _kel_webhook_keys(self):
        """(account id, app secret, verify token) of the active accounts, cached
        per worker so that a webhook request costs no query for them."""
        return tuple(
            (account.id, account.app_secret or "", account.verify_token or "")
            for account in self.sudo().search([])
        )

    @api.model
    def _kel_match_verify_token(self, token):
        """The active account whose verify token equals ``token`` (constant time)."""
        token = (token or "").encode()
        for account_id, _secret, expected in self._kel_webhook_keys():
            if expected and hmac.compare_digest(expected.encode(), token):
                return self.browse(account_id)
        return self.browse()

    @api.model
    def _kel_match_signature(self, body, header):
        """The active account whose app secret signed ``body``; empty if none."""
        header = header or ""
        if not header.startswith("sha256="):
            return self.browse()
        for account_id, secret, _token in self._kel_webhook_keys():
            if not secret:
                continue
            digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            if hmac.compare_digest(f"sha256={digest}".encode(), header.encode()):
                return self.browse(account_id)
        return self.browse()

    # ------------------------------------------------------------------
    # Graph API client
    # ------------------------------------------------------------------
    def _kel_url(self, path):
        self.ensure_one()
        return f"{self.api_base_url.rstrip('/')}/{self.api_version}/{path}"

    def _kel_request(self, method, url, **kwargs):
        """One HTTP call to the Graph API with the account's token and timeout.
        Raises :class:`WhatsAppApiError`; the token never appears in messages."""
        self.ensure_one()
        account = self.sudo()  # the token is admin-only; callers are system jobs
        headers = kwargs.pop("headers", {})
        headers["Authorization"] = f"Bearer {account.access_token or ''}"
        try:
            response = requests.request(
                method, url, headers=headers, timeout=account.timeout, **kwargs
            )
        except requests.Timeout as exc:
            raise WhatsAppApiError(
                self.env._("WhatsApp API did not answer in time."), retry=True
            ) from exc
        except requests.RequestException as exc:
            raise WhatsAppApiError(
                self.env._(
                    "WhatsApp API unreachable: %(error)s", error=type(exc).__name__
                ),
                retry=True,
            ) from exc
        if response.status_code < 400:
            return response
        try:
            error = response.json().get("error", {})
        except ValueError:
            error = {}
        status = response.status_code
        text = (error.get("message") or response.reason or "")[:300]
        code = error.get("code")
        retry_after = None
        if status == 429:
            try:
                retry_after = max(1, int(response.headers.get("Retry-After", "")))
            except ValueError:
                retry_after = None
        raise WhatsAppApiError(
            self.env._(
                "WhatsApp API error %(status)s (%(code)s): %(text)s",
                status=status,
                code=code or "-",
                text=text,
            ),
            status=status,
            code=code,
            retry=status == 429 or status >= 500,
            retry_after=retry_after,
        )

    def _kel_send_payload(self, payload):
        """POST /{phone-number-id}/messages; returns the new message's wamid."""
        self.ensure_one()
        response = self._kel_request(
            "POST", self._kel_url(f"{self.phone_number_id}/messages"), json=payload
        )
        try:
            return response.json()["messages"][0]["id"]
        except (ValueError, KeyError, IndexError) as exc:
            raise WhatsAppApiError(
                self.env._("WhatsApp API answered without a message id."), retry=True
            ) from exc

    def _kel_download_media(self, media_id):
        """GET /{media-id} then the download URL, within the size limit.
        Returns (content, mimetype)."""
        self.ensure_one()
        limit = int(self.media_max_mb * 1024 * 1024)
        info = self._kel_request("GET", self._kel_url(media_id)).json()
        url, mimetype = info.get("url"), info.get("mime_type") or ""
        if not url:
            raise WhatsAppApiError(self.env._("Media has no download address."))
        if int(info.get("file_size") or 0) > limit:
            raise WhatsAppApiError(
                self.env._(
                    "Media is larger than the limit of %(mb)s MB.", mb=self.media_max_mb
                )
            )
        response = self._kel_request("GET", url, stream=True)
        chunks, size = [], 0
        with response:
            for chunk in response.iter_content(65536):
                size += len(chunk)
                if size > limit:
                    raise WhatsAppApiError(
                        self.env._(
                            "Media is larger than the limit of %(mb)s MB.",
                            mb=self.media_max_mb,
                        )
                    )
                chunks.append(chunk)
        return b"".join(chunks), mimetype.split(";")[0].strip()

    def action_open_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kelurahan_whatsapp.kelurahan_whatsapp_message_action"
        )
        action["domain"] = [("account_id", "=", self.id)]
        return action
