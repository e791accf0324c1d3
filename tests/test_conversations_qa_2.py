"""QA transcripts, second pass: notifications, deleting one's data, businesses with several dossiers,
and elderly users typing without diacritics or in capitals at every step (SPEC §5, §6, §7).

Every test drives the whole pipeline through signed webhooks, the push API and the platform fakes.
An autouse check looks at every message the bot sent: at most five buttons (Zalo's limit), titles of
at most 20 characters, no applicant name or phone, Vietnamese with its diacritics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import texts
from bot.records.dossiers import STATUS_LABELS
from bot.records.models import DeliveryFailure, Rating, Subscription
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, add_dossier, add_province_centre, at
from tests.fakes import FakePlatforms, Sent
from tests.test_push_api import spec_body

NOW = at("2026-11-27T10:00:00+07:00")
OPEN = "000.31.25.H59-261102-0002"  # status 4, due 01/12/2026
OPEN_B = "000.31.25.H59-261102-0005"  # status 2, same applicant
DONE = "000.31.25.H59-261102-0001"  # status 10
OTHER = "000.31.25.H59-261102-0006"  # status 4, another applicant (phone ...1199)
UNKNOWN = "000.31.25.H59-261102-0099"
NAME, PHONE, DIGITS = "Lê Thị Hồng Nhung", "0987654321", "4321"
AUTH = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}
BARE_WORDS = re.compile(r"\b(?:ho so|danh gia|vui long|cam on|khong|thong bao|tra cuu|hai long|du lieu)\b")
OUTSIDE_24H = (400, {"code": 10, "error_subcode": 2018278, "message": "outside the allowed window"})


@pytest.fixture(autouse=True)
def dossiers(rt: Runtime) -> None:
    """Three dossiers of one applicant, one of another, the province centre; a clock at 27/11/2026."""
    rt.now = lambda: NOW
    mine = {"applicant_name": NAME, "applicant_phone": PHONE, "received_at": at("2026-11-02T08:30:00+07:00")}
    add_dossier(rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"), **mine)
    add_dossier(rt, OPEN_B, status=2, due_at=at("2026-12-03T17:00:00+07:00"), **mine)
    add_dossier(
        rt, DONE, status=10, due_at=at("2026-11-05T17:00:00+07:00"), finished_at=at("2026-11-04T10:00:00+07:00"), **mine
    )
    add_dossier(
        rt, OTHER, status=4, due_at=at("2026-12-01T17:00:00+07:00"), applicant_name="Phạm Văn Tư",
        applicant_phone="0909001199",
    )
    add_province_centre(rt)


@pytest.fixture(autouse=True)
def every_message_fits_the_platforms(fake: FakePlatforms) -> Iterator[None]:
    """After each test: button limits, no personal data, Vietnamese with its diacritics."""
    yield
    for sent in fake.sent:
        assert len(sent.button_titles) <= 5, sent.message
        assert all(0 < len(t) <= 20 for t in sent.button_titles), sent.button_titles
        for private in (NAME, PHONE, "654321", "Phạm Văn Tư", "0909001199"):
            assert private not in sent.text, sent.text
        assert not BARE_WORDS.search(sent.text.lower()), sent.text


def subs(rt: Runtime) -> list[tuple[str, str, str]]:
    with rt.db.session() as s:
        rows = s.scalars(select(Subscription).order_by(Subscription.id))
        return [(x.platform, x.user_id, x.dossier_code) for x in rows]


def state(rt: Runtime, chat: Chat) -> object:
    return rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")


def body(**changes: Any) -> dict[str, Any]:
    """A push API body (SPEC §5) of the applicant's dossiers."""
    mine = {"due_at": "2026-12-01T17:00:00+07:00", "applicant_name": NAME, "applicant_phone": PHONE}
    return spec_body(**{**mine, **changes})


