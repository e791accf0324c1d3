"""Messenger handover: while the Page Inbox holds the thread the bot stays silent; `menu`, a button or a
deletion request takes the thread back (the fake Graph API refuses sends to threads the Inbox holds)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.conversation import texts
from tests import payloads as p
from tests.fakes import FakePlatforms

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


def test_standby_must_be_a_list(client: FlaskClient, fake: FakePlatforms) -> None:
    raw, headers = p.fb_request({"object": "page", "entry": [{"id": p.FB_PAGE_ID, "time": 1, "standby": {}}]})
    answer = client.post("/webhooks/facebook", data=raw, headers=headers)
    assert answer.status_code == 400 and fake.sent == []
