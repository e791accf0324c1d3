"""Bad input on the dashboard and its exports: wrong or extreme dates and groupings get a Vietnamese message or a
400, never a 500; unknown pages and methods get Vietnamese error pages."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.conftest import at
from tests.officials import EXTREME, NOV, figure, login, page


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
