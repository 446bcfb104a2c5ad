# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A local stand-in for the WhatsApp Business Cloud API (Meta Graph API).

Standard library only, so that the addon's tests, the top-level pytest suite and the
scripts in ``bench/`` can all load it (the scripts by file path, without Odoo).

It listens on 127.0.0.1 (random port) and speaks the documented endpoints:

- ``POST /{version}/{phone-number-id}/messages`` → ``{"messages": [{"id": "wamid…"}]}``
- ``GET /{version}/{media-id}`` → media metadata with a download ``url``
- ``GET /media-download/{media-id}`` → the media bytes (Bearer token required)

Every request is recorded in ``requests``; ``fail_next()`` forces error answers (401,
429 with ``Retry-After``, 5xx) for the messages endpoint. ``deliver()`` POSTs a webhook
payload to Odoo signed with ``X-Hub-Signature-256`` like Meta does.
"""

import hashlib
import hmac
import itertools
import json
import os
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_VERSION = "v21.0"


def sign(app_secret, body):
    """The ``X-Hub-Signature-256`` header value of ``body`` (bytes)."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class _Handler(BaseHTTPRequestHandler):
    server_version = "GraphStandin/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    @property
    def standin(self):
        return self.server.standin

    def _reply(self, status, payload=None, headers=None, raw=None, ctype=None):
        body = raw if raw is not None else json.dumps(payload or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype or "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _record(self, body=b""):
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": dict(self.headers.items()),
            "json": data,
        }
        with self.standin.lock:
            self.standin.requests.append(entry)
        return entry

    def _authorized(self):
        expected = f"Bearer {self.standin.token}"
        return self.headers.get("Authorization") == expected

    def _unauthorized(self):
        self._reply(
            401,
            {
                "error": {
                    "message": "Invalid OAuth access token.",
                    "type": "OAuthException",
                    "code": 190,
                }
            },
        )

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        entry = self._record(body)
        parts = self.path.strip("/").split("/")
        if len(parts) != 3 or parts[2] != "messages":
            return self._reply(404, {"error": {"message": "Unknown path", "code": 100}})
        if parts[1] != self.standin.phone_number_id:
            return self._reply(
                400, {"error": {"message": "Unknown phone number id", "code": 100}}
            )
        forced = self.standin._pop_failure()
        if forced:
            status, headers, payload = forced
            return self._reply(status, payload, headers=headers)
        if not self._authorized():
            return self._unauthorized()
        data = entry["json"] or {}
        wamid = f"wamid.OUT{self.standin.run_id}{next(self.standin._counter):08d}"
        with self.standin.lock:
            self.standin.sent.append(dict(data, _wamid=wamid))
        self._reply(
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": data.get("to"), "wa_id": data.get("to")}],
                "messages": [{"id": wamid}],
            },
        )

    def do_GET(self):
        self._record()
        parts = self.path.strip("/").split("/")
        if not self._authorized():
            return self._unauthorized()
        if len(parts) == 2 and parts[0] == "media-download":
            media = self.standin.media.get(parts[1])
            if not media:
                return self._reply(404, {"error": {"message": "No media"}})
            content, mimetype = media
            return self._reply(200, raw=content, ctype=mimetype)
        if len(parts) == 2:
            media_id = parts[1]
            media = self.standin.media.get(media_id)
            if not media:
                return self._reply(
                    404, {"error": {"message": "Unknown media id", "code": 100}}
                )
            content, mimetype = media
            size = self.standin.declared_sizes.get(media_id, len(content))
            return self._reply(
                200,
                {
                    "messaging_product": "whatsapp",
                    "url": f"{self.standin.base_url}/media-download/{media_id}",
                    "mime_type": mimetype,
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "file_size": size,
                    "id": media_id,
                },
            )
        self._reply(404, {"error": {"message": "Unknown path"}})


