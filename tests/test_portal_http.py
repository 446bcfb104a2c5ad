"""The resident portal against the live server: report without an account, private
link, neutral tracking answers, missing CSRF, isolation between two residents."""

import re
import uuid

from .odoo_client import OdooClient


def form_fields(html):
    def hidden(name):
        match = re.search(rf'name="{name}"\s+value="([^"]*)"', html)
        return match[1] if match else None

    def first_option(select):
        block = re.search(rf'<select[^>]*name="{select}".*?</select>', html, re.S)
        return re.search(r'<option value="(\d+)"', block[0])[1] if block else None

    return {
        "csrf_token": hidden("csrf_token"),
        "form_ts": hidden("form_ts"),
        "form_sig": hidden("form_sig"),
        "category_id": first_option("category_id"),
        "rw_id": first_option("rw_id"),
    }


def report(client, path, **extra):
    data = form_fields(client.get(path).text)
    data.update(
        description="Lampu jalan mati sejak seminggu.",
        reporter_name="Pengujian HTTP",
        reporter_phone="0812 5555 9876",
        kel_website="",
        # agreed to the privacy notice (without it the report is filed anonymously)
        kel_consent="1",
    )
    data.update(extra)
    return client.post(path, data=data, allow_redirects=False)


def test_public_report_and_private_link(admin, client):
    response = report(client, "/pengaduan/lapor")
    assert response.status_code == 303
    link = response.headers["Location"]
    assert "/pengaduan/lacak/" in link
    page = client.get(link.split("?")[0])
    assert page.status_code == 200
    number = re.search(r"ADU/\d{4}/\d{6}", page.text)[0]
    assert "Pengujian HTTP" not in page.text
    assert "9876" not in page.text
    # the same complaint by number and the last 4 digits
    csrf = form_fields(client.get("/pengaduan/lacak").text)["csrf_token"]
    found = client.post(
        "/pengaduan/lacak",
        data={"csrf_token": csrf, "number": number, "digits": "9876"},
    )
    assert found.status_code == 200
    assert number in found.text


def test_tracking_answers_are_neutral(admin, client):
    csrf = form_fields(client.get("/pengaduan/lacak").text)["csrf_token"]
    answers = [
        client.post(
            "/pengaduan/lacak",
            data={"csrf_token": csrf, "number": number, "digits": digits},
        )
        for number, digits in (("ADU/2026/000001", "0000"), ("ADU/1999/424242", "1234"))
    ]
    assert {a.status_code for a in answers} == {404}
    assert "Tidak ada pengaduan yang cocok" in answers[0].text
    assert "Tidak ada pengaduan yang cocok" in answers[1].text
    guess = client.get(f"/pengaduan/lacak/{uuid.uuid4()}")
    assert guess.status_code == 404


def test_missing_csrf_stores_nothing(admin, client):
    before = admin.call("helpdesk.ticket", "search_count", [])
    response = report(client, "/pengaduan/lapor", csrf_token="")
    assert response.status_code == 400
    assert "Formulir ini sudah kedaluwarsa" in response.text
    assert admin.call("helpdesk.ticket", "search_count", []) == before


def test_residents_are_isolated(admin, client, odoo_url, odoo_db):
    client.login("warga", "warga")
    response = report(client, "/my/pengaduan/baru")
    assert response.status_code == 303
    ticket_id = int(re.search(r"/my/pengaduan/(\d+)", response.headers["Location"])[1])
    login = f"warga_http_{uuid.uuid4().hex[:8]}"
    portal = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", "base"), ("name", "=", "group_portal")],
        fields=["res_id"],
    )[0]["res_id"]
    admin.call(
        "res.users",
        "create",
        {
            "name": "Warga Lain",
            "login": login,
            "password": login,
            "groups_id": [(6, 0, [portal])],
        },
    )
    other = OdooClient(odoo_url, odoo_db)
    other.login(login, login)
    page = other.get(f"/my/pengaduan/{ticket_id}", allow_redirects=False)
    assert page.status_code == 404
    # the portal's own "not found" page, not Odoo's generic one
    assert "o_kel_not_found" in page.text, page.text[:500]
    assert "Lampu jalan mati" not in page.text
    listing = other.get("/my/pengaduan")
    assert f"/my/pengaduan/{ticket_id}" not in listing.text
