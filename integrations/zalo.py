"""Zalo Official Account: webhook events in, /v3.0/oa/message/cs out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
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
    epoch_ms,
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
USER_EVENTS = {"user_send_text", "user_submit_info", *ATTACHMENT_EVENTS}
REPLAY_WINDOW_MS = 48 * 3600 * 1000  # SPEC §4.1: an older event is a replay (the dedup keys last 3 days)
MAX_ID = 64


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
        clock: Callable[[], float] = time.time,
    ):
        self.app_id = app_id
        self.oa_secret_key = oa_secret_key
        self.api_base = api_base.rstrip("/")
        self.zns_api_base = zns_api_base.rstrip("/")
        self.tokens = tokens
        self.http = http
        self.clock = clock

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
        timestamp = _signed_timestamp(req.json)
        mac = header.strip().removeprefix("mac=")
        expected = sha256_hex(self.app_id.encode() + req.body + timestamp.encode() + self.oa_secret_key.encode())
        if not same(mac, expected):
            raise BadSignature("wrong X-ZEvent-Signature")

    def parse(self, req: WebhookRequest) -> list[InboundEvent]:
        """The POST's one event, if the bot acts on it; echoes become staff messages or nothing."""
        data = req.json
        name = data.get("event_name")
        if not isinstance(name, str) or not name:
            raise BadPayload("event_name missing")
        _signed_timestamp(data)
        ts = epoch_ms(data.get("timestamp"))
        if self.clock() * 1000 - ts > REPLAY_WINDOW_MS:
            log.info("zalo %s event older than 48 hours dropped (replay)", name[:40])
            return []
        try:
            event = _event(name, data, ts)
        except _Skip as exc:
            log.info("zalo %s event skipped: %s", name[:40], exc)
            return []
        return [event] if event is not None else []

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


class _Skip(Exception):
    """An event that cannot be attributed or read: accepted and ignored."""


def _signed_timestamp(data: dict[str, Any]) -> str:
    """The body's `timestamp` as the string it is (the signature covers it); BadPayload when there is none."""
    timestamp = data.get("timestamp")
    if isinstance(timestamp, bool) or not isinstance(timestamp, str | int):
        raise BadPayload("timestamp missing")
    return str(timestamp)


def _event(name: str, data: dict[str, Any], ts: int) -> InboundEvent | None:
    """The InboundEvent of one Zalo event; None for the kinds the bot does not act on."""
    if name in ("follow", "unfollow"):
        user = _id(data.get("follower"))
        kind = EventKind.FOLLOW if name == "follow" else EventKind.UNFOLLOW
        return InboundEvent(Platform.ZALO, user, kind, message_id=f"{name}:{user}:{ts}", timestamp_ms=ts)
    if name.startswith("oa_send_"):
        sender = data.get("sender")
        if not (isinstance(sender, dict) and sender.get("admin_id")):
            return None  # the bot's own message (sent through the API)
        user = _id(data.get("recipient"))
        return InboundEvent(
            Platform.ZALO, user, EventKind.STAFF_MESSAGE, message_id=_msg_id(data, name, user, ts), timestamp_ms=ts
        )
    if name == "user_withdraw":
        # The documented body carries a flat user_id; older samples a sender object.
        user = _id(data.get("sender") or data.get("follower") or {"id": data.get("user_id")})
        return InboundEvent(
            Platform.ZALO, user, EventKind.WITHDRAW, message_id=f"withdraw:{user}:{ts}", timestamp_ms=ts
        )
    if name not in USER_EVENTS:
        # user_click_chatnow (flat user_id, no sender), receipts, reactions, calls, anonymous and group
        # messages, tags, shop and ZNS events: nothing the bot answers.
        return None
    user = _id(data.get("sender"))
    if name == "user_submit_info":
        # The form's answers (name, phone, address) are for the officials who asked in the OA chat tool;
        # the bot only acknowledges, so none of them leaves this function.
        return InboundEvent(
            Platform.ZALO, user, EventKind.INFO_SUBMITTED, message_id=f"info:{user}:{ts}", timestamp_ms=ts
        )
    message = data.get("message")
    if not isinstance(message, dict):
        raise _Skip("no message")
    msg_id = _msg_id(data, name, user, ts)
    text = message.get("text")
    # user_send_link is what Zalo sends for any typed message containing a URL: message.text is the whole
    # typed text (a dossier code may be in it), the link preview is in the attachment.
    if name in ("user_send_text", "user_send_link") and isinstance(text, str) and text.strip():
        return InboundEvent(Platform.ZALO, user, EventKind.TEXT, message_id=msg_id, text=text, timestamp_ms=ts)
    if name == "user_send_text":
        raise _Skip("no message.text")
    return InboundEvent(
        Platform.ZALO,
        user,
        EventKind.ATTACHMENT,
        message_id=msg_id,
        attachment_type=ATTACHMENT_EVENTS[name],
        timestamp_ms=ts,
        attachment_url=_attachment_url(message),
    )


def _attachment_url(message: dict[str, Any]) -> str:
    """message.attachments[0].payload.url: the full-size file (an image also has a `thumbnail`)."""
    attachments = message.get("attachments")
    first = attachments[0] if isinstance(attachments, list) and attachments else None
    payload = first.get("payload") if isinstance(first, dict) else None
    url = payload.get("url") if isinstance(payload, dict) else None
    return url if isinstance(url, str) else ""


def _int(value: object) -> int:
    """A number given as a string or an integer; 0 for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    digits = value.removeprefix("-") if isinstance(value, str) else ""
    if digits.isascii() and digits.isdigit() and len(digits) <= 18:
        return int(str(value))
    return 0


def _id(obj: object) -> str:
    """The id of a sender / recipient / follower object (Zalo ids are strings past 2^53)."""
    user = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(user, int) and not isinstance(user, bool):
        user = str(user)
    if not isinstance(user, str) or not user or len(user) > MAX_ID:
        raise _Skip("no user id")
    return user


def _msg_id(data: dict[str, Any], name: str, user: str, ts: int) -> str:
    """message.msg_id; one made of the event when it is missing (redeliveries carry the same timestamp)."""
    message = data.get("message")
    msg_id = message.get("msg_id") if isinstance(message, dict) else None
    if isinstance(msg_id, str) and msg_id and len(msg_id) <= MAX_ID:
        return msg_id
    return f"{name}:{user}:{ts}"
