"""Facebook Messenger: webhook events in, Send API out."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import requests

from bot.events import EventKind, InboundEvent, Platform
from bot.replies import Button, Reply, split_text
from integrations.base import (
    BadPayload,
    BadSignature,
    HandshakeAnswer,
    SendError,
    WebhookRequest,
    hmac_sha256_hex,
    same,
)

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000
TEMPLATE_TEXT_LIMIT = 640
MAX_QUICK_REPLIES = 13
QUICK_REPLY_TITLE = 20
MAX_TEMPLATE_BUTTONS = 3
GET_STARTED = "GET_STARTED"
PAGE_INBOX_APP_ID = 263902037430900
TRANSIENT_CODES = {1, 2, 4, 17, 32, 613, 1200}
FINAL_CODES = {10, 190, 200, 551, 2018278, 2018108, 2018109}
OUTSIDE_WINDOW = {"10/2018278", "10"}


class MessengerChannel:
    """Messenger Platform adapter."""

    platform = Platform.MESSENGER

    def __init__(
        self,
        *,
        app_secret: str,
        verify_token: str,
        page_token: str,
        graph_base: str,
        graph_version: str,
        http: requests.Session,
    ) -> None:
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.page_token = page_token
        self.send_url = f"{graph_base.rstrip('/')}/{graph_version}/me/messages"
        self.http = http

    def handshake(self, req: WebhookRequest) -> HandshakeAnswer:
        """hub.challenge echoed back when the verify token matches."""
        if req.args.get("hub.mode") == "subscribe" and same(req.args.get("hub.verify_token", ""), self.verify_token):
            return HandshakeAnswer(200, req.args.get("hub.challenge", ""))
        return HandshakeAnswer(403, "forbidden")

    def verify(self, req: WebhookRequest) -> None:
        """X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body)."""
        header = req.headers.get("X-Hub-Signature-256", "")
        if not header.startswith("sha256="):
            raise BadSignature("missing X-Hub-Signature-256")
        if not same(header[len("sha256=") :].strip().lower(), hmac_sha256_hex(self.app_secret, req.body)):
            raise BadSignature("wrong X-Hub-Signature-256")

    def parse(self, req: WebhookRequest) -> list[InboundEvent]:
        """Every messaging event of every entry; echoes and receipts dropped, standby messages marked as such."""
        data = req.json
        if data.get("object") != "page" or not isinstance(data.get("entry"), list):
            raise BadPayload("not a page event")
        events: list[InboundEvent] = []
        for entry in data["entry"]:
            if not isinstance(entry, dict):
                raise BadPayload("entry is not an object")
            messaging, standby = entry.get("messaging", []), entry.get("standby", [])
            if not isinstance(messaging, list) or not isinstance(standby, list):
                raise BadPayload("messaging or standby is not a list")
            for item in messaging:
                event = _parse_messaging(item)
                if event is not None:
                    events.append(event)
            # standby[] arrives while another app (the Page Inbox) holds the thread: staff are answering.
            for item in standby:
                event = _parse_messaging(item)
                if event is not None and event.kind in (EventKind.TEXT, EventKind.PAYLOAD):
                    events.append(replace(event, kind=EventKind.STANDBY))
        return events

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """Message objects: text chunks; quick replies, or a button template when a button opens a URL."""
        buttons = reply.buttons
        if any(b.url for b in buttons) and len(reply.text) <= TEMPLATE_TEXT_LIMIT:
            return [
                {
                    "attachment": {
                        "type": "template",
                        "payload": {
                            "template_type": "button",
                            "text": reply.text,
                            "buttons": [_template_button(b) for b in buttons[:MAX_TEMPLATE_BUTTONS]],
                        },
                    }
                }
            ]
        chunks = split_text(reply.text, TEXT_LIMIT) or [" "]
        messages: list[dict[str, Any]] = [{"text": c} for c in chunks]
        quick = [b for b in buttons if not b.url][:MAX_QUICK_REPLIES]
        if quick:
            messages[-1]["quick_replies"] = [
                {"content_type": "text", "title": b.title[:QUICK_REPLY_TITLE], "payload": b.value} for b in quick
            ]
        return messages

    def send(self, user_id: str, reply: Reply, *, update: bool = False) -> None:
        """POST each message to the Send API; an update outside the 24-hour window goes out tagged."""
        for message in self.render(reply):
            body: dict[str, Any] = {
                "recipient": {"id": user_id},
                "messaging_type": "UPDATE" if update else "RESPONSE",
                "message": message,
            }
            try:
                self._post(body)
            except SendError as exc:
                if not (update and exc.code in OUTSIDE_WINDOW):
                    raise
                # DOMAIN.md: ACCOUNT_UPDATE is the fallback tag for a status change while Meta still accepts it.
                self._post({**body, "messaging_type": "MESSAGE_TAG", "tag": "ACCOUNT_UPDATE"})

    def hand_over(self, user_id: str) -> None:
        """Pass thread control to the Page Inbox so staff answer in Meta Business Suite."""
        self.send_raw("/me/pass_thread_control", {
            "recipient": {"id": user_id}, "target_app_id": PAGE_INBOX_APP_ID, "metadata": "contact_human",
        })

    def take_back(self, user_id: str) -> None:
        """Take thread control back from the Page Inbox (the bot is the primary receiver)."""
        self.send_raw("/me/take_thread_control", {"recipient": {"id": user_id}, "metadata": "user_asked_for_bot"})

    def send_raw(self, path: str, body: dict[str, Any]) -> None:
        """POST another Graph call (messenger profile, handover) with the page token."""
        url = self.send_url.rsplit("/me/messages", 1)[0] + path
        self._post(body, url=url)

    def _post(self, body: dict[str, Any], url: str | None = None) -> None:
        try:
            resp = self.http.post(url or self.send_url, params={"access_token": self.page_token}, json=body)
        except requests.RequestException as exc:
            raise SendError("Graph API unreachable", code="network", transient=True) from exc
        if resp.status_code < 400:
            return
        try:
            error = resp.json().get("error", {})
        except ValueError:
            error = {}
        code = int(error.get("code", 0) or 0) if isinstance(error, dict) else 0
        sub = int(error.get("error_subcode", 0) or 0) if isinstance(error, dict) else 0
        transient = (
            resp.status_code >= 500 or resp.status_code == 429 or (code in TRANSIENT_CODES and sub not in FINAL_CODES)
        )
        if code in FINAL_CODES or sub in FINAL_CODES:
            transient = False
        raise SendError(
            f"Graph error {code}/{sub} (HTTP {resp.status_code})",
            code=f"{code}/{sub}" if sub else str(code),
            transient=transient,
        )


def _template_button(b: Button) -> dict[str, str]:
    if b.url:
        return {"type": "web_url", "title": b.title[:20], "url": b.url}
    return {"type": "postback", "title": b.title[:20], "payload": b.value}


def _parse_messaging(item: object) -> InboundEvent | None:
    if not isinstance(item, dict):
        raise BadPayload("messaging event is not an object")
    sender = item.get("sender")
    if not isinstance(sender, dict) or not sender.get("id"):
        raise BadPayload("sender.id missing")
    user = str(sender["id"])
    ts = int(item.get("timestamp", 0) or 0)
    message = item.get("message")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        mid = str(message.get("mid", ""))
        if not mid:
            raise BadPayload("message.mid missing")
        quick = message.get("quick_reply")
        if isinstance(quick, dict) and quick.get("payload"):
            return InboundEvent(
                Platform.MESSENGER,
                user,
                EventKind.PAYLOAD,
                message_id=mid,
                text=str(message.get("text", "")),
                payload=str(quick["payload"]),
                timestamp_ms=ts,
            )
        text = message.get("text")
        if isinstance(text, str) and text:
            return InboundEvent(Platform.MESSENGER, user, EventKind.TEXT, message_id=mid, text=text, timestamp_ms=ts)
        attachments = message.get("attachments")
        if isinstance(attachments, list) and attachments:
            first = attachments[0] if isinstance(attachments[0], dict) else {}
            kind = str(first.get("type", "file"))
            if kind == "image" and isinstance(first.get("payload"), dict) and first["payload"].get("sticker_id"):
                kind = "sticker"
            return InboundEvent(
                Platform.MESSENGER, user, EventKind.ATTACHMENT, message_id=mid, attachment_type=kind, timestamp_ms=ts
            )
        return None
    postback = item.get("postback")
    if isinstance(postback, dict):
        payload = str(postback.get("payload", ""))
        mid = str(postback.get("mid") or f"postback:{user}:{ts}:{payload}")
        if payload == GET_STARTED:
            return InboundEvent(
                Platform.MESSENGER, user, EventKind.FOLLOW, message_id=mid, payload=payload, timestamp_ms=ts
            )
        return InboundEvent(
            Platform.MESSENGER,
            user,
            EventKind.PAYLOAD,
            message_id=mid,
            text=str(postback.get("title", "")),
            payload=payload,
            timestamp_ms=ts,
        )
    return None  # delivery, read, reaction, referral, optin: nothing to answer
