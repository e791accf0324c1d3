"""Privacy in conversation (SPEC §7): deleting one's data (plainly, after a question, while staff answer), what it
removes and what it keeps, what is kept about a user, and no way to another applicant's data by a code alone."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import texts
from bot.records.models import DeliveryFailure, Subscription
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.queries import state
from tests.queries import subscriptions as subs
from tests.two_applicants import (
    OPEN,
    OPEN_B,
    OTHER,
    OUTSIDE_24H,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    follow,
    new_to,
    push,
)


@pytest.mark.parametrize("typed", ["xóa dữ liệu", "XOA DU LIEU", "xoa du lieu cua toi", "xoá dữ liệu", "xóa dử liệu",
                                   "Xóa hết thông tin của tôi đi"])
def test_a_plain_request_deletes_at_once_and_says_what_was_deleted(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms, typed: str
) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    chat.send("danh gia")  # a flow left open
    (done,) = chat.send(typed)
    assert "Đã xóa dữ liệu" in done and "2 đăng ký nhận thông báo" in done
    assert "không nhận thông báo" in done  # what it means for them
    assert "ẩn danh" in done
    assert chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert subs(rt) == [] and state(rt, chat) is None
    before = len(fake.to(chat.user_id))
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert new_to(fake, chat.user_id, before) == []


def test_deleting_data_without_subscriptions_says_so_plainly(chat: Chat, rt: Runtime) -> None:
    (done,) = chat.send("xoa du lieu cua toi")
    assert "Đã xóa dữ liệu" in done and "0 đăng ký" not in done and "ẩn danh" in done


def test_the_deletion_message_does_not_claim_the_chat_history_is_gone(chat: Chat) -> None:
    """The bot keeps no message history; the messages on screen are the app's, and stay."""
    (done,) = chat.send("xoa du lieu")
    assert "lịch sử trò chuyện" not in done
    assert ("Zalo" if chat.platform == "zalo" else "Messenger") in done


@pytest.mark.parametrize(
    "question",
    ["làm sao để xóa dữ liệu?", "bot có xóa dữ liệu của tôi không", "tôi không muốn xóa dữ liệu",
     "XOA DU LIEU DUOC KHONG", "đừng xóa dữ liệu của tôi", "xoa du lieu thi sao"],
)
def test_a_question_or_a_no_about_deleting_deletes_nothing(chat: Chat, rt: Runtime, question: str) -> None:
    follow(chat, OPEN)
    (answer,) = chat.send(question)
    assert "Đã xóa" not in answer and subs(rt) == [(chat.platform, chat.user_id, OPEN)]
    assert "1 đăng ký nhận thông báo" in answer  # what a deletion would remove
    assert chat.last.button_titles == ["Xóa dữ liệu", "Không xóa"]


@pytest.mark.parametrize("yes", ["có", "CO", "dong y", "Đồng ý", "ok", "vâng", "xoa di", "XÓA HẾT", "!Xóa dữ liệu"])
def test_confirming_a_deletion_deletes(chat: Chat, rt: Runtime, yes: str) -> None:
    follow(chat, OPEN)
    chat.send("làm sao để xóa dữ liệu?")
    (done,) = chat.press(yes[1:]) if yes.startswith("!") else chat.send(yes)
    assert "Đã xóa dữ liệu" in done and subs(rt) == []


@pytest.mark.parametrize("no", ["không", "KO", "thoi", "dạ không", "!Không xóa"])
def test_declining_a_deletion_keeps_everything(chat: Chat, rt: Runtime, no: str) -> None:
    follow(chat, OPEN)
    chat.send("tôi có nên xóa dữ liệu không?")
    (kept,) = chat.press(no[1:]) if no.startswith("!") else chat.send(no)
    assert "giữ nguyên" in kept and subs(rt) == [(chat.platform, chat.user_id, OPEN)]
    assert chat.last.button_titles[0] == "Tra cứu hồ sơ" and state(rt, chat) is None


def test_the_deletion_question_is_only_for_the_next_message(chat: Chat, rt: Runtime) -> None:
    follow(chat, OPEN)
    chat.send("làm sao để xóa dữ liệu?")
    chat.send(OPEN)  # the user moved on
    (ack,) = chat.send("ok")
    assert "Đã xóa" not in ack and len(subs(rt)) == 1
    (kept,) = chat.press("Tra cứu hồ sơ")
    assert "mã hồ sơ" in kept


def test_an_old_keep_button_pressed_later_deletes_nothing(chat: Chat, rt: Runtime) -> None:
    follow(chat, OPEN)
    chat.send("xoa du lieu duoc khong")
    payload = chat.last.button_payloads[chat.last.button_titles.index("Không xóa")]
    chat.send("xin chào")
    (kept,) = chat.send(payload)
    assert "giữ nguyên" in kept and len(subs(rt)) == 1


@pytest.mark.parametrize(
    "question",
    ["bạn lưu thông tin gì của tôi", "dữ liệu của tôi được dùng làm gì", "BOT CO LUU SO DIEN THOAI CUA TOI KHONG",
     "thong tin ca nhan cua toi co duoc bao mat khong"],
)
def test_what_is_kept_about_me_is_answered_with_a_way_to_delete_it(chat: Chat, rt: Runtime, question: str) -> None:
    follow(chat)
    (answer,) = chat.send(question)
    assert "mã các hồ sơ" in answer and "ẩn danh" in answer and "xóa dữ liệu" in answer
    assert chat.last.button_titles == ["Xóa dữ liệu", "Menu"] and len(subs(rt)) == 1
    (ask,) = chat.press("Xóa dữ liệu")
    assert "Đã xóa dữ liệu" in ask and subs(rt) == []


