"""Facebook Messenger: webhook events in, Send API out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
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
    epoch_ms,
    hmac_sha256_hex,
    same,
)

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000
TEMPLATE_TEXT_LIMIT = 640
MAX_QUICK_REPLIES = 13
QUICK_REPLY_TITLE = 20
MAX_TEMPLATE_BUTTONS = 3
HEADING_LIMIT = 120  # a template that repeats a long text's first line
GET_STARTED = "GET_STARTED"
PAGE_INBOX_APP_ID = 263902037430900
TRANSIENT_CODES = {1, 2, 4, 17, 32, 613, 1200}
FINAL_CODES = {10, 190, 200, 551, 2018278, 2018108, 2018109}
OUTSIDE_WINDOW = {"10/2018278", "10"}
MAX_ID = 64  # PSIDs are about 16 digits
MAX_MID = 512  # message ids are about 100 characters


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
        """Every messaging event of every entry; an item that is odd, or not a user's, is skipped alone."""
        data = req.json
        if data.get("object") != "page":
            log.info("messenger POST for another object than a page ignored")
            return []
        entries = data.get("entry")
        if not isinstance(entries, list):
            raise BadPayload("entry is not a list")
        events: list[InboundEvent] = []
        skipped: list[str] = []
        for entry in entries:
            if not isinstance(entry, dict):
                skipped.append("entry is not an object")
                continue
            for channel in ("messaging", "standby"):
                items = entry.get(channel, [])
                if not isinstance(items, list):
                    skipped.append(f"{channel} is not a list")
                    continue
                for item in items:
                    try:
                        event = _parse_item(item, standby=channel == "standby")
                    except _Skip as exc:
                        skipped.append(str(exc))
                        continue
                    if event is not None:
                        events.append(event)
        if skipped:
            log.info("messenger: %d item(s) skipped (%s)", len(skipped), "; ".join(sorted(set(skipped))))
        return events

    def render(self, reply: Reply, later: Sequence[Reply] = ()) -> list[dict[str, Any]]:
        """Message objects of one reply; `later`: the replies the same turn sends after it."""
        # Messenger: quick replies vanish once any later message arrives, template postback buttons stay;
        # a URL button needs a button template (text <= 640, 1-3 buttons), which may carry quick replies.
        # So an earlier reply puts its own buttons (not those a later reply offers too) in templates; the
        # last keeps quick replies, and with a URL, those past the template's three ride on it.
        if later:
            offered = {_key(b) for r in later for b in r.buttons}
            own = [b for b in reply.buttons if _key(b) not in offered]
            return _with_templates(reply.text, own, quick_overflow=False) if own else _text_messages(reply.text)
        if any(b.url for b in reply.buttons):
            return _with_templates(reply.text, reply.buttons, quick_overflow=True)
        messages = _text_messages(reply.text)
        if reply.buttons:
            messages[-1]["quick_replies"] = _quick_replies(reply.buttons)
        return messages

    def send(self, user_id: str, reply: Reply, *, update: bool = False) -> None:
        """POST each message to the Send API (as the last reply of its turn)."""
        self.send_in_turn(user_id, reply, (), update=update)

    def send_in_turn(self, user_id: str, reply: Reply, later: Sequence[Reply], *, update: bool = False) -> None:
        """POST each message of a reply followed by `later`; an update outside the 24-hour window goes out tagged."""
        for i, message in enumerate(self.render(reply, later)):
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
                self._send_tagged(user_id, reply, later, start=i)
                return

    def _send_tagged(self, user_id: str, reply: Reply, later: Sequence[Reply], *, start: int) -> None:
        """Outside the 24 hours: the rest of an update goes out tagged, without any survey button (a tagged
        message may not ask for feedback). DOMAIN.md: ACCOUNT_UPDATE is the fallback tag for a status change
        while Meta still accepts it."""
        messages = self.render(_without_surveys(reply), [_without_surveys(r) for r in later])
        for message in messages[start:]:
            self._post({
                "recipient": {"id": user_id},
                "messaging_type": "MESSAGE_TAG",
                "tag": "ACCOUNT_UPDATE",
                "message": message,
            })

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


