"""The ownership check before a rating or a subscription: the last 4 digits of the applicant's phone typed any way,
wrong tries and the lock they set, another dossier named at the digits step, dossiers without a phone."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier
from tests.one_applicant import (
    DONE,
    NO_PHONE,
    OPEN,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
)
from tests.queries import code_of, state


def test_wrong_phone_three_times_ends_the_flow_and_stores_nothing(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    (first,) = chat.send("1234")
    assert "còn 2 lần" in first
    (fmt,) = chat.send("không nhớ")
    assert "4 chữ số" in fmt
    chat.send("4321")
    (final,) = chat.send("0000")
    assert "chưa thể tiếp tục" in final
    (after,) = chat.send("5678")  # flow is over: the digits are not taken any more
    assert "Rất hài lòng" not in after
    assert ratings(rt) == [] and rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None


@pytest.mark.parametrize(
    "typed",
    ["5678", "56 78", "5 6 7 8", "0912 345 678", "0912-345-678", "0912.345.678", "+84 912 345 678", "84912345678",
     "số cuối là 5678 ạ", "5678 ạ"],
)
def test_phone_digits_typed_in_many_ways(chat: Chat, typed: str) -> None:
    chat.send(f"danh gia {DONE}")
    (ask_level,) = chat.send(typed)
    assert "hài lòng thế nào" in ask_level


@pytest.mark.parametrize("again", [DONE, DONE.lower(), f"đánh giá {DONE}", f"ma ho so {DONE}"])
def test_sending_the_code_again_at_the_phone_step_is_no_wrong_try(chat: Chat, rt: Runtime, again: str) -> None:
    chat.send("danh gia")
    chat.send(DONE)
    (answer,) = chat.send(again)
    assert "4 số cuối" in answer and "lần thử" not in answer
    chat.send("1111")
    (second,) = chat.send("2222")
    assert "còn 1 lần" in second


def test_another_code_alone_at_the_phone_step_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    (ask_digits,) = chat.send(f"xin lỗi, mã đúng là {READY.lower()} ạ")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    (wrong,) = chat.send("1111")
    assert "còn 2 lần" in wrong
    chat.send("5678")
    chat.send("hai long")
    assert [(code_of(rt, r), r.level) for r in ratings(rt)] == [(READY, "satisfied")]


def test_another_code_alone_while_subscribing_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    other = "000.31.25.H59-261102-0005"
    add_dossier(rt, other, status=5)
    chat.send(f"theo doi {OPEN}")
    (ask_digits,) = chat.send(other)
    assert other in ask_digits and "4 số cuối" in ask_digits
    chat.send("56 78")
    assert subs(rt) == [other]


def test_a_lookup_of_another_code_at_the_phone_step_leaves_the_pending_check(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    (card,) = chat.send(f"tra cứu hồ sơ {READY}")
    assert card.startswith(f"Hồ sơ {READY}") and state(rt, chat) is None
    (after,) = chat.send("5678")  # not taken as the digits of the dossier left behind
    assert "hài lòng thế nào" not in after and ratings(rt) == []


def test_another_code_alone_at_the_level_step_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (ask_digits,) = chat.send(READY)
    assert READY in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    chat.send("hai long")
    assert [(code_of(rt, r), r.level) for r in ratings(rt)] == [(READY, "satisfied")]


def test_another_rating_request_at_the_level_step_starts_over(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (ask_digits,) = chat.send(f"danh gia {READY}")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    (same,) = chat.send(f"danh gia {READY}")
    assert "4 số cuối" in same


def test_three_wrong_tries_lock_that_dossier_even_when_starting_again(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("1111")
    chat.send("2222")
    (final,) = chat.send("3333")
    assert "chưa thể tiếp tục" in final and "Gặp cán bộ" in chat.last.button_titles
    (locked,) = chat.send(f"danh gia {DONE}")
    assert "sai 4 số cuối 3 lần" in locked and "phút" in locked and "Gặp cán bộ" in chat.last.button_titles
    assert "hài lòng thế nào" not in chat.send("5678")[0]
    (locked_too,) = chat.send(f"theo doi {DONE}")  # no other flow gives more tries on it
    assert "không còn thay đổi" in locked_too or "3 lần" in locked_too
    (other,) = chat.send(f"danh gia {READY}")  # another dossier is not affected
    assert "4 số cuối" in other
    assert ratings(rt) == []


def test_the_lock_ends_after_its_window(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    for digits in ("1111", "2222", "3333"):
        chat.send(digits)
    for key in rt.redis.keys("owner:miss:*"):
        rt.redis.delete(key)  # what the hour does
    chat.send(f"danh gia {DONE}")
    (ask_level,) = chat.send("5678")
    assert "hài lòng thế nào" in ask_level


def test_a_dossier_without_a_phone_says_why_it_cannot_be_checked(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send(f"danh gia {NO_PHONE}")
    assert "không có số điện thoại" in answer and "4 số cuối" not in answer
    assert state(rt, chat) is None and "Gặp cán bộ" in chat.last.button_titles