def test_deleting_data_works_while_staff_handle_the_chat(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    chat = Chat(client, fake, "zalo", "zalo-user-paused")
    with rt.db.session() as s:
        s.add(Subscription(platform="zalo", user_id=chat.user_id, dossier_code=OPEN))
    chat.send("gặp cán bộ")
    assert chat.send("cho hỏi chút") == []  # staff are answering
    (done,) = chat.send("xóa dữ liệu của tôi")
    assert "Đã xóa dữ liệu" in done and subs(rt) == []


def test_a_deletion_question_while_staff_handle_a_zalo_chat_can_be_confirmed(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410002")
    follow(chat, OPEN)
    chat.send("gặp cán bộ")
    assert chat.send("cho hỏi chút") == []  # staff are answering
    (confirm,) = chat.send("xóa dữ liệu được không")
    assert "Xóa dữ liệu" in chat.last.button_titles
    (done,) = chat.send("có")
    assert "Đã xóa dữ liệu" in done and subs(rt) == []


def test_a_deletion_question_while_the_messenger_page_inbox_holds_the_thread_can_be_confirmed(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "messenger", "6789012345670003")
    follow(chat, OPEN)
    chat.send("gặp cán bộ")
    assert chat.user_id in fake.inbox_threads
    item = p.fb_messaging_text("xoa du lieu duoc khong", chat.user_id)
    raw, headers = p.fb_request({"object": "page", "entry": [{"id": p.FB_PAGE_ID, "time": 1, "standby": [item]}]})
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
    assert chat.user_id not in fake.inbox_threads and chat.last.button_titles == ["Xóa dữ liệu", "Không xóa"]
    assert len(subs(rt)) == 1
    (done,) = chat.press("Xóa dữ liệu")
    assert "Đã xóa dữ liệu" in done and subs(rt) == []


def test_a_no_to_the_staff_is_not_taken_for_a_no_to_deleting(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410007")
    follow(chat)
    chat.send("gặp cán bộ")
    assert chat.send("không xóa") == [] and chat.send("giữ lại") == []  # said to the staff: the bot keeps quiet


def test_deleting_forgets_the_user_id_in_failed_deliveries(chat: Chat, rt: Runtime, client: FlaskClient) -> None:
    follow(chat, OPEN)
    if chat.platform == "zalo":
        chat.fake.zalo_errors = [-230]
    else:
        chat.fake.graph_errors = [OUTSIDE_24H, OUTSIDE_24H]
    push(client, OPEN, status=5)
    with rt.db.session() as s:
        assert [f.user_id for f in s.scalars(select(DeliveryFailure))] == [chat.user_id]
    chat.send("xoa du lieu")
    with rt.db.session() as s:
        assert [f.user_id for f in s.scalars(select(DeliveryFailure))] == []


def test_deleting_does_not_lift_the_lock_on_wrong_digits_or_the_lookup_pause(chat: Chat, rt: Runtime) -> None:
    """Otherwise "xóa dữ liệu" would give a guesser three more tries, or ten more unknown codes."""
    chat.send(f"theo doi {OTHER}")
    for digits in ("1111", "2222", "3333"):
        chat.send(digits)
    chat.send("xoa du lieu")
    (locked,) = chat.send(f"theo doi {OTHER}")
    assert "sai 4 số cuối 3 lần" in locked
    for i in range(10):
        chat.send(f"000.31.25.H59-261102-{100 + i:04d}")
    chat.send("XOA DU LIEU")
    answers = chat.send(OPEN)
    assert "tạm dừng" in answers[-1] and not any(a.startswith(f"Hồ sơ {OPEN}") for a in answers)


def test_zalo_withdrawal_erases_like_a_deletion(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410003")
    follow(chat, OPEN)
    before = len(fake.to(chat.user_id))
    raw, headers = p.zalo_request(p.zalo_event("user_withdraw", chat.user_id))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    assert subs(rt) == [] and new_to(fake, chat.user_id, before) == []
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    assert new_to(fake, chat.user_id, before) == []


def test_zalo_user_withdraw_erases_silently(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    with rt.db.session() as s:
        s.add(Subscription(platform="zalo", user_id="zw1", dossier_code=OPEN))
    raw, headers = p.zalo_request(p.zalo_event("user_withdraw", "zw1"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    assert subs(rt) == [] and fake.to("zw1") == []


def test_a_code_alone_never_reveals_the_name_or_phone_in_any_flow(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    """Someone who only knows (or guesses) a code: every answer is checked for the name and phone."""
    for typed in (OTHER, f"tra cuu {OTHER.lower()}", f"danh gia {OTHER}", "0909", f"theo doi {OTHER}", "9999",
                  "số điện thoại trên hồ sơ là gì", f"hồ sơ {OTHER} của ai", f"ten nguoi nop ho so {OTHER}",
                  "cho xin so dien thoai nguoi nop"):
        answers = chat.send(typed)
        assert answers and all("1199" not in a for a in answers)
    push(client, OTHER, status=9, finished_at="2026-11-26T10:00:00+07:00", applicant_name="Phạm Văn Tư",
         applicant_phone="0909001199")
    chat.send(OTHER)
    assert "Đã xử lý xong" in chat.last.text


def test_following_someone_elses_dossier_fails_without_their_digits(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OTHER}")
    for digits in ("4321", "5678", "1234"):
        (answer,) = chat.send(digits)
    assert "chưa thể tiếp tục" in answer and subs(rt) == []
    assert texts.BTN_CONTACT.title in chat.last.button_titles