def _without_surveys(reply: Reply) -> Reply:
    return replace(reply, buttons=tuple(b for b in reply.buttons if not b.survey))


def _key(b: Button) -> tuple[str, str]:
    """What a button does: two buttons with the same key are the same choice."""
    return b.value, b.url


def _text_messages(text: str) -> list[dict[str, Any]]:
    return [{"text": c} for c in split_text(text, TEXT_LIMIT) or [" "]]


def _quick_replies(buttons: Sequence[Button]) -> list[dict[str, str]]:
    return [
        {"content_type": "text", "title": b.title[:QUICK_REPLY_TITLE], "payload": b.value}
        for b in buttons
        if not b.url
    ][:MAX_QUICK_REPLIES]


def _heading(text: str) -> str:
    """The first line of a text (a card's title names its dossier or procedure), cut at a word."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= HEADING_LIMIT:
        return line or " "
    return line[: HEADING_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def _template(text: str, buttons: Sequence[Button]) -> dict[str, Any]:
    return {
        "attachment": {
            "type": "template",
            "payload": {"template_type": "button", "text": text, "buttons": [_template_button(b) for b in buttons]},
        }
    }


def _with_templates(text: str, buttons: Sequence[Button], *, quick_overflow: bool) -> list[dict[str, Any]]:
    """Buttons in templates of three, URL buttons first; with quick_overflow, postbacks past three as quick replies."""
    ordered = sorted(buttons, key=lambda b: not b.url)  # stable: the handler's order otherwise
    boxed, quick = ordered, []
    if quick_overflow:
        boxed = ordered[:MAX_TEMPLATE_BUTTONS] + [b for b in ordered[MAX_TEMPLATE_BUTTONS:] if b.url]
        quick = [b for b in ordered[MAX_TEMPLATE_BUTTONS:] if not b.url]
    body = text.strip()
    messages: list[dict[str, Any]] = []
    caption = body or " "
    if len(body) > TEMPLATE_TEXT_LIMIT:
        messages, caption = _text_messages(text), _heading(text)
    for start in range(0, len(boxed), MAX_TEMPLATE_BUTTONS):
        group = boxed[start : start + MAX_TEMPLATE_BUTTONS]
        messages.append(_template(caption if start == 0 else _heading(text), group))
    if quick:
        messages[-1]["quick_replies"] = _quick_replies(quick)
    return messages


def _template_button(b: Button) -> dict[str, str]:
    if b.url:
        return {"type": "web_url", "title": b.title[:20], "url": b.url}
    return {"type": "postback", "title": b.title[:20], "payload": b.value}


class _Skip(Exception):
    """An item that cannot be handled: skipped alone, the rest of the POST goes on."""


def _text(value: object) -> str:
    """A string field, or "" for any other type."""
    return value if isinstance(value, str) else ""


def _user(item: dict[str, Any]) -> str:
    """The sender's PSID; plugin events with only `user_ref`, and Page-level events, have none."""
    sender = item.get("sender")
    psid = sender.get("id") if isinstance(sender, dict) else None
    if isinstance(psid, int) and not isinstance(psid, bool):
        psid = str(psid)
    if not isinstance(psid, str) or not psid or len(psid) > MAX_ID:
        raise _Skip("no sender.id")
    return psid


def _mid(value: object) -> str:
    mid = _text(value)
    if not mid or len(mid) > MAX_MID:
        raise _Skip("no message id")
    return mid


def _parse_item(item: object, *, standby: bool) -> InboundEvent | None:
    """One messaging (or standby) item; None for what the bot does not act on, _Skip for what it cannot read."""
    if not isinstance(item, dict):
        raise _Skip("item is not an object")
    user = _user(item)
    ts = epoch_ms(item.get("timestamp"))
    message, postback = item.get("message"), item.get("postback")
    if isinstance(message, dict):
        event = _message(message, user, ts)
    elif isinstance(postback, dict):
        if standby and not _text(postback.get("payload")):
            # Meta: "messaging_postback events delivered via the Standby channel will not include the postback
            # payload. The app that originally sent the postback button will receive the normal
            # messaging_postbacks webhook event that includes the postback payload." That copy is answered;
            # this one only tells that another app holds the thread.
            mid = _text(postback.get("mid"))[:MAX_MID]
            return _holder_news(user, ts, "inbox", f"standby:{mid}" if mid else "")
        event = _postback(postback, user, ts)
    elif standby:
        return None
    else:
        return _handover(item, user, ts)
    if event is not None and standby:
        # Only what the user said counts here; the bot speaks again only if they ask for it (engine).
        if event.kind not in (EventKind.TEXT, EventKind.PAYLOAD):
            return None
        return replace(event, kind=EventKind.STANDBY)
    return event


