"""Acting on a status card: its buttons offered only when they make sense and still working later, and a request
right after a card, which is about that card's dossier."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier, at
from tests.one_applicant import (
    DONE,
    OPEN,
    READY,
    UNKNOWN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
    to_followups,
)
from tests.queries import code_of


def test_stale_rating_button_from_an_old_card_still_works(chat: Chat, rt: Runtime) -> None:
    (card,) = chat.send(DONE)
    assert "Đánh giá hồ sơ" in chat.last.button_titles
    chat.send("chào")  # the conversation moved on
    last_card = [s for s in chat.fake.to(chat.user_id) if "Đánh giá hồ sơ" in s.button_titles][-1]
    payload = last_card.button_payloads[last_card.button_titles.index("Đánh giá hồ sơ")]
    (ask_digits,) = chat.send(payload)
    assert DONE in ask_digits and "4 số cuối" in ask_digits


def test_a_followed_dossier_card_does_not_offer_to_follow_it_again(chat: Chat, rt: Runtime) -> None:
    (card,) = chat.send(OPEN)
    assert "Nhận thông báo" in chat.last.button_titles
    chat.press("Nhận thông báo")
    chat.send("5678")
    chat.send(OPEN)
    assert chat.last.button_titles == ["Tra cứu mã khác"]
    listing, card = chat.send("hồ sơ của tôi")
    assert "1 hồ sơ" in listing and chat.last.button_titles == ["Tra cứu mã khác"]


def test_an_overdue_dossier_card_says_what_to_do(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, OPEN, status=4, due_at=at("2026-11-20T17:00:00+07:00"))
    (card,) = chat.send(OPEN)
    assert "quá hạn 7 ngày" in card and "chưa cần làm gì" not in card and "Gặp cán bộ" in card
    assert chat.last.button_titles == ["Nhận thông báo", "Tra cứu mã khác", "Gặp cán bộ"]
    (contact, *_) = chat.press("Gặp cán bộ")
    assert "0294 3855 555" in contact


def test_a_rated_dossier_card_does_not_offer_to_rate_it_again(chat: Chat, rt: Runtime) -> None:
    chat.send(DONE)
    assert "Đánh giá hồ sơ" in chat.last.button_titles
    to_followups(chat)
    chat.send("huy")
    (card,) = chat.send(DONE)
    assert card.startswith(f"Hồ sơ {DONE}") and chat.last.button_titles == ["Tra cứu mã khác"]


@pytest.mark.parametrize("typed", ["danh gia ho so nay", "đánh giá", "tôi rất hài lòng"])
def test_rating_right_after_a_card_is_about_that_dossier(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(READY.lower())
    note, ask_digits = chat.send(typed)
    assert READY in note and "hồ sơ khác" in note
    assert READY in ask_digits and "4 số cuối" in ask_digits
    answers = chat.send("5678")
    if typed == "tôi rất hài lòng":
        assert 'Đánh giá "Rất hài lòng"' in answers[0]
    else:
        chat.press("Hài lòng")
    assert [code_of(rt, r) for r in ratings(rt)] == [READY]
    (ask_code,) = chat.send("đánh giá")  # used once: the next request asks which dossier
    assert "hồ sơ nào" in ask_code


def test_following_right_after_a_card_is_about_that_dossier(chat: Chat, rt: Runtime) -> None:
    chat.send(OPEN)
    _, ask_digits = chat.send("báo cho tôi khi xong")
    assert OPEN in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    assert subs(rt) == [OPEN]


@pytest.mark.parametrize(
    "before", [[f"{DONE} {READY}"], [UNKNOWN], [READY, "xóa dữ liệu"]], ids=["two cards", "not found", "data deleted"]
)
def test_without_one_recent_card_the_code_is_asked(chat: Chat, rt: Runtime, before: list[str]) -> None:
    for text in before:
        chat.send(text)
    (ask_code,) = chat.send("đánh giá")
    assert "hồ sơ nào" in ask_code


def test_a_card_older_than_ten_minutes_is_not_assumed(chat: Chat, rt: Runtime) -> None:
    chat.send(READY)
    rt.redis.delete(f"last_card:{chat.platform}:{chat.user_id}")  # what ten minutes do
    (ask_code,) = chat.send("đánh giá")
    assert "hồ sơ nào" in ask_code