def push(client: FlaskClient, code: str, **changes: Any) -> None:
    """The one-stop system pushes a dossier."""
    resp = client.put(f"/api/v1/dossiers/{code}", json=body(**changes), headers=AUTH)
    assert resp.status_code in (200, 201), resp.get_data(as_text=True)


def new_to(fake: FakePlatforms, user_id: str, before: int) -> list[Sent]:
    return fake.to(user_id)[before:]


def follow(chat: Chat, code: str = OPEN) -> None:
    """Subscribe the way an elderly user types it: no diacritics, capitals."""
    (ask_digits,) = chat.send(f"THEO DOI {code}")
    assert "4 số cuối" in ask_digits and texts.BTN_MENU.title in chat.last.button_titles
    (done,) = chat.send(f"so cuoi la {DIGITS}")
    assert "Đã đăng ký" in done and code in done


def other_user(chat: Chat, user_id: str) -> Chat:
    return Chat(chat.client, chat.fake, chat.platform, user_id)


# ----------------------------------------------------------------------- notifications


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
        assert [(r.dossier_code, r.level) for r in s.scalars(select(Rating))] == [(OPEN, "very_satisfied")]


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


@pytest.mark.parametrize(
    "typed", ["hủy nhận thông báo", "HUY THONG BAO", "huy nhan thong bao", "đừng gửi nữa", "dung gui nua",
              "DUNG GUI THONG BAO NUA", "khong nhan thong bao nua", "ngung thong bao", "tat thong bao"]
)
def test_unsubscribing_in_any_words_stops_every_notice(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms, typed: str
) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    (bye,) = chat.send(typed)
    assert "Đã hủy nhận thông báo cho 2 hồ sơ" in bye and chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert subs(rt) == [] and state(rt, chat) is None
    before = len(fake.to(chat.user_id))
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    push(client, OPEN_B, status=5)
    assert new_to(fake, chat.user_id, before) == []
    (none,) = chat.send("dung gui nua")
    assert "không đăng ký nhận thông báo" in none


def test_unsubscribing_names_the_dossiers_and_says_it_plainly(chat: Chat) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    (bye,) = chat.send("huy thong bao")
    assert OPEN in bye and OPEN_B in bye
    assert "tin báo" not in bye  # "tin báo" reads as a police report


