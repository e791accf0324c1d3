"""Whole conversations on Zalo and Messenger: rating, subscriptions, contact, data deletion (SPEC §7)."""

from __future__ import annotations

import base64

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.records.models import Agency, Rating, Subscription
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, add_dossier, add_province_centre, at
from tests.fakes import FakePlatforms

NOW = at("2026-11-27T10:00:00+07:00")
DONE = "000.31.25.H59-261102-0001"
OPEN = "000.31.25.H59-261102-0002"


@pytest.fixture(autouse=True)
def dossiers(rt: Runtime) -> None:
    """One finished and one open dossier, both with phone 0912345678; a clock at 27/11/2026."""
    rt.now = lambda: NOW
    add_dossier(
        rt,
        DONE,
        status=10,
        received_at=at("2026-11-02T08:30:00+07:00"),
        due_at=at("2026-11-05T17:00:00+07:00"),
        finished_at=at("2026-11-04T10:00:00+07:00"),
    )
    add_dossier(rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    add_province_centre(rt)
    with rt.db.session() as s:
        s.add(
            Agency(
                code="000.31.25.H59",
                name="UBND xã Tân An",
                parent_code="000.00.00.H59",
                address="Ấp Chợ, xã Tân An",
                hotline="0294 3881 234",
            )
        )


def ratings(rt: Runtime) -> list[Rating]:
    with rt.db.session() as s:
        return list(s.scalars(select(Rating)))


def subs(rt: Runtime) -> list[tuple[str, str, str]]:
    with rt.db.session() as s:
        return [(x.platform, x.user_id, x.dossier_code) for x in s.scalars(select(Subscription))]


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
    assert (r.dossier_code, r.level, r.platform, r.agency_code, r.procedure_code) == (
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


def test_abandoning_followups_keeps_the_rating(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá hồ sơ {DONE}")
    chat.send("5678")
    chat.send("hài lòng")
    assert [r.level for r in ratings(rt)] == ["satisfied"]
    (lookup,) = chat.send(OPEN)  # wanders off mid follow-up
    assert OPEN in lookup
    assert [r.level for r in ratings(rt)] == ["satisfied"]


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


def test_wrong_phone_three_times_ends_the_flow_and_stores_nothing(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    (first,) = chat.send("1234")
    assert "còn 2 lần" in first
    (fmt,) = chat.send("không nhớ")
    assert "4 chữ số" in fmt
    chat.send("4321")
    (final,) = chat.send("0000")
    assert "chưa thể tiếp tục" in final
    (after,) = chat.send("5678")  # flow is over: the digits are not taken any more
    assert "Rất hài lòng" not in after
    assert ratings(rt) == [] and rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None


def test_unfinished_dossier_cannot_be_rated(chat: Chat, rt: Runtime) -> None:
    (answer,) = chat.send(f"đánh giá hồ sơ {OPEN}")
    assert "Đang xử lý" in answer and "khi hồ sơ đã có kết quả" in answer
    assert ratings(rt) == []


@pytest.mark.parametrize("cancel_word", ["hủy", "huy", "thoát", "menu"])
@pytest.mark.parametrize(
    "steps",
    [
        ["danh gia"],
        ["danh gia", DONE],
        ["danh gia", DONE, "5678"],
        ["danh gia", DONE, "5678", "không hài lòng"],
        [
            "theo doi",
        ],
        ["theo doi", OPEN],
        ["tra cuu"],
    ],
)
def test_cancel_at_every_step(chat: Chat, rt: Runtime, steps: list[str], cancel_word: str) -> None:
    for text in steps:
        chat.send(text)
    (answer,) = chat.send(cancel_word)
    assert "Đã hủy" in answer
    assert rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}") is None
    assert ratings(rt) == [] and subs(rt) == []


def test_reason_step_accepts_free_text_but_main_buttons_still_work(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    chat.send("5678")
    chat.send("không hài lòng")
    (short,) = chat.send("ok")
    assert "cụ thể hơn" in short
    (ask,) = chat.send("Tra cứu hồ sơ")
    assert "gửi mã hồ sơ" in ask
    assert ratings(rt) == []


def test_state_expires_after_thirty_minutes(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    key = f"dialog:{chat.platform}:{chat.user_id}"
    assert 0 < int(rt.redis.ttl(key)) <= 30 * 60
    rt.redis.delete(key)  # what expiry does
    (answer,) = chat.send("5678")
    assert "4 số cuối" not in answer and ratings(rt) == []


def test_stale_rating_button_from_an_old_card_still_works(chat: Chat, rt: Runtime) -> None:
    (card,) = chat.send(DONE)
    assert "Đánh giá hồ sơ" in chat.last.button_titles
    chat.send("chào")  # the conversation moved on
    last_card = [s for s in chat.fake.to(chat.user_id) if "Đánh giá hồ sơ" in s.button_titles][-1]
    payload = last_card.button_payloads[last_card.button_titles.index("Đánh giá hồ sơ")]
    (ask_digits,) = chat.send(payload)
    assert DONE in ask_digits and "4 số cuối" in ask_digits


def test_subscribe_then_status_change_notifies_then_unsubscribe(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    (ask,) = chat.send("nhận thông báo")
    assert "mã hồ sơ" in ask
    chat.send(OPEN)
    (done,) = chat.send("5678")
    assert "Đã đăng ký" in done
    assert subs(rt) == [(chat.platform, chat.user_id, OPEN)]
    (again,) = chat.send(f"theo dõi {OPEN}")
    assert "đã đăng ký" in again
    body = {
        "procedure_name": "Đăng ký khai sinh",
        "agency_code": "000.31.25.H59",
        "agency_name": "UBND xã Tân An",
        "status": 9,
        "applicant_phone": "0912345678",
    }
    before = len(fake.to(chat.user_id))
    resp = client.put(f"/api/v1/dossiers/{OPEN}", json=body, headers={"Authorization": f"Bearer {p.PUSH_TOKEN}"})
    assert resp.status_code == 200
    (notice,) = fake.to(chat.user_id)[before:]
    assert OPEN in notice.text and "Đã xử lý xong" in notice.text
    (listing, card) = chat.send("hồ sơ của tôi")
    assert "1 hồ sơ" in listing and OPEN in card
    (bye,) = chat.send("huy nhan thong bao")
    assert "Đã hủy nhận thông báo cho 1 hồ sơ" in bye and subs(rt) == []


def test_lookup_intent_shows_followed_dossiers(chat: Chat, rt: Runtime) -> None:
    with rt.db.session() as s:
        s.add(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=OPEN))
    answers = chat.send("hs của tôi sao rồi")
    assert OPEN in answers[-1] and "Đang xử lý" in answers[-1]


def test_subscribe_needs_ownership_and_refuses_closed_dossiers(chat: Chat, rt: Runtime) -> None:
    (closed,) = chat.send(f"nhận thông báo hồ sơ {DONE}")
    assert "sẽ không còn thay đổi" in closed
    chat.send(f"theo dõi {OPEN}")
    chat.send("1111")
    chat.send("2222")
    chat.send("3333")
    assert subs(rt) == []


def test_contact_gives_hotline_and_hands_over(chat: Chat, rt: Runtime, fake: FakePlatforms) -> None:
    answers = chat.send("tôi muốn gặp cán bộ")
    assert "0294 3855 555" in answers[0] and "Số 1 Lê Lợi" in answers[0]
    if chat.platform == "messenger":
        (call,) = fake.graph_calls
        assert call["url"].split("?")[0].endswith("/me/pass_thread_control")
        assert call["body"]["target_app_id"] == 263902037430900 and call["body"]["recipient"]["id"] == chat.user_id
    else:
        assert chat.send("alo có ai không") == []  # staff answer now; the bot keeps quiet
        (back,) = chat.send("menu")
        assert "quay lại" in back
        assert chat.send("xin chào")


def test_zalo_staff_reply_keeps_bot_quiet(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    user = "zalo-user-staff"
    staff = p.zalo_event("oa_send_text", user, message={"msg_id": "staff-1", "text": "Chào anh, em hỗ trợ ạ"})
    staff["sender"], staff["recipient"] = {"id": p.ZALO_OA_ID, "admin_id": "admin-77"}, {"id": user}
    raw, headers = p.zalo_request(staff)
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    chat = Chat(client, fake, "zalo", user)
    assert chat.send("dạ em cảm ơn") == []
    assert 11 * 3600 < int(rt.redis.ttl(f"paused:zalo:{user}")) <= 12 * 3600


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


def test_zalo_user_withdraw_erases_silently(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    with rt.db.session() as s:
        s.add(Subscription(platform="zalo", user_id="zw1", dossier_code=OPEN))
    raw, headers = p.zalo_request(p.zalo_event("user_withdraw", "zw1"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    assert subs(rt) == [] and fake.to("zw1") == []


def test_unknown_twice_offers_a_person(chat: Chat) -> None:
    (first,) = chat.send("qwerty")
    assert "chưa hiểu" in first
    (second,) = chat.send("asdfgh")
    assert "gặp cán bộ" in second and "Gặp cán bộ" in chat.last.button_titles


@pytest.mark.parametrize(
    ("steps", "wrong", "expected"),
    [
        (["tra cuu"], "không biết mã", "đọc được mã hồ sơ"),
        (["danh gia"], "hôm qua tôi nộp", "đọc được mã hồ sơ"),
        (["danh gia", DONE], "không nhớ số", "4 chữ số"),
        (["danh gia", DONE], "9999", "còn 2 lần"),
        (["danh gia", DONE, "5678"], "bình thường thôi", "ba mức"),
        (["danh gia", DONE, "5678", "khong hai long"], "!!", "cụ thể hơn"),
        (["danh gia", DONE, "5678", "hai long"], "ừm để xem", "Tốt, Bình thường"),
        (["nhan thong bao"], "mã gì cơ", "đọc được mã hồ sơ"),
        (["nhan thong bao", OPEN], "12", "4 chữ số"),
    ],
)
def test_a_wrong_answer_at_every_step_gets_a_clear_answer_and_keeps_the_step(
    chat: Chat, rt: Runtime, steps: list[str], wrong: str, expected: str
) -> None:
    for text in steps:
        chat.send(text)
    before = rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")
    answers = chat.send(wrong)
    assert any(expected in a for a in answers), answers
    state = rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")
    assert state is not None and before is not None
    assert [r.level for r in ratings(rt)] in ([], ["satisfied"]) and subs(rt) == []


@pytest.mark.parametrize("steps", [["danh gia", DONE], ["nhan thong bao", OPEN], ["tra cuu"]])
def test_every_flow_times_out(chat: Chat, rt: Runtime, steps: list[str]) -> None:
    for text in steps:
        chat.send(text)
    key = f"dialog:{chat.platform}:{chat.user_id}"
    assert 0 < int(rt.redis.ttl(key)) <= 30 * 60
    rt.redis.delete(key)  # thirty minutes of silence
    answers = chat.send("5678")
    assert not any("Đã đăng ký" in a or "hài lòng" in a for a in answers)
    assert ratings(rt) == [] and subs(rt) == []


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
