"""The five follow-up questions after a rating: answers in words or buttons, skipping, stopping, leaving or timing
out, and rating again meanwhile; the rating itself is always kept."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from tests.conftest import Chat
from tests.one_applicant import (
    DONE,
    OPEN,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
    to_followups,
)
from tests.queries import code_of, state


def test_abandoning_followups_keeps_the_rating(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá hồ sơ {DONE}")
    chat.send("5678")
    chat.send("hài lòng")
    assert [r.level for r in ratings(rt)] == ["satisfied"]
    (lookup,) = chat.send(OPEN)  # wanders off mid follow-up
    assert OPEN in lookup
    assert [r.level for r in ratings(rt)] == ["satisfied"]


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("có", "good"), ("co a", "good"), ("dạ", "good"), ("vâng", "good"), ("ok", "good"), ("rất tốt", "good"),
     ("không", "poor"), ("ko", "poor"), ("dạ không", "poor"), ("chưa", "poor"), ("kém", "poor"),
     ("ko co", "poor"), ("dạ không ạ", "poor"), ("vâng, tốt ạ", "good"),
     ("binh thuong", "fair"), ("tạm được", "fair")],
)
def test_the_follow_up_questions_take_yes_and_no(chat: Chat, rt: Runtime, typed: str, answer: str) -> None:
    to_followups(chat)
    (second,) = chat.send(typed)
    assert "(2/5)" in second
    assert ratings(rt)[0].answers == {"access": answer}


@pytest.mark.parametrize("typed", ["bỏ qua", "Bỏ qua", "ko biet", "không có ý kiến"])
def test_a_follow_up_can_be_skipped_in_words(chat: Chat, rt: Runtime, typed: str) -> None:
    to_followups(chat)
    (second,) = chat.send(typed)
    assert "(2/5)" in second and ratings(rt)[0].answers == {}


@pytest.mark.parametrize("word", ["stop", "thôi", "kết thúc", "Kết thúc", "ko can", "dừng lại"])
def test_stopping_the_follow_ups_thanks_and_keeps_subscriptions(chat: Chat, rt: Runtime, word: str) -> None:
    chat.send(f"theo doi {OPEN}")
    chat.send("5678")
    to_followups(chat)
    (thanks,) = chat.send(word)
    assert "Xin cảm ơn" in thanks and "hủy nhận thông báo" not in thanks.lower()
    assert subs(rt) == [OPEN] and [r.level for r in ratings(rt)] == ["satisfied"] and state(rt, chat) is None


@pytest.mark.parametrize("word", ["hủy", "huy", "huỷ", "thoát", "menu", "Menu"])
def test_cancel_during_follow_ups_says_the_rating_is_kept(chat: Chat, rt: Runtime, word: str) -> None:
    to_followups(chat)
    (answer,) = chat.send(word)
    assert "Đã hủy" not in answer and "vẫn được ghi nhận" in answer
    assert chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert [r.level for r in ratings(rt)] == ["satisfied"] and state(rt, chat) is None


@pytest.mark.parametrize("button", ["Tốt", "Bỏ qua", "Kết thúc"])
def test_a_follow_up_button_pressed_after_the_questions_timed_out(chat: Chat, rt: Runtime, button: str) -> None:
    to_followups(chat)
    rt.redis.delete(f"dialog:{chat.platform}:{chat.user_id}")  # thirty minutes later
    (answer,) = chat.press(button)
    assert "hết thời gian" in answer and "chưa hiểu" not in answer
    assert [(r.level, r.answers) for r in ratings(rt)] == [("satisfied", {})]


def test_rating_another_dossier_during_follow_ups(chat: Chat, rt: Runtime) -> None:
    to_followups(chat, DONE, "rat hai long")
    (ask_digits,) = chat.send(f"đánh giá hồ sơ {READY}")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    chat.press("Hài lòng")
    assert [(code_of(rt, r), r.level) for r in ratings(rt)] == [(DONE, "very_satisfied"), (READY, "satisfied")]


def test_rating_the_same_dossier_again_during_follow_ups_is_refused(chat: Chat, rt: Runtime) -> None:
    to_followups(chat)
    (refused,) = chat.send(f"danh gia {DONE}")
    assert "đã được đánh giá" in refused
    assert len(ratings(rt)) == 1
