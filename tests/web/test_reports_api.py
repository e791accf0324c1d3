"""Reports API (SPEC §10): the satisfaction report over HTTP, its scoping, dates and errors, the dashboard's session
and the brake on password guessing it shares with the dashboard."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login import LoginManager, UserMixin, login_user
from werkzeug.test import TestResponse

from bot.conversation.texts import FOLLOWUP_QUESTIONS
from bot.records.officials import agency_scope, authenticate
from bot.runtime import Runtime
from tests.conftest import base_config
from tests.officials import (
    BIRTH,
    COMMUNE,
    DISTRICT,
    EXTREME,
    NOV,
    OTHER_COMMUNE,
    OTHER_DISTRICT,
    PASSWORD,
    PROVINCE,
    RESIDENCE,
    add_agencies,
    add_rating,
    create_user,
    login,
)

URL = API = "/api/v1/reports/satisfaction"


def basic(username: str, password: str = PASSWORD) -> dict[str, str]:
    """An HTTP Basic Authorization header."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def people(app: Flask, rt: Runtime) -> None:
    """Province → two districts → a commune under each; an admin and officials at three levels."""
    add_agencies(rt)
    create_user(app, "admin", "admin")
    create_user(app, "canlong", "official", DISTRICT)
    create_user(app, "tanan", "official", COMMUNE)
    create_user(app, "tinh", "official", PROVINCE)


def report(client: FlaskClient, user: str = "admin", **params: str) -> TestResponse:
    """GET the report as a user; params default to November 2026 by agency."""
    query = {"from": "2026-11-01", "to": "2026-11-30", **params}
    return client.get(URL, query_string=query, headers=basic(user))


def ok(resp: TestResponse) -> dict[str, Any]:
    """The JSON of a 200 answer."""
    assert resp.status_code == 200, resp.get_data(as_text=True)
    body: dict[str, Any] = resp.get_json()
    return body


def counts(total: int, very: int, sat: int, dis: int, rate: float | None) -> dict[str, Any]:
    """The count and rate keys of a report or a group."""
    return {"total": total, "very_satisfied": very, "satisfied": sat, "dissatisfied": dis, "satisfaction_rate": rate}


