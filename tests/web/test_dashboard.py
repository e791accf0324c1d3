"""The dashboard page (SPEC §4, §10): figures scoped to the official, the satisfaction, response and overdue rates,
numbers written the Vietnamese way, citizens' reasons escaped."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from bot.records.dossier_stats import dossier_stats
from bot.records.models import Rating
from bot.records.ratings import dossier_key
from bot.runtime import Runtime
from tests.conftest import add_dossier, at
from tests.officials import COMMUNE, DISTRICT, NAMES, NOV, OTHER_DISTRICT, add_rating, figure, login, page


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


def test_reason_is_escaped(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-04T08:00:00+07:00", reason="<script>alert(1)</script>")
    login(client, "tanan")
    html = page(client, **NOV)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<script" not in html


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


def _many(rt: Runtime, level: str, n: int, day: str = "2026-11-05") -> None:
    """n ratings of Tân An on one day, in one transaction."""
    with rt.db.session() as s:
        for i in range(n):
            s.add(
                Rating(
                    dossier_key=dossier_key(rt.settings.rating_key, f"{COMMUNE}-261105-{level[:3]}{i:05d}"),
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
