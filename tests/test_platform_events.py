"""Every documented Zalo OA and Messenger event, as the platform sends it (tests/fixtures/platform_events), through
the signed webhook: the platform gets 200, the right events are queued, the user gets an answer or silence
(SPEC §4.1). Then what the demo never sent: links, replays, long texts, submitted forms, handovers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, cast

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.conversation import texts
from bot.events import EventKind, InboundEvent
from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import add_dossier
from tests.fakes import FakePlatforms
from tests.platform_events import (
    OTHER_PSID,
    PSID,
    STANDBY_PSID,
    ZALO_USER,
    QueueWatch,
    body_of,
    fixture_names,
    path_of,
    signed,
)

CODE = "000.31.25.H59-261102-0001"
K = EventKind

# What each documented event becomes: the kinds queued (in order) and the users who get an answer.
EXPECTED: dict[str, tuple[list[EventKind], set[str]]] = {
    "zalo/add_user_to_tag": ([], set()),
    "zalo/anonymous_send_image": ([], set()),  # an anonymous visitor can only be answered in its conversation
    "zalo/anonymous_send_text": ([], set()),
    "zalo/change_oa_daily_quota": ([], set()),
    "zalo/change_template_status": ([], set()),
    "zalo/extension_purchased": ([], set()),
    "zalo/follow": ([K.FOLLOW], {ZALO_USER}),
    "zalo/oa_reacted_message": ([], set()),
    "zalo/oa_send_anonymous_text": ([], set()),
    "zalo/oa_send_consent": ([], set()),
    "zalo/oa_send_file": ([], set()),  # the bot's own messages
    "zalo/oa_send_gif": ([], set()),
    "zalo/oa_send_image": ([], set()),
    "zalo/oa_send_list": ([], set()),
    "zalo/oa_send_sticker": ([K.STAFF_MESSAGE], set()),  # an official wrote from the OA chat tool
    "zalo/oa_send_text": ([K.STAFF_MESSAGE], set()),
    "zalo/remove_tag": ([], set()),
    "zalo/remove_user_from_tag": ([], set()),
    "zalo/shop_has_order": ([], set()),
    "zalo/unfollow": ([K.UNFOLLOW], set()),
    "zalo/update_user_info": ([], set()),
    "zalo/user_asking_product": ([], set()),
    "zalo/user_call_oa": ([], set()),
    "zalo/user_click_chatnow": ([], set()),
    "zalo/user_join_group": ([], set()),
    "zalo/user_reacted_message": ([], set()),
    "zalo/user_received_message": ([], set()),
    "zalo/user_received_message_zns": ([], set()),
    "zalo/user_reply_consent": ([], set()),
    "zalo/user_seen_message": ([], set()),
    "zalo/user_send_audio": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_business_card": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_file": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_gif": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_group_text": ([], set()),  # a group of the OA, not a conversation with the bot
    "zalo/user_send_image": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_link": ([K.TEXT], {ZALO_USER}),
    "zalo/user_send_location": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_sticker": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_send_text": ([K.TEXT], {ZALO_USER}),
    "zalo/user_send_text_quote": ([K.TEXT], {ZALO_USER}),
    "zalo/user_send_video": ([K.ATTACHMENT], {ZALO_USER}),
    "zalo/user_submit_info": ([K.INFO_SUBMITTED], {ZALO_USER}),
    "zalo/user_withdraw": ([K.WITHDRAW], set()),
    "zalo/widget_failed_to_sync_user_external_id": ([], set()),
    "zalo/widget_interaction_accepted": ([], set()),
    "messenger/account_linking_linked": ([], set()),
    "messenger/account_linking_unlinked": ([], set()),
    "messenger/app_roles": ([], set()),
    "messenger/batched_post": ([K.TEXT, K.FOLLOW, K.STANDBY], {PSID, OTHER_PSID}),
    "messenger/delivery": ([], set()),
    "messenger/game_play": ([], set()),
    "messenger/handover_metadata": ([K.HANDOVER], set()),
    "messenger/message_attachment_audio": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_fallback": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_file": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_image": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_location": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_sticker": ([K.ATTACHMENT], {PSID}),
    "messenger/message_attachment_video": ([K.ATTACHMENT], {PSID}),
    "messenger/message_echo": ([], set()),
    "messenger/message_edit": ([], set()),
    "messenger/message_quick_reply": ([K.PAYLOAD], {PSID}),
    "messenger/message_reply_to": ([K.TEXT], {PSID}),
    "messenger/message_text": ([K.TEXT], {PSID}),
    "messenger/message_unsend": ([], set()),
    "messenger/optin_checkbox_user_ref": ([], set()),
    "messenger/optin_notification_messages": ([], set()),
    "messenger/optin_notification_messages_stop": ([], set()),
    "messenger/optin_one_time_notif": ([], set()),
    "messenger/optin_send_to_messenger": ([], set()),
    "messenger/pass_thread_control": ([K.HANDOVER], set()),
    "messenger/policy_enforcement": ([], set()),
    "messenger/policy_enforcement_legacy_hyphen": ([], set()),
    "messenger/postback": ([K.PAYLOAD], {PSID}),
    "messenger/postback_user_ref": ([], set()),
    "messenger/postback_with_referral": ([K.FOLLOW], {PSID}),
    "messenger/reaction_react": ([], set()),
    "messenger/reaction_unreact": ([], set()),
    "messenger/read": ([], set()),
    "messenger/referral_ads": ([], set()),
    "messenger/referral_chat_plugin_user_ref": ([], set()),
    "messenger/referral_mme": ([], set()),
    "messenger/request_thread_control": ([], set()),
    "messenger/standby_message": ([K.STANDBY], set()),  # the Page Inbox holds the thread: for the staff
    "messenger/standby_postback": ([K.HANDOVER], set()),  # the press itself comes on the normal channel
    "messenger/take_thread_control": ([K.HANDOVER], set()),
}
ALL = fixture_names("zalo") + fixture_names("messenger")


@pytest.fixture
def queued(app: Flask) -> QueueWatch:
    """What the webhook puts on the inbox list (the bot then handles it as usual)."""
    inbox = resources(app).inbox
    watch = QueueWatch(resources(app).runtime, inbox.dispatcher)
    inbox.dispatcher = watch
    return watch


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """After the test: nothing was logged as an error (a crashing event is logged, not raised, by the drain)."""
    with caplog.at_level(logging.INFO):
        yield
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def post(client: FlaskClient, platform: str, body: object) -> int:
    raw, headers = signed(platform, body)
    answer = client.post(path_of(platform), data=raw, headers=headers)
    if answer.status_code == 200:
        assert answer.get_json() == {"status": "ok"}
    return answer.status_code


def test_every_fixture_has_an_expected_outcome() -> None:
    assert len(ALL) == 87 and sorted(EXPECTED) == sorted(ALL)


@pytest.mark.parametrize("name", ALL)
def test_every_documented_event_is_accepted_and_answered_or_left_alone(
    client: FlaskClient, fake: FakePlatforms, queued: QueueWatch, no_errors: None, name: str
) -> None:
    platform = name.split("/")[0]
    kinds, answered = EXPECTED[name]
    assert post(client, platform, body_of(name)) == 200
    assert [e.kind for e in queued.events] == kinds
    assert {s.user_id for s in fake.sent} == answered
    for event in queued.events:
        assert event.user_id in (ZALO_USER, PSID, OTHER_PSID, STANDBY_PSID)


def test_the_batched_post_answers_each_user_and_leaves_the_staff_conversation_alone(
    client: FlaskClient, fake: FakePlatforms, queued: QueueWatch
) -> None:
    assert post(client, "messenger", body_of("messenger/batched_post")) == 200
    (lookup,) = fake.to(PSID)
    assert "000.00.20.H59-191025-0001" in lookup.text
    (welcome,) = fake.to(OTHER_PSID)
    assert "Xin chào" in welcome.text and fake.to(STANDBY_PSID) == []


# ---------------------------------------------------------------- Zalo: links, replays, forms


def test_a_zalo_message_with_a_link_is_read_as_the_typed_text(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, queued: QueueWatch
) -> None:
    add_dossier(rt, CODE)
    body = body_of("zalo/user_send_link")
    body["message"]["text"] = f"tra cứu hồ sơ {CODE.lower()} https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
    assert post(client, "zalo", body) == 200
    (event,) = queued.events
    assert event.kind == EventKind.TEXT and event.text == body["message"]["text"]
    (card,) = fake.to(ZALO_USER)
    assert CODE in card.text and "Đang xử lý" in card.text


def test_a_zalo_link_without_text_gets_the_attachment_answer(client: FlaskClient, fake: FakePlatforms) -> None:
    body = body_of("zalo/user_send_link")
    del body["message"]["text"]
    assert post(client, "zalo", body) == 200
    (answer,) = fake.to(ZALO_USER)
    assert answer.text == texts.ATTACHMENT


@pytest.mark.parametrize(("hours", "handled"), [(0, True), (47, True), (49, False), (24 * 365, False)])
def test_a_zalo_event_older_than_48_hours_is_dropped_as_a_replay(
    client: FlaskClient, fake: FakePlatforms, queued: QueueWatch, rt: Runtime, hours: int, handled: bool
) -> None:
    body = body_of("zalo/user_send_text")
    body["timestamp"] = str(p.now_ms() - hours * 3600 * 1000)
    assert post(client, "zalo", body) == 200
    assert (len(queued.events), len(fake.to(ZALO_USER))) == ((1, 1) if handled else (0, 0))
    assert bool(rt.redis.keys("dedup:*")) is handled


def test_a_captured_zalo_event_sent_again_after_two_days_is_not_handled(
    client: FlaskClient, fake: FakePlatforms, queued: QueueWatch
) -> None:
    body = body_of("zalo/user_send_text", fresh=False)  # signed on 1 December 2024
    assert post(client, "zalo", body) == 200
    assert queued.events == [] and fake.sent == []


@pytest.mark.parametrize("timestamp", ["soon", "", "-5", "1e12", "99999999999999999", "１７３３０１１２０３０００"])
def test_a_zalo_event_with_a_timestamp_that_is_not_a_plausible_number_is_dropped(
    client: FlaskClient, fake: FakePlatforms, queued: QueueWatch, timestamp: str
) -> None:
    body = {**body_of("zalo/user_send_text"), "timestamp": timestamp}
    assert post(client, "zalo", body) == 200
    assert queued.events == [] and fake.sent == []


def test_a_submitted_zalo_form_is_thanked_for_and_its_contents_are_kept_nowhere(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, queued: QueueWatch, caplog: pytest.LogCaptureFixture
) -> None:
    body = body_of("zalo/user_submit_info")
    with caplog.at_level(logging.DEBUG):
        assert post(client, "zalo", body) == 200
    (thanks,) = fake.to(ZALO_USER)
    assert thanks.text == texts.INFO_RECEIVED and texts.BTN_LOOKUP.title in thanks.button_titles
    (event,) = queued.events
    assert (event.kind, event.text, event.payload) == (EventKind.INFO_SUBMITTED, "", "")
    stored = everything_in(rt)
    for secret in ("84901234567", "0901234567", "Nguyễn Văn Mẫu", "Số 1 Đường Mẫu", "01/01/1990"):
        assert secret.encode() not in stored and secret not in caplog.text
        assert secret not in str(event.to_dict())


def everything_in(rt: Runtime) -> bytes:
    """Every key and value Redis holds (the queue, the dialog states, the dedup keys), as one byte string."""
    parts: list[bytes] = []
    for key in cast(list[bytes], rt.redis.keys("*")):
        kind = cast(bytes, rt.redis.type(key))
        values: Any = []
        if kind == b"string":
            values = [rt.redis.get(key)]
        elif kind == b"list":
            values = rt.redis.lrange(key, 0, -1)
        elif kind == b"set":
            values = rt.redis.smembers(key)
        elif kind == b"hash":
            values = [*rt.redis.hkeys(key), *rt.redis.hvals(key)]
        elif kind == b"zset":
            values = rt.redis.zrange(key, 0, -1)
        parts += [key, *(v for v in values if isinstance(v, bytes))]
    return b" ".join(parts)


def test_a_form_submitted_while_officials_handle_the_chat_is_left_to_them(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    staff = body_of("zalo/oa_send_text")  # an official wrote from the OA chat tool: the bot keeps quiet
    assert post(client, "zalo", staff) == 200
    assert post(client, "zalo", body_of("zalo/user_submit_info")) == 200
    assert fake.sent == []


# ---------------------------------------------------------------- long texts


@pytest.mark.parametrize("platform", ["zalo", "messenger"])
def test_text_longer_than_2000_characters_is_cut_before_it_is_understood(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, queued: QueueWatch, platform: str
) -> None:
    add_dossier(rt, CODE)
    padding = "x" * 1990 + " "
    user = ZALO_USER if platform == "zalo" else PSID
    for text in (f"{CODE} {padding}", f"{padding}{CODE}"):  # the code inside, then past, the first 2,000
        if platform == "zalo":
            body = body_of("zalo/user_send_text")
            body["message"] = {"msg_id": f"long-{len(fake.sent)}", "text": text}
        else:
            body = p.fb_body(p.fb_messaging_text(text, user))
        assert post(client, platform, body) == 200
    inside, past = queued.events
    assert len(inside.text) == len(past.text) == 2000 and CODE not in past.text
    first, second = fake.to(user)
    assert CODE in first.text and "Đang xử lý" in first.text
    assert CODE not in second.text


def test_an_event_is_cut_to_2000_characters_however_it_is_made() -> None:
    event = InboundEvent.from_dict(
        {"platform": "zalo", "user_id": "1", "kind": "text", "text": "a" * 5000, "payload": "b" * 3000}
    )
    assert (len(event.text), len(event.payload)) == (2000, 2000)


# ---------------------------------------------------------------- Messenger: buttons while staff hold the thread


def template_press(
    payload: str, title: str, psid: str, *, standby: bool, mid: str, at: int | None = None
) -> dict[str, object]:
    """A postback as Meta sends it: on the standby channel without its payload, on the normal one with it."""
    postback: dict[str, str] = {"mid": mid, "title": title}
    if not standby:
        postback["payload"] = payload
    ts = at or p.now_ms()
    item = {"sender": {"id": psid}, "recipient": {"id": p.FB_PAGE_ID}, "timestamp": ts, "postback": postback}
    channel = "standby" if standby else "messaging"
    return {"object": "page", "entry": [{"id": p.FB_PAGE_ID, "time": p.now_ms(), channel: [item]}]}


def graph_paths(fake: FakePlatforms) -> list[str]:
    return [c["url"].split("?")[0].rsplit("/", 1)[-1] for c in fake.graph_calls]


@pytest.mark.parametrize("standby_first", [True, False])
@pytest.mark.parametrize("same_mid", [True, False])
def test_a_button_pressed_while_the_page_inbox_holds_the_thread_is_answered_once(
    client: FlaskClient, fake: FakePlatforms, standby_first: bool, same_mid: bool
) -> None:
    user = "6789012345600001"
    assert post(client, "messenger", p.fb_body(p.fb_messaging_text("tôi muốn gặp cán bộ", user))) == 200
    assert user in fake.inbox_threads  # the Graph fake refuses the bot's sends from now on (#10)
    before, at, button = len(fake.to(user)), p.now_ms() + 1, texts.BTN_LOOKUP
    copies = [
        template_press(button.value, button.title, user, standby=True, mid="m_press" if same_mid else "m_sb", at=at),
        template_press(button.value, button.title, user, standby=False, mid="m_press", at=at),
    ]
    for body in copies if standby_first else reversed(copies):
        assert post(client, "messenger", body) == 200
    assert [s.text for s in fake.to(user)[before:]] == [texts.ASK_CODE]
    assert graph_paths(fake) == ["pass_thread_control", "take_thread_control"] and user not in fake.inbox_threads
    again = template_press(button.value, button.title, user, standby=False, mid="m_again")
    assert post(client, "messenger", again) == 200  # the bot knows it holds the thread: no second take-back
    assert fake.to(user)[-1].text == texts.ASK_CODE and len(fake.graph_calls) == 2


def test_a_button_pressed_in_a_thread_the_page_inbox_held_unknown_to_the_bot_is_answered(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    user, at, button = "6789012345600002", p.now_ms(), texts.BTN_LOOKUP
    fake.inbox_threads.add(user)  # handed over before the bot followed handovers: only the standby copy tells
    for standby in (True, False):
        press = template_press(button.value, button.title, user, standby=standby, mid="m_1", at=at)
        assert post(client, "messenger", press) == 200
    assert fake.texts(user) == [texts.ASK_CODE] and graph_paths(fake) == ["take_thread_control"]


def test_a_button_pressed_after_the_page_inbox_took_the_thread_is_answered(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    taken = body_of("messenger/take_thread_control")  # an official took the thread in the Page Inbox
    assert post(client, "messenger", taken) == 200
    fake.inbox_threads.add(PSID)  # what Meta now enforces
    press = template_press(texts.BTN_LOOKUP.value, texts.BTN_LOOKUP.title, PSID, standby=False, mid="m_after_take")
    assert post(client, "messenger", press) == 200
    assert fake.texts(PSID) == [texts.ASK_CODE] and graph_paths(fake) == ["take_thread_control"]


def test_once_the_page_inbox_passes_the_thread_back_buttons_need_no_take_back(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    assert post(client, "messenger", body_of("messenger/take_thread_control")) == 200
    assert post(client, "messenger", body_of("messenger/handover_metadata")) == 200  # "Mark as done"
    press = template_press(texts.BTN_LOOKUP.value, texts.BTN_LOOKUP.title, PSID, standby=False, mid="m_after_pass")
    assert post(client, "messenger", press) == 200
    assert fake.texts(PSID) == [texts.ASK_CODE] and graph_paths(fake) == []


def test_words_for_the_staff_stay_unanswered_while_the_page_inbox_holds_the_thread(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    assert post(client, "messenger", body_of("messenger/take_thread_control")) == 200
    fake.inbox_threads.add(PSID)
    assert post(client, "messenger", body_of("messenger/standby_message")) == 200
    assert post(client, "messenger", body_of("messenger/standby_postback")) == 200
    assert fake.sent == [] and graph_paths(fake) == []


def test_deleting_my_data_forgets_who_holds_the_thread_too(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    user = "6789012345600003"
    assert post(client, "messenger", p.fb_body(p.fb_messaging_text("tôi muốn gặp cán bộ", user))) == 200
    assert rt.redis.keys("thread_holder:*") == [f"thread_holder:messenger:{user}".encode()]
    standby = {"object": "page", "entry": [{"id": p.FB_PAGE_ID, "standby": [p.fb_messaging_text("xóa dữ liệu", user)]}]}
    assert post(client, "messenger", standby) == 200
    assert fake.to(user)[-1].text.startswith("Đã xóa dữ liệu") and rt.redis.keys("thread_holder:*") == []
