"""The chatbot usage page: lookups per day, people served, subscriptions, notices delivered and refused by platform,
handovers, counted where they happen (the simulator never counts), shown to admins only."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from bot.records.usage import usage_totals
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.officials import create_user, login
from tests.two_applicants import (  # noqa: F401  (dossiers: autouse fixture)
    NOW,
    OPEN,
    OPEN_B,
    dossiers,
    follow,
    push,
)

DAY = {"from": "2026-11-27", "to": "2026-11-27"}


def totals(rt: Runtime) -> dict[str, dict[str, int]]:
    with rt.db.session() as s:
        return usage_totals(s, start=NOW.date(), end=NOW.date())


def test_each_use_is_counted_once_where_it_happens(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    zalo = Chat(client, fake, "zalo", "2512523625410009")
    fb = Chat(client, fake, "messenger", "6789012345670009")
    zalo.send(f"tra cứu {OPEN} {OPEN_B}")
    zalo.send(f"tra cứu {OPEN}")
    follow(fb)
    fake.zalo_errors = []
    follow(zalo, OPEN_B)
    fake.zalo_errors = [-230]
    push(client, OPEN_B, status=5)  # the Zalo follower's notice is refused (seven silent days)
    push(client, OPEN, status=5)  # the Messenger follower's notice goes out
    fb.send("gặp cán bộ")
    client.post("/simulator/send", json={"user": "sim-usage01", "text": f"tra cứu {OPEN}"})
    got = totals(rt)
    assert got["zalo"]["lookups"] == 3 and got["zalo"]["people"] == 1 and got["zalo"]["subscriptions"] == 1
    assert got["zalo"]["notices_refused"] == 1 and got["zalo"]["notices_sent"] == 0
    assert got["messenger"]["subscriptions"] == 1 and got["messenger"]["notices_sent"] == 1
    assert got["messenger"]["handovers"] == 1 and got["messenger"]["people"] == 1
    assert "sim" not in got


def test_admins_see_the_usage_page_officials_do_not(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    create_user(client.application, "admin", "admin")
    create_user(client.application, "canlong", "official", "000.00.00.H59")  # the province centre
    Chat(client, fake, "zalo", "2512523625410010").send(f"tra cứu {OPEN}")
    login(client, "admin")
    html = client.get("/dashboard/usage", query_string=DAY).get_data(as_text=True)
    row = re.search(r'<tr data-metric="lookups">(.*?)</tr>', html, re.S)
    assert row is not None and re.findall(r'<td class="num">([^<]*)</td>', row.group(1)) == ["1", "0", "1"]
    assert '<svg class="chart columns"' in html and "27/11: 1 lượt tra cứu" in html
    client.post("/dashboard/logout")
    login(client, "canlong")
    assert client.get("/dashboard/usage", query_string=DAY).status_code == 403
