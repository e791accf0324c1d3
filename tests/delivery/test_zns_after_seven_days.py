"""Zalo's 7-day window: a status notice the OA may no longer write goes as a ZNS template to the phone on
the dossier (ZALO_ZNS_TEMPLATE_ID), once per status, with no name or phone in the template's data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.delivery.notifications import notify_subscribers
from bot.records.local_source import LocalSource
from bot.records.models import DeliveryFailure
from bot.runtime import Runtime
from bot.web.resources import resources
from tests.conftest import Chat, add_dossier, at, base_config
from tests.fakes import FakePlatforms
from tests.two_applicants import (
    DIGITS,
    NAME,
    OPEN,
    PHONE,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    follow,
    push,
)

TEMPLATE = "318276"
ZALO_USER = "2512523625412515"
FINISHED = {"status": 9, "finished_at": "2026-11-26T10:00:00+07:00"}


@pytest.fixture
def config(tmp_path: Any) -> dict[str, object]:
    """The test app with a ZNS template registered."""
    return {**base_config(tmp_path), "ZALO_ZNS_TEMPLATE_ID": TEMPLATE}


@pytest.fixture
def zalo(client: FlaskClient, fake: FakePlatforms) -> Chat:
    """A Zalo user."""
    return Chat(client, fake, "zalo", ZALO_USER)


def failures(rt: Runtime) -> list[tuple[str, str, str]]:
    with rt.db.session() as s:
        return [(f.platform, f.user_id, f.error_code) for f in s.scalars(select(DeliveryFailure))]


def test_after_seven_silent_days_the_notice_goes_as_zns_to_the_phone_on_the_dossier(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    assert "sau đó, thông báo sẽ được gửi qua Zalo tới số điện thoại ghi trên hồ sơ" in zalo.last.text
    fake.zalo_errors = [-230]  # the user has not written for 7 days
    push(client, OPEN, **FINISHED)
    assert fake.zns == [
        {
            "phone": "84" + PHONE[1:],
            "template_id": TEMPLATE,
            "template_data": {
                "ma_ho_so": OPEN,
                "trang_thai": "Đã xử lý xong",
                "ngay_hen": "01/12/2026",
                "thu_tuc": "Đăng ký khai sinh",
            },
            "tracking_id": f"{OPEN}-9",
        }
    ]
    assert NAME not in json.dumps(fake.zns, ensure_ascii=False)
    assert failures(rt) == [("zalo", ZALO_USER, "-230")]
    # and when the user writes again, the chat gives the notice as well
    first, *_ = zalo.send("xin chào")
    assert "Tình trạng: Đã xử lý xong" in first


def test_one_zns_per_status_whatever_the_number_of_subscribers_or_retries(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    follow(Chat(client, fake, "zalo", "2512523625412599"))  # a relative follows the same dossier
    fake.zalo_errors = [-230, -230]
    push(client, OPEN, status=5)
    assert [z["template_data"]["trang_thai"] for z in fake.zns] == ["Yêu cầu bổ sung giấy tờ"]
    fake.zalo_errors = [-230, -230]
    notify_subscribers(rt, OPEN)  # the job run again (a worker retry): no second ZNS
    assert len(fake.zns) == 1
    fake.zalo_errors = [-230, -230]
    push(client, OPEN, **FINISHED)
    assert [z["template_data"]["trang_thai"] for z in fake.zns] == ["Yêu cầu bổ sung giấy tờ", "Đã xử lý xong"]


def test_no_zns_when_the_chat_message_went_or_failed_for_another_reason(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    before = len(fake.to(ZALO_USER))
    push(client, OPEN, status=5)  # inside the 7 days: the chat message goes
    assert len(fake.to(ZALO_USER)) == before + 1 and fake.zns == []
    fake.zalo_errors = [-213]  # the user blocked the OA: no message by other means either
    push(client, OPEN, **FINISHED)
    assert fake.zns == []


def test_routine_steps_go_by_chat_only_and_the_actionable_ones_by_zns(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    for status in (2, 4):  # received, processing: nothing for the citizen to do, so no paid message
        fake.zalo_errors = [-230]
        push(client, OPEN, status=status)
    assert fake.zns == []
    fake.zalo_errors = [-230]
    push(client, OPEN, status=6)  # fees to pay
    assert [z["template_data"]["trang_thai"] for z in fake.zns] == ["Yêu cầu thực hiện nghĩa vụ tài chính"]


def test_a_messenger_subscriber_outside_the_window_gets_no_zns(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(Chat(client, fake, "messenger", "6789012345678901"))
    outside = {"code": 10, "error_subcode": 2018278, "message": "outside the allowed window"}
    fake.graph_errors = [(400, outside), (400, outside)]
    push(client, OPEN, **FINISHED)
    assert fake.zns == []


def test_a_dossier_without_a_phone_gets_no_zns(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    fake.zalo_errors = [-230]
    push(client, OPEN, applicant_phone=None, **FINISHED)  # the one-stop system no longer sends the phone
    dossier = LocalSource(rt.db).get(OPEN)
    assert dossier is not None and dossier.status == 9 and dossier.applicant_phone == ""
    assert fake.zns == []


def test_an_expired_token_is_refreshed_once_for_the_zns(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    fake.zalo_errors = [-230]
    fake.zalo_access = "valid-only-after-refresh"
    push(client, OPEN, **FINISHED)
    assert fake.refreshes == 1 and len(fake.zns) == 1


def test_a_refused_zns_is_recorded_without_the_phone(
    zalo: Chat, client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    follow(zalo)
    fake.zalo_errors = [-230]
    fake.zns_errors = [-108]  # e.g. the phone number has no Zalo account
    push(client, OPEN, **FINISHED)
    assert fake.zns == []
    assert failures(rt) == [("zalo", ZALO_USER, "-230"), ("zalo_zns", f"dossier:{OPEN}", "-108")]
    with rt.db.session() as s:
        stored = list(s.scalars(select(DeliveryFailure)))
        assert all(PHONE[1:] not in f.error and DIGITS not in f.user_id for f in stored)  # Zalo quoted the phone


def test_without_a_template_nothing_goes_by_zns_and_the_note_says_so(
    tmp_path: Any, fake: FakePlatforms, rt: Runtime
) -> None:
    from webhooks import create_app

    app = create_app(base_config(tmp_path / "plain"))
    plain_rt: Runtime = resources(app).runtime
    plain_rt.db.upgrade()
    plain_rt.now = rt.now
    add_dossier(plain_rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"), applicant_phone=PHONE)
    chat = Chat(app.test_client(), fake, "zalo", ZALO_USER)
    follow(chat)
    assert 'gõ "hồ sơ của tôi" để xem' in chat.last.text
    fake.zalo_errors = [-230]
    push(chat.client, OPEN, **FINISHED)
    assert fake.zns == []
