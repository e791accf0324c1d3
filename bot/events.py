"""InboundEvent: one platform-free thing a user did."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Platform(StrEnum):
    """Where a user talks to us."""

    ZALO = "zalo"
    MESSENGER = "messenger"
    SIMULATOR = "sim"


class EventKind(StrEnum):
    """What the user did."""

    TEXT = "text"  # typed text, or a Zalo oa.query button that came back as text
    PAYLOAD = "payload"  # Messenger quick reply / postback, simulator button
    FOLLOW = "follow"  # Zalo follow, Messenger Get Started
    UNFOLLOW = "unfollow"
    ATTACHMENT = "attachment"  # image, sticker, voice, location, file
    STAFF_MESSAGE = "staff_message"  # a human agent wrote from the OA chat
    WITHDRAW = "withdraw"  # Zalo user_withdraw: delete the user's data
    INFO_SUBMITTED = "info_submitted"  # Zalo user_submit_info: the user sent the OA's form (its contents are not kept)
    STANDBY = "standby"  # Messenger: the user wrote or pressed a button while the Page Inbox holds the thread
    HANDOVER = "handover"  # Messenger: news of who holds the thread (payload "bot" or "inbox") as of timestamp_ms


MAX_TEXT = 2000  # SPEC §4.1: longer text is cut to its first 2,000 characters before it is understood


@dataclass(frozen=True)
class InboundEvent:
    """A normalised inbound event, serialisable for the queue."""

    platform: Platform
    user_id: str
    kind: EventKind
    message_id: str = ""
    text: str = ""
    payload: str = ""
    attachment_type: str = ""
    timestamp_ms: int = 0
    attachment_url: str = ""  # where the platform keeps an image the user sent (fetched only by the worker)

    def __post_init__(self) -> None:
        if len(self.text) > MAX_TEXT:
            object.__setattr__(self, "text", self.text[:MAX_TEXT])
        if len(self.payload) > MAX_TEXT:
            object.__setattr__(self, "payload", self.payload[:MAX_TEXT])

    @property
    def conversation_key(self) -> str:
        """Key of this user's conversation across all stores."""
        return f"{self.platform}:{self.user_id}"

    @property
    def input_text(self) -> str:
        """What the user said: the payload of a button, else the typed text."""
        return self.payload or self.text

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form for the job queue (plain strings: this runs on the webhook's fast path)."""
        return {
            "platform": self.platform.value,
            "user_id": self.user_id,
            "kind": self.kind.value,
            "message_id": self.message_id,
            "text": self.text,
            "payload": self.payload,
            "attachment_type": self.attachment_type,
            "timestamp_ms": self.timestamp_ms,
            "attachment_url": self.attachment_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InboundEvent:
        """Inverse of to_dict."""
        return cls(
            platform=Platform(data["platform"]),
            user_id=str(data["user_id"]),
            kind=EventKind(data["kind"]),
            message_id=str(data.get("message_id", "")),
            text=str(data.get("text", "")),
            payload=str(data.get("payload", "")),
            attachment_type=str(data.get("attachment_type", "")),
            timestamp_ms=int(data.get("timestamp_ms", 0)),
            attachment_url=str(data.get("attachment_url", "")),
        )