class CloudApiStandin:
    """Start with ``start()`` (returns the base URL), stop with ``stop()``; also a
    context manager."""

    def __init__(
        self,
        phone_number_id="100200300",
        token="standin-access-token",
        app_secret="standin-app-secret",
        webhook_url=None,
        version=DEFAULT_VERSION,
    ):
        self.phone_number_id = phone_number_id
        self.token = token
        self.app_secret = app_secret
        self.webhook_url = webhook_url
        self.version = version
        self.requests = []
        self.sent = []
        self.media = {}
        self.declared_sizes = {}
        self.lock = threading.Lock()
        self._failures = []
        self._counter = itertools.count(1)
        self.run_id = os.urandom(4).hex()  # wamids stay unique across runs
        self._wamids = itertools.count(1)
        self._httpd = None
        self._thread = None
        self.base_url = None

    # server lifecycle
    def start(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.standin = self
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self.base_url

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(5)
            self._httpd = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # behaviour of the fake API
    def add_media(self, media_id, content, mimetype="image/jpeg", declared_size=None):
        self.media[media_id] = (content, mimetype)
        if declared_size is not None:
            self.declared_sizes[media_id] = declared_size

    def fail_next(self, status, count=1, retry_after=None, code=None, message=None):
        """The next ``count`` calls of the messages endpoint answer ``status``."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        payload = {
            "error": {
                "message": message or f"Forced error {status}",
                "type": "OAuthException" if status == 401 else "GraphMethodException",
                "code": code or {401: 190, 429: 130429}.get(status, 131000),
            }
        }
        with self.lock:
            self._failures.extend([(status, headers, payload)] * count)

    def _pop_failure(self):
        with self.lock:
            return self._failures.pop(0) if self._failures else None

    def reset(self):
        with self.lock:
            self.requests.clear()
            self.sent.clear()
            self._failures.clear()

    # webhook payloads, shaped like Meta's
    def next_wamid(self, prefix="IN"):
        return f"wamid.{prefix}{self.run_id}{next(self._wamids):08d}"

    def envelope(self, value_items, contacts=None):
        value = {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": "6221000000",
                "phone_number_id": self.phone_number_id,
            },
        }
        if contacts:
            value["contacts"] = contacts
        value.update(value_items)
        return {
            "object": "whatsapp_business_account",
            "entry": [
                {"id": "WABA-1", "changes": [{"value": value, "field": "messages"}]}
            ],
        }

    def message(self, wa_id, kind="text", wamid=None, name="Warga", ts=None, **data):
        """A delivery with one inbound message. ``kind`` text (``text=``), image
        (``media_id=``, ``caption=``), location (``latitude=``, ``longitude=``,
        ``address=``) or any other type name (sticker, reaction…)."""
        msg = {
            "from": wa_id,
            "id": wamid or self.next_wamid(),
            "timestamp": str(int(ts if ts is not None else time.time())),
            "type": kind,
        }
        if kind == "text":
            msg["text"] = {"body": data.get("text", "")}
        elif kind in ("image", "document", "audio", "video", "sticker"):
            msg[kind] = {
                "id": data.get("media_id", "MEDIA1"),
                "mime_type": data.get("mimetype", "image/jpeg"),
            }
            if data.get("caption"):
                msg[kind]["caption"] = data["caption"]
        elif kind == "location":
            msg["location"] = {
                "latitude": data.get("latitude"),
                "longitude": data.get("longitude"),
                "name": data.get("place", ""),
                "address": data.get("address", ""),
            }
        else:
            msg[kind] = data.get("content", {})
        contacts = [{"profile": {"name": name}, "wa_id": wa_id}]
        return self.envelope({"messages": [msg]}, contacts=contacts)

    def status(self, wamid, status, recipient, errors=None, ts=None):
        item = {
            "id": wamid,
            "status": status,
            "timestamp": str(int(ts if ts is not None else time.time())),
            "recipient_id": recipient,
        }
        if errors:
            item["errors"] = errors
        return self.envelope({"statuses": [item]})

    def deliver(self, payload, secret=None, raw=None, signature=None, timeout=30):
        """POST a webhook delivery to ``webhook_url``; returns (status, text,
        seconds). ``secret`` overrides the app secret (wrong signature test),
        ``signature=""`` sends no signature header, ``raw`` sends bytes as is."""
        body = raw if raw is not None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if signature is None:
            signature = sign(secret or self.app_secret, body)
        if signature:
            headers["X-Hub-Signature-256"] = signature
        req = urllib.request.Request(
            self.webhook_url, data=body, headers=headers, method="POST"
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                text = resp.read().decode()
                status = resp.status
        except urllib.error.HTTPError as err:
            status, text = err.code, err.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError) as err:
            status, text = 0, str(err)  # connection closed by the server
        return status, text, time.perf_counter() - start
