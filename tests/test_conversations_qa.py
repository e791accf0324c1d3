"""QA transcripts: the conversations an elderly citizen types, on Zalo and Messenger (SPEC §7).

Every test here drives the whole pipeline through signed webhooks and the platform fakes, and an
autouse check looks at every message the bot sent: at most five buttons (Zalo's limit, and the
same reply goes to Messenger), titles of at most 20 characters, no applicant name or phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import texts
from bot.records.models import Rating, Subscription
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier, add_province_centre, at
from tests.fakes import FakePlatforms

NOW = at("2026-11-27T10:00:00+07:00")
DONE = "000.31.25.H59-261102-0001"  # status 10, phone 0912345678
OPEN = "000.31.25.H59-261102-0002"  # status 4
READY = "000.31.25.H59-261102-0003"  # status 9
NO_PHONE = "000.31.25.H59-261102-0004"  # status 10, no phone on the dossier
UNKNOWN = "000.31.25.H59-261102-0099"
NAME, PHONE = "Nguyễn Văn An", "0912345678"
# Words the bot must never write without their diacritics (an echo of the user's text aside).
BARE_WORDS = re.compile(r"\b(?:ho so|danh gia|vui long|cam on|khong|thong bao|tra cuu|hai long)\b")


@pytest.fixture(autouse=True)
def dossiers(rt: Runtime) -> None:
    """Four dossiers of one applicant, the province centre and the commune; a clock at 27/11/2026."""
    rt.now = lambda: NOW
    finished = {
        "received_at": at("2026-11-02T08:30:00+07:00"),
        "due_at": at("2026-11-05T17:00:00+07:00"),
        "finished_at": at("2026-11-04T10:00:00+07:00"),
    }
    add_dossier(rt, DONE, status=10, **finished)
    add_dossier(rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    add_dossier(rt, READY, status=9, **finished)
    add_dossier(rt, NO_PHONE, status=10, applicant_phone="", **finished)
    add_province_centre(rt)


@pytest.fixture(autouse=True)
def every_message_fits_the_platforms(fake: FakePlatforms) -> Iterator[None]:
    """After each test: button limits, no personal data, Vietnamese with its diacritics."""
    yield
    for sent in fake.sent:
        assert len(sent.button_titles) <= 5, sent.message
        assert all(0 < len(t) <= 20 for t in sent.button_titles), sent.button_titles
        assert NAME not in sent.text and PHONE not in sent.text and "345678" not in sent.text, sent.text
        assert not BARE_WORDS.search(sent.text.lower()), sent.text


def ratings(rt: Runtime) -> list[Rating]:
    with rt.db.session() as s:
        return list(s.scalars(select(Rating).order_by(Rating.id)))


def subs(rt: Runtime) -> list[str]:
    with rt.db.session() as s:
        return [x.dossier_code for x in s.scalars(select(Subscription))]


def state(rt: Runtime, chat: Chat) -> object:
    return rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")


def to_followups(chat: Chat, code: str = DONE, level: str = "hai long") -> None:
    chat.send(f"danh gia {code}")
    chat.send("5678")
    chat.send(level)


# --------------------------------------------------------------------------- a whole visit


def test_an_elderly_farmer_rates_by_typing_without_diacritics(chat: Chat, rt: Runtime) -> None:
    (hello,) = chat.send("chao")
    assert "Xin chào" in hello and chat.last.button_titles[1] == "Đánh giá"
    (ask_code,) = chat.press("Đánh giá")
    assert "mã hồ sơ" in ask_code
    (ask_digits,) = chat.send("000.31.25.h59 - 261102 - 0001")
    assert "4 số cuối" in ask_digits and DONE in ask_digits
    (ask_level,) = chat.send("56 78")
    assert chat.last.button_titles == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    (ask_reason,) = chat.send("ko hai long")
    assert "lý do" in ask_reason and ratings(rt) == []
    recorded, question = chat.send("cho lau qua phai di 3 lan")
    assert 'Đánh giá "Không hài lòng"' in recorded and "(1/5)" in question and "có thể bỏ qua" in question
    chat.send("co")  # (1/5) thuận tiện không? -> có
    chat.send("ko")  # (2/5) hợp lý không? -> không
    chat.send("bo qua")
    chat.send("da")
    (thanks,) = chat.send("khong")
    assert "cảm ơn" in thanks.lower()
    (r,) = ratings(rt)
    assert (r.level, r.reason) == ("dissatisfied", "cho lau qua phai di 3 lan")
    assert r.answers == {"access": "good", "procedure": "poor", "result": "good", "feedback": "poor"}
    assert state(rt, chat) is None
    (bye,) = chat.send("cam on")
    assert "không có gì" in bye


# ------------------------------------------------------------------------ follow-up questions


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("có", "good"), ("co a", "good"), ("dạ", "good"), ("vâng", "good"), ("ok", "good"), ("rất tốt", "good"),
     ("không", "poor"), ("ko", "poor"), ("dạ không", "poor"), ("chưa", "poor"), ("kém", "poor"),
     ("ko co", "poor"), ("dạ không ạ", "poor"), ("vâng, tốt ạ", "good"),
     ("binh thuong", "fair"), ("tạm được", "fair")],
)
def test_the_follow_up_questions_take_yes_and_no(chat: Chat, rt: Runtime, typed: str, answer: str) -> None:
    to_followups(chat)
    (second,) = chat.send(typed)
    assert "(2/5)" in second
    assert ratings(rt)[0].answers == {"access": answer}


@pytest.mark.parametrize("typed", ["bỏ qua", "Bỏ qua", "ko biet", "không có ý kiến"])
def test_a_follow_up_can_be_skipped_in_words(chat: Chat, rt: Runtime, typed: str) -> None:
    to_followups(chat)
    (second,) = chat.send(typed)
    assert "(2/5)" in second and ratings(rt)[0].answers == {}


@pytest.mark.parametrize("word", ["stop", "thôi", "kết thúc", "Kết thúc", "ko can", "dừng lại"])
def test_stopping_the_follow_ups_thanks_and_keeps_subscriptions(chat: Chat, rt: Runtime, word: str) -> None:
    chat.send(f"theo doi {OPEN}")
    chat.send("5678")
    to_followups(chat)
    (thanks,) = chat.send(word)
    assert "Xin cảm ơn" in thanks and "hủy nhận thông báo" not in thanks.lower()
    assert subs(rt) == [OPEN] and [r.level for r in ratings(rt)] == ["satisfied"] and state(rt, chat) is None


@pytest.mark.parametrize("word", ["hủy", "huy", "huỷ", "thoát", "menu", "Menu"])
def test_cancel_during_follow_ups_says_the_rating_is_kept(chat: Chat, rt: Runtime, word: str) -> None:
    to_followups(chat)
    (answer,) = chat.send(word)
    assert "Đã hủy" not in answer and "vẫn được ghi nhận" in answer
    assert chat.last.button_titles[0] == "Tra cứu hồ sơ"
    assert [r.level for r in ratings(rt)] == ["satisfied"] and state(rt, chat) is None


@pytest.mark.parametrize("button", ["Tốt", "Bỏ qua", "Kết thúc"])
def test_a_follow_up_button_pressed_after_the_questions_timed_out(chat: Chat, rt: Runtime, button: str) -> None:
    to_followups(chat)
    rt.redis.delete(f"dialog:{chat.platform}:{chat.user_id}")  # thirty minutes later
    (answer,) = chat.press(button)
    assert "hết thời gian" in answer and "chưa hiểu" not in answer
    assert [(r.level, r.answers) for r in ratings(rt)] == [("satisfied", {})]


def test_rating_another_dossier_during_follow_ups(chat: Chat, rt: Runtime) -> None:
    to_followups(chat, DONE, "rat hai long")
    (ask_digits,) = chat.send(f"đánh giá hồ sơ {READY}")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    chat.press("Hài lòng")
    assert [(r.dossier_code, r.level) for r in ratings(rt)] == [(DONE, "very_satisfied"), (READY, "satisfied")]


def test_rating_the_same_dossier_again_during_follow_ups_is_refused(chat: Chat, rt: Runtime) -> None:
    to_followups(chat)
    (refused,) = chat.send(f"danh gia {DONE}")
    assert "đã được đánh giá" in refused
    assert len(ratings(rt)) == 1


# -------------------------------------------------------------------------------- the level


@pytest.mark.parametrize(
    ("typed", "level"),
    [("rat hai long", "very_satisfied"), ("Rất hài lòng", "very_satisfied"), ("hai long", "satisfied"),
     ("hài lòng ạ", "satisfied"), ("rất tốt", "very_satisfied"), ("tot", "satisfied"),
     ("tốt lắm", "very_satisfied")],
)
def test_level_typed_in_many_ways(chat: Chat, rt: Runtime, typed: str, level: str) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    answers = chat.send(typed)
    assert "đã được ghi nhận" in answers[0]
    assert [r.level for r in ratings(rt)] == [level]


@pytest.mark.parametrize(
    ("button", "level"), [("Rất hài lòng", "very_satisfied"), ("Hài lòng", "satisfied"), ("Không hài lòng", None)]
)
def test_each_level_by_button(chat: Chat, rt: Runtime, button: str, level: str | None) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    answers = chat.press(button)
    if level is None:
        assert "lý do" in answers[0] and ratings(rt) == []
        chat.send("cán bộ hẹn nhiều lần")
        level = "dissatisfied"
    assert [r.level for r in ratings(rt)] == [level]
    assert chat.last.button_titles == ["Tốt", "Bình thường", "Chưa tốt", "Bỏ qua", "Kết thúc"]


@pytest.mark.parametrize("typed", ["ko hai long", "khong hai long lam", "chưa hài lòng", "tệ quá", "kem"])
def test_dissatisfied_typed_asks_the_reason(chat: Chat, rt: Runtime, typed: str) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (ask,) = chat.send(typed)
    assert "lý do" in ask and ratings(rt) == []


def test_a_star_score_answers_the_level_question(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (thanks, *_) = chat.send("5 sao")
    assert "Rất hài lòng" in thanks and [r.level for r in ratings(rt)] == ["very_satisfied"]


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


@pytest.mark.parametrize("refusal", ["thôi", "không", "ko", "khong co"])
def test_refusing_the_reason_explains_it_is_needed(chat: Chat, rt: Runtime, refusal: str) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("khong hai long")
    (why,) = chat.send(refusal)
    assert "cần có lý do" in why and ratings(rt) == []
    answers = chat.send("trả kết quả trễ hai ngày")
    assert "đã được ghi nhận" in answers[0]
    assert [(r.level, r.reason) for r in ratings(rt)] == [("dissatisfied", "trả kết quả trễ hai ngày")]


@pytest.mark.parametrize("phrase", ["hủy đánh giá", "huy danh gia", "khong danh gia nua", "thôi không đánh giá nữa"])
@pytest.mark.parametrize("steps", [["danh gia"], ["danh gia", DONE], ["danh gia", DONE, "5678"]])
def test_saying_no_more_rating_leaves_the_flow(chat: Chat, rt: Runtime, steps: list[str], phrase: str) -> None:
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(phrase)
    assert "Đã hủy" in answer and state(rt, chat) is None and ratings(rt) == []


def test_wanting_to_rate_is_not_taken_for_stopping(chat: Chat, rt: Runtime) -> None:
    chat.send("danh gia")
    (answer,) = chat.send("tôi muốn đánh giá")
    assert "Đã hủy" not in answer and state(rt, chat) is not None


def test_rating_a_dossier_without_result_offers_notifications_for_that_dossier(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send(f"đánh giá hồ sơ {OPEN}")
    assert "Đang xử lý" in answer
    (ask_digits,) = chat.press("Nhận thông báo")
    assert OPEN in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    assert subs(rt) == [OPEN]


@pytest.mark.parametrize("yes", ["có", "co", "ok", "dạ có", "vâng"])
def test_yes_to_the_offer_of_notifications_follows_that_dossier(chat: Chat, rt: Runtime, yes: str) -> None:
    chat.send(f"đánh giá hồ sơ {OPEN}")
    (ask_digits,) = chat.send(yes)
    assert OPEN in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    assert subs(rt) == [OPEN]


def test_no_to_the_offer_of_notifications_or_moving_on(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá hồ sơ {OPEN}")
    (ack,) = chat.send("dạ không")
    assert ack.startswith("Dạ") and subs(rt) == [] and state(rt, chat) is None
    chat.send(f"đánh giá hồ sơ {OPEN}")
    chat.send("xin chào")
    (later,) = chat.send("ok")  # the offer was for the next message only
    assert "4 số cuối" not in later and subs(rt) == []
    chat.send(f"đánh giá hồ sơ {OPEN}")
    (menu,) = chat.press("Menu")
    assert "Đã hủy" not in menu and state(rt, chat) is None


def test_rating_a_followed_dossier_without_result_does_not_offer_to_follow_it_again(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OPEN}")
    chat.send("5678")
    (answer,) = chat.send(f"danh gia {OPEN}")
    assert "đã đăng ký nhận thông báo" in answer and "Nhận thông báo" not in answer
    assert "Nhận thông báo" in chat.last.button_titles  # the main menu only


@pytest.mark.parametrize(("status", "label"), [(3, "Không được tiếp nhận"), (7, "Công dân yêu cầu rút hồ sơ"),
                                               (8, "Dừng xử lý")])
def test_a_dossier_that_will_never_have_a_result_is_not_promised_one(
    chat: Chat, rt: Runtime, status: int, label: str
) -> None:
    add_dossier(rt, OPEN, status=status)
    (answer,) = chat.send(f"danh gia {OPEN}")
    assert label in answer and "không có kết quả để đánh giá" in answer and "Nhận thông báo" not in answer
    assert chat.last.button_titles == ["Gặp cán bộ", "Menu"] and state(rt, chat) is None


def test_several_codes_in_one_rating_request_are_rated_one_at_a_time(chat: Chat, rt: Runtime) -> None:
    note, ask_digits = chat.send(f"danh gia {DONE} {READY}")
    assert "từng hồ sơ" in note and DONE in ask_digits and READY not in ask_digits


# ------------------------------------------------------------------------- ownership check


@pytest.mark.parametrize(
    "typed",
    ["5678", "56 78", "5 6 7 8", "0912 345 678", "0912-345-678", "0912.345.678", "+84 912 345 678", "84912345678",
     "số cuối là 5678 ạ", "5678 ạ"],
)
def test_phone_digits_typed_in_many_ways(chat: Chat, typed: str) -> None:
    chat.send(f"danh gia {DONE}")
    (ask_level,) = chat.send(typed)
    assert "hài lòng thế nào" in ask_level


@pytest.mark.parametrize("again", [DONE, DONE.lower(), f"đánh giá {DONE}", f"ma ho so {DONE}"])
def test_sending_the_code_again_at_the_phone_step_is_no_wrong_try(chat: Chat, rt: Runtime, again: str) -> None:
    chat.send("danh gia")
    chat.send(DONE)
    (answer,) = chat.send(again)
    assert "4 số cuối" in answer and "lần thử" not in answer
    chat.send("1111")
    (second,) = chat.send("2222")
    assert "còn 1 lần" in second


def test_another_code_alone_at_the_phone_step_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    (ask_digits,) = chat.send(f"xin lỗi, mã đúng là {READY.lower()} ạ")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    (wrong,) = chat.send("1111")
    assert "còn 2 lần" in wrong
    chat.send("5678")
    chat.send("hai long")
    assert [(r.dossier_code, r.level) for r in ratings(rt)] == [(READY, "satisfied")]


def test_another_code_alone_while_subscribing_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    other = "000.31.25.H59-261102-0005"
    add_dossier(rt, other, status=5)
    chat.send(f"theo doi {OPEN}")
    (ask_digits,) = chat.send(other)
    assert other in ask_digits and "4 số cuối" in ask_digits
    chat.send("56 78")
    assert subs(rt) == [other]


def test_a_lookup_of_another_code_at_the_phone_step_leaves_the_pending_check(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    (card,) = chat.send(f"tra cứu hồ sơ {READY}")
    assert card.startswith(f"Hồ sơ {READY}") and state(rt, chat) is None
    (after,) = chat.send("5678")  # not taken as the digits of the dossier left behind
    assert "hài lòng thế nào" not in after and ratings(rt) == []


def test_another_code_alone_at_the_level_step_switches_to_that_dossier(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (ask_digits,) = chat.send(READY)
    assert READY in ask_digits and "4 số cuối" in ask_digits
    chat.send("5678")
    chat.send("hai long")
    assert [(r.dossier_code, r.level) for r in ratings(rt)] == [(READY, "satisfied")]


def test_another_rating_request_at_the_level_step_starts_over(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    (ask_digits,) = chat.send(f"danh gia {READY}")
    assert READY in ask_digits and "4 số cuối" in ask_digits
    (same,) = chat.send(f"danh gia {READY}")
    assert "4 số cuối" in same


def test_three_wrong_tries_lock_that_dossier_even_when_starting_again(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("1111")
    chat.send("2222")
    (final,) = chat.send("3333")
    assert "chưa thể tiếp tục" in final and "Gặp cán bộ" in chat.last.button_titles
    (locked,) = chat.send(f"danh gia {DONE}")
    assert "sai 4 số cuối 3 lần" in locked and "phút" in locked and "Gặp cán bộ" in chat.last.button_titles
    assert "hài lòng thế nào" not in chat.send("5678")[0]
    (locked_too,) = chat.send(f"theo doi {DONE}")  # no other flow gives more tries on it
    assert "không còn thay đổi" in locked_too or "3 lần" in locked_too
    (other,) = chat.send(f"danh gia {READY}")  # another dossier is not affected
    assert "4 số cuối" in other
    assert ratings(rt) == []


def test_the_lock_ends_after_its_window(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    for digits in ("1111", "2222", "3333"):
        chat.send(digits)
    for key in rt.redis.keys("owner:miss:*"):
        rt.redis.delete(key)  # what the hour does
    chat.send(f"danh gia {DONE}")
    (ask_level,) = chat.send("5678")
    assert "hài lòng thế nào" in ask_level


def test_a_dossier_without_a_phone_says_why_it_cannot_be_checked(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send(f"danh gia {NO_PHONE}")
    assert "không có số điện thoại" in answer and "4 số cuối" not in answer
    assert state(rt, chat) is None and "Gặp cán bộ" in chat.last.button_titles


# ---------------------------------------------------------------------------- lookups


def test_a_partial_code_gets_the_format_explained_then_the_full_code_is_taken(chat: Chat) -> None:
    (explain,) = chat.send("ma ho so 261102-0001")
    assert "chưa đủ" in explain
    (card,) = chat.send(DONE)
    assert card.startswith(f"Hồ sơ {DONE}")


def test_a_partial_code_at_the_ask_code_step_gets_the_format_explained(chat: Chat) -> None:
    chat.press("Tra cứu hồ sơ") if chat.fake.to(chat.user_id) else chat.send("tra cuu")
    (explain,) = chat.send("000.31.25.H59-2611-0009")
    assert "chưa đủ" in explain
    (card,) = chat.send(OPEN.lower())
    assert card.startswith(f"Hồ sơ {OPEN}")


@pytest.mark.parametrize("start", ["tra cuu", "danh gia", "nhan thong bao"])
def test_a_user_without_the_code_is_offered_a_person_and_never_told_to_resend_after_giving_up(
    chat: Chat, rt: Runtime, start: str
) -> None:
    chat.send(start)
    (first,) = chat.send("ko biet ma")
    assert "000.00.15.H59-261020-0007" in first and "Gặp cán bộ" in chat.last.button_titles
    chat.send("mat giay roi")
    (last,) = chat.send("ko co")
    assert "Gặp cán bộ" in last and "gửi lại" not in last and state(rt, chat) is None
    (contact, *_) = chat.press("Gặp cán bộ")
    assert "0294 3855 555" in contact


def test_several_cards_offer_the_shared_button_once_and_their_own_on_each(chat: Chat) -> None:
    answers = chat.send(f"{DONE}\n{OPEN}\n{READY}")
    assert [a.splitlines()[0] for a in answers] == [f"Hồ sơ {c}" for c in (DONE, OPEN, READY)]
    cards = chat.fake.to(chat.user_id)[-3:]
    assert [c.button_titles.count(texts.BTN_LOOKUP_OTHER) for c in cards] == [0, 0, 1]
    assert all(c.button_titles for c in cards[:2])  # each keeps its own dossier's buttons


@pytest.mark.parametrize("lost", ["tôi quên mã hồ sơ rồi", "mat giay hen roi thi sao", "ko co ma ho so"])
def test_a_user_who_lost_the_code_is_told_where_to_get_it(chat: Chat, rt: Runtime, lost: str) -> None:
    assert chat.send(lost) == [texts.NO_CODE] and texts.BTN_CONTACT.title in chat.last.button_titles
    chat.send("đánh giá")
    assert chat.send(lost) == [texts.NO_CODE] and state(rt, chat) is None


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


def test_six_codes_give_five_cards_and_a_note(chat: Chat) -> None:
    codes = [DONE, OPEN, READY, NO_PHONE, UNKNOWN, "000.31.25.H59-261102-0098"]
    answers = chat.send("\n".join(codes))
    assert [a.splitlines()[0] for a in answers[:4]] == [f"Hồ sơ {c}" for c in codes[:4]]
    assert UNKNOWN in answers[4] and "Không tìm thấy" in answers[4]
    assert "5 hồ sơ" in answers[5] and len(answers) == 6


def test_the_enumeration_guard_also_pauses_rating_and_following(chat: Chat, rt: Runtime) -> None:
    chat.send(READY)
    for i in range(10):
        answers = chat.send(f"000.31.25.H59-261102-{10 + i:04d}")
    assert "tạm dừng" in answers[-1]
    for typed in (READY, f"danh gia {READY}", "danh gia", f"theo doi {OPEN}", "nhan thong bao", "tra cuu"):
        answers = chat.send(typed)
        assert "tạm dừng" in answers[-1] and "4 số cuối" not in " ".join(answers)
        assert not any(a.startswith(f"Hồ sơ {READY}\n") for a in answers)
    assert state(rt, chat) is None


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
    assert [r.dossier_code for r in ratings(rt)] == [READY]
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


# ----------------------------------------------------------------------------- subscriptions


def test_a_finished_dossier_cannot_be_followed_but_can_be_rated_from_there(chat: Chat, rt: Runtime) -> None:
    (closed,) = chat.send(f"nhan thong bao {READY}")
    assert "không còn thay đổi" in closed and "Đánh giá hồ sơ" in chat.last.button_titles
    (ask_digits,) = chat.press("Đánh giá hồ sơ")
    assert READY in ask_digits and "4 số cuối" in ask_digits


def test_unsubscribe_words_in_the_middle_of_subscribing_stop_it(chat: Chat, rt: Runtime) -> None:
    chat.send("nhận thông báo")
    chat.send(OPEN)
    (answer,) = chat.send("hủy nhận thông báo")
    assert "Đã dừng" in answer and state(rt, chat) is None and subs(rt) == []


@pytest.mark.parametrize("word", ["hủy", "huy", "thoát", "menu", "Huỷ"])
@pytest.mark.parametrize("steps", [["tra cuu"], ["nhan thong bao"], ["nhan thong bao", OPEN], ["thu tuc"]])
def test_cancel_words_leave_the_other_flows(chat: Chat, rt: Runtime, steps: list[str], word: str) -> None:
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(word)
    assert "Đã hủy" in answer and state(rt, chat) is None and subs(rt) == []


def test_unsubscribing_while_giving_the_reason_unsubscribes_and_stores_no_reason(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OPEN}")
    chat.send("5678")
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("khong hai long")
    (answer,) = chat.send("hủy nhận thông báo")
    assert "Đã hủy nhận thông báo cho 1 hồ sơ" in answer
    assert subs(rt) == [] and ratings(rt) == [] and state(rt, chat) is None


@pytest.mark.parametrize("typed", ["hủy nhận thông báo", "huy nhan thong bao", "tắt thông báo", "hủy thông báo"])
@pytest.mark.parametrize(
    "steps",
    [["tra cuu"], ["danh gia"], ["danh gia", DONE], ["danh gia", DONE, "5678"], ["danh gia", DONE, "5678", "hai long"],
     ["nhan thong bao"], ["nhan thong bao", READY.replace("0003", "0005")]],
)
def test_unsubscribe_words_at_any_step_unsubscribe(chat: Chat, rt: Runtime, steps: list[str], typed: str) -> None:
    add_dossier(rt, READY.replace("0003", "0005"), status=5)
    with rt.db.session() as s:
        s.add(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=OPEN))
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(typed)
    assert "Đã hủy nhận thông báo cho 1 hồ sơ" in answer
    assert subs(rt) == [] and state(rt, chat) is None
    assert [r.level for r in ratings(rt)] in ([], ["satisfied"])


def test_a_reason_that_mentions_a_person_or_a_code_stays_the_reason_without_the_code(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("khong hai long")
    answers = chat.send(f"gọi số điện thoại cán bộ không ai nghe, hồ sơ {DONE.lower()} trễ hẹn")
    assert "đã được ghi nhận" in answers[0]
    assert [r.reason for r in ratings(rt)] == ["gọi số điện thoại cán bộ không ai nghe, hồ sơ [mã hồ sơ] trễ hẹn"]


def test_a_reason_given_with_the_level_is_not_asked_again(chat: Chat, rt: Runtime) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    recorded, _ = chat.send("khong hai long vi phai di lai 3 lan")
    assert 'Đánh giá "Không hài lòng"' in recorded
    assert [(r.level, r.reason) for r in ratings(rt)] == [("dissatisfied", "khong hai long vi phai di lai 3 lan")]


def test_a_reason_given_up_front_with_the_code_is_kept_until_the_digits(chat: Chat, rt: Runtime) -> None:
    (ask_digits,) = chat.send(f"Tôi không hài lòng hồ sơ {DONE} do trả kết quả trễ")
    assert "4 số cuối" in ask_digits
    recorded, _ = chat.send("5678")
    assert 'Đánh giá "Không hài lòng"' in recorded
    assert [r.reason for r in ratings(rt)] == ["Tôi không hài lòng hồ sơ [mã hồ sơ] do trả kết quả trễ"]


def test_my_dossiers_says_when_only_the_newest_five_are_shown(chat: Chat, rt: Runtime) -> None:
    codes = [f"000.31.25.H59-261103-{i:04d}" for i in range(1, 8)]
    for code in codes:
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    with rt.db.session() as s:
        s.add_all(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=c) for c in codes)
    answers = chat.send("hồ sơ của tôi")
    assert "7 hồ sơ" in answers[0] and "5 hồ sơ mới nhất" in answers[0]
    assert [a.splitlines()[0] for a in answers[1:]] == [f"Hồ sơ {c}" for c in reversed(codes[2:])]


def test_deleting_data_works_while_staff_handle_the_chat(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    chat = Chat(client, fake, "zalo", "zalo-user-paused")
    with rt.db.session() as s:
        s.add(Subscription(platform="zalo", user_id=chat.user_id, dossier_code=OPEN))
    chat.send("gặp cán bộ")
    assert chat.send("cho hỏi chút") == []  # staff are answering
    (done,) = chat.send("xóa dữ liệu của tôi")
    assert "Đã xóa dữ liệu" in done and subs(rt) == []


def test_deleting_data_without_subscriptions_says_so_plainly(chat: Chat, rt: Runtime) -> None:
    (done,) = chat.send("xoa du lieu cua toi")
    assert "Đã xóa dữ liệu" in done and "0 đăng ký" not in done and "ẩn danh" in done


# ----------------------------------------------------------------- short answers outside flows


@pytest.mark.parametrize("typed", ["ok", "dạ", "vâng", "co", "không", "ko", "thôi", "dạ không"])
def test_an_acknowledgement_after_a_finished_flow_is_not_a_misunderstanding(chat: Chat, typed: str) -> None:
    chat.send(f"nhan thong bao {OPEN}")
    chat.send("5678")
    (ack,) = chat.send(typed)
    assert "chưa hiểu" not in ack and ack.startswith("Dạ")
    (miss,) = chat.send("qwerty")
    assert "chưa hiểu ý" in miss  # the acknowledgement was not counted as a miss


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


# --------------------------------------------------------------------------------- simulator


def test_a_rating_in_the_simulator_with_buttons(client: FlaskClient, rt: Runtime) -> None:
    user = "sim-qa-rating"

    def say(**body: str) -> list[dict[str, object]]:
        before = len(client.get(f"/simulator/messages?user={user}&after=0").get_json()["messages"])
        assert client.post("/simulator/send", json={"user": user, **body}).status_code == 200
        got: list[dict[str, object]] = client.get(f"/simulator/messages?user={user}&after={before}").get_json()[
            "messages"
        ]
        return got

    (card,) = say(text=f"hs {READY.lower()} xong chua")
    assert READY in str(card["text"]) and NAME not in str(card["text"])
    rate = next(b for b in card["buttons"] if b["title"] == "Đánh giá hồ sơ")  # type: ignore[attr-defined]
    (ask_digits,) = say(payload=rate["payload"])
    assert "4 số cuối" in str(ask_digits["text"])
    (ask_level,) = say(text="56 78")
    levels = ask_level["buttons"]
    assert [b["title"] for b in levels] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]  # type: ignore[attr-defined]
    recorded, question = say(payload=levels[0]["payload"])  # type: ignore[index]
    assert "Rất hài lòng" in str(recorded["text"]) and "(1/5)" in str(question["text"])
    (stopped,) = say(text="huy")
    assert "vẫn được ghi nhận" in str(stopped["text"])
    assert [(r.dossier_code, r.level, r.platform) for r in ratings(rt)] == [(READY, "very_satisfied", "sim")]
