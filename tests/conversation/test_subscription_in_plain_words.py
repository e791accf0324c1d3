"""Following and unfollowing in the words elderly users type, in capitals or without diacritics: the digits, not
knowing the phone, never mind, the list of followed dossiers, stopping the notices."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.queries import state
from tests.queries import subscriptions as subs
from tests.two_applicants import (
    DIGITS,
    DONE,
    OPEN,
    OPEN_B,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    follow,
    new_to,
    push,
)


@pytest.mark.parametrize("typed", ["4321", "4 3 2 1", "SO CUOI 4321 A", "0987 654 321", "+84 987.654.321"])
def test_the_digits_typed_in_any_way_follow_the_dossier(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(f"NHAN THONG BAO {OPEN.lower()}")
    (done,) = chat.send(typed)
    assert "Đã đăng ký" in done and subs(rt) == [(chat.platform, chat.user_id, OPEN)]
    assert chat.last.button_titles == ["Hồ sơ của tôi", "Menu"]


@pytest.mark.parametrize(
    "typed",
    ["KHONG NHO SO", "quen so dien thoai roi", "so dt doi roi", "ko biet", "tôi không có số điện thoại",
     "đổi số rồi con ơi", "mất sim rồi", "không"],
)
@pytest.mark.parametrize("start", [f"THEO DOI {OPEN}", f"DANH GIA {DONE}"])
def test_not_knowing_the_phone_gets_a_way_forward_not_the_format_again(
    chat: Chat, rt: Runtime, fake: FakePlatforms, start: str, typed: str
) -> None:
    (ask_digits,) = chat.send(start)
    assert "4 số cuối" in ask_digits
    (answer,) = chat.send(typed)
    assert "bộ phận một cửa" in answer and "ví dụ số" not in answer
    assert chat.last.button_titles == ["Gặp cán bộ", "Menu"]
    assert fake.graph_calls == [] and rt.redis.keys("owner:miss:*") == []  # no handover, no wrong try
    chat.send(DIGITS)  # the paper turned up: the step was still waiting
    assert "Đã đăng ký" in chat.last.text or "hài lòng thế nào" in chat.last.text


@pytest.mark.parametrize("typed", ["thôi", "THOI", "dạ thôi ạ"])
def test_never_mind_at_the_digits_step_leaves_quietly(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(f"theo doi {OPEN}")
    assert chat.send(typed) == [texts.CANCELLED] and state(rt, chat) is None
    assert subs(rt) == [] and rt.redis.keys("owner:miss:*") == []


@pytest.mark.parametrize(
    "typed", ["hồ sơ của tôi", "HO SO CUA TOI", "các hồ sơ đang theo dõi", "CAC HO SO DANG THEO DOI",
              "xem ho so dang theo doi", "toi dang theo doi ho so nao", "danh sách hồ sơ theo dõi"]
)
def test_the_followed_dossiers_listed_in_many_words_at_any_step(chat: Chat, rt: Runtime, typed: str) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    chat.send("nhan thong bao")  # in the middle of another subscription: the list is still what is asked
    listing, *cards = chat.send(typed)
    assert "2 hồ sơ" in listing
    assert [c.splitlines()[0] for c in cards] == [f"Hồ sơ {OPEN_B}", f"Hồ sơ {OPEN}"]
    assert state(rt, chat) is None


@pytest.mark.parametrize(
    "typed", ["hủy nhận thông báo", "HUY THONG BAO", "huy nhan thong bao", "đừng gửi nữa", "dung gui nua",
              "DUNG GUI THONG BAO NUA", "khong nhan thong bao nua", "ngung thong bao", "tat thong bao"]
)
def test_unsubscribing_in_any_words_stops_every_notice(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms, typed: str
) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    (bye,) = chat.send(typed)
    assert "Đã hủy nhận thông báo cho 2 hồ sơ" in bye and chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert subs(rt) == [] and state(rt, chat) is None
    before = len(fake.to(chat.user_id))
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    push(client, OPEN_B, status=5)
    assert new_to(fake, chat.user_id, before) == []
    (none,) = chat.send("dung gui nua")
    assert "không đăng ký nhận thông báo" in none


def test_unsubscribing_names_the_dossiers_and_says_it_plainly(chat: Chat) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    (bye,) = chat.send("huy thong bao")
    assert OPEN in bye and OPEN_B in bye
    assert "tin báo" not in bye  # "tin báo" reads as a police report
