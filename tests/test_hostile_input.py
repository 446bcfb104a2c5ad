"""Hostile input on every public and portal route, against the live server `make
test` starts with --workers as in production: more than a thousand requests built
from tests/hostile_corpus.json (control characters, NUL, RTL marks, 100k-character
values, HTML/JS, formula prefixes, SQL fragments, wrong types, broken bytes, missing
CSRF). No answer may be a 5xx or a dropped connection, a refused request must store
nothing, and the server log must hold no ERROR line (tools/run_tests.py checks the
log after the suite). The counts are printed."""

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import requests

from .odoo_client import OdooClient
from .test_portal_http import form_fields

CORPUS = json.loads((Path(__file__).parent / "hostile_corpus.json").read_text())
CREATING = ("report", "report_types", "my_report", "my_request")


def corpus():
    """Every hostile value: text, repeated text, and raw bytes that are not UTF-8."""
    values = list(CORPUS["strings"])
    values += [text * times for text, times in CORPUS["repeats"]]
    values += [bytes.fromhex(raw) for raw in CORPUS["bytes_hex"]]
    return values


def as_text(value):
    return value.decode("latin-1") if isinstance(value, bytes) else value


def in_path(value):
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")


def record_counts(admin):
    models = (
        "helpdesk.ticket",
        "kelurahan.service.request",
        "kelurahan.whatsapp.event",
        "ir.attachment",
    )
    return {
        model: admin.call(model, "search_count", [], context={"active_test": False})
        for model in models
    }


class Sender:
    """Sends the requests and tallies the answers per target."""

    def __init__(self, odoo_url, odoo_db):
        self.public = OdooClient(odoo_url, odoo_db)
        self.resident = OdooClient(odoo_url, odoo_db)
        self.resident.login("warga", "warga")
        self.statuses = Counter()
        self.created = Counter()
        self.failures = []
        self.report_form = form_fields(self.public.get("/pengaduan/lapor").text)
        self.my_form = form_fields(self.resident.get("/my/pengaduan/baru").text)
        chooser = self.resident.get("/my/permohonan/baru").text
        self.service_id = re.search(r'<option value="(\d+)"', chooser)[1]
        self.request_csrf = self.resident.csrf_token(
            f"/my/permohonan/baru?service_id={self.service_id}"
        )

    def send(self, target, client, method, path, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        try:
            response = getattr(client, method)(path, **kwargs)
        except requests.RequestException as error:
            self.failures.append((target, path[:80], f"no answer: {error}"))
            self.statuses["no answer"] += 1
            return
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.failures.append((target, path[:80], response.status_code))
        if target in CREATING and response.status_code in (301, 302, 303):
            self.created[target] += 1

    def attack(self, value):
        text = as_text(value)
        arg = in_path(value)
        public, resident = self.public, self.resident
        for target, path in (
            ("track_token", f"/pengaduan/lacak/{arg}"),
            ("verify_token", f"/verifikasi/{arg}"),
            ("verify_number", f"/verifikasi?nomor={arg}"),
            ("kiosk", f"/kelurahan/survey/kiosk/{arg}"),
            ("walkin", f"/kelurahan/survey/start/{arg}?service={arg}&channel={arg}"),
            ("ticket_link", f"/my/ticket/1?access_token={arg}"),
            ("board", f"/pengaduan/transparansi?x={arg}"),
            ("queue_screen", f"/antrian/layar?x={arg}"),
        ):
            self.send(target, public, "get", path)
        self.send(
            "my_list", resident, "get", f"/my/pengaduan?search={arg}&filterby={arg}"
        )
        report = dict(
            self.report_form,
            name="Uji masukan",
            description="Uji masukan berbahaya.",
            reporter_name="Penguji",
            reporter_phone="0812 5555 9876",
            kel_website="",
        )
        self.send(
            "report",
            public,
            "post",
            "/pengaduan/lapor",
            data=dict(report, description=value, location_address=value),
        )
        self.send(
            "report_types",
            public,
            "post",
            "/pengaduan/lapor",
            data=dict(report, category_id=value, rw_id=value, latitude=value),
        )
        self.send(
            "report_no_csrf",
            public,
            "post",
            "/pengaduan/lapor",
            data={k: v for k, v in report.items() if k != "csrf_token"},
        )
        self.send(
            "track_form",
            public,
            "post",
            "/pengaduan/lacak",
            data={"csrf_token": report["csrf_token"], "number": value, "digits": value},
        )
        self.send(
            "my_report",
            resident,
            "post",
            "/my/pengaduan/baru",
            data=dict(
                self.my_form,
                name=value,
                description=value,
                reporter_phone="0812 5555 9876",
            ),
        )
        self.send(
            "my_request",
            resident,
            "post",
            "/my/permohonan/baru",
            data={
                "csrf_token": self.request_csrf,
                "service_id": self.service_id,
                "applicant_name": value,
                "applicant_nik": value,
                "purpose": value,
            },
        )
        body = json.dumps(
            {
                "object": "whatsapp_business_account",
                "entry": [
                    {
                        "changes": [
                            {
                                "field": "messages",
                                "value": {
                                    "messages": [
                                        {
                                            "from": text,
                                            "id": text,
                                            "text": {"body": text},
                                        }
                                    ]
                                },
                            }
                        ]
                    }
                ],
            }
        )
        self.send("webhook", public, "post", "/kelurahan/whatsapp/webhook",
                  data=body, headers={"Content-Type": "application/json",
                                      "X-Hub-Signature-256": "sha256=00"})  # fmt: skip


def test_hostile_corpus_on_every_route(admin, odoo_url, odoo_db, capsys):
    before = record_counts(admin)
    sender = Sender(odoo_url, odoo_db)
    for value in corpus():
        sender.attack(value)
    # Pathological shapes that no value above makes.
    deep = b"[" * 100_000
    for path in ("/kelurahan/whatsapp/webhook", "/pengaduan/lapor"):
        sender.send("deep_json", sender.public, "post", path, data=deep,
                    headers={"Content-Type": "application/json"})  # fmt: skip
    sender.send("long_url", sender.public, "get", "/pengaduan/lacak/" + "a" * 100_000)
    after = record_counts(admin)
    total = sum(sender.statuses.values())
    answers = dict(sorted(sender.statuses.items(), key=str))
    with capsys.disabled():
        print(
            f"\nhostile input: {total} requests, answers {answers}, complaints and "
            f"requests created by accepted forms {dict(sender.created)}"
        )
    assert total >= 1000
    assert not sender.failures, sender.failures[:20]
    # A refused request stores nothing: every new complaint or request comes from
    # a form that was accepted (a redirect to its page).
    created = sender.created
    assert after["helpdesk.ticket"] - before["helpdesk.ticket"] == (
        created["report"] + created["report_types"] + created["my_report"]
    )
    assert (
        after["kelurahan.service.request"] - before["kelurahan.service.request"]
        == created["my_request"]
    )
    assert after["kelurahan.whatsapp.event"] == before["kelurahan.whatsapp.event"]
    assert after["ir.attachment"] == before["ir.attachment"]
