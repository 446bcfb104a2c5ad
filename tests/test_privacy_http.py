"""The anonymous reporter on the live server: the demo resident files an anonymous
complaint through the portal; the demo RW officer of that RW then tries, over
JSON-RPC, every path that once named the reporter (read, read_group aggregates and
group-by, domains, order, chatter, followers, tokens, the date correction by context
key). Nothing names the resident; the refusals are AccessErrors."""

import re

import pytest

from .odoo_client import OdooClient, OdooError
from .test_portal_http import form_fields


@pytest.fixture(scope="module")
def anonymous(admin, odoo_url, odoo_db):
    """(complaint id, resident partner id, resident uid, secrets) of an anonymous
    complaint the demo resident files in RW 01 through /my/pengaduan/baru."""
    resident = OdooClient(odoo_url, odoo_db)
    uid = resident.login("warga", "warga")["uid"]
    [user] = admin.call("res.users", "read", [uid], ["partner_id", "name", "email"])
    page = resident.get("/my/pengaduan/baru").text
    rw01 = re.search(r'<option value="(\d+)"[^>]*>\s*RW 01', page)[1]
    data = dict(
        form_fields(page),
        rw_id=rw01,
        name="Pungli parkir",
        description="Ada pungutan liar di pasar setiap pagi.",
        reporter_phone="0812 7777 1234",
        is_anonymous="1",
        kel_consent="1",
    )
    response = resident.post("/my/pengaduan/baru", data=data, allow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    ticket_id = int(re.search(r"/my/pengaduan/(\d+)", response.headers["Location"])[1])
    # The answer comes first; the intake job posts the "received" message after
    # it. Run the job as its cron would: the server of `make test` runs no crons,
    # so the complaints of earlier tests wait before this one (a run takes a batch).
    [cron] = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", "kelurahan_crm"), ("name", "=", "ir_cron_kel_intake")],
        ["res_id"],
    )
    for _run in range(100):
        [state] = admin.call(
            "helpdesk.ticket", "read", [ticket_id], ["kel_intake_state"]
        )
        if not state["kel_intake_state"]:
            break
        admin.call("ir.cron", "method_direct_trigger", [cron["res_id"]])
    assert not state["kel_intake_state"], state
    secrets = [user["name"], user["email"], "7777 1234", "7777"]
    return ticket_id, user["partner_id"][0], uid, secrets


@pytest.fixture
def rw01(odoo_url, odoo_db):
    client = OdooClient(odoo_url, odoo_db)
    client.login("rw01", "rw01")
    return client


def names_nobody(value, anonymous):
    _ticket, partner_id, uid, secrets = anonymous
    text = repr(value).replace(" ", "")
    return not any(secret.replace(" ", "") in text for secret in secrets) and not any(
        f"[{number}," in text for number in (partner_id, uid)
    )


def refused(call):
    with pytest.raises(OdooError) as caught:
        call()
    assert caught.value.name == "odoo.exceptions.AccessError", caught.value
    return True


def test_rw_officer_learns_nothing_of_the_reporter(rw01, anonymous):
    ticket_id, partner_id, uid, _secrets = anonymous
    fields = ["partner_id", "partner_name", "partner_email", "reporter_name",
              "reporter_phone", "create_uid", "write_uid", "message_partner_ids",
              "message_follower_ids"]  # fmt: skip
    [values] = rw01.call("helpdesk.ticket", "read", [ticket_id], fields)
    assert names_nobody(values, anonymous)
    domain = [("id", "=", ticket_id)]
    for spec in ("reporter_name:array_agg", "partner_id:max", "partner_email:min",
                 "create_uid:array_agg", "write_uid:max"):  # fmt: skip
        groups = rw01.call("helpdesk.ticket", "read_group", domain, [spec], [])
        assert names_nobody(groups, anonymous), spec
    for groupby in ("create_uid", "partner_id"):
        groups = rw01.call("helpdesk.ticket", "read_group", domain, [], [groupby])
        assert names_nobody(groups, anonymous), groupby
    for oracle in ([("create_uid", "=", uid)],
                   [("message_partner_ids", "in", [partner_id])],
                   [("message_follower_ids.partner_id", "=", partner_id)],
                   [("partner_id", "=", partner_id)]):  # fmt: skip
        assert ticket_id not in rw01.call("helpdesk.ticket", "search", oracle)
    messages = rw01.call(
        "mail.message",
        "search_read",
        [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket_id)],
        ["author_id", "body", "create_uid"],
    )
    assert messages and names_nobody(messages, anonymous)
    for fname in ("kel_reporter_id", "kel_track_token", "access_token", "reporter_nik"):
        assert refused(
            lambda f=fname: rw01.call("helpdesk.ticket", "read", [ticket_id], [f])
        )
    assert refused(
        lambda: rw01.call(
            "helpdesk.ticket", "write", [ticket_id], {"is_anonymous": False}
        )
    )


def test_no_context_key_unlocks_a_check(rw01, anonymous):
    ticket_id = anonymous[0]
    for context in ({"kel_workflow": True}, {"kel_no_notify": True}):
        assert refused(
            lambda c=context: rw01.call(
                "helpdesk.ticket",
                "write",
                [ticket_id],
                {"date_reported": "2020-01-01 00:00:00"},
                context=c,
            )
        )