def test_a_business_following_several_dossiers_hears_only_of_the_one_that_changed(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    assert [c for _, _, c in subs(rt)] == [OPEN, OPEN_B]
    before = len(fake.to(chat.user_id))
    push(client, OPEN_B, status=4)
    (notice,) = new_to(fake, chat.user_id, before)
    assert OPEN_B in notice.text and OPEN not in notice.text


@pytest.mark.parametrize(
    "typed", ["hồ sơ của tôi", "HO SO CUA TOI", "các hồ sơ đang theo dõi", "CAC HO SO DANG THEO DOI",
              "xem ho so dang theo doi", "toi dang theo doi ho so nao", "danh sách hồ sơ theo dõi"]
)
def test_the_followed_dossiers_listed_in_many_words_at_any_step(chat: Chat, rt: Runtime, typed: str) -> None:
    follow(chat, OPEN)
    follow(chat, OPEN_B)
    chat.send("nhan thong bao")  # in the middle of another subscription: the list is still what is asked
    listing, *cards = chat.send(typed)
    assert "2 hồ sơ" in listing
    assert [c.splitlines()[0] for c in cards] == [f"Hồ sơ {OPEN_B}", f"Hồ sơ {OPEN}"]
    assert state(rt, chat) is None


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


def test_following_someone_elses_dossier_fails_without_their_digits(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OTHER}")
    for digits in ("4321", "5678", "1234"):
        (answer,) = chat.send(digits)
    assert "chưa thể tiếp tục" in answer and subs(rt) == []
    assert texts.BTN_CONTACT.title in chat.last.button_titles


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


# ------------------------------------------------------------------------ deleting one's data


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


# ------------------------------------------------------------------- several dossiers at once


def test_a_business_pastes_codes_in_every_printed_form(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, "38.98.H59-261102-0013", status=5)
    add_dossier(rt, "H59.25.31-261102-0009", status=9, finished_at=NOW)
    answers = chat.send(
        "cong ty em co may ho so: 000.31.25.h59 - 261102 - 0002, 38 . 98 . H59-261102-0013; "
        "h59.25.31-261102-0009 va 000.31.25.H59-261102-0002"
    )
    assert [a.splitlines()[0] for a in answers] == [
        f"Hồ sơ {OPEN}", "Hồ sơ 38.98.H59-261102-0013", "Hồ sơ H59.25.31-261102-0009"
    ]


def test_mixed_good_unknown_and_malformed_codes_each_get_an_answer(chat: Chat, rt: Runtime) -> None:
    answers = chat.send(f"{OPEN}\n{UNKNOWN}\n000.31.25.H59-2611-0004\n{OPEN_B}")
    assert answers[0].startswith(f"Hồ sơ {OPEN}")
    assert "Không tìm thấy" in answers[1] and UNKNOWN in answers[1]
    assert answers[2].startswith(f"Hồ sơ {OPEN_B}")
    malformed = answers[3]
    assert "000.31.25.H59-2611-0004" in malformed and "chưa đủ" in malformed
    assert chat.last.button_titles  # a step with buttons
    assert len(answers) == 4


def test_a_malformed_code_beside_a_good_one_in_capitals(chat: Chat) -> None:
    answers = chat.send(f"TRA CUU {OPEN} VA 261102-0005")
    assert answers[0].startswith(f"Hồ sơ {OPEN}")
    assert "261102-0005" in answers[-1] and "chưa đủ" in answers[-1]


def test_dates_and_phones_beside_codes_are_not_called_malformed_codes(chat: Chat) -> None:
    answers = chat.send(f"hs {OPEN} nop ngay 02.11.2026, sdt lien he 0912.345.678")
    assert len(answers) == 1 and answers[0].startswith(f"Hồ sơ {OPEN}")


def test_seven_codes_give_five_cards_and_a_button_for_the_two_left(chat: Chat, rt: Runtime) -> None:
    codes = [f"000.31.25.H59-261103-{i:04d}" for i in range(1, 8)]
    for code in codes:
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    answers = chat.send(" ".join(codes))
    assert [a.splitlines()[0] for a in answers[:5]] == [f"Hồ sơ {c}" for c in codes[:5]]
    note = answers[5]
    assert len(answers) == 6 and codes[5] in note and codes[6] in note and codes[4] not in note
    assert chat.last.button_titles == ["Tra cứu mã còn lại"]
    rest = chat.press("Tra cứu mã còn lại")
    assert [a.splitlines()[0] for a in rest] == [f"Hồ sơ {c}" for c in codes[5:]]


def test_twelve_codes_are_looked_up_five_at_a_time(chat: Chat, rt: Runtime) -> None:
    codes = [f"000.31.25.H59-261103-{i:04d}" for i in range(1, 13)]
    for code in codes:
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    chat.send("\n".join(codes))
    second = chat.press("Tra cứu mã còn lại")
    assert [a.splitlines()[0] for a in second[:5]] == [f"Hồ sơ {c}" for c in codes[5:10]]
    third = chat.press("Tra cứu mã còn lại")
    assert [a.splitlines()[0] for a in third] == [f"Hồ sơ {c}" for c in codes[10:]]


def test_the_same_code_twice_is_one_card(chat: Chat) -> None:
    answers = chat.send(f"{OPEN} {OPEN.lower()} {OPEN.replace('.', ' . ')}")
    assert len(answers) == 1 and answers[0].startswith(f"Hồ sơ {OPEN}")


# ------------------------------------------------------------- elderly users at the digits step


@pytest.mark.parametrize(
    "typed",
    ["KHONG NHO SO", "quen so dien thoai roi", "so dt doi roi", "ko biet", "tôi không có số điện thoại",
     "đổi số rồi con ơi", "mất sim rồi", "không"],
)
@pytest.mark.parametrize("start", [f"THEO DOI {OPEN}", f"DANH GIA {DONE}"])
def test_not_knowing_the_phone_gets_a_way_forward_not_the_format_again(
    chat: Chat, rt: Runtime, fake: FakePlatforms, start: str, typed: str
) -> None:
    (ask_digits,) = chat.send(start)
    assert "4 số cuối" in ask_digits
    (answer,) = chat.send(typed)
    assert "bộ phận một cửa" in answer and "ví dụ số" not in answer
    assert chat.last.button_titles == ["Gặp cán bộ", "Menu"]
    assert fake.graph_calls == [] and rt.redis.keys("owner:miss:*") == []  # no handover, no wrong try
    chat.send(DIGITS)  # the paper turned up: the step was still waiting
    assert "Đã đăng ký" in chat.last.text or "hài lòng thế nào" in chat.last.text


@pytest.mark.parametrize("typed", ["thôi", "THOI", "dạ thôi ạ"])
def test_never_mind_at_the_digits_step_leaves_quietly(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(f"theo doi {OPEN}")
    assert chat.send(typed) == [texts.CANCELLED] and state(rt, chat) is None
    assert subs(rt) == [] and rt.redis.keys("owner:miss:*") == []


@pytest.mark.parametrize("typed", ["4321", "4 3 2 1", "SO CUOI 4321 A", "0987 654 321", "+84 987.654.321"])
def test_the_digits_typed_in_any_way_follow_the_dossier(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(f"NHAN THONG BAO {OPEN.lower()}")
    (done,) = chat.send(typed)
    assert "Đã đăng ký" in done and subs(rt) == [(chat.platform, chat.user_id, OPEN)]
    assert chat.last.button_titles == ["Hồ sơ của tôi", "Menu"]


# ------------------------------------------------------- notices the platform would not deliver


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


# ------------------------------------------------------- a business following several dossiers


def test_several_codes_to_follow_are_taken_one_after_the_other(chat: Chat, rt: Runtime) -> None:
    note, ask_first = chat.send(f"THEO DOI {OPEN} {OTHER}")
    assert "lần lượt" in note and "gửi sau" not in note
    assert OPEN in ask_first and "4 số cuối" in ask_first
    done, ask_second = chat.send(DIGITS)
    assert "Đã đăng ký" in done and OPEN in done
    assert OTHER in ask_second and "4 số cuối" in ask_second and chat.last.button_titles == ["Menu"]
    (done_too,) = chat.send("1199")
    assert "Đã đăng ký" in done_too and OTHER in done_too
    assert [c for _, _, c in subs(rt)] == [OPEN, OTHER] and state(rt, chat) is None


def test_dossiers_with_the_same_phone_need_the_digits_once(chat: Chat, rt: Runtime) -> None:
    """A business's dossiers carry the company's phone: the digits checked for one hold for the next."""
    note, ask = chat.send(f"nhan thong bao cac ho so {OPEN}, {OPEN_B}")
    assert OPEN in ask
    answers = chat.send(DIGITS)
    assert all("Đã đăng ký" in a for a in answers) and OPEN in answers[0] and OPEN_B in answers[-1]
    assert [c for _, _, c in subs(rt)] == [OPEN, OPEN_B] and state(rt, chat) is None


def test_following_several_skips_what_cannot_be_followed_and_says_why(chat: Chat, rt: Runtime) -> None:
    answers = chat.send(f"theo doi {DONE} {UNKNOWN} {OPEN}")
    assert "lần lượt" in answers[0]
    assert "không còn thay đổi" in answers[1] and DONE in answers[1]
    assert "Không tìm thấy" in answers[2] and UNKNOWN in answers[2]
    assert OPEN in answers[-1] and "4 số cuối" in answers[-1] and chat.last.button_titles == ["Menu"]
    chat.send(DIGITS)
    assert [c for _, _, c in subs(rt)] == [OPEN]


def test_three_wrong_tries_on_one_dossier_go_on_to_the_next(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OTHER} {OPEN}")
    chat.send("1111")
    chat.send("2222")
    final, ask_next = chat.send("3333")
    assert "chưa thể tiếp tục" in final and OPEN in ask_next and "4 số cuối" in ask_next
    chat.send(DIGITS)
    assert [c for _, _, c in subs(rt)] == [OPEN]


@pytest.mark.parametrize("leave", ["huy", "HỦY", "menu", "thôi"])
def test_leaving_in_the_middle_of_several_follows_none_of_the_rest(chat: Chat, rt: Runtime, leave: str) -> None:
    chat.send(f"theo doi {OPEN} {OTHER}")
    chat.send(DIGITS)
    (answer,) = chat.send(leave)
    assert "4 số cuối" not in answer and state(rt, chat) is None
    assert [c for _, _, c in subs(rt)] == [OPEN]


def test_digits_checked_for_one_dossier_do_not_open_another_locked_one(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OPEN_B}")
    for digits in ("1111", "2222", "3333"):
        chat.send(digits)
    answers = chat.send(f"theo doi {OPEN} {OPEN_B}")
    answers = chat.send(DIGITS)
    assert "Đã đăng ký" in answers[0] and "sai 4 số cuối 3 lần" in answers[-1]
    assert [c for _, _, c in subs(rt)] == [OPEN]


def test_zalo_subscribers_are_told_plainly_about_the_seven_days(chat: Chat) -> None:
    """Zalo lets the OA write only within 7 days of the user's last message: the promise says so."""
    chat.send(f"theo doi {OPEN}")
    (done,) = chat.send(DIGITS)
    if chat.platform == "zalo":
        assert "7 ngày" in done and '"hồ sơ của tôi"' in done
    else:
        assert "7 ngày" not in done
    assert chat.last.button_titles == ["Hồ sơ của tôi", "Menu"]


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


def test_several_codes_given_when_asked_which_dossier_are_all_followed(chat: Chat, rt: Runtime) -> None:
    (ask_code,) = chat.send("NHAN THONG BAO")
    assert "hồ sơ nào" in ask_code
    note, ask_digits = chat.send(f"{OPEN}\n{OPEN_B}")
    assert "2 mã hồ sơ" in note and OPEN in ask_digits
    chat.send(DIGITS)
    assert [c for _, _, c in subs(rt)] == [OPEN, OPEN_B]


def test_several_codes_given_when_asked_which_dossier_to_rate_say_one_at_a_time(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, OPEN_B, status=9, finished_at=NOW, applicant_phone=PHONE)
    chat.send("DANH GIA")
    note, ask_digits = chat.send(f"{DONE} {OPEN_B}")
    assert "từng hồ sơ" in note and OPEN_B in note and DONE in ask_digits and "4 số cuối" in ask_digits


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


def test_a_no_to_the_staff_is_not_taken_for_a_no_to_deleting(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410007")
    follow(chat)
    chat.send("gặp cán bộ")
    assert chat.send("không xóa") == [] and chat.send("giữ lại") == []  # said to the staff: the bot keeps quiet


def test_the_lookup_pause_reached_while_following_several_is_said_once_and_stops_there(
    chat: Chat, rt: Runtime
) -> None:
    for i in range(9):
        chat.send(f"000.31.25.H59-261102-{100 + i:04d}")
    answers = chat.send(f"theo doi {UNKNOWN} {OPEN}")
    assert sum("tạm dừng" in a for a in answers) == 1 and "tạm dừng" in answers[-1]
    assert not any("4 số cuối" in a for a in answers) and subs(rt) == []