def plain(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups without their SIPAS factors (checked on their own in test_sipas_factors.py)."""
    return [{k: v for k, v in g.items() if k != "factors"} for g in groups]


def unanswered_factors() -> list[dict[str, Any]]:
    """The five SIPAS factors when nobody answered the follow-up questions."""
    return [
        {"key": key, "question": question, "good": 0, "neutral": 0, "bad": 0, "answered": 0, "good_rate": None}
        for key, question in FOLLOWUP_QUESTIONS
    ]


# ---------------------------------------------------------------- the SPEC example and the shape


def test_spec_example_exactly(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00")
    add_rating(rt, "satisfied", "2026-11-10T14:00:00+07:00")
    add_rating(rt, "dissatisfied", "2026-11-20T10:15:00+07:00", reason="Phải đi lại nhiều lần")
    resp = report(client, group_by="agency")
    body = ok(resp)
    assert resp.headers["Cache-Control"] == "no-store"
    reasons = body.pop("dissatisfied_reasons")
    assert body.pop("factors") == unanswered_factors()
    assert body["groups"][0].pop("factors") == unanswered_factors()
    assert body == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "total": 3,
        "very_satisfied": 1,
        "satisfied": 1,
        "dissatisfied": 1,
        "satisfaction_rate": 66.67,
        "groups": [
            {
                "key": "000.31.25.H59",
                "name": "UBND xã Tân An",
                "total": 3,
                "very_satisfied": 1,
                "satisfied": 1,
                "dissatisfied": 1,
                "satisfaction_rate": 66.67,
            }
        ],
    }
    assert reasons == [
        {
            "date": "2026-11-20",
            "agency_code": COMMUNE,
            "agency_name": "UBND xã Tân An",
            "procedure_name": "Đăng ký khai sinh",
            "reason": "Phải đi lại nhiều lần",
        }
    ]


def test_group_by_defaults_to_agency(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "satisfied", "2026-11-03T09:00:00+07:00")
    resp = client.get(URL, query_string={"from": "2026-11-01", "to": "2026-11-30"}, headers=basic("admin"))
    assert ok(resp)["groups"][0]["key"] == COMMUNE


def test_no_ratings_gives_a_null_rate(client: FlaskClient, people: None) -> None:
    body = ok(report(client))
    assert body == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        **counts(0, 0, 0, 0, None),
        "factors": unanswered_factors(),
        "groups": [],
        "dissatisfied_reasons": [],
    }
    assert '"satisfaction_rate":null' in report(client).get_data(as_text=True).replace(" ", "")


def test_rates_round_to_two_places(client: FlaskClient, rt: Runtime, people: None) -> None:
    for level in ("very_satisfied", "satisfied", "dissatisfied", "dissatisfied", "dissatisfied", "dissatisfied"):
        add_rating(rt, level, "2026-11-05T09:00:00+07:00")
    add_rating(rt, "dissatisfied", "2026-11-05T09:00:00+07:00", agency=OTHER_COMMUNE)
    body = ok(report(client))
    assert body["satisfaction_rate"] == 28.57  # 2 of 7
    assert [g["satisfaction_rate"] for g in body["groups"]] == [33.33, 0.0]


# ---------------------------------------------------------------- grouping


def test_group_by_agency_sorted_by_code(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00", agency=OTHER_COMMUNE)
    add_rating(rt, "satisfied", "2026-11-04T09:00:00+07:00", agency=COMMUNE)
    add_rating(rt, "dissatisfied", "2026-11-05T09:00:00+07:00", agency=COMMUNE, reason="Chậm")
    add_rating(rt, "satisfied", "2026-11-06T09:00:00+07:00", agency=DISTRICT)
    body = ok(report(client, group_by="agency"))
    assert body["total"] == 4 and body["satisfaction_rate"] == 75.0
    assert plain(body["groups"]) == [
        {"key": DISTRICT, "name": "UBND huyện Càng Long", **counts(1, 0, 1, 0, 100.0)},
        {"key": COMMUNE, "name": "UBND xã Tân An", **counts(2, 0, 1, 1, 50.0)},
        {"key": OTHER_COMMUNE, "name": "UBND xã Hòa Ân", **counts(1, 1, 0, 0, 100.0)},
    ]


def test_group_by_procedure(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00", procedure=RESIDENCE)
    add_rating(rt, "dissatisfied", "2026-11-04T09:00:00+07:00", procedure=RESIDENCE, reason="Thiếu hướng dẫn")
    add_rating(rt, "satisfied", "2026-11-05T09:00:00+07:00", procedure=BIRTH, agency=OTHER_COMMUNE)
    body = ok(report(client, group_by="procedure"))
    assert plain(body["groups"]) == [
        {"key": "1.001193", "name": "Đăng ký khai sinh", **counts(1, 0, 1, 0, 100.0)},
        {"key": "1.004194", "name": "Đăng ký thường trú", **counts(2, 1, 0, 1, 50.0)},
    ]
    assert {k: body[k] for k in ("total", "satisfaction_rate")} == {"total": 3, "satisfaction_rate": 66.67}


def test_group_by_month_in_vietnam_time(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "very_satisfied", "2026-11-15T09:00:00+07:00")
    add_rating(rt, "satisfied", "2026-11-30T23:30:00+07:00")  # 16:30 UTC on the 30th: still November
    add_rating(rt, "dissatisfied", "2026-12-01T00:10:00+07:00", reason="Đợi lâu")  # 17:10 UTC on 30/11: December
    add_rating(rt, "satisfied", "2027-01-31T23:59:00+07:00")
    add_rating(rt, "satisfied", "2027-02-01T00:00:00+07:00")  # after `to`: left out
    body = ok(report(client, group_by="month", to="2027-01-31"))
    assert plain(body["groups"]) == [
        {"key": "2026-11", "name": "Tháng 11/2026", **counts(2, 1, 1, 0, 100.0)},
        {"key": "2026-12", "name": "Tháng 12/2026", **counts(1, 0, 0, 1, 0.0)},
        {"key": "2027-01", "name": "Tháng 01/2027", **counts(1, 0, 1, 0, 100.0)},
    ]
    assert body["total"] == 4 and body["to"] == "2027-01-31"


def test_group_by_month_within_one_month(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "satisfied", "2026-11-15T09:00:00+07:00")
    body = ok(report(client, group_by="month", **{"from": "2026-11-10", "to": "2026-11-20"}))
    assert plain(body["groups"]) == [{"key": "2026-11", "name": "Tháng 11/2026", **counts(1, 0, 1, 0, 100.0)}]


# ---------------------------------------------------------------- Vietnam-time day boundaries


def test_dates_are_inclusive_vietnam_calendar_days(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "very_satisfied", "2026-10-31T23:59:00+07:00")  # 16:59 UTC on 31/10: October
    add_rating(rt, "satisfied", "2026-11-01T06:30:00+07:00")  # 23:30 UTC on 31/10, but 1/11 in Vietnam
    add_rating(rt, "satisfied", "2026-11-30T23:30:00+07:00")  # 16:30 UTC on 30/11
    add_rating(rt, "dissatisfied", "2026-12-01T00:10:00+07:00", reason="x")  # 17:10 UTC on 30/11, but 1/12
    assert ok(report(client))["total"] == 2
    last_day = ok(report(client, **{"from": "2026-11-30", "to": "2026-11-30"}))
    assert (last_day["total"], last_day["satisfied"]) == (1, 1)
    first_day = ok(report(client, **{"from": "2026-11-01", "to": "2026-11-01"}))
    assert (first_day["total"], first_day["satisfied"]) == (1, 1)
    december = ok(report(client, **{"from": "2026-12-01", "to": "2026-12-01"}))
    assert (december["total"], december["dissatisfied"]) == (1, 1)
    assert december["dissatisfied_reasons"][0]["date"] == "2026-12-01"
    october = ok(report(client, **{"from": "2026-10-31", "to": "2026-10-31"}))
    assert (october["total"], october["very_satisfied"]) == (1, 1)


# ---------------------------------------------------------------- who sees what


def scoped_setup(rt: Runtime) -> None:
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00", agency=COMMUNE)
    add_rating(rt, "dissatisfied", "2026-11-04T09:00:00+07:00", agency=COMMUNE, reason="Ở xã")
    add_rating(rt, "satisfied", "2026-11-05T09:00:00+07:00", agency=DISTRICT)
    add_rating(rt, "dissatisfied", "2026-11-06T09:00:00+07:00", agency=OTHER_COMMUNE, reason="Ở huyện khác")
    add_rating(rt, "satisfied", "2026-11-07T09:00:00+07:00", agency=PROVINCE)


def test_district_official_sees_its_district_and_the_communes_below(
    client: FlaskClient, rt: Runtime, people: None
) -> None:
    scoped_setup(rt)
    body = ok(report(client, "canlong"))
    assert [g["key"] for g in body["groups"]] == [DISTRICT, COMMUNE]
    assert body["total"] == 3 and body["satisfaction_rate"] == 66.67
    assert [r["reason"] for r in body["dissatisfied_reasons"]] == ["Ở xã"]
    by_procedure = ok(report(client, "canlong", group_by="procedure"))
    assert by_procedure["total"] == 3 and by_procedure["groups"][0]["total"] == 3


def test_commune_official_sees_only_its_commune(client: FlaskClient, rt: Runtime, people: None) -> None:
    scoped_setup(rt)
    body = ok(report(client, "tanan", group_by="month"))
    assert body["total"] == 2 and plain(body["groups"]) == [
        {"key": "2026-11", "name": "Tháng 11/2026", **counts(2, 1, 0, 1, 50.0)}
    ]


def test_province_official_and_admin_see_everything(client: FlaskClient, rt: Runtime, people: None) -> None:
    scoped_setup(rt)
    everything = [PROVINCE, DISTRICT, OTHER_DISTRICT, COMMUNE, OTHER_COMMUNE]
    for user in ("tinh", "admin"):
        body = ok(report(client, user))
        assert body["total"] == 5
        assert [g["key"] for g in body["groups"]] == sorted(k for k in everything if k != OTHER_DISTRICT)
        assert [r["reason"] for r in body["dissatisfied_reasons"]] == ["Ở huyện khác", "Ở xã"]  # newest first


def test_agency_scope_follows_the_hierarchy(rt: Runtime, people: None) -> None:
    with rt.db.session() as s:
        admin = authenticate(s, "admin", PASSWORD)
        district = authenticate(s, "canlong", PASSWORD)
        assert admin is not None and district is not None
        assert agency_scope(s, admin) is None
        assert agency_scope(s, district) == {DISTRICT, COMMUNE}
        district.agency_code = None
        assert agency_scope(s, district) == set()
        s.rollback()


def test_dissatisfied_reasons_are_capped_newest_first(client: FlaskClient, rt: Runtime, people: None) -> None:
    for day in range(1, 31):
        for hour in (8, 9):
            add_rating(rt, "dissatisfied", f"2026-11-{day:02d}T{hour:02d}:00:00+07:00", reason=f"{day}/{hour}")
    body = ok(report(client))
    assert body["dissatisfied"] == 60
    reasons = body["dissatisfied_reasons"]
    assert len(reasons) == 50
    assert reasons[0] == {
        "date": "2026-11-30",
        "agency_code": COMMUNE,
        "agency_name": "UBND xã Tân An",
        "procedure_name": "Đăng ký khai sinh",
        "reason": "30/9",
    }
    assert reasons[1]["reason"] == "30/8" and reasons[-1]["reason"] == "6/8"


# ---------------------------------------------------------------- 401


@pytest.mark.parametrize(
    "headers",
    [
        {},
        basic("admin", "wrong-password"),
        basic("nobody"),
        basic("", ""),
        {"Authorization": "Bearer whatever"},
        {"Authorization": "Basic not-base64!"},
    ],
    ids=["none", "wrong-password", "unknown-user", "empty", "bearer", "garbage"],
)
def test_without_valid_credentials_is_401(client: FlaskClient, people: None, headers: dict[str, str]) -> None:
    resp = client.get(URL, query_string={"from": "2026-11-01", "to": "2026-11-30"}, headers=headers)
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == 'Basic realm="motcua"'
    assert resp.get_json()["error"] == "unauthorized"


def test_401_comes_before_parameter_errors(client: FlaskClient, people: None) -> None:
    assert client.get(URL, query_string={"from": "nonsense"}).status_code == 401


def test_authenticate(rt: Runtime, people: None) -> None:
    with rt.db.session() as s:
        user = authenticate(s, "tanan", PASSWORD)
        assert user is not None and user.role == "official" and user.agency_code == COMMUNE
        assert authenticate(s, "tanan", PASSWORD + "x") is None
        assert authenticate(s, "TANAN", PASSWORD) is None
        assert authenticate(s, "nobody", PASSWORD) is None
        assert authenticate(s, "", "") is None


# ---------------------------------------------------------------- 400


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"to": "2026-11-30"}, "from"),
        ({"from": "2026-11-01"}, "to"),
        ({"from": "", "to": "2026-11-30"}, "from"),
        ({"from": "2026-13-01", "to": "2026-11-30"}, "from"),
        ({"from": "2026-02-30", "to": "2026-11-30"}, "from"),
        ({"from": "01/11/2026", "to": "2026-11-30"}, "from"),
        ({"from": "20261101", "to": "2026-11-30"}, "from"),
        ({"from": "2026-11-01", "to": "2026-11-31"}, "to"),
        ({"from": "2026-11-01", "to": "2026-11-30T00:00"}, "to"),
        ({"from": "2026-12-01", "to": "2026-11-30"}, "from"),
        ({"from": "2023-11-01", "to": "2026-11-01"}, "to"),
        ({"from": "2026-11-01", "to": "2026-11-30", "group_by": "quarter"}, "group_by"),
        ({"from": "2026-11-01", "to": "2026-11-30", "group_by": "AGENCY"}, "group_by"),
    ],
)
def test_bad_parameters_are_400(client: FlaskClient, people: None, params: dict[str, str], param: str) -> None:
    resp = client.get(URL, query_string=params, headers=basic("admin"))
    assert resp.status_code == 400, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["param"] == param and param in body["error"]
    assert body["message"]


def test_missing_dates_say_so(client: FlaskClient, people: None) -> None:
    body = client.get(URL, headers=basic("admin")).get_json()
    assert body["param"] == "from" and body["message"] == "Thiếu ngày bắt đầu (from=YYYY-MM-DD)."


def test_three_years_is_the_longest_range(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "satisfied", "2024-01-01T08:00:00+07:00")
    add_rating(rt, "satisfied", "2026-12-31T20:00:00+07:00")
    body = ok(report(client, group_by="month", **{"from": "2024-01-01", "to": "2026-12-31"}))
    assert body["total"] == 2 and [g["key"] for g in body["groups"]] == ["2024-01", "2026-12"]
    leap = report(client, **{"from": "2024-02-29", "to": "2027-02-28"})
    assert leap.status_code == 200
    assert report(client, **{"from": "2024-02-29", "to": "2027-03-01"}).status_code == 400


@pytest.mark.parametrize("params", EXTREME)
def test_api_dates_at_the_calendar_edges_are_400(client: FlaskClient, people: None, params: dict[str, str]) -> None:
    resp = client.get(API, query_string=params, headers=basic("canlong"))
    assert resp.status_code == 400, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["param"] in ("from", "to") and body["message"]


# ---------------------------------------------------------------- the dashboard session (Flask-Login)


class DashboardUser(UserMixin):  # type: ignore[misc]
    """What a dashboard's user loader might hand back."""

    def __init__(self, username: str) -> None:
        self.id = self.username = username


def test_a_dashboard_session_is_accepted_when_flask_login_is_set_up(
    app: Flask, client: FlaskClient, rt: Runtime, people: None
) -> None:
    scoped_setup(rt)
    manager = LoginManager(app)
    manager.user_loader(DashboardUser)

    @app.get("/test-login/<username>")
    def test_login(username: str) -> str:
        login_user(DashboardUser(username))
        return "ok"

    query = {"from": "2026-11-01", "to": "2026-11-30"}
    assert client.get(URL, query_string=query).status_code == 401
    assert client.get("/test-login/canlong").status_code == 200
    body = ok(client.get(URL, query_string=query))
    assert body["total"] == 3  # scoped to the district like its Basic credentials
    wrong = client.get(URL, query_string=query, headers=basic("canlong", "wrong-password"))
    assert wrong.status_code == 401  # bad Basic credentials never fall back to the session
    client.get("/test-login/ghost")
    assert client.get(URL, query_string=query).status_code == 401  # no such official any more


def test_reports_api_accepts_the_dashboard_session(client: FlaskClient, ratings: None) -> None:
    url = "/api/v1/reports/satisfaction"
    assert client.get(url, query_string=NOV).status_code == 401
    login(client, "canlong")
    resp = client.get(url, query_string=NOV)
    assert resp.status_code == 200
    assert resp.get_json()["total"] == 3


# ---------------------------------------------------------------- PostgreSQL


class TestOnPostgreSQL:
    """The month CASE grouping and the UTC bounds on the real production database."""

    @pytest.fixture
    def config(self, tmp_path: Any, postgres_url: str) -> Iterator[dict[str, object]]:
        from tests.services import postgres_server

        cfg = base_config(tmp_path)
        cfg["DATABASE_URL"] = postgres_server().create_database(f"motcua_{uuid.uuid4().hex[:12]}")
        yield cfg

    def test_month_and_boundaries(self, client: FlaskClient, rt: Runtime, people: None) -> None:
        add_rating(rt, "very_satisfied", "2026-11-01T06:30:00+07:00")
        add_rating(rt, "satisfied", "2026-11-30T23:30:00+07:00")
        add_rating(rt, "dissatisfied", "2026-12-01T00:10:00+07:00", reason="Đợi lâu")
        add_rating(rt, "satisfied", "2026-12-05T10:00:00+07:00", agency=OTHER_COMMUNE)
        body = ok(report(client, "canlong", group_by="month", to="2026-12-31"))
        assert plain(body["groups"]) == [
            {"key": "2026-11", "name": "Tháng 11/2026", **counts(2, 1, 1, 0, 100.0)},
            {"key": "2026-12", "name": "Tháng 12/2026", **counts(1, 0, 0, 1, 0.0)},
        ]
        assert body["dissatisfied_reasons"][0]["date"] == "2026-12-01"
        by_agency = ok(report(client, group_by="agency", to="2026-12-31"))
        assert [(g["key"], g["name"], g["total"]) for g in by_agency["groups"]] == [
            (COMMUNE, "UBND xã Tân An", 3),
            (OTHER_COMMUNE, "UBND xã Hòa Ân", 1),
        ]
        rt.db.engine.dispose()
