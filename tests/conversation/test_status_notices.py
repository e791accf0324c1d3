"""Status notices to subscribers (SPEC §5, §6): a first line that says what happened, buttons that fit the news, who
hears a notice, Messenger's 24 hours and Zalo's 7 days, notices given later when the platform refused them."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import texts
from bot.records.dossiers import STATUS_LABELS
from bot.records.models import DeliveryFailure, Rating
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, add_dossier
from tests.fakes import FakePlatforms
from tests.queries import code_of, state
from tests.queries import subscriptions as subs
from tests.two_applicants import (
    DIGITS,
    NAME,
    OPEN,
    OPEN_B,
    OUTSIDE_24H,
    PHONE,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    follow,
    new_to,
    other_user,
    push,
)


def test_a_subscriber_hears_of_each_status_change_and_of_nothing_else(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    follow(chat)
    before = len(fake.to(chat.user_id))
    push(client, OPEN, status=4, current_step="Lãnh đạo UBND xã ký duyệt")  # same status: nothing to say
    push(client, OPEN, status=4, current_step="Lãnh đạo UBND xã ký duyệt")  # the same push again
    push(client, OPEN_B, status=4)  # a dossier this user does not follow
    assert new_to(fake, chat.user_id, before) == []
    push(client, OPEN, status=5)
    push(client, OPEN, status=5)  # repeated: no second notice
    push(client, OPEN, status=4)
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    notices = new_to(fake, chat.user_id, before)
    assert [n.text.count("Tình trạng: ") for n in notices] == [1, 1, 1]
    assert [re.search(r"Tình trạng: (.*)", n.text).group(1) for n in notices] == [  # type: ignore[union-attr]
        "Yêu cầu bổ sung giấy tờ", "Đang xử lý", "Đã xử lý xong",
    ]
    if chat.platform == "messenger":
        assert {n.messaging_type for n in notices} == {"UPDATE"}


@pytest.mark.parametrize(
    ("status", "headline"),
    [
        (2, "đã được tiếp nhận"),
        (3, "không được tiếp nhận"),
        (5, "cần bổ sung giấy tờ"),
        (6, "cần nộp phí, lệ phí"),
        (7, "đã được rút"),
        (8, "đã dừng xử lý"),
        (9, "đã có kết quả"),
        (10, "đã trả kết quả"),
    ],
)
def test_the_first_line_of_a_notice_says_what_happened(
    chat: Chat, client: FlaskClient, fake: FakePlatforms, status: int, headline: str
) -> None:
    """A phone shows only the first line of a message on the lock screen: it must say what changed."""
    follow(chat)
    before = len(fake.to(chat.user_id))
    done = {"finished_at": "2026-11-26T10:00:00+07:00"} if status in (9, 10) else {}
    push(client, OPEN, status=status, **done)
    (notice,) = new_to(fake, chat.user_id, before)
    first = notice.text.splitlines()[0]
    assert OPEN in first and headline in first, first
    assert STATUS_LABELS[status] in notice.text  # the card follows, with the status label of SPEC §5
    assert notice.text.count(OPEN) == 1  # the code is not repeated as a second title


@pytest.mark.parametrize("status", [3, 5, 6, 8])
def test_a_notice_that_asks_the_citizen_to_contact_the_office_has_a_button_for_it(
    chat: Chat, client: FlaskClient, fake: FakePlatforms, status: int
) -> None:
    follow(chat)
    push(client, OPEN, status=status)
    assert "bộ phận một cửa" in chat.last.text and texts.BTN_CONTACT.title in chat.last.button_titles
    (contact, *_) = chat.press(texts.BTN_CONTACT.title)
    assert "Điện thoại:" in contact


def test_a_card_that_asks_the_citizen_to_contact_the_office_has_a_button_for_it(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, OPEN, status=5, applicant_phone=PHONE, applicant_name=NAME)
    (card,) = chat.send(f"TRA CUU {OPEN.lower()}")
    assert "bổ sung giấy tờ" in card
    assert chat.last.button_titles == ["Nhận thông báo", "Tra cứu mã khác", "Gặp cán bộ"]


def test_a_finished_notice_offers_the_rating_of_that_dossier(chat: Chat, client: FlaskClient, rt: Runtime) -> None:
    follow(chat)
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert "Kết quả đã có" in chat.last.text and "Đánh giá hồ sơ" in chat.last.button_titles
    (ask_digits,) = chat.press("Đánh giá hồ sơ")
    assert OPEN in ask_digits and "4 số cuối" in ask_digits
    chat.send(DIGITS)
    chat.send("RAT HAI LONG")
    with rt.db.session() as s:
        assert [(code_of(rt, r), r.level) for r in s.scalars(select(Rating))] == [(OPEN, "very_satisfied")]


def test_a_later_notice_does_not_offer_to_rate_a_dossier_already_rated(
    chat: Chat, rt: Runtime, client: FlaskClient
) -> None:
    follow(chat)
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    chat.press("Đánh giá hồ sơ")
    chat.send(DIGITS)
    chat.send("hai long")
    chat.send("thoi")
    push(client, OPEN, status=10, finished_at="2026-11-26T10:00:00+07:00", returned_at="2026-11-27T09:00:00+07:00")
    assert "đã trả kết quả" in chat.last.text.splitlines()[0]
    assert "Đánh giá hồ sơ" not in chat.last.button_titles and chat.last.button_titles


def test_a_dossier_that_turns_overdue_says_so_and_offers_a_person(
    chat: Chat, client: FlaskClient, fake: FakePlatforms
) -> None:
    follow(chat, OPEN_B)
    push(client, OPEN_B, status=4, due_at="2026-11-25T17:00:00+07:00")
    notice = chat.last
    assert "quá ngày hẹn trả" in notice.text.splitlines()[0]  # what the lock screen shows
    assert "quá hạn 2 ngày" in notice.text and "chưa cần làm gì" not in notice.text
    assert texts.BTN_CONTACT.title in notice.button_titles


def test_no_notice_tells_the_name_or_phone_even_when_the_step_is_long(
    chat: Chat, client: FlaskClient, fake: FakePlatforms
) -> None:
    follow(chat)
    push(client, OPEN, status=5, current_step="Bộ phận một cửa yêu cầu bổ sung tờ khai")
    assert "yêu cầu bổ sung tờ khai" in chat.last.text  # the autouse check looks for the name and phone


def test_a_second_person_following_the_same_dossier_needs_the_digits_too(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    follow(chat, OPEN)
    spouse = other_user(chat, chat.user_id + "9")
    spouse.send(f"nhan thong bao {OPEN.lower()}")
    (wrong,) = spouse.send("1234")
    assert "chưa đúng" in wrong and len(subs(rt)) == 1
    (done,) = spouse.send(DIGITS)
    assert "Đã đăng ký" in done
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert "đã có kết quả" in chat.last.text.splitlines()[0]
    assert "đã có kết quả" in spouse.last.text.splitlines()[0]
    spouse.send("đừng gửi nữa")
    assert subs(rt) == [(chat.platform, chat.user_id, OPEN)]  # the first person still follows it


def test_messenger_notice_outside_the_24_hours_goes_out_tagged_without_a_survey(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    """Messenger: a tagged update may not carry a survey (DOMAIN.md); the rating is asked inside the window."""
    chat = Chat(client, fake, "messenger", "6789012345670001")
    follow(chat)
    fake.graph_errors = [OUTSIDE_24H]
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    notice = chat.last
    assert (notice.messaging_type, notice.tag) == ("MESSAGE_TAG", "ACCOUNT_UPDATE")
    assert "đã có kết quả" in notice.text and "Đánh giá hồ sơ" not in notice.button_titles
    assert "Đánh giá hồ sơ" not in str(notice.message)
    fake.graph_errors = []
    (card,) = chat.send(OPEN)  # back inside the window: the card offers the rating again
    assert "Đánh giá hồ sơ" in chat.last.button_titles


def test_messenger_notice_inside_the_24_hours_is_an_update_with_its_buttons(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    chat = Chat(client, fake, "messenger", "6789012345670002")
    follow(chat)
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert (chat.last.messaging_type, chat.last.tag) == ("UPDATE", "")
    assert "Đánh giá hồ sơ" in chat.last.button_titles


def test_zalo_subscribers_are_told_plainly_about_the_seven_days(chat: Chat) -> None:
    """Zalo lets the OA write only within 7 days of the user's last message: the promise says so."""
    chat.send(f"theo doi {OPEN}")
    (done,) = chat.send(DIGITS)
    if chat.platform == "zalo":
        assert "7 ngày" in done and '"hồ sơ của tôi"' in done
    else:
        assert "7 ngày" not in done
    assert chat.last.button_titles == ["Hồ sơ của tôi", "Menu"]


