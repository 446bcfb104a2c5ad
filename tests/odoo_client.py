"""A small HTTP client for Odoo: a browser-like session plus JSON-RPC calls."""

import itertools
import re

import requests

TIMEOUT = 30


class OdooError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


class OdooClient:
    def __init__(self, url, db):
        self.url = url
        self.db = db
        self.session = requests.Session()
        self._ids = itertools.count(1)

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.get(self.url + path, **kwargs)

    def post(self, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.post(self.url + path, **kwargs)

    def csrf_token(self, path):
        """The CSRF token of the form served at ``path``."""
        html = self.get(path).text
        match = re.search(r'name="csrf_token"\s+value="([^"]+)"', html) or re.search(
            r'csrf_token:\s*"([^"]+)"', html
        )
        assert match, f"no CSRF token on {path}"
        return match[1]

    def jsonrpc(self, path, params):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": params,
        }
        reply = self.post(path, json=payload).json()
        if "error" in reply:
            raise OdooError(reply["error"])
        return reply["result"]

    def login(self, login, password):
        return self.jsonrpc(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )

    def call(self, model, method, *args, **kwargs):
        return self.jsonrpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
