"""Subscribing to a dossier's notices in conversation (SPEC §7): the digits, closed dossiers refused, the list of
followed dossiers, and unsubscribe words that work at any step."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bot.records.models import Subscription
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, add_dossier, at
from tests.fakes import FakePlatforms
from tests.one_applicant import (
    DONE,
    OPEN,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
)
from tests.queries import state
from tests.queries import subscriptions as subs


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


def test_subscribe_needs_ownership_and_refuses_closed_dossiers(chat: Chat, rt: Runtime) -> None:
    (closed,) = chat.send(f"nhận thông báo hồ sơ {DONE}")
    assert "sẽ không còn thay đổi" in closed
    chat.send(f"theo dõi {OPEN}")
    chat.send("1111")
    chat.send("2222")
    chat.send("3333")
    assert subs(rt) == []


def test_a_finished_dossier_cannot_be_followed_but_can_be_rated_from_there(chat: Chat, rt: Runtime) -> None:
    (closed,) = chat.send(f"nhan thong bao {READY}")
    assert "không còn thay đổi" in closed and "Đánh giá hồ sơ" in chat.last.button_titles
    (ask_digits,) = chat.press("Đánh giá hồ sơ")
    assert READY in ask_digits and "4 số cuối" in ask_digits


def test_lookup_intent_shows_followed_dossiers(chat: Chat, rt: Runtime) -> None:
    with rt.db.session() as s:
        s.add(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=OPEN))
    answers = chat.send("hs của tôi sao rồi")
    assert OPEN in answers[-1] and "Đang xử lý" in answers[-1]


def test_my_dossiers_says_when_only_the_newest_five_are_shown(chat: Chat, rt: Runtime) -> None:
    codes = [f"000.31.25.H59-261103-{i:04d}" for i in range(1, 8)]
    for code in codes:
        add_dossier(rt, code, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    with rt.db.session() as s:
        s.add_all(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=c) for c in codes)
    answers = chat.send("hồ sơ của tôi")
    assert "7 hồ sơ" in answers[0] and "5 hồ sơ mới nhất" in answers[0]
    assert [a.splitlines()[0] for a in answers[1:]] == [f"Hồ sơ {c}" for c in reversed(codes[2:])]


def test_unsubscribe_words_in_the_middle_of_subscribing_stop_it(chat: Chat, rt: Runtime) -> None:
    chat.send("nhận thông báo")
    chat.send(OPEN)
    (answer,) = chat.send("hủy nhận thông báo")
    assert "Đã dừng" in answer and state(rt, chat) is None and subs(rt) == []


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


def test_unsubscribing_while_giving_the_reason_unsubscribes_and_stores_no_reason(chat: Chat, rt: Runtime) -> None:
    chat.send(f"theo doi {OPEN}")
    chat.send("5678")
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("khong hai long")
    (answer,) = chat.send("hủy nhận thông báo")
    assert "Đã hủy nhận thông báo cho 1 hồ sơ" in answer
    assert subs(rt) == [] and ratings(rt) == [] and state(rt, chat) is None
