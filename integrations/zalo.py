"""Zalo Official Account: webhook events in, /v3.0/oa/message/cs out."""

from __future__ import annotations

import logging
from typing import Any

import requests

from bot.events import EventKind, InboundEvent, Platform
from bot.replies import Reply, split_text
from integrations.base import (
    BadPayload,
    BadSignature,
    HandshakeAnswer,
    SendError,
    WebhookRequest,
    same,
    sha256_hex,
)
from integrations.zalo_tokens import ZaloTokens

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000
MAX_BUTTONS = 5
INVALID_TOKEN = {-216, -124}
FINAL_ERRORS = {-230, -232, -213, -201}  # not interacted within 7 days, user blocked the OA, bad user
OUTSIDE_WINDOW = {"-230", "-232"}  # SendError codes: the user has not written for 7 days (a ZNS template may go)
TRANSIENT_ERRORS = {-32, -50}  # rate limit, internal error
ATTACHMENT_EVENTS = {
    "user_send_image": "image",
    "user_send_gif": "image",
    "user_send_sticker": "sticker",
    "user_send_audio": "voice",
    "user_send_voice": "voice",
    "user_send_video": "video",
    "user_send_location": "location",
    "user_send_file": "file",
    "user_send_link": "link",
    "user_send_business_card": "contact",
}


