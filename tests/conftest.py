"""Fixtures for the cross-addon HTTP tests: a live Odoo started by `make test`
(KEL_ODOO_URL, KEL_ODOO_DB). Against a running `make run` instead:
KEL_ODOO_URL=http://localhost:8069 KEL_ODOO_DB=kelurahan .venv/bin/pytest tests"""

import os

import pytest

from .odoo_client import OdooClient


@pytest.fixture(scope="session")
def odoo_url():
    url = os.environ.get("KEL_ODOO_URL")
    if not url:
        pytest.fail("KEL_ODOO_URL is not set: run these tests through `make test`")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def odoo_db():
    return os.environ.get("KEL_ODOO_DB", "kelurahan")


@pytest.fixture
def client(odoo_url, odoo_db):
    return OdooClient(odoo_url, odoo_db)


# Generous limits for the live-server tests, which post many forms quickly.
PARAMS = {
    "kelurahan_crm.portal_form_min_seconds": "0",
    "kelurahan_crm.portal_report_limit": "1000",
    "kelurahan_crm.portal_report_user_limit": "1000",
    "kelurahan_crm.portal_track_limit": "1000",
    "kelurahan_service.verify_rate_limit": "1000",
}


@pytest.fixture(scope="module")
def admin(odoo_url, odoo_db):
    """The demo administrator, with the portal's limits relaxed for the module's
    tests (restored afterwards)."""
    admin = OdooClient(odoo_url, odoo_db)
    admin.login("admin", "admin")
    old = {key: admin.call("ir.config_parameter", "get_param", key) for key in PARAMS}
    for key, value in PARAMS.items():
        admin.call("ir.config_parameter", "set_param", key, value)
    yield admin
    for key, value in old.items():
        admin.call("ir.config_parameter", "set_param", key, value or "")
