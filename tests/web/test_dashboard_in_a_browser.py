"""The dashboard in a real browser (Debian's chromium driven by Playwright, nothing downloaded): log in, see the
charts drawn from the data under the page's strict CSP, drill down, download the Excel, CSV and Word files and read
them back to check that they agree with the reports API."""

from __future__ import annotations

import csv
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.serving import make_server

from bot.runtime import Runtime
from tests.conftest import add_dossier, at
from tests.officials import COMMUNE, DISTRICT, NOV, PASSWORD, add_rating
from tests.services import unavailable
from tests.web.test_reports_api import basic

CHROMIUM = ("chromium", "chromium-browser")


@pytest.fixture
def config(config: dict[str, object]) -> dict[str, object]:
    """The dashboard as deployed: CSRF on."""
    return {**config, "WTF_CSRF_ENABLED": True, "TESTING": False}


@pytest.fixture
def live(app: Flask) -> Iterator[str]:
    """The app served on a free loopback port in a thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless chromium from the system (apt-get install chromium)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = next((path for name in CHROMIUM if (path := shutil.which(name))), None)
    if executable is None:
        unavailable("chromium not found (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


def api(client: FlaskClient, **params: str) -> dict[str, Any]:
    resp = client.get("/api/v1/reports/satisfaction", query_string=params, headers=basic("admin"))
    assert resp.status_code == 200
    body: dict[str, Any] = resp.get_json()
    return body


def test_an_official_uses_the_dashboard_in_a_browser(
    browser: Any, live: str, client: FlaskClient, rt: Runtime, ratings: None, tmp_path: Path
) -> None:
    add_rating(rt, "very_satisfied", "2026-11-05T09:00:00+07:00", answers={"access": "good", "result": "poor"})
    add_dossier(rt, f"{COMMUNE}-261102-0001", status=10, received_at=at("2026-11-02T08:00:00+07:00"),
                due_at=at("2026-11-03T17:00:00+07:00"), finished_at=at("2026-11-03T09:00:00+07:00"), channel="online")
    context = browser.new_context(accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(f"{live}/dashboard/login")
    page.fill("#username", "admin")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#from", NOV["from"])
    page.fill("#to", NOV["to"])
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_url("**from=2026-11-01**")

    # The trend is drawn from the data: twelve monthly bars, November's title says what the API says.
    trend = page.locator("svg.chart.trend")
    assert trend.is_visible() and trend.bounding_box()["height"] > 100
    bars = trend.locator("rect.volume")
    assert bars.count() == 12
    months = api(client, **{"from": "2026-10-01", "to": "2026-11-30"}, group_by="month")["groups"]
    by_month = {g["key"]: g for g in months}
    nov = by_month["2026-11"]
    title = bars.nth(11).locator("title").text_content()
    assert title == f"T11/26: {nov['total']} đánh giá, tỷ lệ hài lòng 66,67%" and nov["satisfaction_rate"] == 66.67
    assert bars.nth(11).bounding_box()["height"] > bars.nth(10).bounding_box()["height"] > 0  # 6 ratings vs 1
    unit_bars = page.locator("svg.chart.bars rect.bar:not(.previous)")
    assert unit_bars.count() == 2
    widths = [unit_bars.nth(i).bounding_box()["width"] for i in range(2)]
    assert widths[0] > widths[1] > 0  # Càng Long 75% against Cầu Kè 50%
    assert blocked == []

    # Drill down: province -> district -> commune, the period kept all the way.
    page.locator("#drill table").get_by_role("link", name="UBND huyện Càng Long").click()
    page.wait_for_url(f"**unit={DISTRICT}**")
    page.locator("#drill table").get_by_role("link", name="UBND xã Tân An").click()
    page.wait_for_url(f"**unit={COMMUNE}**")
    assert parse_qs(urlsplit(page.url).query)["from"] == ["2026-11-01"]
    assert page.locator("#drill h2").text_content() == "Theo thủ tục của UBND xã Tân An"

    # The files of the commune agree with the API for the same period.
    commune = [g for g in api(client, **NOV, group_by="agency")["groups"] if g["key"] == COMMUNE][0]
    with page.expect_download() as got:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    xlsx = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    total = list(xlsx.worksheets[0].iter_rows(values_only=True))[-1]
    assert total[1:7] == ("Tổng cộng", commune["total"], commune["very_satisfied"], commune["satisfied"],
                          commune["dissatisfied"], commune["satisfaction_rate"])
    with page.expect_download() as got:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.reader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[-1][2] == str(commune["total"])
    with page.expect_download() as got:
        page.get_by_role("link", name="Báo cáo quý (.docx)").click()
    assert got.value.suggested_filename == "bao-cao_2026-Q4.docx"
    word = docx.Document(got.value.path())
    quarter = [g for g in api(client, **{"from": "2026-10-01", "to": "2026-12-31"})["groups"] if g["key"] == COMMUNE][0]
    agencies = next(t for t in word.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in agencies.rows[1].cells[1:3]] == ["UBND xã Tân An", str(quarter["total"])]
    channels = next(t for t in word.tables if t.rows[0].cells[0].text == "Hình thức")
    assert [c.text for c in channels.rows[1].cells] == ["Trực tiếp", "0", "0%"]
    context.close()
