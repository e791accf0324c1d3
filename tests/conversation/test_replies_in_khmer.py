"""Replies in Khmer: a user who writes in Khmer script, or presses ភាសាខ្មែរ, gets every later reply in Khmer (cards
and notices too, codes and dates exact, the official status label in brackets), typed Khmer answers work, the
buttons send back what they send in Vietnamese, and deleting one's data forgets the language."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.conversation import i18n
from bot.conversation.cards import status_label
from bot.records.dossiers import STATUS_LABELS
from bot.records.models import Rating
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.queries import state
from tests.queries import subscriptions as subs
from tests.two_applicants import (
    DIGITS,
    DONE,
    OPEN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: button limits, no personal data)
    follow,
    new_to,
    other_user,
    push,
)

KHMER = re.compile("[\u1780-\u17ff]")
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def khmer(text: str) -> bool:
    """Written in Khmer (names of places, agencies and procedures stay Vietnamese)."""
    return bool(KHMER.search(text))


def language_of(rt: Runtime, chat: Chat) -> object:
    """What Redis holds of the user's language."""
    return rt.redis.get(i18n.language_key(f"{chat.platform}:{chat.user_id}"))


def test_hello_in_khmer_gets_a_khmer_welcome_and_later_a_khmer_status_card(chat: Chat, rt: Runtime) -> None:
    (welcome,) = chat.send("សួស្តី")
    assert khmer(welcome) and "ជម្រាបសួរ" in welcome and "Trà Vinh" in welcome and "Xin chào" not in welcome
    titles = chat.last.button_titles
    assert titles[-1] == "Tiếng Việt" and all(khmer(t) for t in titles[:-1])
    assert chat.last.button_payloads == ["Tra cứu hồ sơ", "Đánh giá", "Nhận thông báo", "Gặp cán bộ", "Tiếng Việt"]

    (card,) = chat.send(f"ពិនិត្យ {OPEN.lower()}")
    lines = card.splitlines()
    assert lines[0] == f"សំណុំឯកសារ {OPEN}"
    assert "ថ្ងៃទទួល៖ 02/11/2026" in lines
    assert "ថ្ងៃណាត់ប្រគល់លទ្ធផល៖ 01/12/2026 (នៅសល់ 4 ថ្ងៃ)" in lines
    assert "ស្ថានភាព៖ កំពុងដោះស្រាយ (Đang xử lý)" in lines
    assert all(khmer(t) for t in chat.last.button_titles)
    assert chat.last.button_payloads == [f"Nhận thông báo hồ sơ {OPEN}", "Tra cứu hồ sơ"]


def test_a_card_in_khmer_sends_back_the_same_payloads_as_in_vietnamese(chat: Chat) -> None:
    chat.send(DONE)
    vietnamese = (chat.last.button_titles, chat.last.button_payloads)
    chat.send("ភាសាខ្មែរ")
    chat.send(DONE)
    assert chat.last.button_payloads == vietnamese[1] and chat.last.button_titles != vietnamese[0]
    (ask_digits,) = chat.press("វាយតម្លៃសំណុំឯកសារ")  # Zalo: the payload comes back as the user's text
    assert khmer(ask_digits) and DONE in ask_digits and "4" in ask_digits


@pytest.mark.parametrize("status", sorted(STATUS_LABELS))
def test_a_status_in_khmer_is_followed_by_its_official_label_in_brackets(status: int) -> None:
    with i18n.speaking(i18n.KHMER):
        label = status_label(status)
    spoken, official = label.rsplit(" (", 1)
    assert official == f"{STATUS_LABELS[status]})" and khmer(spoken) and not VIETNAMESE.search(spoken)
    assert status_label(status) == STATUS_LABELS[status]


