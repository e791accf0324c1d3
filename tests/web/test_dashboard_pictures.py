"""The dashboard's pictures and drill-down: a twelve-month trend and per-unit bars drawn as inline SVG (no script,
titles for screen readers, Vietnamese numbers), this period beside the previous one, links from the province down to
a commune's procedures that keep the period, and no way for an official out of its own agencies."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.officials import COMMUNE, DISTRICT, NOV, OTHER_COMMUNE, OTHER_DISTRICT, add_rating, figure, login, page


def drill_rows(html: str) -> dict[str, tuple[str, str | None]]:
    """The drill-down table: unit key -> (its rate cell, its link or None)."""
    section = html.split('id="drill"', 1)[1].split("</section>", 1)[0]
    out: dict[str, tuple[str, str | None]] = {}
    for key, cells in re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', section, re.S):
        link = re.search(r'href="([^"]+)"', cells)
        rate = re.findall(r'<td class="num">([^<]*)</td>', cells)[0]
        out[key] = (rate, unescape(link.group(1)) if link else None)
    return out


def svg_titles(html: str, kind: str) -> list[str]:
    chart = html.split(f'<svg class="chart {kind}"', 1)[1].split("</svg>", 1)[0]
    return [unescape(t) for t in re.findall(r"<title[^>]*>([^<]*)</title>", chart)]


def test_trend_is_an_accessible_svg_in_vietnamese_numbers(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    login(client, "admin")
    resp = client.get("/dashboard/", query_string=NOV)
    html = resp.get_data(as_text=True)
    assert "<script" not in html and "script-src" not in resp.headers["Content-Security-Policy"]
    titles = svg_titles(html, "trend")
    assert titles[0].startswith("Xu hướng 12 tháng")
    assert 'role="img" aria-labelledby=' in html
    desc = re.search(r'<svg class="chart trend".*?<desc[^>]*>([^<]*)</desc>', html, re.S)
    assert desc is not None
    months = unescape(desc.group(1)).split("; ")
    assert len(months) == 12 and months[0].startswith("T12/25") and months[-1].startswith("T11/26")
    assert months[-2] == "T10/26: 0% trên 1 đánh giá"
    assert months[-1] == "T11/26: 60% trên 5 đánh giá"


def test_previous_period_beside_the_current_one(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    login(client, "admin")
    html = page(client, **NOV)
    assert "kỳ trước: 01/10/2026 – 31/10/2026" in html  # a whole month: the month before
    assert figure(html, "total-previous") == "Kỳ trước: 1 (+4)"
    assert figure(html, "rate-previous") == "Kỳ trước: 0% (+60 điểm)"
    bars = svg_titles(html, "bars")
    assert "UBND huyện Càng Long: 66,67% trên 3 đánh giá; kỳ trước 0% trên 1" in bars
    assert "TB toàn tỉnh: 60%" in html


def test_drill_down_to_procedures_keeps_the_period(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    login(client, "admin")
    top = drill_rows(page(client, **NOV, group_by="procedure"))
    assert set(top) == {DISTRICT, OTHER_DISTRICT}
    rate, link = top[DISTRICT]
    assert rate == "66,67%" and link is not None
    query = parse_qs(urlsplit(link).query)
    assert query == {"from": ["2026-11-01"], "to": ["2026-11-30"], "group_by": ["procedure"], "unit": [DISTRICT]}
    district = client.get(link).get_data(as_text=True)
    assert re.search(r"UBND tỉnh Trà Vinh</a> › <strong[^>]*>UBND huyện Càng Long</strong>", district)
    assert figure(district, "total") == "3"  # the whole page follows the unit
    rows = drill_rows(district)
    assert set(rows) == {COMMUNE}
    commune = client.get(rows[COMMUNE][1]).get_data(as_text=True)
    assert "Theo thủ tục của UBND xã Tân An" in commune
    assert {k: v[0] for k, v in drill_rows(commune).items()} == {"1.001193": "50%", "1.004194": "100%"}
    xlsx = client.get("/dashboard/export.csv", query_string={**NOV, "unit": OTHER_COMMUNE})
    assert xlsx.status_code == 200 and "Tổng cộng,0" in xlsx.get_data(as_text=True)


def test_an_official_sees_only_its_own_subtree(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    add_rating(rt, "very_satisfied", "2026-11-05T09:00:00+07:00", agency=DISTRICT)
    login(client, "canlong")
    html = page(client, **NOV)
    assert "UBND tỉnh Trà Vinh" not in html and "Cầu Kè" not in html and "TB toàn tỉnh" not in html
    rows = drill_rows(html)
    assert rows[DISTRICT] == ("100%", None)  # the district's own ratings, beside its communes
    assert rows[COMMUNE][0] == "66,67%"
    for unit in (OTHER_DISTRICT, OTHER_COMMUNE, "000.00.00.H59", "nope"):
        assert client.get("/dashboard/", query_string={**NOV, "unit": unit}).status_code == 403
        assert client.get("/dashboard/export.xlsx", query_string={**NOV, "unit": unit}).status_code == 403
        assert client.get("/dashboard/export.csv", query_string={**NOV, "unit": unit}).status_code == 403
    client.post("/dashboard/logout")
    login(client, "tanan")
    assert client.get("/dashboard/", query_string={**NOV, "unit": DISTRICT}).status_code == 403
    own = page(client, **NOV)
    assert "UBND huyện Càng Long" not in own and set(drill_rows(own)) == {"1.001193", "1.004194"}
