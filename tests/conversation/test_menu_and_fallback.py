"""Words that leave any flow (cancel, never mind, greeting, thanks, help, contact), what the bot does with messages
it does not understand, its offer of a person, and short acknowledgements after a finished flow."""

from __future__ import annotations

import pytest

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.one_applicant import (
    DONE,
    OPEN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
)
from tests.queries import state


@pytest.mark.parametrize("cancel_word", ["hủy", "huy", "thoát", "menu"])
@pytest.mark.parametrize(
    "steps",
    [
        ["danh gia"],
        ["danh gia", DONE],
        ["danh gia", DONE, "5678"],
        ["danh gia", DONE, "5678", "không hài lòng"],
        [
            "theo doi",
        ],
        ["theo doi", OPEN],
        ["tra cuu"],
    ],
)
def test_cancel_at_every_step(chat: Chat, rt: Runtime, steps: list[str], cancel_word: str) -> None:
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(cancel_word)
    assert "Đã hủy" in answer
    assert rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None
    assert ratings(rt) == [] and subs(rt) == []


@pytest.mark.parametrize("word", ["hủy", "huy", "thoát", "menu", "Huỷ"])
@pytest.mark.parametrize("steps", [["tra cuu"], ["nhan thong bao"], ["nhan thong bao", OPEN], ["thu tuc"]])
def test_cancel_words_leave_the_other_flows(chat: Chat, rt: Runtime, steps: list[str], word: str) -> None:
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(word)
    assert "Đã hủy" in answer and state(rt, chat) is None and subs(rt) == []


@pytest.mark.parametrize("start", ["tra cứu hồ sơ", "đánh giá", "nhận thông báo"])
@pytest.mark.parametrize(
    ("never_mind", "answer"),
    [
        ("thôi.", texts.CANCELLED),
        ("dạ thôi ạ!", texts.CANCELLED),
        ("khỏi", texts.CANCELLED),
        ("không có", texts.NO_CODE),
    ],
)
def test_never_mind_or_no_code_leaves_the_flow(chat: Chat, start: str, never_mind: str, answer: str) -> None:
    (ask,) = chat.send(start)
    assert "mã hồ sơ" in ask
    assert chat.send(never_mind) == [answer] and texts.BTN_CONTACT.title in chat.last.button_titles
    (card,) = chat.send(DONE)  # the code now is a plain lookup, not the answer to a question left open
    assert card.startswith(f"Hồ sơ {DONE}")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("xin chào", "Xin chào"), ("cảm ơn", "không có gì"), ("huong dan", "Ông/bà có thể:"), ("gap can bo", "0294")],
)
@pytest.mark.parametrize("steps", [["danh gia"], ["danh gia", DONE], ["danh gia", DONE, "5678"], ["nhan thong bao"]])
def test_greeting_thanks_help_and_contact_leave_any_flow(
    chat: Chat, rt: Runtime, steps: list[str], typed: str, expected: str
) -> None:
    for text in steps:
        chat.send(text)
    answers = chat.send(typed)
    assert expected in answers[0] and state(rt, chat) is None and ratings(rt) == []


def test_unknown_twice_offers_a_person(chat: Chat) -> None:
    (first,) = chat.send("qwerty")
    assert "chưa hiểu" in first
    (second,) = chat.send("asdfgh")
    assert "gặp cán bộ" in second and "Gặp cán bộ" in chat.last.button_titles


@pytest.mark.parametrize("yes", ["có", "co", "ok", "dạ có", "vâng"])
def test_yes_to_the_offer_of_a_person_reaches_a_person(chat: Chat, rt: Runtime, yes: str) -> None:
    chat.send("qwerty")
    (offer,) = chat.send("asdfgh")
    assert "gặp cán bộ" in offer
    answers = chat.send(yes)
    assert "0294 3855 555" in answers[0]


@pytest.mark.parametrize("no", ["không", "ko", "khong can", "dạ không", "dạ thôi"])
def test_no_to_the_offer_of_a_person_shows_the_menu(chat: Chat, rt: Runtime, no: str) -> None:
    chat.send("qwerty")
    chat.send("asdfgh")
    (menu,) = chat.send(no)
    assert "chưa hiểu" not in menu and chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert state(rt, chat) is None


def test_the_offer_of_a_person_is_only_for_the_next_message(chat: Chat, rt: Runtime) -> None:
    chat.send("qwerty")
    chat.send("asdfgh")
    chat.send(OPEN)  # the user moved on
    (ack,) = chat.send("ok")
    assert "0294 3855 555" not in ack and state(rt, chat) is None


@pytest.mark.parametrize("typed", ["ok", "dạ", "vâng", "co", "không", "ko", "thôi", "dạ không"])
def test_an_acknowledgement_after_a_finished_flow_is_not_a_misunderstanding(chat: Chat, typed: str) -> None:
    chat.send(f"nhan thong bao {OPEN}")
    chat.send("5678")
    (ack,) = chat.send(typed)
    assert "chưa hiểu" not in ack and ack.startswith("Dạ")
    (miss,) = chat.send("qwerty")
    assert "chưa hiểu ý" in miss  # the acknowledgement was not counted as a miss
