"""Unanswered questions: what the bot answered with its fallback is kept without user id and with codes and phone
numbers masked, grouped by similar wording for admins, marked handled, deleted after 90 days; never the simulator's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from bot.records.models import UnansweredQuestion
from bot.records.unanswered import mask, record_unanswered
from bot.runtime import Runtime
from tests.conftest import Chat, at
from tests.officials import login

BUS = (
    "giá vé xe buýt đi Cần Thơ bao nhiêu",
    "gia ve xe buyt di can tho bao nhieu",
    "xe buýt đi Cần Thơ giá vé bao nhiêu vậy",
)


def stored(rt: Runtime) -> list[UnansweredQuestion]:
    with rt.db.session() as s:
        return list(s.scalars(select(UnansweredQuestion).order_by(UnansweredQuestion.id)))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("số tôi 0912 345 678 mua vé số ở đâu", "số tôi [số điện thoại] mua vé số ở đâu"),
        ("gọi +84912345678 hay 091.234.5678?", "gọi [số điện thoại] hay [số điện thoại]?"),
        ("hồ sơ 000.31.25.h59 - 261102 - 0001 sao lâu vậy", "hồ sơ [mã hồ sơ] sao lâu vậy"),
        ("cccd 079201001234 làm lại mất bao lâu", "cccd [số] làm lại mất bao lâu"),
        ("mail an@example.com nhé", "mail [email] nhé"),
        ("mở cửa lúc 7:30 không", "mở cửa lúc 7:30 không"),
    ],
)
def test_codes_phones_and_long_numbers_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_the_fallback_keeps_the_question_without_the_user(chat: Chat, rt: Runtime) -> None:
    chat.send("giá vé xe buýt đi Cần Thơ bao nhiêu, số tôi là 0912345678")
    rows = stored(rt)
    assert [(r.platform, r.text) for r in rows] == [
        (chat.platform, "giá vé xe buýt đi Cần Thơ bao nhiêu, số tôi là [số điện thoại]")
    ]
    columns = {c["name"] for c in inspect(rt.db.engine).get_columns("unanswered_questions")}
    assert "user_id" not in columns and chat.user_id not in str([vars(r) for r in rows])
    record_unanswered(rt.db, "sim", "giá vé xe buýt", rt.now())  # the simulator never counts
    assert len(stored(rt)) == 1


def test_admins_see_groups_and_mark_them_handled(client: FlaskClient, rt: Runtime, people: None) -> None:
    now = rt.now()
    for i, text in enumerate([*BUS, BUS[0], "wifi ở ubnd xã mật khẩu là gì", "Wifi UBND xã mật khẩu?"]):
        record_unanswered(rt.db, "zalo", text, now - timedelta(hours=i))
    record_unanswered(rt.db, "zalo", "câu hỏi rất cũ", now - timedelta(days=91))
    login(client, "admin")
    html = client.get("/dashboard/unanswered").get_data(as_text=True)
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', html)]
    assert counts == [4, 2]
    assert "giá vé xe buýt đi Cần Thơ bao nhiêu" in html and "câu hỏi rất cũ" not in html
    key = re.findall(r'name="key" value="(\d+)"', html)[0]
    resp = client.post("/dashboard/unanswered/handled", data={"key": key}, follow_redirects=True)
    assert "Đã đánh dấu đã xử lý 4 câu hỏi." in resp.get_data(as_text=True)
    assert [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', resp.get_data(as_text=True))] == [2]
    done = client.get("/dashboard/unanswered", query_string={"handled": "1"}).get_data(as_text=True)
    assert "xe buýt" in done and "Đánh dấu đã xử lý" not in done
    again = client.post("/dashboard/unanswered/handled", data={"key": key}, follow_redirects=True)
    assert "Không tìm thấy nhóm câu hỏi này" in again.get_data(as_text=True)
    assert client.post("/dashboard/unanswered/handled", data={"key": "x"}).status_code == 302
    # A new message of the same wording after the group was handled starts a new group.
    record_unanswered(rt.db, "messenger", BUS[1], now)
    assert "gia ve xe buyt" in client.get("/dashboard/unanswered").get_data(as_text=True)
    assert len([r for r in stored(rt) if r.created_at < now - timedelta(days=90)]) == 0  # deleted after 90 days


def test_officials_cannot_see_them(client: FlaskClient, rt: Runtime, people: None) -> None:
    record_unanswered(rt.db, "zalo", BUS[0], at("2026-11-02T09:00:00+07:00"))
    login(client, "canlong")
    assert client.get("/dashboard/unanswered").status_code == 403
    assert client.post("/dashboard/unanswered/handled", data={"key": "1"}).status_code == 403
    assert "Câu hỏi chưa trả lời được" not in client.get("/dashboard/").get_data(as_text=True)
