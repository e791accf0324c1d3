"""What every channel adapter offers, and the errors they raise."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from bot.events import InboundEvent, Platform
from bot.replies import Reply

MAX_EPOCH_MS = 1 << 53


@dataclass(frozen=True)
class WebhookRequest:
    """The parts of an HTTP request a channel needs; built only in webhooks.py."""

    method: str
    body: bytes
    headers: Mapping[str, str]
    args: Mapping[str, str]

    @cached_property
    def json(self) -> dict[str, Any]:
        """The body as a JSON object, parsed once; BadPayload otherwise."""
        return load_json_object(self.body)


@dataclass(frozen=True)
class HandshakeAnswer:
    """A direct answer to a verification GET."""

    status: int
    body: str


class BadSignature(Exception):
    """Missing or wrong signature: 401."""


class BadPayload(Exception):
    """Signed but not valid JSON, or not the platform's shape: 400."""


class SendError(Exception):
    """An outbound call failed."""

    def __init__(self, message: str, *, code: str = "", transient: bool = False, invalid_token: bool = False):
        super().__init__(message)
        self.code = code
        self.transient = transient
        self.invalid_token = invalid_token


class Channel(Protocol):
    """A messaging platform: verify and parse inbound, render and send outbound."""

    platform: Platform

    def handshake(self, req: WebhookRequest) -> HandshakeAnswer:
        """Answer a verification GET."""
        ...

    def verify(self, req: WebhookRequest) -> None:
        """Raise BadSignature unless the request is signed by the platform."""
        ...

    def parse(self, req: WebhookRequest) -> list[InboundEvent]:
        """Every event of the request that the bot acts on; raise BadPayload on bad shape."""
        ...

    def send(self, user_id: str, reply: Reply, *, update: bool = False) -> None:
        """Deliver one reply; raise SendError on failure."""
        ...


def load_json_object(body: bytes) -> dict[str, Any]:
    """Parse a JSON object body or raise BadPayload."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPayload("body is not valid JSON") from exc
    except RecursionError:  # a nesting bomb ("[" x 200,000): no platform nests that deep
        raise BadPayload("body is nested too deeply") from None
    if not isinstance(data, dict):
        raise BadPayload("body is not a JSON object")
    return data


def epoch_ms(value: object) -> int:
    """Milliseconds since the epoch, given as a number or as digits; 0 for anything else or out of range."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, float):
        value = int(value) if math.isfinite(value) else 0
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 16:
        value = int(value)
    return value if isinstance(value, int) and 0 <= value < MAX_EPOCH_MS else 0


def sha256_hex(data: bytes) -> str:
    """Plain SHA-256 hex digest."""
    return hashlib.sha256(data).hexdigest()


def hmac_sha256_hex(key: str, data: bytes) -> str:
    """HMAC-SHA256 hex digest."""
    return hmac.new(key.encode("utf-8"), data, hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time string comparison."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
