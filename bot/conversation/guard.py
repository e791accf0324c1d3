"""The enumeration guard (SPEC §7): pauses lookups after too many codes that do not exist, or too many codes at all.

- 10 lookups of codes that do not exist within 10 minutes pause lookups for 10 minutes;
- more than 30 distinct codes within an hour, existing or not, pause them for an hour.

Limits count per "who" (`who_counts`): a platform user, or, for the simulator, where anyone can open sessions,
the client address the session came from, so that opening new sessions resets nothing. Codes are counted as
digests, not written to Redis.
"""

from __future__ import annotations

import hashlib
import time
import uuid

import redis

from bot.events import Platform

GUARD_LIMIT = 10
GUARD_WINDOW_S = 600
DISTINCT_LIMIT = 30
DISTINCT_WINDOW_S = 3600
SIMULATOR_PREFIX = f"{Platform.SIMULATOR.value}:"
MISSES, MANY = "misses", "many"  # why lookups are paused


def origin_key(conversation_key: str) -> str:
    """Redis key of the client address (a digest) behind a simulator session, written by the simulator."""
    return f"sim:origin:{conversation_key}"


def bind_origin(redis_client: redis.Redis, conversation_key: str, origin: str, ttl_s: int) -> None:
    """Record where a simulator session's messages come from: its limits count against that address."""
    redis_client.set(origin_key(conversation_key), origin, ex=ttl_s)


def who_counts(redis_client: redis.Redis, conversation_key: str) -> str:
    """Whom the limits count: the user, or the client address behind a simulator session."""
    if conversation_key.startswith(SIMULATOR_PREFIX):
        origin = redis_client.get(origin_key(conversation_key))
        if origin:
            return "addr:" + (origin.decode() if isinstance(origin, bytes) else str(origin))
    return conversation_key


class EnumerationGuard:
    """Pauses lookups after too many unknown codes, or too many distinct codes (SPEC §7)."""

    def __init__(self, redis_client: redis.Redis, limit: int = GUARD_LIMIT, window_s: int = GUARD_WINDOW_S) -> None:
        self.redis = redis_client
        self.limit = limit
        self.window_s = window_s

    def paused_for(self, who: str) -> int:
        """Seconds left in the pause, 0 when lookups are allowed."""
        ttl = int(self.redis.ttl(f"guard:pause:{who}"))
        return max(ttl, 0)

    def pause_reason(self, who: str) -> str:
        """Why lookups are paused: MISSES (unknown codes) or MANY (distinct codes); "" when they are not."""
        raw = self.redis.get(f"guard:pause:{who}")
        reason = raw.decode() if isinstance(raw, bytes) else str(raw or "")
        return MANY if reason == MANY else MISSES if raw is not None else ""

    def _pause(self, who: str, seconds: int, reason: str) -> None:
        """Pause for `seconds`, never shortening a longer pause under way."""
        if self.paused_for(who) < seconds:
            self.redis.set(f"guard:pause:{who}", reason, ex=seconds)

    def record_miss(self, who: str, now: float | None = None) -> bool:
        """Count one unknown code; True when this miss starts a pause."""
        now = time.time() if now is None else now
        key = f"guard:miss:{who}"
        pipe = self.redis.pipeline()
        pipe.zadd(key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
        pipe.zremrangebyscore(key, 0, now - self.window_s)
        pipe.zcard(key)
        pipe.expire(key, self.window_s)
        count = int(pipe.execute()[2])
        if count >= self.limit:
            self._pause(who, self.window_s, MISSES)
            self.redis.delete(key)
            return True
        return False

    def record_lookup(self, who: str, code: str, now: float | None = None) -> bool:
        """Count one code looked up, existing or not; True when it is one distinct code too many (paused)."""
        now = time.time() if now is None else now
        key = f"guard:codes:{who}"
        digest = hashlib.sha256(code.encode()).hexdigest()[:16]
        pipe = self.redis.pipeline()
        pipe.zremrangebyscore(key, 0, now - DISTINCT_WINDOW_S)
        pipe.zscore(key, digest)
        pipe.zcard(key)
        _, seen, count = pipe.execute()
        if seen is None and int(count) >= DISTINCT_LIMIT:
            self._pause(who, DISTINCT_WINDOW_S, MANY)
            self.redis.delete(key)
            return True
        pipe = self.redis.pipeline()
        pipe.zadd(key, {digest: now})
        pipe.expire(key, DISTINCT_WINDOW_S)
        pipe.execute()
        return False