def _message(message: dict[str, Any], user: str, ts: int) -> InboundEvent | None:
    if message.get("is_echo"):
        return None
    mid = _mid(message.get("mid"))
    text = _text(message.get("text"))
    quick = message.get("quick_reply")
    payload = _text(quick.get("payload")) if isinstance(quick, dict) else ""
    if payload:
        return InboundEvent(
            Platform.MESSENGER, user, EventKind.PAYLOAD, message_id=mid, text=text, payload=payload, timestamp_ms=ts
        )
    if text:
        return InboundEvent(Platform.MESSENGER, user, EventKind.TEXT, message_id=mid, text=text, timestamp_ms=ts)
    attachments = message.get("attachments")
    if isinstance(attachments, list) and attachments:
        first = attachments[0] if isinstance(attachments[0], dict) else {}
        kind = _text(first.get("type"))[:20] or "file"
        body = first.get("payload")
        if kind == "image" and isinstance(body, dict) and body.get("sticker_id"):
            kind = "sticker"
        return InboundEvent(
            Platform.MESSENGER,
            user,
            EventKind.ATTACHMENT,
            message_id=mid,
            attachment_type=kind,
            timestamp_ms=ts,
            attachment_url=_image_url(first) if kind == "image" else "",
        )
    return None  # an unsent message (is_deleted), or nothing to read


def _postback(postback: dict[str, Any], user: str, ts: int) -> InboundEvent:
    payload = _text(postback.get("payload"))
    mid = _text(postback.get("mid"))
    if not mid or len(mid) > MAX_MID:
        mid = f"postback:{user}:{ts}:{payload[:100]}"
    if payload == GET_STARTED:
        return InboundEvent(
            Platform.MESSENGER, user, EventKind.FOLLOW, message_id=mid, payload=payload, timestamp_ms=ts
        )
    return InboundEvent(
        Platform.MESSENGER,
        user,
        EventKind.PAYLOAD,
        message_id=mid,
        text=_text(postback.get("title")),
        payload=payload,
        timestamp_ms=ts,
    )


def _handover(item: dict[str, Any], user: str, ts: int) -> InboundEvent | None:
    """pass_thread_control reaches the app the thread is passed to, take_thread_control the app it is taken from."""
    passed, taken = item.get("pass_thread_control"), item.get("take_thread_control")
    if isinstance(passed, dict):
        holder = "inbox" if str(passed.get("new_owner_app_id")) == str(PAGE_INBOX_APP_ID) else "bot"
    elif isinstance(taken, dict):
        holder = "bot" if str(taken.get("previous_owner_app_id")) == str(PAGE_INBOX_APP_ID) else "inbox"
    else:
        return None  # delivery, read, reaction, referral, optin, request_thread_control: nothing to answer
    return _holder_news(user, ts, holder)


def _holder_news(user: str, ts: int, holder: str, message_id: str = "") -> InboundEvent:
    """Who holds the user's thread as of `ts`: "bot" or "inbox"."""
    return InboundEvent(
        Platform.MESSENGER,
        user,
        EventKind.HANDOVER,
        message_id=message_id or f"handover:{user}:{ts}:{holder}",
        payload=holder,
        timestamp_ms=ts,
    )


def _image_url(attachment: dict[str, Any]) -> str:
    """attachments[0].payload.url of an image: a short-lived CDN address."""
    payload = attachment.get("payload")
    url = payload.get("url") if isinstance(payload, dict) else None
    return url if isinstance(url, str) else ""