def test_the_language_button_switches_to_khmer_and_back(chat: Chat, rt: Runtime) -> None:
    (hello,) = chat.send("xin chào")
    assert "Xin chào" in hello and chat.last.button_titles[-1] == "ភាសាខ្មែរ"
    (chosen,) = chat.press("ភាសាខ្មែរ")
    assert khmer(chosen) and "ភាសាខ្មែរ" in chosen and chat.last.button_titles[-1] == "Tiếng Việt"
    assert language_of(rt, chat) == b"km"
    (card,) = chat.send(f"tra cuu {OPEN}")  # Vietnamese words typed later keep the Khmer replies
    assert card.startswith(f"សំណុំឯកសារ {OPEN}")
    (help_text,) = chat.send("ជំនួយ")
    assert khmer(help_text) and chat.last.button_titles[-1] == "Tiếng Việt"
    (back,) = chat.press("Tiếng Việt")
    assert back.startswith("Dạ, từ nay tôi trả lời ông/bà bằng tiếng Việt") and not khmer(back)
    assert chat.last.button_titles[-1] == "ភាសាខ្មែរ" and language_of(rt, chat) is None
    (card,) = chat.send(OPEN)
    assert card.startswith(f"Hồ sơ {OPEN}") and "Tình trạng: Đang xử lý" in card


def test_typed_khmer_answers_and_button_titles_work_like_the_buttons(chat: Chat, rt: Runtime) -> None:
    chat.send("ភាសាខ្មែរ")
    (ask_digits,) = chat.send(f"danh gia {DONE}")
    assert khmer(ask_digits) and DONE in ask_digits
    (ask_level,) = chat.send(DIGITS)
    assert khmer(ask_level) and chat.last.button_titles == ["ពេញចិត្តខ្លាំង", "ពេញចិត្ត", "មិនពេញចិត្ត"]
    assert chat.last.button_payloads == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    recorded, first_question = chat.send("ពេញចិត្តខ្លាំង បាទ")  # the level's Khmer title, typed, with a polite word
    assert "«ពេញចិត្តខ្លាំង»" in recorded and DONE in recorded and khmer(first_question)
    (second_question,) = chat.send("ល្អ")
    assert "(2/5)" in second_question
    (thanks,) = chat.send("បញ្ចប់")
    assert khmer(thanks) and state(rt, chat) is None
    with rt.db.session() as s:
        rating = s.scalars(select(Rating)).one()
    assert rating.level == "very_satisfied" and rating.answers == {"access": "good"}


def test_khmer_yes_no_and_cancel_answer_the_bots_questions(chat: Chat, rt: Runtime) -> None:
    chat.send("សួស្ដី")  # the other common spelling
    (ask_digits,) = chat.send(f"theo doi {OPEN}")
    assert khmer(ask_digits)
    (cancelled,) = chat.send("បោះបង់")
    assert khmer(cancelled) and state(rt, chat) is None and subs(rt) == []
    (ask,) = chat.send("làm sao để xóa dữ liệu?")
    assert khmer(ask) and chat.last.button_titles == ["លុបទិន្នន័យ", "មិនលុប"]
    (kept,) = chat.send("ទេ")
    assert khmer(kept) and language_of(rt, chat) == b"km"
    chat.send("làm sao để xóa dữ liệu?")
    (deleted,) = chat.send("បាទ")
    assert khmer(deleted) and language_of(rt, chat) is None
    (hello,) = chat.send("xin chào")
    assert "Xin chào" in hello and not khmer(hello)


def test_deleting_ones_data_forgets_the_language(chat: Chat, rt: Runtime) -> None:
    chat.send("សួស្តី")
    assert language_of(rt, chat) == b"km"
    (deleted,) = chat.send("xóa dữ liệu")
    assert khmer(deleted) and "ភាសា" in deleted  # said in Khmer, naming the language among what is deleted
    assert language_of(rt, chat) is None
    (hello,) = chat.send("xin chào")
    assert hello.startswith("Xin chào")


