"""A business with several dossiers: codes pasted in every printed form, several looked up five at a time, several
followed one after the other with the digits asked once per phone, and notices only of the one that changed."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier, at
from tests.fakes import FakePlatforms
from tests.queries import state
from tests.queries import subscriptions as subs
from tests.two_applicants import (
    DIGITS,
    DONE,
    NOW,
    OPEN,
    OPEN_B,
    OTHER,
    PHONE,
    UNKNOWN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    follow,
    new_to,
    push,
)


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


def test_the_same_code_twice_is_one_card(chat: Chat) -> None:
    answers = chat.send(f"{OPEN} {OPEN.lower()} {OPEN.replace('.', ' . ')}")
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


def test_several_codes_given_when_asked_which_dossier_are_all_followed(chat: Chat, rt: Runtime) -> None:
    (ask_code,) = chat.send("NHAN THONG BAO")
    assert "hồ sơ nào" in ask_code
    note, ask_digits = chat.send(f"{OPEN}\n{OPEN_B}")
    assert "2 mã hồ sơ" in note and OPEN in ask_digits
    chat.send(DIGITS)
    assert [c for _, _, c in subs(rt)] == [OPEN, OPEN_B]


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


def test_the_lookup_pause_reached_while_following_several_is_said_once_and_stops_there(
    chat: Chat, rt: Runtime
) -> None:
    for i in range(9):
        chat.send(f"000.31.25.H59-261102-{100 + i:04d}")
    answers = chat.send(f"theo doi {UNKNOWN} {OPEN}")
    assert sum("tạm dừng" in a for a in answers) == 1 and "tạm dừng" in answers[-1]
    assert not any("4 số cuối" in a for a in answers) and subs(rt) == []


def test_several_codes_given_when_asked_which_dossier_to_rate_say_one_at_a_time(chat: Chat, rt: Runtime) -> None:
    add_dossier(rt, OPEN_B, status=9, finished_at=NOW, applicant_phone=PHONE)
    chat.send("DANH GIA")
    note, ask_digits = chat.send(f"{DONE} {OPEN_B}")
    assert "từng hồ sơ" in note and OPEN_B in note and DONE in ask_digits and "4 số cuối" in ask_digits


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
