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
