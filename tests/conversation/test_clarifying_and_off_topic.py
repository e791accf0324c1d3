"""Asking rather than guessing: a message the NLU is unsure of gets buttons for the likely requests (pressed or
typed, the request is then done with the message's own codes); another organisation's business gets a short, kind
answer saying what the bot does here and whom to ask instead."""

from __future__ import annotations

import json
from typing import cast

import pytest

from bot import nlu
from bot.conversation import texts
from bot.conversation.flows.menu import CLARIFY_BELOW
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.one_applicant import (
    OPEN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    subs,
)
from tests.queries import state
from tests.unsure_model import make_unsure

CAN_DO = "tra cứu hồ sơ"

# ------------------------------------------------------------------ the clarifying question, with the real model

# Insurance is both the social insurance the one-stop-shop handles and the policies companies sell: the NLU is
# unsure, and a procedure is the one request it sees.
UNSURE = "bảo hiểm xã hội"


def test_the_shipped_nlu_is_unsure_of_the_message_these_tests_use() -> None:
    understood = nlu.understand(UNSURE)
    assert understood.confidence < CLARIFY_BELOW
    assert nlu.Intent.PROCEDURE in [i for i, _ in understood.ranking[:3]]


def test_an_unsure_reading_asks_with_a_button_for_the_likely_request(chat: Chat, rt: Runtime) -> None:
    (question,) = chat.send(UNSURE)
    assert question == texts.CLARIFY
    assert chat.last.button_titles == [texts.BTN_PROCEDURE.title, texts.BTN_OTHER.title]
    assert state(rt, chat) is not None  # the question waits for its answer


@pytest.mark.parametrize("answer", ["press", "Thủ tục", "thu tuc", "thủ tục hành chính"])
def test_the_request_picked_is_done(chat: Chat, answer: str) -> None:
    chat.send(UNSURE)
    replies = chat.press(texts.BTN_PROCEDURE.title) if answer == "press" else chat.send(answer)
    assert replies == [texts.PROC_ASK_NAME]


@pytest.mark.parametrize("answer", ["press", "việc khác", "viec khac", "không", "không phải"])
def test_none_of_them_asks_to_say_it_again_and_counts_as_a_miss(chat: Chat, answer: str) -> None:
    chat.send(UNSURE)
    replies = chat.press(texts.BTN_OTHER.title) if answer == "press" else chat.send(answer)
    assert replies == [texts.CLARIFY_OTHER]
    assert texts.BTN_CONTACT.title in chat.last.button_titles
    (second,) = chat.send("qwerty")
    assert second == texts.FALLBACK_REPEATED  # the second miss offers a person


def test_the_question_is_for_the_next_message_only(chat: Chat, rt: Runtime) -> None:
    chat.send(UNSURE)
    (card,) = chat.send(OPEN)  # the user moved on: a code is a lookup
    assert card.startswith(f"Hồ sơ {OPEN}")
    (menu,) = chat.send("thủ tục")
    assert menu == texts.PROC_ASK_NAME
    assert json.loads(cast(bytes, state(rt, chat)))["flow"] == "procedure"


def test_a_cancel_word_leaves_the_question(chat: Chat, rt: Runtime) -> None:
    chat.send(UNSURE)
    (menu,) = chat.send("hủy")
    assert menu == texts.MENU and state(rt, chat) is None


def test_inside_a_flow_the_step_answers_not_the_question(chat: Chat) -> None:
    chat.send("theo doi")
    (ask,) = chat.send(UNSURE)
    assert ask != texts.CLARIFY


# -------------------------------------- the clarifying question with codes, under a model unsure of two requests


@pytest.fixture
def unsure_between_lookup_and_subscription(monkeypatch: pytest.MonkeyPatch) -> None:
    """An intent model unsure whether "nhờ canh chừng <code>" asks for a lookup or a subscription."""
    make_unsure(monkeypatch, "chung", {nlu.Intent.LOOKUP: 0.46, nlu.Intent.SUBSCRIBE: 0.41, nlu.Intent.UNKNOWN: 0.13})


@pytest.mark.usefixtures("unsure_between_lookup_and_subscription")
def test_two_likely_requests_get_a_button_each_and_the_code_is_kept(chat: Chat, rt: Runtime) -> None:
    (question,) = chat.send(f"nhờ canh chừng {OPEN}")
    assert question == texts.CLARIFY
    assert chat.last.button_titles == [texts.BTN_LOOKUP.title, texts.BTN_SUBSCRIBE.title, texts.BTN_OTHER.title]
    (ask_digits,) = chat.press(texts.BTN_SUBSCRIBE.title)
    assert OPEN in ask_digits and "4 số cuối" in ask_digits  # the code of the message asked about
    chat.send("5678")
    assert subs(rt) == [OPEN]


@pytest.mark.usefixtures("unsure_between_lookup_and_subscription")
def test_a_typed_request_among_those_offered_keeps_the_code(chat: Chat) -> None:
    chat.send(f"nhờ canh chừng {OPEN}")
    (card,) = chat.send("tra cuu")
    assert card.startswith(f"Hồ sơ {OPEN}")


# --------------------------------------------------------------------------------------- off-topic answers

OFF_TOPIC = [
    ("tiền điện tháng này nhà tôi sao cao quá", "điện lực"),
    ("hóa đơn tiền nước tháng 9 chưa thanh toán được", "cấp nước"),
    ("chuyển khoản rồi mà chưa thấy tiền vô tài khoản", "ngân hàng"),
    ("hồ sơ bệnh án của mẹ tôi ở bệnh viện xin lấy sao", "bệnh viện"),
    ("mã vận đơn SPXVN0435512288 của tôi tới đâu rồi", "giao hàng"),
    ("tra cứu điểm thi tuyển sinh lớp 10 ở đâu", "nhà trường"),
    ("nạp card điện thoại 100k mà báo thẻ sai", "nhà mạng"),
]


@pytest.mark.parametrize(("text", "whom"), OFF_TOPIC)
def test_another_services_business_says_whom_to_ask_and_what_the_bot_does(
    chat: Chat, rt: Runtime, text: str, whom: str
) -> None:
    (answer,) = chat.send(text)
    assert whom in answer and CAN_DO in answer and "chưa hiểu" not in answer
    assert chat.last.button_titles[0] == texts.BTN_LOOKUP.title
    assert state(rt, chat) is None and subs(rt) == []


@pytest.mark.parametrize(
    "text", ["hôm nay trời có mưa không", "kết quả xổ số Trà Vinh hôm nay", "kể chuyện cười đi bot"]
)
def test_other_off_topic_messages_say_what_the_bot_does(chat: Chat, text: str) -> None:
    (answer,) = chat.send(text)
    assert answer == texts.OFF_TOPIC and CAN_DO in answer


def test_an_off_topic_answer_is_no_miss(chat: Chat) -> None:
    chat.send("hôm nay trời có mưa không")
    chat.send("tiền điện tháng này nhà tôi sao cao quá")
    (first,) = chat.send("qwerty")
    assert first == texts.FALLBACK  # a first miss: no offer of a person yet


def test_what_is_not_understood_at_all_is_still_an_apology(chat: Chat) -> None:
    (answer,) = chat.send("asdfgh")
    assert answer == texts.FALLBACK
