"""Lookup conversations on both platforms (SPEC §7): codes in any form, several at once or incomplete, a user without
the code, status cards, and the enumeration guard."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.conversation import texts
from bot.conversation.cards import due_phrase, status_card
from bot.records.local_source import LocalSource
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier, at
from tests.one_applicant import (
    DONE,
    NO_PHONE,
    NOW,
    OPEN,
    READY,
    UNKNOWN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
)
from tests.queries import state

CODE = "000.31.25.H59-261102-0001"


def card_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_card_shows_the_contract_fields_and_no_personal_data(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE, received_at=at("2026-11-02T08:30:00+07:00"), due_at=at("2026-11-30T17:00:00+07:00"))
    (card,) = chat.send(f"tra cứu hồ sơ {CODE}")
    lines = card_lines(card)
    assert f"Hồ sơ {CODE}" in lines[0]
    assert "Thủ tục: Đăng ký khai sinh" in lines
    assert "Nơi tiếp nhận: UBND xã Tân An" in lines
    assert "Ngày nhận: 02/11/2026" in lines
    assert "Ngày hẹn trả: 30/11/2026 (còn 3 ngày)" in lines
    assert "Tình trạng: Đang xử lý" in lines
    assert "Đang ở bước: Công chức tư pháp - hộ tịch thẩm định" in lines
    assert "Nguyễn Văn An" not in card and "0912345678" not in card and "5678" not in card


@pytest.mark.parametrize(
    "typed",
    [
        "000.31.25.h59-261102-0001",
        "000.31.25.H59 - 261102 - 0001",
        "hs 000.31.25.H59-261102-0001 xong chưa ạ",
        "Xin hỏi hồ sơ 000.31.25.H59-261102-0001 đã có kết quả chưa",
    ],
)
def test_code_in_any_form_or_inside_a_sentence(chat: Chat, rt: Runtime, typed: str) -> None:
    add_dossier(rt, CODE)
    (card,) = chat.send(typed)
    assert CODE in card and "Tình trạng: Đang xử lý" in card


def test_short_and_igate_forms(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, "38.98.H29-210519-0013")
    add_dossier(
        rt,
        "H59.25.31-250107-0009",
        status=10,
        finished_at=at("2025-01-10T09:00:00+07:00"),
        due_at=at("2025-01-09T17:00:00+07:00"),
    )
    (short,) = chat.send("tra cuu 38.98.h29-210519-0013")
    assert "38.98.H29-210519-0013" in short
    (igate,) = chat.send("ho so H59.25.31-250107-0009")
    assert "Tình trạng: Đã trả kết quả" in igate and "trễ hạn 1 ngày" in igate


def test_lookup_without_code_asks_then_accepts_typed_code(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE)
    (ask,) = chat.send("tra cuu ho so")
    assert "gửi mã hồ sơ" in ask
    (help_text,) = chat.send("cái giấy hẹn của tôi đâu")
    assert "000.00.15.H59-261020-0007" in help_text  # shows what a code looks like
    (card,) = chat.send(CODE.lower())
    assert "Tình trạng: Đang xử lý" in card
    (after,) = chat.send(CODE)  # the flow ended: a code still works on its own
    assert CODE in after


def test_lookup_button_then_code(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE)
    chat.send("xin chào")
    (ask,) = chat.press("Tra cứu hồ sơ")
    assert "mã hồ sơ" in ask
    (card,) = chat.send(CODE)
    assert CODE in card


def test_cancel_leaves_the_ask_code_step(chat: Chat, rt: Runtime) -> None:
    chat.send("tra cứu")
    (cancelled,) = chat.send("hủy")
    assert "Đã hủy" in cancelled
    assert rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None


def test_unknown_code_gets_help_and_nothing_personal(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send("000.31.25.H59-261102-0999")
    assert "Không tìm thấy hồ sơ có mã 000.31.25.H59-261102-0999" in answer


def test_several_codes_get_a_card_each_up_to_five(chat: Chat, rt: Runtime) -> None:
    codes = [f"000.00.08.H59-2611{d:02d}-00{d:02d}" for d in range(1, 8)]
    for code in codes:
        add_dossier(rt, code, agency_name="Sở Kế hoạch và Đầu tư")
    answers = chat.send("kiểm tra giúp: " + ", ".join(codes))
    assert len(answers) == 6
    for code, card in zip(codes[:5], answers[:5], strict=True):
        assert code in card
    assert "5 hồ sơ" in answers[5]


def test_finished_card_offers_rating_and_open_card_offers_subscription(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE, status=9, due_at=at("2026-11-28T17:00:00+07:00"), finished_at=at("2026-11-26T15:00:00+07:00"))
    (card,) = chat.send(CODE)
    assert "Đã xử lý xong" in card and "đúng hạn" in card and "nhận kết quả tại UBND xã Tân An" in card
    assert "Đánh giá hồ sơ" in chat.last.button_titles
    other = "000.31.25.H59-261102-0002"
    add_dossier(rt, other, status=5)
    (card2,) = chat.send(other)
    assert "bổ sung giấy tờ" in card2
    assert "Nhận thông báo" in chat.last.button_titles and "Đánh giá hồ sơ" not in chat.last.button_titles


def test_enumeration_guard_pauses_lookups_even_for_existing_codes(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE)
    for i in range(9):
        (answer,) = chat.send(f"000.31.25.H59-261102-{9000 + i}")
        assert "Không tìm thấy" in answer
    (tenth,) = chat.send("000.31.25.H59-261102-9999")
    assert "tạm dừng" in tenth
    (blocked,) = chat.send(CODE)
    assert "tạm dừng" in blocked and "Đang xử lý" not in blocked
    other = Chat(chat.client, chat.fake, chat.platform, "someone-else-77")
    (card,) = other.send(CODE)
    assert "Đang xử lý" in card  # other users are not affected
    rt.redis.delete(f"guard:pause:{chat.platform}:{chat.user_id}")  # the window passed
    (card,) = chat.send(CODE)
    assert "Đang xử lý" in card


@pytest.mark.parametrize(
    ("status", "due", "finished", "expected"),
    [
        (4, "2026-11-30T17:00:00+07:00", None, "còn 3 ngày"),
        (4, "2026-11-27T17:00:00+07:00", None, "hẹn trả hôm nay"),
        (4, "2026-11-27T00:30:00+07:00", None, "hẹn trả hôm nay"),
        (5, "2026-11-20T17:00:00+07:00", None, "quá hạn 7 ngày"),
        (2, "2026-11-26T16:59:00Z", None, "quá hạn 1 ngày"),  # 26/11 23:59 in Vietnam
        (2, "2026-11-26T17:30:00Z", None, "hẹn trả hôm nay"),  # 27/11 00:30 in Vietnam
        (10, "2026-11-20T17:00:00+07:00", "2026-11-22T08:00:00+07:00", "trễ hạn 2 ngày"),
        (9, "2026-11-20T17:00:00+07:00", "2026-11-20T08:00:00+07:00", "đúng hạn"),
        (8, "2026-11-20T17:00:00+07:00", None, ""),
    ],
)
def test_due_phrase_in_vietnam_time(rt: Runtime, status: int, due: str, finished: str | None, expected: str) -> None:
    add_dossier(rt, CODE, status=status, due_at=at(due), finished_at=at(finished) if finished else None)
    dossier = LocalSource(rt.db).get(CODE)
    assert dossier is not None
    assert due_phrase(dossier, NOW) == expected
    assert ("(" + expected + ")" in status_card(dossier, NOW).text) == bool(expected)


def test_national_code_finds_the_dossier(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, CODE, national_code="000.00.00.H59-261102-0555")
    (card,) = chat.send("000.00.00.H59-261102-0555")
    assert CODE in card


def test_received_date_shown_in_vietnam_time(rt: Runtime) -> None:
    add_dossier(
        rt, CODE, received_at=datetime.fromisoformat("2026-11-01T18:30:00+00:00"), due_at=NOW + timedelta(days=1)
    )
    dossier = LocalSource(rt.db).get(CODE)
    assert dossier is not None and "Ngày nhận: 02/11/2026" in status_card(dossier, NOW).text


@pytest.mark.parametrize(
    "typed",
    [
        "000.31.25.H59-261102",
        "H59-261102-0001",
        "000.31.25.H59-261102-01",
        "000 31 25 H59 261102 0001",
    ],
)
def test_an_incomplete_code_gets_the_format_explained(chat: Chat, typed: str) -> None:
    (answer,) = chat.send(typed)
    assert "000.00.15.H59-261020-0007" in answer and "chưa đủ" in answer


@pytest.mark.parametrize("typed", ["0912345678", "nộp ngày 01/03/2026", "haha"])
def test_phones_and_dates_are_not_taken_for_codes(chat: Chat, typed: str) -> None:
    (answer,) = chat.send(typed)
    assert "chưa đủ" not in answer


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


@pytest.mark.parametrize("lost", ["tôi quên mã hồ sơ rồi", "mat giay hen roi thi sao", "ko co ma ho so"])
def test_a_user_who_lost_the_code_is_told_where_to_get_it(chat: Chat, rt: Runtime, lost: str) -> None:
    assert chat.send(lost) == [texts.NO_CODE] and texts.BTN_CONTACT.title in chat.last.button_titles
    chat.send("đánh giá")
    assert chat.send(lost) == [texts.NO_CODE] and state(rt, chat) is None


def test_several_cards_offer_the_shared_button_once_and_their_own_on_each(chat: Chat) -> None:
    answers = chat.send(f"{DONE}\n{OPEN}\n{READY}")
    assert [a.splitlines()[0] for a in answers] == [f"Hồ sơ {c}" for c in (DONE, OPEN, READY)]
    cards = chat.fake.to(chat.user_id)[-3:]
    assert [c.button_titles.count(texts.BTN_LOOKUP_OTHER) for c in cards] == [0, 0, 1]
    assert all(c.button_titles for c in cards[:2])  # each keeps its own dossier's buttons


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
