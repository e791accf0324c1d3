"""Messenger buttons that outlast the turn: one card per dossier, each pressable later; URL cards lose no choice.

On Messenger, quick replies vanish as soon as a later message arrives, and a URL can only be a
button of a button template (text <= 640 chars, 1-3 buttons). Zalo buttons persist and stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import texts
from bot.conversation.flows.procedures import CARD_LIMIT, procedure_card
from bot.delivery.outbox import deliver
from bot.events import EventKind, Platform
from bot.records.models import Procedure, Rating, Subscription
from bot.replies import Button, Reply
from bot.runtime import Runtime
from integrations.messenger import MessengerChannel, _parse_item
from tests import payloads as p
from tests.conftest import add_dossier, at
from tests.fakes import FakePlatforms, Sent
from tests.queries import code_of

NOW = at("2026-11-27T10:00:00+07:00")
A, B, C = "000.31.25.H59-261102-0001", "000.31.25.H59-261102-0002", "000.31.25.H59-261102-0003"
PSID = "6789012345678901"
ZALO_USER = "2512523625412515"
DVC = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="


@pytest.fixture(autouse=True)
def clock(rt: Runtime) -> None:
    rt.now = lambda: NOW


@pytest.fixture(autouse=True)
def every_messenger_message_fits(fake: FakePlatforms) -> Iterator[None]:
    """After each test: what went to the Graph API is within the Send API's limits."""
    yield
    for sent in fake.sent:
        if sent.platform != "messenger":
            continue
        template = sent.message.get("attachment", {}).get("payload", {})
        if template:
            assert template["template_type"] == "button"
            assert 0 < len(template["text"]) <= 640 and template["text"].strip()
            assert 1 <= len(template["buttons"]) <= 3
        else:
            assert 0 < len(sent.text) < 2000
        assert len(sent.quick_replies) <= 13
        assert all(0 < len(t) <= 20 for t in sent.button_titles)


def fb(rt: Runtime) -> MessengerChannel:
    channel = rt.channel(Platform.MESSENGER)
    assert isinstance(channel, MessengerChannel)
    return channel


def post(client: FlaskClient, *items: dict[str, object]) -> None:
    raw, headers = p.fb_request(p.fb_body(*items))
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200


def type_text(client: FlaskClient, fake: FakePlatforms, text: str) -> list[Sent]:
    before = len(fake.to(PSID))
    post(client, p.fb_messaging_text(text, PSID))
    return fake.to(PSID)[before:]


def press_template_button(client: FlaskClient, fake: FakePlatforms, card: Sent, title: str) -> list[Sent]:
    """Press a template button: Messenger sends a `postback` event with the button's payload and title."""
    (button,) = [b for b in card.template_buttons if b["title"] == title]
    assert button["type"] == "postback"
    before = len(fake.to(PSID))
    post(client, p.fb_postback(button["payload"], title, PSID))
    return fake.to(PSID)[before:]


def is_template(sent: Sent) -> bool:
    return "attachment" in sent.message


# ------------------------------------------------------------- several cards in one turn


