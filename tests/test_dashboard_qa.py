"""Quality pass from an official's side: bad inputs never 500, exports survive citizens' text, figures read well."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from bot.records.models import Rating
from bot.runtime import Runtime
from bot.web.dashboard.views import _fail_key
from tests.conftest import add_dossier, at
from tests.officials import COMMUNE, DISTRICT, NAMES, add_agencies, add_rating, create_user
from tests.test_dashboard import NOV, figure, login, page
from tests.test_reports import basic

API = "/api/v1/reports/satisfaction"


@pytest.fixture
def people(app: Flask, rt: Runtime) -> None:
    """The agency tree, an admin and the district official."""
    add_agencies(rt)
    create_user(app, "admin", "admin")
    create_user(app, "canlong", "official", DISTRICT)


# ---------------------------------------------------------------- dates at the edges of the calendar

EXTREME = [
    {"from": "9999-01-01", "to": "9999-01-02"},
    {"from": "9999-12-31", "to": "9999-12-31"},
    {"from": "0001-01-01", "to": "0001-01-02"},
    {"from": "0001-01-01", "to": "2026-11-30"},
]


@pytest.mark.parametrize("params", EXTREME)
def test_api_dates_at_the_calendar_edges_are_400(client: FlaskClient, people: None, params: dict[str, str]) -> None:
    resp = client.get(API, query_string=params, headers=basic("canlong"))
    assert resp.status_code == 400, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["param"] in ("from", "to") and body["message"]


@pytest.mark.parametrize("params", EXTREME)
def test_dashboard_and_exports_dates_at_the_calendar_edges(
    client: FlaskClient, people: None, params: dict[str, str]
) -> None:
    login(client, "canlong")
    html = page(client, **params)
    assert 'class="alert error"' in html
    for kind in ("xlsx", "csv"):
        resp = client.get(f"/dashboard/export.{kind}", query_string=params)
        assert resp.status_code == 400 and resp.get_data(as_text=True)


# ---------------------------------------------------------------- citizens' text in the Excel file


def test_xlsx_export_survives_control_characters_in_a_reason(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-04T08:00:00+07:00", reason="Chờ\x0b lâu\x1f quá\x00")
    login(client, "canlong")
    resp = client.get("/dashboard/export.xlsx", query_string=NOV)
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data))["Lý do không hài lòng"]
    assert ws["E2"].value == "Chờ lâu quá" and ws["B2"].value == COMMUNE


# ---------------------------------------------------------------- figures as an official reads them


def _many(rt: Runtime, level: str, n: int, day: str = "2026-11-05") -> None:
    """n ratings of Tân An on one day, in one transaction."""
    with rt.db.session() as s:
        for i in range(n):
            s.add(
                Rating(
                    dossier_code=f"{COMMUNE}-261105-{level[:3]}{i:05d}",
                    platform="zalo",
                    agency_code=COMMUNE,
                    agency_name=NAMES[COMMUNE],
                    procedure_code="1.001193",
                    procedure_name="Đăng ký khai sinh",
                    level=level,
                    reason="",
                    answers={},
                    created_at=at(f"{day}T09:00:00+07:00"),
                )
            )


def test_counts_use_vietnamese_thousands_separators(client: FlaskClient, rt: Runtime, people: None) -> None:
    _many(rt, "very_satisfied", 1200)
    _many(rt, "satisfied", 34)
    login(client, "canlong")
    html = page(client, **NOV)
    assert figure(html, "total") == "1.234" and figure(html, "very") == "1.200" and figure(html, "sat") == "34"
    assert '<td class="num">1.234</td>' in html and '<td class="num">1.200</td>' in html  # group and total rows
    assert "1234" not in html and "1,234" not in html


def test_satisfaction_rate_is_shown_with_its_count(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "satisfied", "2026-11-04T08:00:00+07:00")
    login(client, "canlong")
    html = page(client, **NOV)
    assert figure(html, "satisfaction-rate") == "100%"
    note = re.search(r'id="satisfaction-rate">.*?<p class="note">([^<]*)</p>', html, re.S)
    assert note is not None and "(1/1)" in note.group(1)


# ---------------------------------------------------------------- password guessing through the API


def test_reports_api_shares_the_login_brake(client: FlaskClient, rt: Runtime, people: None) -> None:
    for _ in range(5):
        assert client.get(API, query_string=NOV, headers=basic("canlong", "sai-mat-khau")).status_code == 401
    locked = client.get(API, query_string=NOV, headers=basic("canlong"))  # the right password, while locked
    assert locked.status_code == 401 and "tạm khóa" in locked.get_json()["message"]
    assert login(client, "canlong").status_code == 429  # the dashboard form is locked too
    assert client.get(API, query_string=NOV, headers=basic("admin")).status_code == 200  # others are not
    rt.redis.delete(_fail_key("canlong"))  # the 15 minutes are over
    assert client.get(API, query_string=NOV, headers=basic("canlong")).status_code == 200


def test_reports_api_success_clears_the_failure_count(client: FlaskClient, rt: Runtime, people: None) -> None:
    for _ in range(4):
        client.get(API, query_string=NOV, headers=basic("canlong", "sai-mat-khau"))
    assert rt.redis.get(_fail_key("canlong")) == b"4"  # counted like the dashboard form's failures
    assert client.get(API, query_string=NOV, headers=basic("canlong")).status_code == 200
    assert rt.redis.get(_fail_key("canlong")) is None


# ---------------------------------------------------------------- what the Excel file says about itself


def test_xlsx_states_period_scope_and_the_dashboard_rates(client: FlaskClient, rt: Runtime, people: None) -> None:
    code = f"{COMMUNE}-261102-0001"
    add_dossier(
        rt, code, status=10, due_at=at("2026-11-10T17:00:00+07:00"), finished_at=at("2026-11-11T09:00:00+07:00")
    )
    add_dossier(rt, f"{COMMUNE}-261102-0002", status=9, due_at=None, finished_at=at("2026-11-12T09:00:00+07:00"))
    add_rating(rt, "satisfied", "2026-11-12T08:00:00+07:00", dossier_code=code)
    rt.now = lambda: at("2026-12-01T02:30:00+00:00")  # 09:30 in Vietnam
    login(client, "canlong")
    html = page(client, **NOV)
    resp = client.get("/dashboard/export.xlsx", query_string={**NOV, "group_by": "procedure"})
    wb = load_workbook(io.BytesIO(resp.data))
    assert wb.sheetnames[:2] == ["Mức độ hài lòng", "Lý do không hài lòng"]  # unchanged first sheets
    info = {row[0]: row[1:] for row in wb["Thông tin báo cáo"].iter_rows(min_row=2, values_only=True)}
    assert info["Kỳ báo cáo"][0] == "01/11/2026 – 30/11/2026"
    assert info["Phạm vi"][0] == "UBND huyện Càng Long" and info["Nhóm theo"][0] == "Thủ tục"
    rates = {key: (value[0], str(value[1]).split(":")[0]) for key, value in info.items() if "Tỷ lệ" in key}
    assert rates["Tỷ lệ hài lòng (%)"] == (100, "1/1")
    assert rates["Tỷ lệ phản hồi (%)"] == (50, "1/2") and figure(html, "response-rate") == "50%"
    assert rates["Tỷ lệ trễ hạn (%)"] == (100, "1/1") and figure(html, "overdue-rate") == "100%"
    assert info["Người xuất"][0] == "canlong" and info["Thời điểm xuất"][0] == "01/12/2026 09:30"
