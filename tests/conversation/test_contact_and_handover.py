"""Reaching a person: the office's contact details, and the handover to staff. While staff answer, the bot stays
silent (on Messenger the Page Inbox holds the thread and the fake Graph API refuses sends to it); `menu`, a button
or a deletion request brings the bot back."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.conversation import texts
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.one_applicant import (
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
)

USER = "6789012345678902"


def post(client: FlaskClient, body: dict[str, Any]) -> None:
    raw, headers = p.fb_request(body)
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200


def standby(*items: dict[str, Any]) -> dict[str, Any]:
    """A page event delivered on the standby channel (another app holds the thread)."""
    return {"object": "page", "entry": [{"id": p.FB_PAGE_ID, "time": p.now_ms(), "standby": list(items)}]}


def graph_paths(fake: FakePlatforms) -> list[str]:
    return [c["url"].split("?")[0].rsplit("/", 1)[-1] for c in fake.graph_calls]


@pytest.fixture
def handed_over(client: FlaskClient, fake: FakePlatforms) -> int:
    """The user asked for a person; returns how many messages the bot had sent them."""
    post(client, p.fb_body(p.fb_messaging_text("tôi muốn gặp cán bộ", USER)))
    assert USER in fake.inbox_threads
    assert "menu" in fake.to(USER)[-1].text  # the handover message says how to come back
    return len(fake.to(USER))


def test_messages_for_the_staff_get_no_answer_from_the_bot(
    client: FlaskClient, fake: FakePlatforms, handed_over: int
) -> None:
    echo = p.fb_messaging_text("Chào anh, em là cán bộ một cửa", USER)
    echo["message"]["is_echo"] = True
    post(client, standby(p.fb_messaging_text("alo có ai không", USER), echo))
    post(client, standby(p.fb_messaging_text("hồ sơ của tôi bị trễ hẹn", USER)))
    assert len(fake.to(USER)) == handed_over
    assert graph_paths(fake) == ["pass_thread_control"] and USER in fake.inbox_threads


def test_menu_typed_while_staff_hold_the_thread_brings_the_bot_back(
    client: FlaskClient, fake: FakePlatforms, handed_over: int
) -> None:
    post(client, standby(p.fb_messaging_text("Menu", USER)))
    assert graph_paths(fake) == ["pass_thread_control", "take_thread_control"]
    assert fake.graph_calls[-1]["body"]["recipient"]["id"] == USER and USER not in fake.inbox_threads
    (menu,) = fake.to(USER)[handed_over:]
    assert menu.text == texts.MENU and texts.BTN_LOOKUP.title in menu.button_titles
    post(client, p.fb_body(p.fb_messaging_text("tra cứu hồ sơ", USER)))  # back on the primary channel
    assert fake.to(USER)[-1].text == texts.ASK_CODE


def test_a_button_pressed_while_staff_hold_the_thread_is_handled(
    client: FlaskClient, fake: FakePlatforms, handed_over: int
) -> None:
    post(client, standby(p.fb_quick_reply(texts.BTN_LOOKUP.value, texts.BTN_LOOKUP.title, USER)))
    assert USER not in fake.inbox_threads
    assert [s.text for s in fake.to(USER)[handed_over:]] == [texts.ASK_CODE]


def test_deleting_my_data_works_while_staff_hold_the_thread(
    client: FlaskClient, fake: FakePlatforms, handed_over: int
) -> None:
    post(client, standby(p.fb_messaging_text("xoa du lieu cua toi", USER)))
    assert USER not in fake.inbox_threads
    (answer,) = fake.to(USER)[handed_over:]
    assert answer.text.startswith("Đã xóa dữ liệu")


def test_contact_gives_hotline_and_hands_over(chat: Chat, rt: Runtime, fake: FakePlatforms) -> None:
    answers = chat.send("tôi muốn gặp cán bộ")
    assert "0294 3855 555" in answers[0] and "Số 1 Lê Lợi" in answers[0]
    if chat.platform == "messenger":
        (call,) = fake.graph_calls
        assert call["url"].split("?")[0].endswith("/me/pass_thread_control")
        assert call["body"]["target_app_id"] == 263902037430900 and call["body"]["recipient"]["id"] == chat.user_id
    else:
        assert chat.send("alo có ai không") == []  # staff answer now; the bot keeps quiet
        (back,) = chat.send("menu")
        assert "quay lại" in back
        assert chat.send("xin chào")


@pytest.mark.parametrize(
    "question",
    ["thứ 7 có làm việc không", "cho xin sdt tổng đài", "dia chi bo phan mot cua o dau", "văn phòng một cửa ở đâu vậy"],
)
def test_a_question_about_phone_address_or_hours_gets_them_without_a_handover(
    chat: Chat, fake: FakePlatforms, question: str
) -> None:
    (details,) = chat.send(question)
    assert "0294 3855 555" in details and "Giờ làm việc" in details and "đã báo cán bộ" not in details
    assert texts.BTN_CONTACT.title in chat.last.button_titles and fake.graph_calls == []
    assert chat.send("xin chào")  # the bot is not paused
    (handover, *_) = chat.press(texts.BTN_CONTACT.title)
    assert "0294 3855 555" in handover


def test_zalo_staff_reply_keeps_bot_quiet(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    user = "zalo-user-staff"
    staff = p.zalo_event("oa_send_text", user, message={"msg_id": "staff-1", "text": "Chào anh, em hỗ trợ ạ"})
    staff["sender"], staff["recipient"] = {"id": p.ZALO_OA_ID, "admin_id": "admin-77"}, {"id": user}
    raw, headers = p.zalo_request(staff)
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    chat = Chat(client, fake, "zalo", user)
    assert chat.send("dạ em cảm ơn") == []
    assert 11 * 3600 < int(rt.redis.ttl(f"paused:zalo:{user}")) <= 12 * 3600
