"""Officials' dashboard (SPEC §4, §10): login, CSRF, brake, scoped figures, response and overdue rates, exports."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.test import TestResponse

from bot.records.dossier_stats import dossier_stats
from bot.runtime import Runtime
from bot.web.dashboard.exports import HEADER, REASONS_HEADER, REASONS_SHEET, to_csv
from bot.web.dashboard.views import FAIL_WINDOW_S, _fail_key, _safe_next
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import add_dossier, at, base_config
from tests.fakes import FakePlatforms
from tests.officials import (
    COMMUNE,
    DISTRICT,
    NAMES,
    OTHER_DISTRICT,
    PASSWORD,
    RESIDENCE,
    add_agencies,
    add_rating,
    create_user,
)

BAD_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."
NOV = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def people(app: Flask, rt: Runtime) -> None:
    """The agencies; an admin and officials of the district and of the commune."""
    add_agencies(rt)
    create_user(app, "admin", "admin")
    create_user(app, "canlong", "official", DISTRICT)
    create_user(app, "tanan", "official", COMMUNE)


@pytest.fixture
def ratings(rt: Runtime, people: None) -> None:
    """November 2026: three ratings in Tân An (via the district), two in the other district, one in October."""
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00")
    add_rating(rt, "satisfied", "2026-11-10T14:00:00+07:00", procedure=RESIDENCE)
    add_rating(rt, "dissatisfied", "2026-11-20T10:15:00+07:00", reason="Phải đi lại nhiều lần")
    add_rating(rt, "dissatisfied", "2026-11-12T08:00:00+07:00", agency=OTHER_DISTRICT, reason="Cầu Kè trả chậm")
    add_rating(rt, "satisfied", "2026-11-13T08:00:00+07:00", agency=OTHER_DISTRICT)
    add_rating(rt, "dissatisfied", "2026-10-31T23:00:00+07:00", reason="Tháng trước")


def login(client: FlaskClient, username: str, password: str = PASSWORD, next_url: str | None = None) -> TestResponse:
    """POST the login form (CSRF off in the shared test config)."""
    query = {"next": next_url} if next_url is not None else None
    return client.post("/dashboard/login", data={"username": username, "password": password}, query_string=query)


def page(client: FlaskClient, **params: str) -> str:
    """The dashboard's HTML (200 expected)."""
    resp = client.get("/dashboard/", query_string=params)
    assert resp.status_code == 200, resp.status
    return resp.get_data(as_text=True)


def figure(html: str, element_id: str) -> str:
    """The text of a headline figure."""
    m = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert m is not None, element_id
    return m.group(1).strip()


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


# ---------------------------------------------------------------- login


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


def test_empty_form_is_refused_without_counting(client: FlaskClient, rt: Runtime, people: None) -> None:
    resp = client.post("/dashboard/login", data={"username": "canlong", "password": ""})
    assert resp.status_code == 400 and "Vui lòng nhập mật khẩu." in resp.get_data(as_text=True)
    assert rt.redis.get(_fail_key("canlong")) is None


def test_brute_force_brake(client: FlaskClient, rt: Runtime, people: None) -> None:
    for _ in range(4):
        assert login(client, "canlong", "sai-mat-khau").status_code == 401
    assert login(client, "canlong").status_code == 302  # success clears the count
    client.post("/dashboard/logout")
    for _ in range(5):
        assert login(client, "canlong", "sai-mat-khau").status_code == 401
    locked = login(client, "CanLong")  # the right password, any letter case: refused while locked
    body = locked.get_data(as_text=True)
    assert locked.status_code == 429
    assert "tạm khóa" in body and "15 phút" in body and BAD_LOGIN not in body
    with client.session_transaction() as sess:
        assert "_user_id" not in sess
    assert 0 < int(rt.redis.ttl(_fail_key("canlong"))) <= FAIL_WINDOW_S
    assert login(client, "tanan").status_code == 302  # other accounts are not affected
    client.post("/dashboard/logout")
    rt.redis.delete(_fail_key("canlong"))  # the 15 minutes are over
    assert login(client, "canlong").status_code == 302


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


# ---------------------------------------------------------------- the page