def test_zalo_notice_after_seven_silent_days_is_not_retried_and_is_recorded(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410001")
    follow(chat)
    before = len(fake.to(chat.user_id))
    fake.zalo_errors = [-230, -230]
    push(client, OPEN, status=5)
    assert new_to(fake, chat.user_id, before) == [] and fake.zalo_errors == [-230]  # one attempt only
    with rt.db.session() as s:
        assert [f.error_code for f in s.scalars(select(DeliveryFailure))] == ["-230"]


def test_a_zalo_notice_blocked_by_the_seven_days_rule_is_given_when_the_user_writes_again(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410004")
    follow(chat)
    fake.zalo_errors = [-230]
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    notice, hello = chat.send("chao")
    assert "đã có kết quả" in notice.splitlines()[0] and OPEN in notice
    assert "Xin chào" in hello and chat.last.button_titles[0] == "Tra cứu hồ sơ"  # the answer stays last
    (again,) = chat.send("xin chào")
    assert "đã có kết quả" not in again  # given once


def test_a_messenger_notice_refused_even_tagged_is_given_inside_the_next_conversation(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "messenger", "6789012345670004")
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    fake.graph_errors = [OUTSIDE_24H, OUTSIDE_24H]
    push(client, OPEN_B, status=5)
    notice, ask_code = chat.send("DANH GIA")
    assert "cần bổ sung giấy tờ" in notice.splitlines()[0] and OPEN_B in notice and OPEN not in notice
    assert "hồ sơ nào" in ask_code and state(rt, chat) is not None  # the question asked is still the last
    assert chat.last.button_titles == ["Menu"]


def test_a_missed_notice_waits_while_staff_handle_the_zalo_chat(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410005")
    follow(chat)
    chat.send("gặp cán bộ")
    fake.zalo_errors = [-230]
    push(client, OPEN, status=5)
    assert chat.send("cán bộ ơi") == []  # the bot keeps quiet for the staff
    notice, back = chat.send("menu")
    assert "cần bổ sung giấy tờ" in notice and "quay lại" in back


def test_a_notice_while_the_messenger_page_inbox_holds_the_thread_is_given_when_the_bot_is_back(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "messenger", "6789012345670005")
    follow(chat)
    chat.send("gặp cán bộ")
    assert chat.user_id in fake.inbox_threads
    before = len(fake.to(chat.user_id))
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert new_to(fake, chat.user_id, before) == []  # only the thread's owner (the Page Inbox) may send
    item = p.fb_messaging_text("menu", chat.user_id)
    raw, headers = p.fb_request({"object": "page", "entry": [{"id": p.FB_PAGE_ID, "time": 1, "standby": [item]}]})
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
    notice, menu = [s.text for s in new_to(fake, chat.user_id, before)]
    assert "đã có kết quả" in notice and menu == texts.MENU


@pytest.mark.parametrize("leave", ["xoa du lieu", "huy thong bao"])
def test_a_missed_notice_is_forgotten_with_the_data_or_the_subscription(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, leave: str
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410006")
    follow(chat)
    fake.zalo_errors = [-230]
    push(client, OPEN, status=5)
    (done,) = chat.send(leave)
    assert "bổ sung" not in done
    (hello,) = chat.send("chao")
    assert "bổ sung" not in hello and rt.redis.keys("missed:*") == []
