"""The simulator: a third channel whose outbox is a Redis list the web page polls."""

from __future__ import annotations

import json
from typing import Any

import redis

from bot.events import Platform
from bot.replies import Reply
from integrations.base import HandshakeAnswer, WebhookRequest

OUTBOX_TTL = 6 * 3600
MAX_KEPT = 200
UPLOAD_SCHEME = "sim-upload:"  # an uploaded image's attachment_url: the bytes wait in Redis, read once
UPLOAD_TTL = 300


def outbox_key(user_id: str) -> str:
    """Redis list of the replies sent to one simulator user."""
    return f"sim:outbox:{user_id}"


def upload_key(url: str) -> str:
    """Redis key of the image an upload URL names."""
    return f"sim:upload:{url.removeprefix(UPLOAD_SCHEME)}"


class SimulatorChannel:
    """Renders replies as JSON for the simulator page."""

    platform = Platform.SIMULATOR

    def __init__(self, redis_client: redis.Redis) -> None:
        self.redis = redis_client

    def handshake(self, req: WebhookRequest) -> HandshakeAnswer:
        """Not used."""
        return HandshakeAnswer(404, "")

    def verify(self, req: WebhookRequest) -> None:
        """The simulator is unsigned; it only ever talks to its own browser session."""

    def parse(self, req: WebhookRequest) -> list[Any]:
        """Not used: the simulator route builds events itself."""
        return []

    def send(self, user_id: str, reply: Reply, *, update: bool = False) -> None:
        """Append the reply to the user's outbox."""
        item = {
            "text": reply.text,
            "buttons": [{"title": b.title, "payload": b.value, "url": b.url} for b in reply.buttons],
        }
        key = outbox_key(user_id)
        pipe = self.redis.pipeline()
        pipe.rpush(key, json.dumps(item, ensure_ascii=False))
        pipe.ltrim(key, -MAX_KEPT, -1)
        pipe.expire(key, OUTBOX_TTL)
        pipe.execute()

    def read(self, user_id: str, after: int) -> list[dict[str, Any]]:
        """Replies with index ≥ after."""
        raw = self.redis.lrange(outbox_key(user_id), after, -1)
        return [json.loads(r) for r in raw]
