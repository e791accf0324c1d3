"""Real-shaped, correctly signed Zalo and Messenger webhook payloads, and push API bodies."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

ZALO_APP_ID = "4312345678901234567"
ZALO_OA_ID = "579745863508352884"
ZALO_OA_SECRET = "oa-secret-Zx9w"
FB_APP_SECRET = "fb-app-secret-42"
FB_VERIFY_TOKEN = "verify-me-please"
FB_PAGE_ID = "104512345678901"
PUSH_TOKEN = "push-token-7f3a"

_seq = itertools.count(1)


def now_ms() -> int:
    """Milliseconds since the epoch."""
    return int(time.time() * 1000)


def zalo_event(event_name: str, user_id: str = "2512523625412515", **fields: Any) -> dict[str, Any]:
    """A Zalo OA event as the platform sends it."""
    body: dict[str, Any] = {
        "app_id": ZALO_APP_ID,
        "user_id_by_app": "5523012345678",
        "event_name": event_name,
        "timestamp": str(now_ms()),
    }
    if event_name in ("follow", "unfollow"):
        body["oa_id"] = ZALO_OA_ID
        body["follower"] = {"id": user_id}
        body["source"] = "oa_profile"
    else:
        body["sender"] = {"id": user_id}
        body["recipient"] = {"id": ZALO_OA_ID}
    body.update(fields)
    return body


def zalo_text(text: str, user_id: str = "2512523625412515", msg_id: str | None = None) -> dict[str, Any]:
    """user_send_text."""
    return zalo_event("user_send_text", user_id, message={"msg_id": msg_id or f"zmsg{next(_seq):06d}", "text": text})


def zalo_sign(raw: bytes, timestamp: str, app_id: str = ZALO_APP_ID, secret: str = ZALO_OA_SECRET) -> str:
    """X-ZEvent-Signature value."""
    return "mac=" + hashlib.sha256(app_id.encode() + raw + timestamp.encode() + secret.encode()).hexdigest()


def zalo_request(body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """Raw bytes and headers of a signed Zalo POST."""
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return raw, {"Content-Type": "application/json", "X-ZEvent-Signature": zalo_sign(raw, str(body["timestamp"]))}


def fb_messaging_text(text: str, psid: str = "6789012345678901", mid: str | None = None) -> dict[str, Any]:
    """One messaging item with a text message."""
    return {
        "sender": {"id": psid},
        "recipient": {"id": FB_PAGE_ID},
        "timestamp": now_ms(),
        "message": {"mid": mid or f"m_{next(_seq):08d}AbCdEf", "text": text},
    }


def fb_quick_reply(payload: str, title: str, psid: str = "6789012345678901") -> dict[str, Any]:
    """A quick-reply tap (a message, not a postback)."""
    item = fb_messaging_text(title, psid)
    item["message"]["quick_reply"] = {"payload": payload}
    return item


def fb_postback(payload: str, title: str = "", psid: str = "6789012345678901") -> dict[str, Any]:
    """A postback (button template, persistent menu, Get Started)."""
    return {
        "sender": {"id": psid},
        "recipient": {"id": FB_PAGE_ID},
        "timestamp": now_ms(),
        "postback": {"title": title, "payload": payload, "mid": f"m_pb{next(_seq):08d}"},
    }


def fb_body(*messaging: dict[str, Any], entries: int = 1) -> dict[str, Any]:
    """A page event; messaging items spread over `entries` entry objects."""
    groups: list[list[dict[str, Any]]] = [[] for _ in range(entries)]
    for i, item in enumerate(messaging):
        groups[i % entries].append(item)
    return {"object": "page", "entry": [{"id": FB_PAGE_ID, "time": now_ms(), "messaging": g} for g in groups]}


def fb_request(body: dict[str, Any], secret: str = FB_APP_SECRET) -> tuple[bytes, dict[str, str]]:
    """Raw bytes and headers of a signed Messenger POST."""
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    sig = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={sig}"}


def spec_body(**changes: Any) -> dict[str, Any]:
    """A push API body (SPEC §5) of a birth registration in Tân An; `changes` replace its fields."""
    body: dict[str, Any] = {
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "agency_code": "000.31.25.H59",
        "agency_name": "UBND xã Tân An",
        "status": 4,
        "received_at": "2026-11-02T08:30:00+07:00",
        "due_at": "2026-11-05T17:00:00+07:00",
        "finished_at": None,
        "returned_at": None,
        "current_step": "Công chức tư pháp - hộ tịch thẩm định",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "national_code": None,
    }
    body.update(changes)
    return body
