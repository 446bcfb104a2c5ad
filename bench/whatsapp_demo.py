#!/usr/bin/env python3
# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Play a resident's WhatsApp conversation against a running Odoo, without internet.

Starts the local Cloud-API stand-in, points a WhatsApp account of the given database at
it (creates "Demo stand-in" with random secrets, as admin), then sends the messages of a
complaint (category, description, RW, photo), asks its status and prints every answer
the office sends back. The Odoo must run its cron (e.g. `HTTP_PORT=8070 make run`).

    .venv/bin/python bench/whatsapp_demo.py --url http://127.0.0.1:8070 --db kelurahan
"""

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from whatsapp_webhook import Rpc  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "whatsapp_standin", ROOT / "addons/kelurahan_whatsapp/tests/whatsapp_standin.py"
)
standin_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(standin_mod)

# 1x1 JPEG
PHOTO = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c"
    "140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27"
    "393d38323c2e333432ffc0000b080001000101011100ffc4001400010000000000000000000000000"
    "0000009ffc40014100100000000000000000000000000000000ffda0008010100003f0054ffd9"
)


def category_number(sent, wanted="jalan rusak"):
    """The menu number of ``wanted`` in the last answer (1 when not found)."""
    menu = sent[-1].get("text", {}).get("body", "") if sent else ""
    for line in menu.splitlines():
        number, _dot, name = line.partition(". ")
        if number.isdigit() and name.strip().lower() == wanted:
            return number
    return "1"


def wait_answers(standin, count, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline and len(standin.sent) < count:
        time.sleep(0.3)
    return standin.sent[count - 1 :] if len(standin.sent) >= count else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="kelurahan")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--phone", default="6281298765432")
    opts = parser.parse_args()
    if not opts.url.startswith(("http://127.0.0.1", "http://localhost")):
        sys.exit("ERROR: the demo only talks to a local Odoo")

    standin = standin_mod.CloudApiStandin(
        phone_number_id=f"demo{os.urandom(6).hex()}", app_secret=os.urandom(16).hex()
    )
    standin.start()
    rpc = Rpc(opts.url.rstrip("/"), opts.db, opts.login, opts.password)
    account = rpc(
        "kelurahan.whatsapp.account",
        "create",
        {
            "name": "Demo stand-in",
            "phone_number_id": standin.phone_number_id,
            "api_base_url": standin.base_url,
            "access_token": standin.token,
            "app_secret": standin.app_secret,
            "verify_token": os.urandom(8).hex(),
        },
    )
    standin.webhook_url = f"{opts.url.rstrip('/')}/kelurahan/whatsapp/webhook"
    standin.add_media("DEMO-PHOTO", PHOTO, "image/jpeg")
    script = [
        {"text": "Selamat pagi, saya mau lapor"},
        {"text": "CATEGORY"},  # replaced by the number of "Jalan Rusak" in the menu
        {"text": "Jalan berlubang besar di depan SDN 03, berbahaya untuk motor"},
        {"text": "RW 01 Jl. Melati no. 3"},
        {"kind": "image", "media_id": "DEMO-PHOTO"},
    ]
    try:
        for step in script:
            kind = step.pop("kind", "text")
            if step.get("text") == "CATEGORY":
                step["text"] = category_number(standin.sent)
            shown = step.get("text") or f"[{kind}]"
            print(f"\n>>> warga: {shown}")
            expected = len(standin.sent) + 1
            payload = standin.message(opts.phone, kind=kind, name="Ibu Demo", **step)
            status = standin.deliver(payload)[0]
            if status != 200:
                sys.exit(f"ERROR: webhook answered {status}")
            for answer in wait_answers(standin, expected):
                print(f"<<< kelurahan: {answer.get('text', {}).get('body')}")
        conversation = rpc(
            "kelurahan.whatsapp.conversation",
            "search_read",
            [("account_id", "=", account)],
            ["ticket_id"],
        )
        ticket = conversation and conversation[0]["ticket_id"]
        if ticket:
            number = rpc("helpdesk.ticket", "read", [ticket[0]], ["number"])[0]
            expected = len(standin.sent) + 1
            print(f"\n>>> warga: status {number['number']}")
            standin.deliver(
                standin.message(opts.phone, text=f"status {number['number']}")
            )
            for answer in wait_answers(standin, expected):
                print(f"<<< kelurahan: {answer.get('text', {}).get('body')}")
        print("\nGraph API calls made by Odoo:")
        for request in standin.requests:
            body = json.dumps(request["json"])[:80] if request["json"] else ""
            print(f"  {request['method']} {request['path']} {body}")
    finally:
        rpc("kelurahan.whatsapp.account", "write", [account], {"active": False})
        standin.stop()


if __name__ == "__main__":
    main()
