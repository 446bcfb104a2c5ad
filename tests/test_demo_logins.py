"""The demo logins that `make run` prints work over HTTP, each with its role."""

import pytest

from .odoo_client import OdooError

DEMO_USERS = [
    ("admin", "admin", "kelurahan_crm.group_kelurahan_admin"),
    ("lurah", "lurah", "kelurahan_crm.group_kelurahan_lurah"),
    ("petugas", "petugas", "kelurahan_crm.group_kelurahan_officer"),
    ("rw01", "rw01", "kelurahan_crm.group_kelurahan_rw"),
    ("warga", "warga", "base.group_portal"),
]


def test_login_page_is_served(client):
    page = client.get("/web/login")
    assert page.status_code == 200
    assert 'name="login"' in page.text


@pytest.mark.parametrize(("login", "password", "group"), DEMO_USERS)
def test_demo_login(client, login, password, group):
    session = client.login(login, password)
    assert session["uid"]
    assert client.call("res.users", "has_group", [session["uid"]], group) is True


def test_wrong_password_is_refused(client):
    with pytest.raises(OdooError) as refused:
        client.login("petugas", "not-the-password")
    assert "AccessDenied" in refused.value.name


def test_resident_cannot_reach_backend_models(client):
    client.login("warga", "warga")
    with pytest.raises(OdooError) as refused:
        client.call("ir.config_parameter", "search_read", [], fields=["key", "value"])
    assert "AccessError" in refused.value.name