def test_page_shows_scoped_figures(client: FlaskClient, ratings: None) -> None:
    login(client, "canlong")
    html = page(client, **NOV, group_by="agency")
    assert (figure(html, "total"), figure(html, "very"), figure(html, "sat"), figure(html, "dis")) == (
        "3",
        "1",
        "1",
        "1",
    )
    assert figure(html, "satisfaction-rate") == "66,67%"
    assert "UBND xã Tân An" in html and "000.31.25.H59" in html
    assert "Phạm vi: <strong>UBND huyện Càng Long</strong>" in html and "canlong" in html
    assert "Cầu Kè" not in html  # the other district: neither its group nor its reason
    assert "Phải đi lại nhiều lần" in html and "20/11/2026" in html
    assert "Tháng trước" not in html  # October
    assert 'href="/dashboard/export.xlsx?from=2026-11-01&amp;to=2026-11-30&amp;group_by=agency"' in html
    assert 'href="/dashboard/export.csv?from=2026-11-01&amp;to=2026-11-30&amp;group_by=agency"' in html

    by_procedure = page(client, **NOV, group_by="procedure")
    assert "Đăng ký khai sinh" in by_procedure and "Đăng ký thường trú" in by_procedure
    by_month = page(client, **NOV, group_by="month")
    assert "Tháng 11/2026" in by_month


def test_admin_sees_the_whole_province(client: FlaskClient, ratings: None) -> None:
    login(client, "admin")
    html = page(client, **NOV)
    assert figure(html, "total") == "5" and figure(html, "satisfaction-rate") == "60%"
    assert "Phạm vi: <strong>Toàn tỉnh</strong>" in html
    assert "UBND huyện Cầu Kè" in html and "Cầu Kè trả chậm" in html


