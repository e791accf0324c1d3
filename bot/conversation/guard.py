"""The enumeration guard: pauses a user's lookups after too many codes that do not exist (SPEC §7)."""

from __future__ import annotations

import time
import uuid

import redis

GUARD_LIMIT = 10
GUARD_WINDOW_S = 600


class EnumerationGuard:
    """Pauses a user's lookups after too many codes that do not exist (SPEC §7)."""

    def __init__(self, redis_client: redis.Redis, limit: int = GUARD_LIMIT, window_s: int = GUARD_WINDOW_S) -> None:
        self.redis = redis_client
        self.limit = limit
        self.window_s = window_s

    def paused_for(self, user_key: str) -> int:
        """Seconds left in the pause, 0 when lookups are allowed."""
        ttl = int(self.redis.ttl(f"guard:pause:{user_key}"))
        return max(ttl, 0)

    def record_miss(self, user_key: str, now: float | None = None) -> bool:
        """Count one unknown code; True when this miss starts a pause."""
        now = time.time() if now is None else now
        key = f"guard:miss:{user_key}"
        pipe = self.redis.pipeline()
        pipe.zadd(key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
        pipe.zremrangebyscore(key, 0, now - self.window_s)
        pipe.zcard(key)
        pipe.expire(key, self.window_s)
        count = int(pipe.execute()[2])
        if count >= self.limit:
            self.redis.set(f"guard:pause:{user_key}", "1", ex=self.window_s)
            self.redis.delete(key)
            return True
        return False
