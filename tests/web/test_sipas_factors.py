"""SIPAS factors (the five follow-up questions) in the reports API, on the dashboard and in both exports: overall
and per group, within an official's agencies, the same before and after the daily rollup, simulator excluded."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from bot.records.reports import settle_ratings
from bot.runtime import Runtime
from bot.web.dashboard.exports import HEADER
from tests.conftest import at, base_config
from tests.officials import COMMUNE, NOV, OTHER_DISTRICT, RESIDENCE, add_rating, login, page
from tests.web.test_reports_api import basic

URL = "/api/v1/reports/satisfaction"
ALL_GOOD = {"access": "good", "procedure": "good", "civil_servant": "good", "result": "good", "feedback": "good"}


def answered(rt: Runtime) -> None:
    """Tân An: two ratings with answers, one without; the other district: one with poor answers."""
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00", answers=ALL_GOOD)
    add_rating(rt, "satisfied", "2026-11-10T14:00:00+07:00", procedure=RESIDENCE,
               answers={"access": "fair", "procedure": "poor", "result": "good"})
    add_rating(rt, "dissatisfied", "2026-11-20T10:15:00+07:00", reason="Chờ lâu")
    add_rating(rt, "dissatisfied", "2026-11-12T08:00:00+07:00", agency=OTHER_DISTRICT, reason="Trễ",
               answers={"access": "poor", "civil_servant": "poor"})
    add_rating(rt, "very_satisfied", "2026-11-13T08:00:00+07:00", platform="sim", answers=ALL_GOOD)


def by_key(factors: list[dict[str, Any]]) -> dict[str, tuple[int, int, int, int, float | None]]:
    return {f["key"]: (f["good"], f["neutral"], f["bad"], f["answered"], f["good_rate"]) for f in factors}


def api(client: FlaskClient, user: str, **params: str) -> dict[str, Any]:
    resp = client.get(URL, query_string={**NOV, **params}, headers=basic(user))
    assert resp.status_code == 200, resp.get_data(as_text=True)
    body: dict[str, Any] = resp.get_json()
    return body


def test_factors_overall_and_per_group(client: FlaskClient, rt: Runtime, people: None) -> None:
    answered(rt)
    body = api(client, "admin", group_by="agency")
    assert body["total"] == 4  # the simulator's rating never counts
    assert by_key(body["factors"]) == {
        "access": (1, 1, 1, 3, 33.33),
        "procedure": (1, 0, 1, 2, 50.0),
        "civil_servant": (1, 0, 1, 2, 50.0),
        "result": (2, 0, 0, 2, 100.0),
        "feedback": (1, 0, 0, 1, 100.0),
    }
    assert [f["question"] for f in body["factors"]][0] == "Việc tìm hiểu thông tin và nộp hồ sơ có thuận tiện không?"
    groups = {g["key"]: by_key(g["factors"]) for g in body["groups"]}
    assert groups[OTHER_DISTRICT]["access"] == (0, 0, 1, 1, 0.0)
    assert groups[OTHER_DISTRICT]["result"] == (0, 0, 0, 0, None)
    assert groups[COMMUNE]["access"] == (1, 1, 0, 2, 50.0)

    mine = api(client, "tanan", group_by="procedure")
    assert by_key(mine["factors"])["access"] == (1, 1, 0, 2, 50.0)  # nothing of the other district
    assert {g["key"]: by_key(g["factors"])["procedure"] for g in mine["groups"]} == {
        "1.001193": (1, 0, 0, 1, 100.0),
        "1.004194": (0, 0, 1, 1, 0.0),
    }


def test_the_daily_rollup_changes_no_figure(client: FlaskClient, rt: Runtime, people: None) -> None:
    answered(rt)
    rt.now = lambda: at("2026-11-15T10:00:00+07:00")  # days up to 13 November can be rolled up
    before = {g: api(client, "admin", group_by=g) for g in ("agency", "procedure", "month")}
    with rt.db.session() as s:
        assert settle_ratings(s, rt.now()) == 0  # the API already settled them
    rt.now = lambda: at("2026-12-02T10:00:00+07:00")
    after = {g: api(client, "admin", group_by=g) for g in ("agency", "procedure", "month")}
    assert after == before
    # A rating that arrives late for a day already rolled up counts once, at once and after the next roll-up.
    add_rating(rt, "satisfied", "2026-11-03T10:00:00+07:00", answers={"feedback": "fair"})
    late = api(client, "admin")
    assert late["total"] == 5 and by_key(late["factors"])["feedback"] == (1, 1, 0, 2, 50.0)
    with rt.db.session() as s:
        assert settle_ratings(s, rt.now()) == 0
    assert api(client, "admin") == late


def test_dashboard_and_exports_show_the_factors(client: FlaskClient, rt: Runtime, people: None) -> None:
    answered(rt)
    login(client, "canlong")
    html = page(client, **NOV)
    assert 'data-factor="access"' in html and "Tiếp cận dịch vụ" in html
    assert "50%" in html  # access: 1 good of 2 answers in Càng Long
    xlsx = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx", query_string=NOV).data))
    rows = list(xlsx.worksheets[0].iter_rows(values_only=True))
    col = HEADER.index("Tiếp cận dịch vụ: Tỷ lệ tốt (%)")
    assert rows[0][col - 3 : col + 1] == HEADER[col - 3 : col + 1]
    assert rows[1][1] == "UBND xã Tân An" and rows[1][col - 3 : col + 1] == (1, 1, 0, 50)
    assert rows[-1][1] == "Tổng cộng" and rows[-1][col] == 50
    csv_body = client.get("/dashboard/export.csv", query_string=NOV).data.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(csv_body)))
    assert csv_rows[-1][col - 3 : col + 1] == ["1", "1", "0", "50.0"]


class TestOnPostgreSQL:
    """The rollup's Vietnam-time days and JSON answers on the production database."""

    @pytest.fixture
    def config(self, tmp_path: Any, postgres_url: str) -> dict[str, object]:
        from tests.services import postgres_server

        cfg = base_config(tmp_path)
        cfg["DATABASE_URL"] = postgres_server().create_database(f"motcua_{uuid.uuid4().hex[:12]}")
        return cfg

    def test_rollup_on_postgresql(self, client: FlaskClient, rt: Runtime, people: None) -> None:
        test_factors_overall_and_per_group(client, rt, None)
        add_rating(rt, "satisfied", "2026-11-30T23:30:00+07:00", answers={"feedback": "poor"})  # 16:30 UTC
        add_rating(rt, "satisfied", "2026-12-01T00:10:00+07:00")
        rt.now = lambda: at("2026-11-25T10:00:00+07:00")
        before = api(client, "admin", group_by="month", to="2026-12-31")
        rt.now = lambda: at("2027-01-05T10:00:00+07:00")
        after = api(client, "admin", group_by="month", to="2026-12-31")
        assert after == before
        assert [(g["key"], g["total"]) for g in after["groups"]] == [("2026-11", 5), ("2026-12", 1)]
        assert by_key(after["factors"])["feedback"] == (1, 0, 1, 2, 50.0)
