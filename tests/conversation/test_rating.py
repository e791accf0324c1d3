"""Rating a dossier in conversation (SPEC §7): the level typed or pressed, the reason of a dissatisfied rating, one
rating per dossier, what a dossier without a result offers instead, and a rating that outlives its author's data."""

from __future__ import annotations

import base64

import pytest
from flask.testing import FlaskClient

from bot.records.models import Subscription
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier
from tests.fakes import FakePlatforms
from tests.one_applicant import (
    DONE,
    NOW,
    OPEN,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
)
from tests.queries import code_of, state


def test_typed_rating_without_diacritics_records_very_satisfied(chat: Chat, rt: Runtime) -> None:
    (ask_code,) = chat.send("danh gia")
    assert "mã hồ sơ" in ask_code
    (ask_digits,) = chat.send(DONE)
    assert "4 số cuối" in ask_digits
    (ask_level,) = chat.send("5678")
    assert "hài lòng" in ask_level and chat.last.button_titles == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    answers = chat.send("rat hai long")
    assert "Rất hài lòng" in answers[0] and DONE in answers[0]
    (r,) = ratings(rt)
    assert (code_of(rt, r), r.level, r.platform, r.agency_code, r.procedure_code) == (
        DONE,
        "very_satisfied",
        chat.platform,
        "000.31.25.H59",
        "1.001193",
    )
    assert r.created_at == NOW


def test_buttons_all_the_way_with_dissatisfied_reason_and_followups(chat: Chat, rt: Runtime) -> None:
    chat.send("xin chào")
    chat.press("Đánh giá")
    chat.send(DONE.lower())
    chat.send("số cuối là 5678 ạ")
    (ask_reason,) = chat.press("Không hài lòng")
    assert "lý do" in ask_reason
    assert ratings(rt) == []  # nothing before the reason
    answers = chat.send("phải đi lại ba lần mới xong")
    assert "Không hài lòng" in answers[0]
    (r,) = ratings(rt)
    assert r.level == "dissatisfied" and r.reason == "phải đi lại ba lần mới xong"
    assert "(1/5)" in answers[-1] and "Bỏ qua" in chat.last.button_titles
    chat.press("Tốt")
    chat.press("Bỏ qua")
    chat.send("chua tot")
    (thanks,) = chat.press("Kết thúc")
    assert "cảm ơn" in thanks.lower()
    (r,) = ratings(rt)
    assert r.answers == {"access": "good", "civil_servant": "poor"}
    assert rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None


def test_rating_given_up_front_skips_the_level_question(chat: Chat, rt: Runtime) -> None:
    (ask_code,) = chat.send("tôi rất hài lòng")
    assert "mã hồ sơ" in ask_code
    chat.send(DONE)
    answers = chat.send("5678")
    assert "Rất hài lòng" in answers[0]
    assert [r.level for r in ratings(rt)] == ["very_satisfied"]


def test_second_rating_of_the_same_dossier_is_refused(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("hai long")
    other = Chat(client, fake, chat.platform, "another-user-1")
    (refused,) = other.send(f"đánh giá hồ sơ {DONE}")
    assert "đã được đánh giá" in refused
    assert len(ratings(rt)) == 1


def test_unfinished_dossier_cannot_be_rated(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send(f"đánh giá hồ sơ {OPEN}")
    assert "Đang xử lý" in answer and "khi hồ sơ đã có kết quả" in answer
    assert ratings(rt) == []


def test_reason_step_accepts_free_text_but_main_buttons_still_work(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    chat.send("5678")
    chat.send("không hài lòng")
    (short,) = chat.send("ok")
    assert "cụ thể hơn" in short
    (ask,) = chat.send("Tra cứu hồ sơ")
    assert "gửi mã hồ sơ" in ask
    assert ratings(rt) == []


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


def test_delete_my_data(chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms) -> None:
    chat.send(f"đánh giá {DONE}")
    chat.send("5678")
    chat.send("hài lòng")
    with rt.db.session() as s:
        s.add(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=OPEN))
    (done,) = chat.send("xóa dữ liệu của tôi")
    assert "Đã xóa dữ liệu" in done and "ẩn danh" in done
    assert subs(rt) == [] and rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None
    assert len(ratings(rt)) == 1


def test_dissatisfied_rating_reaches_the_reports_api(chat: Chat, rt: Runtime, client: FlaskClient) -> None:
    cli = chat.client.application.test_cli_runner()
    created = cli.invoke(
        args=[
            "users",
            "create",
            "canbo.xa",
            "--password",
            "mat-khau-123",
            "--role",
            "official",
            "--agency",
            "000.31.25.H59",
        ]
    )
    assert created.exit_code == 0, created.output
    chat.send(f"đánh giá {DONE}")
    chat.send("5678")
    chat.send("không hài lòng")
    chat.send("hẹn trả kết quả nhưng phải chờ thêm hai ngày")
    auth = {"Authorization": "Basic " + base64.b64encode(b"canbo.xa:mat-khau-123").decode()}
    report = client.get("/api/v1/reports/satisfaction?from=2026-11-01&to=2026-11-30&group_by=agency", headers=auth)
    assert report.status_code == 200
    body = report.get_json()
    assert (body["total"], body["dissatisfied"], body["satisfaction_rate"]) == (1, 1, 0.0)
    assert body["groups"][0]["key"] == "000.31.25.H59"
    assert body["dissatisfied_reasons"][0]["reason"] == "hẹn trả kết quả nhưng phải chờ thêm hai ngày"
