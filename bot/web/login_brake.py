"""The brake on password guessing, shared by the dashboard's login form and the reports API's HTTP Basic."""

from __future__ import annotations

import hashlib
import logging
import math
from typing import Final, cast

import redis

log = logging.getLogger(__name__)

FAIL_LIMIT: Final = 5
FAIL_WINDOW_S: Final = 15 * 60
LOCKED: Final = "Đăng nhập sai quá {limit} lần. Tài khoản tạm khóa, vui lòng thử lại sau {minutes} phút."


def fail_key(username: str) -> str:
    """The Redis key counting a username's failures (hashed: no username in Redis)."""
    return "motcua:dashboard:login-fail:" + hashlib.sha256(username.casefold().encode()).hexdigest()[:32]


def locked_minutes(r: redis.Redis, username: str) -> int | None:
    """Minutes left when this username has failed FAIL_LIMIT times within the window, else None."""
    key = fail_key(username)
    try:
        count = r.get(key)
        if count is None or int(cast(bytes, count)) < FAIL_LIMIT:
            return None
        ttl = int(r.ttl(key))
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error); not enforced")
        return None
    return max(1, math.ceil(ttl / 60)) if ttl > 0 else FAIL_WINDOW_S // 60


def record_failure(r: redis.Redis, username: str) -> None:
    """INCR the failure count; the window starts at the first failure and restarts at the one that locks."""
    key = fail_key(username)
    try:
        pipe = r.pipeline()
        pipe.incr(key)
        pipe.ttl(key)
        count, ttl = pipe.execute()
        if ttl < 0 or count == FAIL_LIMIT:
            r.expire(key, FAIL_WINDOW_S)
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error); failure not counted")


def clear_failures(r: redis.Redis, username: str) -> None:
    """Forget the failures after a successful login."""
    try:
        r.delete(fail_key(username))
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error)")


def locked_message(minutes: int) -> str:
    """The Vietnamese message of a locked account."""
    return LOCKED.format(limit=FAIL_LIMIT, minutes=minutes)