def test_zalo_withdrawal_forgets_the_language(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410012")
    chat.send("សួស្តី")
    assert language_of(rt, chat) == b"km"
    raw, headers = p.zalo_request(p.zalo_event("user_withdraw", chat.user_id))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    assert language_of(rt, chat) is None


def test_a_notice_to_a_khmer_speaking_subscriber_comes_in_khmer(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    khmer_user = chat
    vietnamese_user = other_user(chat, chat.user_id + "7")
    khmer_user.send("សួស្តី")
    (ask_digits,) = khmer_user.send(f"THEO DOI {OPEN}")
    assert khmer(ask_digits)
    (done,) = khmer_user.send(DIGITS)
    assert khmer(done) and OPEN in done
    follow(vietnamese_user)
    assert len(subs(rt)) == 2
    before_km, before_vi = len(fake.to(khmer_user.user_id)), len(fake.to(vietnamese_user.user_id))

    push(client, OPEN, status=5)

    (notice_km,) = [s.text for s in new_to(fake, khmer_user.user_id, before_km)]
    (notice_vi,) = [s.text for s in new_to(fake, vietnamese_user.user_id, before_vi)]
    assert notice_km.splitlines()[0] == f"ដំណឹង៖ សំណុំឯកសារ {OPEN} ត្រូវការឯកសារបន្ថែម។"
    assert "ស្ថានភាព៖ ត្រូវបំពេញឯកសារបន្ថែម (Yêu cầu bổ sung giấy tờ)" in notice_km.splitlines()
    assert "ថ្ងៃណាត់ប្រគល់លទ្ធផល៖ 01/12/2026 (នៅសល់ 4 ថ្ងៃ)" in notice_km.splitlines()
    assert notice_vi.splitlines()[0] == f"Thông báo: hồ sơ {OPEN} cần bổ sung giấy tờ."
    assert "Tình trạng: Yêu cầu bổ sung giấy tờ" in notice_vi.splitlines()


def test_a_notice_zalo_refused_is_given_in_khmer_before_the_next_answer(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    chat = Chat(client, fake, "zalo", "2512523625410013")
    chat.send("ភាសាខ្មែរ")
    chat.send(f"theo doi {OPEN}")
    chat.send(DIGITS)
    fake.zalo_errors = [-230]  # the user has not written for seven days
    push(client, OPEN, status=9, finished_at="2026-11-26T10:00:00+07:00")
    notice, hello = chat.send("សួស្តី")
    assert notice.splitlines()[0] == f"ដំណឹង៖ សំណុំឯកសារ {OPEN} មានលទ្ធផលហើយ។"
    assert "ស្ថានភាព៖ ដោះស្រាយរួចរាល់ (Đã xử lý xong)" in notice.splitlines() and "ជម្រាបសួរ" in hello


def test_a_khmer_sentence_the_bot_does_not_understand_gets_a_khmer_apology(chat: Chat) -> None:
    (sorry,) = chat.send("ខ្ញុំមិនដឹងថាត្រូវធ្វើយ៉ាងម៉េចទេ")
    assert khmer(sorry) and "សូមអភ័យទោស" in sorry and chat.last.button_titles[0] == "ពិនិត្យសំណុំឯកសារ"


def test_messenger_greets_khmer_speaking_people_in_khmer(app: Flask, fake: FakePlatforms) -> None:
    result = app.test_cli_runner().invoke(args=["messenger-profile"])
    assert result.exit_code == 0, result.output
    (call,) = fake.graph_calls
    greetings = {g["locale"]: g["text"] for g in call["body"]["greeting"]}
    menus = {m["locale"]: m["call_to_actions"] for m in call["body"]["persistent_menu"]}
    assert khmer(greetings["km_KH"]) and "Trà Vinh" in greetings["km_KH"] and len(greetings["km_KH"]) <= 160
    assert greetings["vi_VN"] == greetings["default"] and not khmer(greetings["default"])
    assert [a["payload"] for a in menus["km_KH"]] == [a["payload"] for a in menus["default"]]
    assert all(khmer(a["title"]) and len(a["title"]) <= 20 for a in menus["km_KH"])
