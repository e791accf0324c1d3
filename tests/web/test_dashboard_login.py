"""Signing in to the dashboard: the login form and CSRF, wrong passwords and the brake on guessing, sessions and
their cookies; CSRF protection leaves the webhooks, the APIs and the simulator working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.runtime import Runtime
from bot.web.dashboard.views import _safe_next
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import base_config
from tests.fakes import FakePlatforms
from tests.officials import COMMUNE, DISTRICT, NOV, PASSWORD, add_agencies, create_user, login, page

BAD_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


def csrf_token(html: str) -> str:
    """The CSRF token of a page's form."""
    m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert m is not None
    return m.group(1)


@pytest.fixture
def csrf_app(tmp_path: Path, fake: FakePlatforms) -> Iterator[Flask]:
    """A second app with CSRF enabled (the shared test config turns it off)."""
    from webhooks import create_app

    folder = tmp_path / "csrf"
    folder.mkdir()
    application = create_app({**base_config(folder), "WTF_CSRF_ENABLED": True})
    rt: Runtime = resources(application).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    yield application


def test_login_page_renders_with_csrf_field(client: FlaskClient) -> None:
    resp = client.get("/dashboard/login")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert 'name="csrf_token"' in html and 'name="username"' in html and 'name="password"' in html
    assert "Đăng nhập" in html and "Mật khẩu" in html and 'lang="vi"' in html
    assert "http://" not in html and "https://" not in html  # nothing loaded from elsewhere


def test_login_with_csrf_enabled(csrf_app: Flask) -> None:
    add_agencies(resources(csrf_app).runtime)
    create_user(csrf_app, "canlong", "official", DISTRICT)
    client = csrf_app.test_client()
    creds = {"username": "canlong", "password": PASSWORD}

    missing = client.post("/dashboard/login", data=creds)
    assert missing.status_code == 400
    assert "Phiên làm việc đã hết hạn" in missing.get_data(as_text=True)
    forged = client.post("/dashboard/login", data={**creds, "csrf_token": "forged"})
    assert forged.status_code == 400
    assert client.get("/dashboard/").status_code == 302  # still anonymous

    token = csrf_token(client.get("/dashboard/login").get_data(as_text=True))
    resp = client.post("/dashboard/login", data={**creds, "csrf_token": token})
    assert resp.status_code == 302 and resp.headers["Location"] == "/dashboard/"
    html = page(client)
    assert "canlong" in html

    # logout is a CSRF-protected POST too
    assert client.post("/dashboard/logout").status_code == 400
    assert client.get("/dashboard/").status_code == 200
    out = client.post("/dashboard/logout", data={"csrf_token": csrf_token(html)})
    assert out.status_code == 302 and out.headers["Location"] == "/dashboard/login"
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_or_unknown_user_same_message_no_session(client: FlaskClient, people: None) -> None:
    for username, password in (("canlong", "sai-mat-khau"), ("khong-co-ai", PASSWORD)):
        resp = login(client, username, password)
        assert resp.status_code == 401
        assert BAD_LOGIN in resp.get_data(as_text=True)
        with client.session_transaction() as sess:
            assert "_user_id" not in sess
    assert client.get("/dashboard/").status_code == 302


