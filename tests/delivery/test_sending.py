"""Sending: Zalo token rotation, retries of transient errors, final errors, rendering limits (SPEC §4.4)."""

from __future__ import annotations

import threading

from flask.testing import FlaskClient
from sqlalchemy import select

from bot.delivery.outbox import deliver
from bot.events import Platform
from bot.records.models import DeliveryFailure, ZaloToken
from bot.replies import Button, Reply
from bot.runtime import Runtime
from integrations.messenger import MessengerChannel
from integrations.zalo import ZaloChannel
from tests import payloads as p
from tests.fakes import FakePlatforms


def test_expired_token_refreshes_once_and_retries(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    fake.zalo_access = "rotated-elsewhere"  # the configured token no longer works
    fake.zalo_errors = []
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "501"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    assert fake.refreshes == 1 and len(fake.to("501")) == 1
    assert fake.to("501")[0].headers["access_token"] == "zalo-access-1"
    with rt.db.session() as s:
        row = s.scalar(select(ZaloToken))
        assert row is not None and (row.access_token, row.refresh_token) == ("zalo-access-1", "zalo-refresh-1")


def test_eight_concurrent_sends_with_expired_token_cause_one_refresh(fake: FakePlatforms, rt: Runtime) -> None:
    fake.zalo_access = "new-only-after-refresh"
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def send(i: int) -> None:
        barrier.wait()
        results.append(deliver(rt, Platform.ZALO, f"user-{i}", [Reply(f"tin {i}")]))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [True] * 8
    assert fake.refreshes == 1
    assert sorted(s.user_id for s in fake.sent) == sorted(f"user-{i}" for i in range(8))


def test_refresh_survives_a_restart(fake: FakePlatforms, rt: Runtime) -> None:
    fake.zalo_access = "x"
    assert deliver(rt, Platform.ZALO, "u1", [Reply("một")])
    rt.redis.flushall()  # cache gone: the rotated pair must come from the database, not the env
    assert deliver(rt, Platform.ZALO, "u1", [Reply("hai")])
    assert fake.refreshes == 1


def test_zalo_transient_errors_are_retried(fake: FakePlatforms, rt: Runtime) -> None:
    fake.zalo_errors = [502, -32]
    assert deliver(rt, Platform.ZALO, "u2", [Reply("xin chào")])
    assert fake.texts("u2") == ["xin chào"]


def test_zalo_final_error_is_recorded_not_retried(fake: FakePlatforms, rt: Runtime) -> None:
    fake.zalo_errors = [-230, -230]
    assert not deliver(rt, Platform.ZALO, "u3", [Reply("xin chào")])
    assert fake.zalo_errors == [-230]  # exactly one attempt
    with rt.db.session() as s:
        failures = list(s.scalars(select(DeliveryFailure)))
    assert [(f.platform, f.user_id, f.error_code) for f in failures] == [("zalo", "u3", "-230")]


def test_graph_transient_errors_are_retried_and_final_ones_not(fake: FakePlatforms, rt: Runtime) -> None:
    fake.graph_errors = [(500, {"code": 2, "message": "temporary"}), (400, {"code": 613, "message": "rate"})]
    assert deliver(rt, Platform.MESSENGER, "u4", [Reply("một")])
    assert fake.texts("u4") == ["một"]
    fake.graph_errors = [(400, {"code": 551, "message": "unavailable"}), (400, {"code": 551})]
    assert not deliver(rt, Platform.MESSENGER, "u5", [Reply("hai")])
    fake.graph_errors = [(400, {"code": 10, "error_subcode": 2018278, "message": "outside window"})]
    assert not deliver(rt, Platform.MESSENGER, "u6", [Reply("ba")])
    assert fake.graph_errors == [] and fake.texts("u5") == [] and fake.texts("u6") == []
    with rt.db.session() as s:
        codes = sorted(f.error_code for f in s.scalars(select(DeliveryFailure)))
    assert codes == ["10/2018278", "551"]


def test_long_text_is_split_cleanly_and_buttons_ride_on_the_last_part(rt: Runtime) -> None:
    paragraph = "Giấy tờ cần nộp gồm bản sao có chứng thực và tờ khai theo mẫu. "
    text = "\n\n".join(paragraph * 5 for _ in range(12))
    reply = Reply(text, tuple(Button(f"Lựa chọn số {i} rất dài", f"p{i}") for i in range(15)))
    zalo = rt.channel(Platform.ZALO)
    fb = rt.channel(Platform.MESSENGER)
    assert isinstance(zalo, ZaloChannel) and isinstance(fb, MessengerChannel)
    for messages, limit in ((zalo.render(reply), 2000), (fb.render(reply), 2000)):
        assert len(messages) > 1
        assert all(len(m["text"]) <= limit for m in messages)
        rebuilt = " ".join(m["text"] for m in messages).split()
        assert rebuilt == text.split()  # nothing lost, no word cut
    zalo_buttons = zalo.render(reply)[-1]["attachment"]["payload"]["buttons"]
    assert len(zalo_buttons) == 5
    quick = fb.render(reply)[-1]["quick_replies"]
    assert len(quick) == 13 and all(len(q["title"]) <= 20 for q in quick)


def test_messenger_url_button_uses_a_button_template(rt: Runtime) -> None:
    fb = rt.channel(Platform.MESSENGER)
    assert isinstance(fb, MessengerChannel)
    reply = Reply(
        "Nộp trực tuyến tại Cổng dịch vụ công.",
        (Button("Mở trang", url="https://dichvucong.gov.vn"), Button("Menu", "menu")),
    )
    (message,) = fb.render(reply)
    payload = message["attachment"]["payload"]
    assert payload["template_type"] == "button"
    assert payload["buttons"][0] == {"type": "web_url", "title": "Mở trang", "url": "https://dichvucong.gov.vn"}
    assert payload["buttons"][1]["type"] == "postback"


def test_status_update_outside_the_24_hour_window_goes_out_tagged(fake: FakePlatforms, rt: Runtime) -> None:
    fake.graph_errors = [(400, {"code": 10, "error_subcode": 2018278, "message": "outside window"})]
    assert deliver(rt, Platform.MESSENGER, "u7", [Reply("Hồ sơ đã có kết quả")], update=True)
    (sent,) = fake.to("u7")
    assert (sent.messaging_type, sent.tag) == ("MESSAGE_TAG", "ACCOUNT_UPDATE")


def test_a_reply_outside_the_window_is_not_tagged(fake: FakePlatforms, rt: Runtime) -> None:
    fake.graph_errors = [(400, {"code": 10, "error_subcode": 2018278, "message": "outside window"})]
    assert not deliver(rt, Platform.MESSENGER, "u8", [Reply("xin chào")])
    assert fake.to("u8") == []
