"""The brake on password guessing (SPEC §7), shared by the dashboard's login form and the reports API's HTTP Basic.

It counts failures per client address, never per username alone, and is asked before any password is hashed:
- 5 failures of one username from one address within 15 minutes refuse that username from that address;
- 20 failures from one address, whatever the usernames, within 15 minutes refuse that address;
each for 15 minutes. A refused request is not hashed and not counted. Failures from one address never stop
the right password from another. Addresses are counted as `bot.web.client_address.network` gives them (an
IPv6 /64 is one address) and only as keyed digests: no username or address is written to Redis.
"""

from __future__ import annotations

import logging
import math
from typing import Final

import redis

from bot.web.client_address import hashed

log = logging.getLogger(__name__)

USER_LIMIT: Final = 5
ADDRESS_LIMIT: Final = 20
WINDOW_S: Final = 15 * 60
REFUSE_S: Final = 15 * 60
PREFIX: Final = "motcua:login:"
REFUSED: Final = (
    "Đăng nhập sai quá nhiều lần. Việc đăng nhập từ máy này tạm khóa, vui lòng thử lại sau {minutes} phút "
    "hoặc liên hệ quản trị hệ thống."
)


def _keys(address: str, username: str) -> tuple[str, str, str, str]:
    """Failure counters and refusal flags: of this username from this address, and of this address."""
    pair = hashed("login", address, username.casefold())
    addr = hashed("login", address)
    return (
        f"{PREFIX}fail:{pair}",
        f"{PREFIX}fail-addr:{addr}",
        f"{PREFIX}refused:{pair}",
        f"{PREFIX}refused-addr:{addr}",
    )


def refused_minutes(r: redis.Redis, address: str, username: str) -> int | None:
    """Minutes left when this address is refused (for this username, or for all), else None."""
    *_, refused_pair, refused_addr = _keys(address, username)
    try:
        pipe = r.pipeline()
        pipe.ttl(refused_pair)
        pipe.ttl(refused_addr)
        ttls = [int(t) for t in pipe.execute()]
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error); not enforced")
        return None
    left = max(ttls)
    if left == -2:  # neither key exists
        return None
    return max(1, math.ceil(left / 60)) if left > 0 else REFUSE_S // 60


def record_failure(r: redis.Redis, address: str, username: str) -> None:
    """Count a failure; the window starts at the first failure; reaching a limit refuses for REFUSE_S."""
    fail_pair, fail_addr, refused_pair, refused_addr = _keys(address, username)
    try:
        pipe = r.pipeline()
        for key in (fail_pair, fail_addr):
            pipe.set(key, 0, ex=WINDOW_S, nx=True)  # the window starts with the first failure; INCR keeps it
            pipe.incr(key)
        _, pair_count, _, addr_count = pipe.execute()
        if int(pair_count) >= USER_LIMIT:
            r.set(refused_pair, "1", ex=REFUSE_S)
            r.delete(fail_pair)
            log.warning("login brake: one username refused from one address after %d failures", USER_LIMIT)
        if int(addr_count) >= ADDRESS_LIMIT:
            r.set(refused_addr, "1", ex=REFUSE_S)
            r.delete(fail_addr)
            log.warning("login brake: an address refused after %d failures", ADDRESS_LIMIT)
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error); failure not counted")


def clear_failures(r: redis.Redis, address: str, username: str) -> None:
    """After a successful login: forget this username's failures from this address (not the address's own
    count, which a guesser holding one good account could otherwise reset)."""
    try:
        r.delete(_keys(address, username)[0])
    except redis.RedisError:
        log.warning("login brake unavailable (Redis error)")


def refused_message(minutes: int) -> str:
    """The Vietnamese message of a refused login."""
    return REFUSED.format(minutes=minutes)