def test_anonymous_is_sent_to_login_and_next_is_safe(client: FlaskClient, people: None) -> None:
    for url in ("/dashboard/", "/dashboard/export.xlsx?from=2026-11-01&to=2026-11-30", "/dashboard/export.csv"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/dashboard/login?next=")
    assert "Vui lòng đăng nhập" in client.get("/dashboard/login").get_data(as_text=True)
    target = "/dashboard/?from=2026-11-01&to=2026-11-30&group_by=month"
    assert login(client, "canlong", next_url=target).headers["Location"] == target
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        client.post("/dashboard/logout")
        assert login(client, "canlong", next_url=evil).headers["Location"] == "/dashboard/"
    assert _safe_next("/dashboard/?a=1") == "/dashboard/?a=1" and _safe_next("/x\r\nSet-Cookie: a") is None


def test_session_cookie_flags_and_headers(client: FlaskClient, people: None) -> None:
    resp = login(client, "canlong")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    dash = client.get("/dashboard/")
    assert dash.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in dash.headers["Content-Security-Policy"]
    assert client.get("/dashboard/logout").status_code == 405


def test_password_reset_ends_open_sessions(app: Flask, client: FlaskClient, people: None) -> None:
    login(client, "canlong")
    assert client.get("/dashboard/").status_code == 200
    create_user(app, "canlong", "official", DISTRICT, password="mat-khau-moi-2026")
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.parametrize(("base_url", "secure"), [("https://motcua.travinh.gov.vn", True), ("http://127.0.0.1", False)])
def test_the_session_cookie_is_secure_whenever_the_request_came_over_https(
    app: Flask, people: None, base_url: str, secure: bool
) -> None:
    client = app.test_client()
    resp = client.post("/dashboard/login", data={"username": "canlong", "password": PASSWORD}, base_url=base_url)
    assert resp.status_code == 302
    (cookie,) = [h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert ("; Secure" in cookie) is secure
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_webhooks_apis_and_simulator_work_with_csrf_enabled(csrf_app: Flask, fake: FakePlatforms) -> None:
    client = csrf_app.test_client()
    raw, headers = p.fb_request(p.fb_body(p.fb_messaging_text("xin chào")))
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
    zraw, zheaders = p.zalo_request(p.zalo_text("xin chào"))
    assert client.post("/webhooks/zalo", data=zraw, headers=zheaders).status_code == 200
    body = {
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "agency_code": COMMUNE,
        "agency_name": "UBND xã Tân An",
        "status": 4,
        "received_at": "2026-11-02T08:30:00+07:00",
        "due_at": "2026-11-05T17:00:00+07:00",
        "finished_at": None,
        "returned_at": None,
    }
    put = client.put(
        f"/api/v1/dossiers/{COMMUNE}-261102-0001", json=body, headers={"Authorization": f"Bearer {p.PUSH_TOKEN}"}
    )
    assert put.status_code == 201, put.get_data(as_text=True)
    assert client.get("/simulator").status_code == 200
    assert client.post("/simulator/send", json={"text": "xin chào"}).status_code == 200


def test_logout_ends_the_session_server_side(app: Flask, client: FlaskClient, people: None) -> None:
    assert login(client, "canlong").status_code == 302
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()  # a copy of the cookie taken before the logout
    thief.set_cookie("session", cookie.value)
    assert thief.get("/dashboard/").status_code == 200
    assert client.post("/dashboard/logout").status_code == 302
    assert thief.get("/dashboard/").status_code == 302
    assert thief.get("/api/v1/reports/satisfaction", query_string=NOV).status_code == 401
    assert login(client, "canlong").status_code == 302  # a new login works
    assert client.get("/dashboard/").status_code == 200
    assert thief.get("/dashboard/").status_code == 302


def test_a_session_lasts_one_working_day(app: Flask, client: FlaskClient, rt: Runtime, people: None) -> None:
    start = rt.now()
    login(client, "canlong")
    rt.now = lambda: start + timedelta(hours=9, minutes=59)
    assert client.get("/dashboard/").status_code == 200
    rt.now = lambda: start + timedelta(hours=10, minutes=1)
    assert client.get("/dashboard/").status_code == 302
    assert app.permanent_session_lifetime <= timedelta(hours=10)  # the signed cookie expires too


def test_a_new_password_ends_the_sessions_opened_before(app: Flask, client: FlaskClient, people: None) -> None:
    login(client, "canlong")
    other = app.test_client()
    login(other, "canlong")
    create_user(app, "canlong", "official", DISTRICT, password="mat-khau-moi-2026")
    assert client.get("/dashboard/").status_code == 302
    assert other.get("/dashboard/").status_code == 302
    assert login(client, "canlong", "mat-khau-moi-2026").status_code == 302
    assert client.get("/dashboard/").status_code == 200