def test_three_cards_each_keep_their_own_buttons(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    add_dossier(rt, A, status=10, finished_at=at("2026-11-04T10:00:00+07:00"))
    add_dossier(rt, B, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    add_dossier(rt, C, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    first, second, third = type_text(client, fake, f"{A}\n{B}\n{C}")
    # Earlier cards: a button template (its buttons stay pressable) with only that dossier's buttons.
    assert is_template(first) and first.text.startswith(f"Hồ sơ {A}") and "Đã trả kết quả" in first.text
    assert (
        first.template_buttons == [{"type": "postback", "title": "Đánh giá hồ sơ", "payload": f"Đánh giá hồ sơ {A}"}]
        and not first.quick_replies
    )
    assert is_template(second) and second.text.startswith(f"Hồ sơ {B}")
    assert second.button_payloads == [f"Nhận thông báo hồ sơ {B}"]
    # The last card as before: plain text with quick replies, the shared "Tra cứu mã khác" offered once.
    assert not is_template(third) and third.text.startswith(f"Hồ sơ {C}")
    assert third.button_titles == ["Nhận thông báo", "Tra cứu mã khác"]
    assert third.button_payloads == [f"Nhận thông báo hồ sơ {C}", "Tra cứu hồ sơ"]


def subscriptions(rt: Runtime) -> list[str]:
    with rt.db.session() as s:
        return [x.dossier_code for x in s.scalars(select(Subscription))]


def rated(rt: Runtime) -> list[tuple[str, str]]:
    with rt.db.session() as s:
        return [(code_of(rt, r), str(r.level)) for r in s.scalars(select(Rating).order_by(Rating.id))]


def test_following_from_the_first_of_three_cards_follows_that_dossier(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    for code in (A, B, C):
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    first, _, _ = type_text(client, fake, f"tra cứu {A} {B} {C}")
    (ask_digits,) = press_template_button(client, fake, first, "Nhận thông báo")
    assert A in ask_digits.text and "4 số cuối" in ask_digits.text and C not in ask_digits.text
    (done,) = type_text(client, fake, "5678")
    assert A in done.text
    assert subscriptions(rt) == [A]


def test_rating_from_the_first_of_three_cards_rates_that_dossier(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    for code in (A, B, C):
        add_dossier(rt, code, status=10, finished_at=at("2026-11-04T10:00:00+07:00"))
    first, second, third = type_text(client, fake, f"{A} {B} {C}")
    assert [s.button_titles for s in (first, second, third)] == [
        ["Đánh giá hồ sơ"],
        ["Đánh giá hồ sơ"],
        ["Đánh giá hồ sơ", "Tra cứu mã khác"],
    ]
    (ask_digits,) = press_template_button(client, fake, first, "Đánh giá hồ sơ")
    assert A in ask_digits.text and "4 số cuối" in ask_digits.text
    (ask_level,) = type_text(client, fake, "5678")
    assert ask_level.button_titles == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    before = len(fake.to(PSID))
    post(client, p.fb_quick_reply("Hài lòng", "Hài lòng", PSID))
    assert len(fake.to(PSID)) > before
    assert [code for code, _ in rated(rt)] == [A]


def test_an_old_card_button_still_works_after_the_conversation_moved_on(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    for code in (A, B):
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    first, _ = type_text(client, fake, f"{A} {B}")
    type_text(client, fake, "chào")
    (ask_digits,) = press_template_button(client, fake, first, "Nhận thông báo")
    assert A in ask_digits.text and "4 số cuối" in ask_digits.text


def test_a_template_postback_is_a_button_press() -> None:
    item = p.fb_postback(f"Đánh giá hồ sơ {A}", "Đánh giá hồ sơ", PSID)
    event = _parse_item(item, standby=False)
    assert event is not None and event.kind == EventKind.PAYLOAD
    assert (event.payload, event.text, event.user_id) == (f"Đánh giá hồ sơ {A}", "Đánh giá hồ sơ", PSID)
    assert event.message_id == item["postback"]["mid"] and event.input_text == f"Đánh giá hồ sơ {A}"
    del item["postback"]["mid"]  # without a mid: a stable id still deduplicates a redelivery
    once, twice = _parse_item(item, standby=False), _parse_item(item, standby=False)
    assert once is not None and twice is not None and once.message_id == twice.message_id


def test_a_redelivered_postback_is_answered_once(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    add_dossier(rt, A, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    item = p.fb_postback(f"Nhận thông báo hồ sơ {A}", "Nhận thông báo", PSID)
    post(client, item)
    post(client, item)
    assert len(fake.to(PSID)) == 1


def test_earlier_cards_without_buttons_of_their_own_are_plain_text(rt: Runtime) -> None:
    generic = Button(texts.BTN_LOOKUP_OTHER, "Tra cứu hồ sơ")
    cards = [Reply(f"Hồ sơ {code}\nTình trạng: Đang xử lý", (generic,)) for code in (A, B, C)]
    channel = fb(rt)
    assert channel.render(cards[0], cards[1:]) == [{"text": cards[0].text}]
    assert channel.render(cards[2])[0]["quick_replies"][0]["payload"] == "Tra cứu hồ sơ"


def test_an_earlier_card_too_long_for_a_template_sends_its_buttons_under_its_title(rt: Runtime) -> None:
    text = f"Hồ sơ {A}\nThủ tục: Đăng ký khai sinh\n\n" + "Bước xử lý hiện tại của hồ sơ. " * 30
    assert len(text) > 640
    card = Reply(text, (Button("Nhận thông báo", f"Nhận thông báo hồ sơ {A}"),))
    body, buttons = fb(rt).render(card, [Reply("tiếp")])
    assert body == {"text": text.strip()}
    template = buttons["attachment"]["payload"]
    assert template["text"] == f"Hồ sơ {A}"
    assert template["buttons"] == [
        {"type": "postback", "title": "Nhận thông báo", "payload": f"Nhận thông báo hồ sơ {A}"}
    ]


def test_an_earlier_reply_with_many_buttons_loses_none(rt: Runtime) -> None:
    buttons = tuple(Button(f"Chọn {i}", f"chon {i}") for i in range(5))
    messages = fb(rt).render(Reply("Hồ sơ X\nChọn một việc:", buttons), [Reply("tiếp")])
    assert [m["attachment"]["payload"]["text"] for m in messages] == ["Hồ sơ X\nChọn một việc:", "Hồ sơ X"]
    payloads = [b["payload"] for m in messages for b in m["attachment"]["payload"]["buttons"]]
    assert payloads == [b.value for b in buttons]


def test_zalo_cards_keep_all_their_buttons(fake: FakePlatforms, rt: Runtime) -> None:
    generic = Button(texts.BTN_LOOKUP_OTHER, "Tra cứu hồ sơ")
    cards = [
        Reply(f"Hồ sơ {code}", (Button("Nhận thông báo", f"Nhận thông báo hồ sơ {code}"), generic))
        for code in (A, B, C)
    ]
    assert deliver(rt, Platform.ZALO, ZALO_USER, cards)
    sent = fake.to(ZALO_USER)
    assert [s.text for s in sent] == [c.text for c in cards]
    for s, code in zip(sent, (A, B, C), strict=True):
        assert s.template_buttons == [
            {"title": "Nhận thông báo", "type": "oa.query.show", "payload": f"Nhận thông báo hồ sơ {code}"},
            {"title": "Tra cứu mã khác", "type": "oa.query.show", "payload": "Tra cứu hồ sơ"},
        ]


# ------------------------------------------------------------- URL buttons


def procedure(code: str, name: str, *, url: str = "", documents: int = 3) -> Procedure:
    return Procedure(
        code=code,
        name=name,
        documents="\n".join(f"Giấy tờ số {i}" for i in range(1, documents + 1)),
        fee="Miễn lệ phí",
        duration="Trong ngày",
        where="Bộ phận Một cửa UBND cấp xã",
        url=url,
    )


KHAI_SINH = procedure("1.001193", "Đăng ký khai sinh", url=DVC + "1.001193", documents=8)
OTHERS = [
    procedure("1.004884", "Đăng ký lại khai sinh"),
    procedure("2.000528", "Đăng ký khai sinh có yếu tố nước ngoài"),
]


def test_a_procedure_card_with_five_buttons_loses_none(fake: FakePlatforms, rt: Runtime) -> None:
    (reply,) = procedure_card(KHAI_SINH, "all", OTHERS)
    assert len(reply.buttons) == 5 and reply.buttons[0].url
    assert deliver(rt, Platform.MESSENGER, PSID, [reply])
    (card,) = fake.to(PSID)  # one message: the template, the rest as quick replies riding on it
    assert card.text == reply.text
    assert card.template_buttons == [
        {"type": "web_url", "title": texts.PROC_BTN_ONLINE, "url": DVC + "1.001193"},
        {"type": "postback", "title": texts.PROC_BTN_ALL_DOCUMENTS, "payload": reply.buttons[1].value},
        {"type": "postback", "title": reply.buttons[2].title, "payload": reply.buttons[2].value},
    ]
    assert [q["payload"] for q in card.quick_replies] == [reply.buttons[3].value, "menu"]
    assert card.button_titles == [b.title for b in reply.buttons]


def test_a_procedure_card_too_long_for_a_template_keeps_every_button(fake: FakePlatforms, rt: Runtime) -> None:
    long = procedure("1.009122", "Cấp giấy phép xây dựng " + "nhà ở riêng lẻ tại đô thị " * 3, url=DVC + "1.009122")
    long.where = "Bộ phận Một cửa " + "UBND cấp huyện nơi có công trình, " * 20
    replies = procedure_card(long, "where", OTHERS)
    assert len(replies) == 2 and len(replies[0].text) > CARD_LIMIT
    assert deliver(rt, Platform.MESSENGER, PSID, replies)
    card, prompt = fake.to(PSID)
    assert card.text == replies[0].text and not card.button_titles
    assert prompt.text == texts.PROC_BUTTONS_PROMPT
    assert prompt.template_buttons[0]["type"] == "web_url"
    assert prompt.button_titles == [b.title for b in replies[1].buttons]


def test_a_long_text_with_a_url_button_still_sends_the_url(rt: Runtime) -> None:
    text = "Thủ tục: Đăng ký kinh doanh\n" + "Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công. " * 20
    reply = Reply(text, (Button("Nộp trực tuyến", url=DVC + "x"), texts.BTN_MENU))
    body, buttons = fb(rt).render(reply)
    assert body == {"text": text.strip()}
    template = buttons["attachment"]["payload"]
    assert template["text"] == "Thủ tục: Đăng ký kinh doanh"
    assert [b["type"] for b in template["buttons"]] == ["web_url", "postback"]


def test_a_url_reply_before_another_keeps_its_buttons_in_templates(rt: Runtime) -> None:
    reply = Reply("Thủ tục: Đăng ký khai sinh", tuple(Button(f"Nút {i}", f"nut {i}") for i in range(3)))
    reply = Reply(reply.text, (Button("Nộp trực tuyến", url=DVC), *reply.buttons, texts.BTN_MENU))
    messages = fb(rt).render(reply, [Reply("Còn gì nữa không?", (texts.BTN_MENU,))])
    titles = [b["title"] for m in messages for b in m["attachment"]["payload"]["buttons"]]
    assert titles == ["Nộp trực tuyến", "Nút 0", "Nút 1", "Nút 2"]  # "Menu" is on the last reply
    assert not any("quick_replies" in m for m in messages)


def test_a_tap_on_a_quick_reply_riding_on_a_template_is_a_button_press(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    (reply,) = procedure_card(KHAI_SINH, "all", OTHERS)
    assert deliver(rt, Platform.MESSENGER, PSID, [reply])
    (card,) = fake.to(PSID)
    menu = next(q for q in card.quick_replies if q["title"] == "Menu")
    post(client, p.fb_quick_reply(menu["payload"], "Menu", PSID))
    assert fake.to(PSID)[-1].text == texts.MENU
