"""The webhook edge: signatures, shapes, sizes, dedup, batches, echoes, health (SPEC §4)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import add_dossier, base_config
from tests.fakes import FakePlatforms

CODE = "000.31.25.H59-261102-0001"


@pytest.fixture
def dossier(rt: Runtime) -> str:
    """One dossier being processed."""
    add_dossier(rt, CODE)
    return CODE


def post_zalo(client: FlaskClient, body: dict[str, object]) -> int:
    raw, headers = p.zalo_request(body)
    return client.post("/webhooks/zalo", data=raw, headers=headers).status_code


def post_fb(client: FlaskClient, body: dict[str, object]) -> int:
    raw, headers = p.fb_request(body)
    return client.post("/webhooks/facebook", data=raw, headers=headers).status_code


def test_zalo_text_with_code_gets_exactly_one_status_card(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    assert post_zalo(client, p.zalo_text(f"tra cứu hồ sơ {dossier}", "111")) == 200
    assert len(fake.to("111")) == 1
    card = fake.to("111")[0]
    assert dossier in card.text and "Đang xử lý" in card.text
    assert card.headers["access_token"] == "zalo-access-0"
    buttons = card.message["attachment"]["payload"]["buttons"]
    assert buttons and all(b["type"] == "oa.query.show" for b in buttons)


def test_messenger_text_with_code_gets_exactly_one_status_card(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    assert post_fb(client, p.fb_body(p.fb_messaging_text(dossier.lower(), "222"))) == 200
    assert len(fake.to("222")) == 1
    card = fake.to("222")[0]
    assert dossier in card.text and card.messaging_type == "RESPONSE"
    assert all(len(t) <= 20 for t in card.button_titles)


def test_webhook_answer_is_json_and_sets_no_cookie(client: FlaskClient, fake: FakePlatforms) -> None:
    raw, headers = p.fb_request(p.fb_body(p.fb_messaging_text("xin chào", "223")))
    answer = client.post("/webhooks/facebook", data=raw, headers=headers)
    assert answer.status_code == 200 and answer.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in answer.headers and "Cookie" not in answer.headers.get("Vary", "")


@pytest.mark.parametrize("header", [None, "mac=" + "0" * 64, "mac=deadbeef", "sha256=abc"])
def test_zalo_forged_or_missing_signature_is_401_and_nothing_happens(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, dossier: str, header: str | None
) -> None:
    raw = json.dumps(p.zalo_text(dossier, "333")).encode()
    headers = {"Content-Type": "application/json"}
    if header:
        headers["X-ZEvent-Signature"] = header
    resp = client.post("/webhooks/zalo", data=raw, headers=headers)
    assert resp.status_code == 401 and resp.get_json() == {"error": "invalid signature"}
    assert fake.sent == [] and rt.redis.keys("dedup:*") == []


def test_zalo_tampered_body_is_401(client: FlaskClient, fake: FakePlatforms, dossier: str) -> None:
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "334"))
    tampered = raw.replace(b"xin", b"XIN")
    assert client.post("/webhooks/zalo", data=tampered, headers=headers).status_code == 401
    assert fake.sent == []


def test_zalo_signature_with_other_secret_is_401(client: FlaskClient, fake: FakePlatforms) -> None:
    body = p.zalo_text("xin chào", "335")
    raw = json.dumps(body).encode()
    headers = {"X-ZEvent-Signature": p.zalo_sign(raw, body["timestamp"], secret="not-the-secret")}
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 401


def test_messenger_forged_tampered_missing_signature_is_401(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    body = p.fb_body(p.fb_messaging_text(dossier, "444"))
    raw, headers = p.fb_request(body, secret="wrong")
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 401
    raw, headers = p.fb_request(body)
    assert client.post("/webhooks/facebook", data=raw + b" ", headers=headers).status_code == 401
    assert client.post("/webhooks/facebook", data=raw, headers={"Content-Type": "application/json"}).status_code == 401
    assert fake.sent == []


def test_signed_invalid_json_is_400(client: FlaskClient, fake: FakePlatforms) -> None:
    raw = b'{"object": "page", "entry": ['
    sig = hmac.new(p.FB_APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    resp = client.post("/webhooks/facebook", data=raw, headers={"X-Hub-Signature-256": f"sha256={sig}"})
    assert resp.status_code == 400 and "error" in resp.get_json()
    resp = client.post("/webhooks/zalo", data=b"not json", headers={"X-ZEvent-Signature": "mac=00"})
    assert resp.status_code == 400


@pytest.mark.parametrize("body", [[], "page", 7, None, {"object": "page"}, {"object": "page", "entry": "nope"}])
def test_messenger_body_that_is_not_a_page_event_at_all_is_400(
    client: FlaskClient, fake: FakePlatforms, body: object
) -> None:
    raw, headers = p.fb_request(body)  # type: ignore[arg-type]
    answer = client.post("/webhooks/facebook", data=raw, headers=headers)
    assert answer.status_code == 400 and "error" in answer.get_json()
    assert fake.sent == []


def test_messenger_post_for_another_object_is_accepted_and_ignored(client: FlaskClient, fake: FakePlatforms) -> None:
    body = p.fb_body(p.fb_messaging_text("xin chào", "224"))
    body["object"] = "instagram"
    assert post_fb(client, body) == 200
    assert fake.sent == []


def test_items_that_cannot_be_read_never_sink_the_others_of_the_post(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    odd_items: list[Any] = [
        {"recipient": {"id": p.FB_PAGE_ID}, "timestamp": p.now_ms(), "policy_enforcement": {"action": "block"}},
        {"sender": {"user_ref": "ref-1"}, "recipient": {"id": p.FB_PAGE_ID}, "postback": {"payload": "X"}},
        {"sender": {"id": "9"}, "message": {"text": "no mid"}},
        {"sender": {"id": ["9"]}, "message": {"mid": "m_list_id", "text": dossier}},
        {**p.fb_messaging_text(dossier, "226"), "timestamp": "not a number"},
        "not an object",
        {**p.fb_messaging_text(dossier, "227"), "message": {"mid": {"x": 1}, "text": 5}},
    ]
    body = p.fb_body(p.fb_messaging_text(dossier, "225"), *odd_items, p.fb_messaging_text(dossier, "228"), entries=3)
    body["entry"].extend(["odd entry", {"id": p.FB_PAGE_ID, "messaging": {"not": "a list"}, "standby": 3}])
    assert post_fb(client, body) == 200
    assert sorted(s.user_id for s in fake.sent) == ["225", "226", "228"]
    assert all(dossier in s.text for s in fake.sent)


def test_standby_that_is_not_a_list_does_not_stop_the_other_entries(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    body = p.fb_body(p.fb_messaging_text(dossier, "229"))
    body["entry"].insert(0, {"id": p.FB_PAGE_ID, "time": 1, "standby": {}})
    assert post_fb(client, body) == 200
    assert [s.user_id for s in fake.sent] == ["229"]


def post_zalo_signed_as_is(client: FlaskClient, body: object, timestamp: str = "") -> int:
    """POST a Zalo body signed over `timestamp`, whatever the body holds."""
    raw = json.dumps(body).encode()
    headers = {"X-ZEvent-Signature": p.zalo_sign(raw, timestamp), "Content-Type": "application/json"}
    return client.post("/webhooks/zalo", data=raw, headers=headers).status_code


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"app_id": p.ZALO_APP_ID, "timestamp": "1700000000000"},
        {"app_id": p.ZALO_APP_ID, "event_name": 5, "timestamp": "1700000000000"},
        {"app_id": p.ZALO_APP_ID, "event_name": "user_send_text", "sender": {"id": "1"}},
        {"app_id": p.ZALO_APP_ID, "event_name": "user_send_text", "timestamp": {"ms": 1}, "sender": {"id": "1"}},
    ],
)
def test_zalo_body_that_is_not_a_zalo_event_at_all_is_400(
    client: FlaskClient, fake: FakePlatforms, body: object
) -> None:
    timestamp = str(body.get("timestamp", "")) if isinstance(body, dict) else ""
    assert post_zalo_signed_as_is(client, body, timestamp) == 400
    assert fake.sent == []


@pytest.mark.parametrize(
    "changes",
    [
        {"sender": None},
        {"sender": {"id": ""}},
        {"sender": {"id": {"nested": "1"}}},
        {"message": None},
        {"message": {"msg_id": "no-text"}},
        {"message": {"msg_id": "text-is-a-list", "text": ["a"]}},
    ],
)
def test_zalo_event_that_cannot_be_read_is_accepted_and_ignored(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime, changes: dict[str, object]
) -> None:
    assert post_zalo(client, {**p.zalo_text("xin chào", "91"), **changes}) == 200
    assert fake.sent == [] and rt.redis.keys("dedup:*") == []


def test_zalo_message_without_msg_id_is_answered_once(client: FlaskClient, fake: FakePlatforms, dossier: str) -> None:
    body = p.zalo_text(dossier, "92")
    del body["message"]["msg_id"]
    assert post_zalo(client, body) == 200
    assert post_zalo(client, body) == 200  # Zalo's redelivery carries the same timestamp
    assert len(fake.to("92")) == 1 and dossier in fake.to("92")[0].text


def test_a_nesting_bomb_is_400_without_a_traceback_in_the_log(
    client: FlaskClient, fake: FakePlatforms, caplog: pytest.LogCaptureFixture
) -> None:
    bomb = b"[" * 200_000
    sig = hmac.new(p.FB_APP_SECRET.encode(), bomb, hashlib.sha256).hexdigest()
    with caplog.at_level(logging.DEBUG):
        fb = client.post("/webhooks/facebook", data=bomb, headers={"X-Hub-Signature-256": f"sha256={sig}"})
        zalo = client.post("/webhooks/zalo", data=bomb, headers={"X-ZEvent-Signature": "mac=00"})
        wrapped = b'{"event_name": "user_send_text", "timestamp": "1", "x": ' + bomb + b"}"
        zalo_obj = client.post("/webhooks/zalo", data=wrapped, headers={"X-ZEvent-Signature": "mac=00"})
        push = client.put(
            "/api/v1/dossiers/000.31.25.H59-261102-0001",
            data=bomb,
            headers={"Authorization": f"Bearer {p.PUSH_TOKEN}", "Content-Type": "application/json"},
        )
    for answer in (fb, zalo, zalo_obj, push):
        assert answer.status_code == 400 and "error" in answer.get_json()
    assert fb.get_json() == {"error": "body is nested too deeply"}
    assert not any(r.exc_info for r in caplog.records) and "Traceback" not in caplog.text
    assert "RecursionError" not in caplog.text and fake.sent == []


def test_body_over_one_mebibyte_is_413(client: FlaskClient, fake: FakePlatforms) -> None:
    body = p.fb_body(p.fb_messaging_text("x" * (1024 * 1024), "555"))
    raw, headers = p.fb_request(body)
    resp = client.post("/webhooks/facebook", data=raw, headers=headers)
    assert resp.status_code == 413 and "error" in resp.get_json()
    raw, headers = p.zalo_request(p.zalo_text("y" * (1024 * 1024 + 10), "556"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 413
    assert fake.sent == []


def test_zalo_unsigned_empty_probe_is_200(client: FlaskClient, fake: FakePlatforms) -> None:
    assert client.post("/webhooks/zalo", data=b"{}", headers={"Content-Type": "application/json"}).status_code == 200
    assert fake.sent == []


def test_three_deliveries_of_one_message_id_answer_once(client: FlaskClient, fake: FakePlatforms, dossier: str) -> None:
    body = p.zalo_text(dossier, "666", msg_id="dup-msg-1")
    for _ in range(3):
        assert post_zalo(client, body) == 200
    assert len(fake.to("666")) == 1
    fb = p.fb_body(p.fb_messaging_text(dossier, "667", mid="m_dup"))
    for _ in range(3):
        assert post_fb(client, fb) == 200
    assert len(fake.to("667")) == 1


def test_batch_of_four_events_over_two_entries_gets_four_answers(
    client: FlaskClient, fake: FakePlatforms, dossier: str
) -> None:
    items = [p.fb_messaging_text(dossier, psid) for psid in ("71", "72", "73", "74")]
    assert post_fb(client, p.fb_body(*items, entries=2)) == 200
    assert sorted(s.user_id for s in fake.sent) == ["71", "72", "73", "74"]
    assert all(dossier in s.text for s in fake.sent)


def test_echoes_and_receipts_get_no_answer(client: FlaskClient, fake: FakePlatforms, dossier: str) -> None:
    echo = p.fb_messaging_text(dossier, "81")
    echo["message"]["is_echo"] = True
    echo["message"]["app_id"] = 1234
    delivery = {"sender": {"id": "82"}, "recipient": {"id": p.FB_PAGE_ID}, "delivery": {"mids": ["m1"], "watermark": 1}}
    read = {"sender": {"id": "83"}, "recipient": {"id": p.FB_PAGE_ID}, "read": {"watermark": 1}}
    assert post_fb(client, p.fb_body(echo, delivery, read)) == 200
    oa_echo = p.zalo_event("oa_send_text", "84", message={"msg_id": "e1", "text": dossier})
    oa_echo["sender"], oa_echo["recipient"] = {"id": p.ZALO_OA_ID}, {"id": "84"}
    assert post_zalo(client, oa_echo) == 200
    assert fake.sent == []


def test_ignored_zalo_event_kinds_are_accepted(client: FlaskClient, fake: FakePlatforms) -> None:
    body = p.zalo_event("user_seen_message", "85", message={"msg_ids": ["a"]})
    assert post_zalo(client, body) == 200
    assert fake.sent == []


@pytest.mark.parametrize("event", ["user_send_image", "user_send_sticker", "user_send_audio", "user_send_location"])
def test_zalo_attachments_get_a_polite_text_only_answer(client: FlaskClient, fake: FakePlatforms, event: str) -> None:
    body = p.zalo_event(
        event, "86", message={"msg_id": f"att-{event}", "attachments": [{"type": "image", "payload": {}}]}
    )
    assert post_zalo(client, body) == 200
    assert len(fake.to("86")) == 1 and "gõ chữ" in fake.to("86")[0].text


def test_messenger_attachment_and_get_started(client: FlaskClient, fake: FakePlatforms) -> None:
    item = p.fb_messaging_text("", "87")
    item["message"] = {"mid": "m_att", "attachments": [{"type": "audio", "payload": {"url": "https://x"}}]}
    assert post_fb(client, p.fb_body(item, p.fb_postback("GET_STARTED", "Bắt đầu", "88"))) == 200
    assert "gõ chữ" in fake.to("87")[0].text
    welcome = fake.to("88")[0]
    assert "Xin chào" in welcome.text and "Tra cứu hồ sơ" in welcome.button_titles


def test_zalo_follow_gets_welcome_with_privacy_notice(client: FlaskClient, fake: FakePlatforms) -> None:
    assert post_zalo(client, p.zalo_event("follow", "89")) == 200
    welcome = fake.to("89")[0]
    assert "xóa dữ liệu" in welcome.text and "Đánh giá" in welcome.button_titles


def test_messenger_verification(client: FlaskClient) -> None:
    ok = client.get(
        "/webhooks/facebook",
        query_string={"hub.mode": "subscribe", "hub.verify_token": p.FB_VERIFY_TOKEN, "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.get_data(as_text=True) == "1158201444"
    assert ok.mimetype == "text/plain" and ok.headers["X-Content-Type-Options"] == "nosniff"
    markup = client.get(
        "/webhooks/facebook",
        query_string={"hub.mode": "subscribe", "hub.verify_token": p.FB_VERIFY_TOKEN, "hub.challenge": "<b>x</b>"},
    )
    assert markup.mimetype == "text/plain" and markup.get_data(as_text=True) == "<b>x</b>"
    bad = client.get(
        "/webhooks/facebook", query_string={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"}
    )
    assert bad.status_code == 403
    assert client.get("/webhooks/facebook").status_code == 403


def test_disabled_channels_answer_404_and_app_starts(tmp_path: object, fake: FakePlatforms) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    config = base_config(tmp_path)
    for key in ("ZALO_APP_ID", "ZALO_OA_SECRET_KEY", "FB_APP_SECRET", "FB_VERIFY_TOKEN"):
        config[key] = ""
    client = create_app(config).test_client()
    raw, headers = p.zalo_request(p.zalo_text("xin chào"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 404
    assert client.get("/webhooks/facebook").status_code == 404
    raw, headers = p.fb_request(p.fb_body(p.fb_messaging_text("hi")))
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 404


def test_healthz(client: FlaskClient, rt: Runtime) -> None:
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.get_json()["status"] == "ok"
    rt.db.engine.dispose()
    original = rt.db.engine.url
    from sqlalchemy import create_engine

    rt.db.engine = create_engine("sqlite:////nonexistent-dir/x.sqlite3")
    resp = client.get("/healthz")
    assert resp.status_code == 503 and resp.get_json()["failing"] == ["database"]
    rt.db.engine = create_engine(original)


def test_healthz_names_redis_when_it_is_down(tmp_path: Path, fake: FakePlatforms) -> None:
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"})
    resources(app).runtime.db.upgrade()
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["failing"] == ["redis"] and resp.get_json()["database"] == "ok"


def test_unfollow_clears_state_without_answer(client: FlaskClient, fake: FakePlatforms, rt: Runtime) -> None:
    assert post_zalo(client, p.zalo_text("tra cứu hồ sơ", "90")) == 200
    assert rt.redis.get("dialog:zalo:90")
    assert post_zalo(client, p.zalo_event("unfollow", "90")) == 200
    assert rt.redis.get("dialog:zalo:90") is None
    assert len(fake.to("90")) == 1


def test_redis_down_without_a_spool_answers_500_so_the_platform_retries(tmp_path: object, fake: FakePlatforms) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0", "SPOOL_DIR": "off"})
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "redis-down"))
    resp = app.test_client().post("/webhooks/zalo", data=raw, headers=headers)
    assert resp.status_code == 500 and resp.get_json() == {"error": "temporarily unavailable"}
    assert fake.sent == []


def test_redis_down_with_the_spool_answers_200_and_keeps_the_event_on_disk(tmp_path: Path, fake: FakePlatforms) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"})
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "redis-down-spooled"))
    resp = app.test_client().post("/webhooks/zalo", data=raw, headers=headers)
    assert resp.status_code == 200
    spool = resources(app).inbox.spool
    assert spool is not None
    assert not spool.flush(timeout=0.3)  # Redis cannot take it yet
    (file,) = (tmp_path / "spool").glob("*.spool")
    assert b'"redis-down-spooled"' in file.read_bytes()
    assert fake.sent == []
    health = app.test_client().get("/healthz")
    assert health.status_code == 503 and health.get_json()["failing"] == ["redis"]
    assert health.get_json()["spool_waiting_bytes"] == file.stat().st_size
    spool.abandon()


def test_a_full_spool_answers_503_and_takes_nothing(tmp_path: Path, fake: FakePlatforms) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"})
    spool = resources(app).inbox.spool
    assert spool is not None
    spool.max_backlog = 600
    client = app.test_client()
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "fits"))
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    size = spool.pending()
    raw, headers = p.zalo_request(p.zalo_text("xin chào " * 40, "too-much"))
    resp = client.post("/webhooks/zalo", data=raw, headers=headers)
    assert resp.status_code == 503 and resp.get_json() == {"error": "temporarily unavailable"}
    assert spool.pending() == size
    (file,) = (tmp_path / "spool").glob("*.spool")
    assert b"too-much" not in file.read_bytes()
    spool.abandon()


def test_a_spool_folder_that_cannot_be_made_stops_the_app_at_start(tmp_path: Path) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OSError):
        create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0", "SPOOL_DIR": str(blocker / "s")})
