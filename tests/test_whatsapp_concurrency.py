"""WhatsApp webhook against a live, multi-threaded Odoo: concurrent deliveries of the
same message are stored once (unique index, INSERT … ON CONFLICT DO NOTHING)."""

import importlib.util
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "whatsapp_standin", ROOT / "addons/kelurahan_whatsapp/tests/whatsapp_standin.py"
)
standin_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(standin_mod)


@pytest.fixture
def standin(client, odoo_url):
    client.login("admin", "admin")
    server = standin_mod.CloudApiStandin(
        phone_number_id=f"conc{os.urandom(6).hex()}", app_secret=os.urandom(16).hex()
    )
    server.start()
    account_id = client.call(
        "kelurahan.whatsapp.account",
        "create",
        {
            "name": "Concurrency test",
            "phone_number_id": server.phone_number_id,
            "api_base_url": server.base_url,
            "access_token": server.token,
            "app_secret": server.app_secret,
            "verify_token": "verify-" + os.urandom(8).hex(),
        },
    )
    server.webhook_url = f"{odoo_url}/kelurahan/whatsapp/webhook"
    yield server
    server.stop()
    client.call("kelurahan.whatsapp.account", "write", [account_id], {"active": False})


def test_concurrent_duplicate_deliveries_stored_once(client, standin):
    payloads = [standin.message("6281355550000", text=f"Halo {i}") for i in range(5)]
    wamids = [
        p["entry"][0]["changes"][0]["value"]["messages"][0]["id"] for p in payloads
    ]
    barrier = threading.Barrier(20)

    def hit(payload):
        barrier.wait(10)
        return standin.deliver(payload)[0]

    # 5 messages, each delivered 4 times at the same moment from 20 threads
    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(hit, payloads * 4))
    assert statuses == [200] * 20
    for wamid in wamids:
        assert (
            client.call(
                "kelurahan.whatsapp.event", "search_count", [("wamid", "=", wamid)]
            )
            == 1
        )


def test_unsigned_delivery_refused_and_not_stored(client, standin):
    payload = standin.message("6281355550001", text="Halo")
    wamid = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    assert standin.deliver(payload, signature="")[0] == 403
    assert standin.deliver(payload, secret="not-the-secret")[0] == 403
    assert (
        client.call("kelurahan.whatsapp.event", "search_count", [("wamid", "=", wamid)])
        == 0
    )


def test_handshake_live(client, standin):
    verify = client.call(
        "kelurahan.whatsapp.account",
        "search_read",
        [("phone_number_id", "=", standin.phone_number_id)],
        ["verify_token"],
    )[0]["verify_token"]
    ok = client.get(
        "/kelurahan/whatsapp/webhook",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": verify,
            "hub.challenge": "42",
        },
    )
    assert (ok.status_code, ok.text) == (200, "42")
    bad = client.get(
        "/kelurahan/whatsapp/webhook",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": "x",
            "hub.challenge": "42",
        },
    )
    assert bad.status_code == 403