class ZaloChannel:
    """Zalo OA adapter."""

    platform = Platform.ZALO

    def __init__(
        self,
        *,
        app_id: str,
        oa_secret_key: str,
        api_base: str,
        tokens: ZaloTokens,
        http: requests.Session,
        zns_api_base: str = "https://business.openapi.zalo.me",
    ):
        self.app_id = app_id
        self.oa_secret_key = oa_secret_key
        self.api_base = api_base.rstrip("/")
        self.zns_api_base = zns_api_base.rstrip("/")
        self.tokens = tokens
        self.http = http

    def handshake(self, req: WebhookRequest) -> HandshakeAnswer:
        """Zalo has no GET verification; answer plainly."""
        return HandshakeAnswer(200, "ok")

    @staticmethod
    def is_probe(req: WebhookRequest) -> bool:
        """The unsigned `{}` Zalo sends when the webhook URL is saved (DOMAIN.md, unverified)."""
        return req.body.strip() in (b"", b"{}") and not req.headers.get("X-ZEvent-Signature")

    def verify(self, req: WebhookRequest) -> None:
        """mac = sha256(app_id + raw body + timestamp + OA secret key), timestamp from the body."""
        header = req.headers.get("X-ZEvent-Signature", "")
        if not header:
            raise BadSignature("missing X-ZEvent-Signature")
        data = req.json
        timestamp = data.get("timestamp")
        if not isinstance(timestamp, str | int):
            raise BadSignature("no timestamp to verify")
        mac = header.strip().removeprefix("mac=")
        expected = sha256_hex(self.app_id.encode() + req.body + str(timestamp).encode() + self.oa_secret_key.encode())
        if not same(mac, expected):
            raise BadSignature("wrong X-ZEvent-Signature")

    def parse(self, req: WebhookRequest) -> list[InboundEvent]:
        """One event per POST; echoes become staff messages or nothing."""
        data = req.json
        name = data.get("event_name")
        if not isinstance(name, str) or not name:
            raise BadPayload("event_name missing")
        ts = _int(data.get("timestamp"))
        if name in ("follow", "unfollow"):
            user = _id(data.get("follower"))
            kind = EventKind.FOLLOW if name == "follow" else EventKind.UNFOLLOW
            return [InboundEvent(Platform.ZALO, user, kind, message_id=f"{name}:{user}:{ts}", timestamp_ms=ts)]
        if name.startswith("oa_send_"):
            sender = data.get("sender")
            if isinstance(sender, dict) and sender.get("admin_id"):
                user = _id(data.get("recipient"))
                return [
                    InboundEvent(
                        Platform.ZALO, user, EventKind.STAFF_MESSAGE, message_id=_msg_id(data, name), timestamp_ms=ts
                    )
                ]
            return []
        if name == "user_withdraw":
            user = _id(data.get("sender") or data.get("user") or data.get("follower"))
            return [
                InboundEvent(
                    Platform.ZALO, user, EventKind.WITHDRAW, message_id=f"withdraw:{user}:{ts}", timestamp_ms=ts
                )
            ]
        if not name.startswith("user_"):
            return []
        user = _id(data.get("sender"))
        if name == "user_send_text":
            message = _message(data)
            text = message.get("text")
            if not isinstance(text, str):
                raise BadPayload("message.text missing")
            return [
                InboundEvent(
                    Platform.ZALO, user, EventKind.TEXT, message_id=_msg_id(data, name), text=text, timestamp_ms=ts
                )
            ]
        if name in ATTACHMENT_EVENTS:
            return [
                InboundEvent(
                    Platform.ZALO,
                    user,
                    EventKind.ATTACHMENT,
                    message_id=_msg_id(data, name),
                    attachment_type=ATTACHMENT_EVENTS[name],
                    timestamp_ms=ts,
                    attachment_url=_attachment_url(data),
                )
            ]
        if name == "user_submit_info":
            info = data.get("info")
            phone = str(info.get("phone", "")) if isinstance(info, dict) else ""
            return [
                InboundEvent(
                    Platform.ZALO, user, EventKind.PHONE, message_id=f"info:{user}:{ts}", text=phone, timestamp_ms=ts
                )
            ]
        return []

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """Zalo message objects: text chunks, buttons (≤ 5) on the last one."""
        chunks = split_text(reply.text, TEXT_LIMIT) or [" "]
        messages: list[dict[str, Any]] = [{"text": c} for c in chunks]
        if reply.buttons:
            buttons: list[dict[str, Any]] = []
            for b in reply.buttons[:MAX_BUTTONS]:
                if b.url:
                    buttons.append({"title": b.title, "type": "oa.open.url", "payload": {"url": b.url}})
                else:
                    # oa.query.show: a press comes back as the user's own text carrying the payload.
                    buttons.append({"title": b.title, "type": "oa.query.show", "payload": b.value})
            messages[-1]["attachment"] = {"type": "template", "payload": {"buttons": buttons}}
        return messages

    def send(self, user_id: str, reply: Reply, *, update: bool = False) -> None:
        """Send each message of the reply; refresh the token once on -216."""
        for message in self.render(reply):
            self._post_message(user_id, message)

    def send_template(self, phone: str, template_id: str, data: dict[str, str], tracking_id: str) -> None:
        """A ZNS message: an approved template sent to a phone number (84...), outside the 7-day window."""
        body = {"phone": phone, "template_id": template_id, "template_data": data, "tracking_id": tracking_id}
        self._with_token(f"{self.zns_api_base}/message/template", body)

    def _post_message(self, user_id: str, message: dict[str, Any]) -> None:
        self._with_token(f"{self.api_base}/v3.0/oa/message/cs", {"recipient": {"user_id": user_id}, "message": message})

    def _with_token(self, url: str, body: dict[str, Any]) -> None:
        """POST with the OA access token; on an invalid token refresh once and post once more."""
        token = self.tokens.current().access_token
        try:
            self._post(token, url, body)
        except SendError as exc:
            if not exc.invalid_token:
                raise
            token = self.tokens.refresh(token).access_token
            self._post(token, url, body)

    def _post(self, token: str, url: str, body: dict[str, Any]) -> None:
        try:
            resp = self.http.post(url, json=body, headers={"access_token": token})
        except requests.RequestException as exc:
            raise SendError("Zalo unreachable", code="network", transient=True) from exc
        if resp.status_code >= 500 or resp.status_code == 429:
            raise SendError(f"Zalo HTTP {resp.status_code}", code=str(resp.status_code), transient=True)
        try:
            data = resp.json()
        except ValueError as exc:
            raise SendError(f"Zalo HTTP {resp.status_code}, not JSON", code=str(resp.status_code)) from exc
        error = _int(data.get("error", 0)) if isinstance(data, dict) else -1
        if resp.status_code == 200 and error == 0:
            return
        detail = str(data.get("message", "")) if isinstance(data, dict) else ""
        raise SendError(
            f"Zalo error {error}: {detail}"[:300],
            code=str(error),
            transient=error in TRANSIENT_ERRORS,
            invalid_token=error in INVALID_TOKEN,
        )


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _id(obj: object) -> str:
    if isinstance(obj, dict) and isinstance(obj.get("id"), str | int) and str(obj["id"]):
        return str(obj["id"])
    raise BadPayload("user id missing")


def _message(data: dict[str, Any]) -> dict[str, Any]:
    message = data.get("message")
    if not isinstance(message, dict):
        raise BadPayload("message missing")
    return message


def _msg_id(data: dict[str, Any], name: str) -> str:
    msg_id = _message(data).get("msg_id")
    if not isinstance(msg_id, str) or not msg_id:
        raise BadPayload("message.msg_id missing")
    return msg_id


def _attachment_url(data: dict[str, Any]) -> str:
    """message.attachments[0].payload.url: the full-size file (an image also has a `thumbnail`)."""
    attachments = _message(data).get("attachments")
    first = attachments[0] if isinstance(attachments, list) and attachments else None
    payload = first.get("payload") if isinstance(first, dict) else None
    url = payload.get("url") if isinstance(payload, dict) else None
    return url if isinstance(url, str) else ""
