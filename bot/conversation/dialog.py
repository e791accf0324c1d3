"""Dialog state: one small JSON document per conversation, expiring after 30 minutes."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

import redis

STATE_TTL_S = 30 * 60
ONCE = "_once"


@dataclass
class DialogState:
    """Which flow a user is in, at which step, with what gathered so far."""

    flow: str = ""
    step: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def go(self, flow: str, step: str, **data: Any) -> None:
        """Enter a flow step, keeping data gathered so far in this flow."""
        if flow != self.flow:
            self.data = {}
        self.flow, self.step = flow, step
        self.data.update(data)

    def ask_once(self, flow: str, step: str, **data: Any) -> None:
        """Enter a step whose question only the very next message answers (see `keep_once`)."""
        self.go(flow, step, **data)
        self.data[ONCE] = uuid.uuid4().hex

    def keep_once(self, asked: object) -> None:
        """After a turn: leave a one-message step that was asked before this turn and not re-asked."""
        if asked is not None and self.data.get(ONCE) == asked:
            self.clear()

    def clear(self) -> None:
        """Leave any flow."""
        self.flow, self.step, self.data = "", "", {}

    @property
    def active(self) -> bool:
        """True inside a flow."""
        return bool(self.flow)


class DialogStore:
    """Loads and saves DialogState in Redis under dialog:{platform}:{user}."""

    def __init__(self, redis_client: redis.Redis, ttl_s: int = STATE_TTL_S) -> None:
        self.redis = redis_client
        self.ttl_s = ttl_s

    @staticmethod
    def key(conversation_key: str) -> str:
        """Redis key of a conversation's state."""
        return f"dialog:{conversation_key}"

    def load(self, conversation_key: str) -> DialogState:
        """The saved state, or a fresh one when absent or expired."""
        raw = self.redis.get(self.key(conversation_key))
        if not raw:
            return DialogState()
        data = json.loads(raw)
        return DialogState(flow=data.get("flow", ""), step=data.get("step", ""), data=data.get("data", {}))

    def save(self, conversation_key: str, state: DialogState) -> None:
        """Persist the state (or delete it when idle); every save restarts the expiry."""
        if state.active:
            self.redis.set(self.key(conversation_key), json.dumps(asdict(state), ensure_ascii=False), ex=self.ttl_s)
        else:
            self.redis.delete(self.key(conversation_key))

    def delete(self, conversation_key: str) -> None:
        """Forget the state."""
        self.redis.delete(self.key(conversation_key))