def test_commune_official_sees_only_the_commune(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    add_rating(rt, "satisfied", "2026-11-05T08:00:00+07:00", agency=DISTRICT)
    login(client, "tanan")
    html = page(client, **NOV)
    assert figure(html, "total") == "3" and "UBND huyện Càng Long</td>" not in html


def test_empty_period_shows_dashes(client: FlaskClient, ratings: None) -> None:
    login(client, "canlong")
    html = page(client, **{"from": "2025-01-01", "to": "2025-01-31"})
    assert figure(html, "total") == "0"
    for element in ("satisfaction-rate", "response-rate", "overdue-rate"):
        assert figure(html, element) == "—"
    assert "Chưa có đánh giá nào" in html


def test_default_period_and_bad_dates(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    rt.now = lambda: at("2026-11-15T20:00:00+00:00")  # 16/11/2026 in Vietnam
    login(client, "canlong")
    html = page(client)
    assert "01/11/2026 – 16/11/2026" in html and figure(html, "total") == "2"
    assert 'value="2026-11-01"' in html and 'value="2026-11-16"' in html
    for params, message in (
        ({"from": "2026-13-01", "to": "2026-11-30"}, "YYYY-MM-DD"),
        ({"from": "hôm qua", "to": "2026-11-30"}, "YYYY-MM-DD"),
        ({"from": "2026-11-30", "to": "2026-11-01"}, "phải trước"),
        ({"from": "2020-01-01", "to": "2026-11-30"}, "tối đa"),
        ({"group_by": "citizen"}, "Cách nhóm không hợp lệ"),
        ({**NOV, "group_by": "citizen"}, "group_by"),
    ):
        bad = page(client, **params)
        assert message in bad and 'class="alert error"' in bad, params
        assert "01/11/2026 – 16/11/2026" in bad  # the defaults instead


def test_reason_is_escaped(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-04T08:00:00+07:00", reason="<script>alert(1)</script>")
    login(client, "tanan")
    html = page(client, **NOV)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<script" not in html


# ---------------------------------------------------------------- response and overdue rates


@pytest.fixture
def dossiers(rt: Runtime, people: None) -> None:
    """Tân An, finished in November: on time (rated), a day late (rated), hours late the same day, no due date."""
    add_dossier(
        rt,
        f"{COMMUNE}-261102-0001",
        status=10,
        due_at=at("2026-11-10T17:00:00+07:00"),
        finished_at=at("2026-11-09T10:00:00+07:00"),
    )
    add_dossier(
        rt,
        f"{COMMUNE}-261102-0002",
        status=9,
        due_at=at("2026-11-10T17:00:00+07:00"),
        finished_at=at("2026-11-11T08:00:00+07:00"),
    )
    add_dossier(
        rt,
        f"{COMMUNE}-261102-0003",
        status=10,
        due_at=at("2026-11-12T08:00:00+07:00"),
        finished_at=at("2026-11-12T16:00:00+07:00"),
    )
    add_dossier(rt, f"{COMMUNE}-261102-0004", status=9, due_at=None, finished_at=at("2026-11-20T09:00:00+07:00"))
    # not counted: still open, finished in October, another district
    add_dossier(rt, f"{COMMUNE}-261102-0005", status=4, due_at=at("2026-11-01T17:00:00+07:00"))
    add_dossier(
        rt,
        f"{COMMUNE}-261001-0006",
        status=10,
        due_at=at("2026-10-01T17:00:00+07:00"),
        finished_at=at("2026-10-31T16:00:00+07:00"),
    )
    add_dossier(
        rt,
        f"{OTHER_DISTRICT}-261102-0007",
        agency_code=OTHER_DISTRICT,
        agency_name=NAMES[OTHER_DISTRICT],
        status=10,
        due_at=at("2026-11-02T17:00:00+07:00"),
        finished_at=at("2026-11-20T08:00:00+07:00"),
    )
    add_rating(rt, "very_satisfied", "2026-11-09T12:00:00+07:00", dossier_code=f"{COMMUNE}-261102-0001")
    add_rating(rt, "dissatisfied", "2026-11-11T09:00:00+07:00", reason="Trễ hẹn", dossier_code=f"{COMMUNE}-261102-0002")
    add_rating(
        rt,
        "satisfied",
        "2026-11-21T09:00:00+07:00",
        agency=OTHER_DISTRICT,
        dossier_code=f"{OTHER_DISTRICT}-261102-0007",
    )


def test_response_and_overdue_rates(client: FlaskClient, rt: Runtime, dossiers: None) -> None:
    login(client, "canlong")
    html = page(client, **NOV)
    assert figure(html, "response-rate") == "50%"  # 2 rated of 4 finished
    assert figure(html, "overdue-rate") == "33,33%"  # 1 a day late of 3 with a due date
    assert "(2/4)" in html and "(1/3)" in html
    assert "Hồ sơ được đánh giá / hồ sơ giải quyết xong trong kỳ" in html

    with rt.db.session() as s:
        everyone = dossier_stats(
            s, start=at("2026-11-01T00:00:00").date(), end=at("2026-11-30T00:00:00").date(), agency_scope=None
        )
        nobody = dossier_stats(
            s, start=at("2026-11-01T00:00:00").date(), end=at("2026-11-30T00:00:00").date(), agency_scope=set()
        )
    assert (everyone.finished, everyone.rated, everyone.with_due, everyone.overdue) == (5, 3, 4, 2)
    assert everyone.response_rate == 60.0 and everyone.overdue_rate == 50.0
    assert nobody.finished == 0 and nobody.response_rate is None and nobody.overdue_rate is None


# ---------------------------------------------------------------- exports


def test_export_xlsx(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-21T08:00:00+07:00", reason='=HYPERLINK("http://x","bấm")')
    login(client, "canlong")
    resp = client.get("/dashboard/export.xlsx", query_string={**NOV, "group_by": "agency"})
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="hai-long_2026-11-01_2026-11-30_agency.xlsx"'
    wb = load_workbook(io.BytesIO(resp.data))
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == list(HEADER)
    assert rows[0] == ["Mã", "Tên", "Tổng số", "Rất hài lòng", "Hài lòng", "Không hài lòng", "Tỷ lệ hài lòng (%)"]
    assert rows[1] == [COMMUNE, "UBND xã Tân An", 4, 1, 1, 2, 50]
    assert rows[2] == [None, "Tổng cộng", 4, 1, 1, 2, 50]
    assert len(rows) == 3  # nothing of the other district
    reasons_ws = wb[REASONS_SHEET]
    reasons = [list(r) for r in reasons_ws.iter_rows(values_only=True)]
    assert reasons[0] == list(REASONS_HEADER)
    assert reasons[1:] == [
        ["21/11/2026", COMMUNE, "UBND xã Tân An", "Đăng ký khai sinh", '=HYPERLINK("http://x","bấm")'],
        ["20/11/2026", COMMUNE, "UBND xã Tân An", "Đăng ký khai sinh", "Phải đi lại nhiều lần"],
    ]
    assert reasons_ws["E2"].data_type == "s"  # text, never a formula

    by_month = client.get(
        "/dashboard/export.xlsx", query_string={"from": "2026-10-01", "to": "2026-11-30", "group_by": "month"}
    )
    month_rows = list(load_workbook(io.BytesIO(by_month.data)).worksheets[0].iter_rows(values_only=True))
    assert [r[:3] for r in month_rows[1:]] == [
        ("2026-10", "Tháng 10/2026", 1),
        ("2026-11", "Tháng 11/2026", 4),
        (None, "Tổng cộng", 5),
    ]


def test_export_csv(client: FlaskClient, ratings: None) -> None:
    login(client, "admin")
    resp = client.get("/dashboard/export.csv", query_string={**NOV, "group_by": "procedure"})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="hai-long_2026-11-01_2026-11-30_procedure.csv"'
    assert resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows == [
        list(HEADER),
        ["1.001193", "Đăng ký khai sinh", "4", "1", "1", "2", "50.0"],
        ["1.004194", "Đăng ký thường trú", "1", "0", "1", "0", "100.0"],
        ["", "Tổng cộng", "5", "1", "2", "2", "60.0"],
    ]


def test_csv_neutralises_formulas_and_empty_rate() -> None:
    report: dict[str, Any] = {
        "total": 0,
        "very_satisfied": 0,
        "satisfied": 0,
        "dissatisfied": 0,
        "satisfaction_rate": None,
        "groups": [
            {
                "key": "x",
                "name": "=cmd|' /C calc'!A0",
                "total": 0,
                "very_satisfied": 0,
                "satisfied": 0,
                "dissatisfied": 0,
                "satisfaction_rate": None,
            }
        ],
    }
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    assert rows[1] == ["x", "'=cmd|' /C calc'!A0", "0", "0", "0", "0", ""]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-11-31", "to": "2026-11-30"},
        {"from": "01/11/2026", "to": "2026-11-30"},
        {"to": "2026-11-30"},
        {**NOV, "group_by": "citizen"},
        {"from": "2026-12-01", "to": "2026-11-01"},
    ],
)
def test_export_bad_params_are_400(client: FlaskClient, people: None, params: dict[str, str]) -> None:
    login(client, "canlong")
    for kind in ("xlsx", "csv"):
        resp = client.get(f"/dashboard/export.{kind}", query_string=params)
        assert resp.status_code == 400
        assert resp.mimetype == "text/plain" and resp.get_data(as_text=True)


# ---------------------------------------------------------------- the rest of the app with CSRF on


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
    assert client.post("/simulator/send", json={"user": "sim-abcdef12", "text": "xin chào"}).status_code == 200


def test_reports_api_accepts_the_dashboard_session(client: FlaskClient, ratings: None) -> None:
    url = "/api/v1/reports/satisfaction"
    assert client.get(url, query_string=NOV).status_code == 401
    login(client, "canlong")
    resp = client.get(url, query_string=NOV)
    assert resp.status_code == 200
    assert resp.get_json()["total"] == 3


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


def test_dashboard_errors_are_vietnamese_pages_and_redirects_stay_redirects(client: FlaskClient, people: None) -> None:
    login(client, "canlong")
    missing = client.get("/dashboard/khong-co-trang-nay")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "Không tìm thấy trang này" in missing.get_data(as_text=True)
    wrong_method = client.delete("/dashboard/")
    assert wrong_method.status_code == 405 and "Trang này không nhận" in wrong_method.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 308  # the missing slash is still a redirect
    api = client.get("/api/v1/khong-co")
    assert api.status_code == 404 and api.is_json  # outside the dashboard, errors stay JSON
