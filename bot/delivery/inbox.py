"""Accepting events before the webhook answers: dedup on the platform message id, then the inbox list in Redis.

With Redis the webhook appends each POST's events to a local spool file (`bot.delivery.spool`) and answers; a
thread of the web process forwards them in batches with one Lua script that sets each event's dedup key
and appends the new events to the inbox list. Only when no drain is pending does it also enqueue a
`drain_inbox` job (`bot.delivery.jobs`). With `SPOOL_DIR=off` the webhook makes that Redis call itself before answering.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Sequence
from typing import Any, Protocol, cast

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.delivery.dispatchers import Dispatcher
from bot.delivery.spool import Spool
from bot.events import InboundEvent
from bot.runtime import Runtime

log = logging.getLogger(__name__)

DEDUP_TTL_S = 3 * 24 * 3600  # Zalo retries failed deliveries for about two hours; Messenger for longer
INBOX_KEY = "motcua:inbox"
DRAIN_FLAG_KEY = "motcua:inbox:drain"
DRAIN_FLAG_TTL_S = 60  # a lost drain job is replaced by the next event after this long
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

# KEYS: inbox, drain flag, then one dedup key per event; ARGV: dedup TTL, flag TTL, then the
# events. Returns {how many were new, 1 when a drain must be scheduled}: whenever events wait and no drain
# is pending, even if this call added none (a redelivery after a failed scheduling).
ACCEPT_LUA = """
local accepted = 0
for i = 3, #KEYS do
  if redis.call("SET", KEYS[i], "1", "NX", "EX", ARGV[1]) then
    redis.call("RPUSH", KEYS[1], ARGV[i])
    accepted = accepted + 1
  end
end
local drain = 0
if redis.call("LLEN", KEYS[1]) > 0 and redis.call("SET", KEYS[2], "1", "NX", "EX", ARGV[2]) then
  drain = 1
end
return {accepted, drain}
"""


class _Connection(Protocol):
    """The part of a redis-py connection the inbox uses (redis-py leaves these untyped)."""

    def pack_command(self, *args: Any) -> list[bytes]: ...
    def send_packed_command(self, command: list[bytes], check_health: bool = True) -> None: ...
    def send_command(self, *args: Any) -> None: ...
    def read_response(self) -> Any: ...
    def disconnect(self) -> None: ...


class Inbox:
    """Takes in a POST's events before the webhook answers, durably: on the local spool, or in Redis.

    The Redis call goes over a connection of the thread's own, not through the client's pool and retry
    wrappers, whose bookkeeping costs about as much CPU as sending the command. A call that fails on a
    broken connection is sent once more on a fresh one, which the dedup keys make safe. Without a spool a
    second failure propagates, the webhook answers 500 and the platform delivers the event again later;
    with a spool the events wait on disk and the forwarding thread tries again.
    """

    def __init__(self, rt: Runtime, dispatcher: Dispatcher, *, spool: bool = True) -> None:
        self.rt = rt
        self.dispatcher = dispatcher
        self._script = rt.redis.register_script(ACCEPT_LUA)
        self._local = threading.local()
        folder = rt.settings.spool_folder if spool else None
        self.spool = Spool(folder, self._forward) if folder is not None else None
        if self.spool is not None:
            self.spool.start()

    def accept(self, events: Sequence[InboundEvent]) -> int:
        """Dedup on the platform message id and queue the events; returns how many were taken in.

        Without a spool that is how many were new. With one, duplicates are dropped when the spool is
        forwarded, a few milliseconds later, so every event counts here.
        """
        if not events:
            return 0
        records = [_record(e) for e in events]
        if self.spool is not None:
            self.spool.append(records)
            return len(events)
        return self._forward(records)

    def _forward(self, records: list[bytes]) -> int:
        """One Lua call for a batch of records (the spool's sink); returns how many were new."""
        keys = [INBOX_KEY, DRAIN_FLAG_KEY]
        args: list[str | int | bytes] = [DEDUP_TTL_S, DRAIN_FLAG_TTL_S]
        for record in records:
            key, _, payload = record.partition(b"\t")
            keys.append(key.decode("utf-8"))
            args.append(payload)
        accepted, drain = self._evalsha(keys, args)
        if drain:
            try:
                self.dispatcher.submit(DRAIN_INBOX)
            except Exception:
                self.rt.redis.delete(DRAIN_FLAG_KEY)  # the next event schedules the drain again
                raise
        return int(accepted)

    def _connection(self) -> _Connection:
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            pool = self.rt.redis.connection_pool
            conn = cast(_Connection, pool.connection_class(**pool.connection_kwargs))
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _evalsha(self, keys: list[str], args: Sequence[str | int | bytes]) -> list[int]:
        conn = self._connection()
        command = conn.pack_command("EVALSHA", self._script.sha, len(keys), *keys, *args)
        for attempt in range(3):
            try:
                conn.send_packed_command(command, check_health=False)
                return cast(list[int], conn.read_response())
            except NoScriptError:  # Redis restarted or flushed its scripts
                conn.send_command("SCRIPT", "LOAD", ACCEPT_LUA)
                conn.read_response()
            except (RedisConnectionError, RedisTimeoutError, OSError):
                conn.disconnect()
                if attempt:
                    raise
        raise RedisConnectionError("the inbox script could not be run")


def dedup_key(event: InboundEvent) -> str:
    """The Redis key that marks a platform message id as seen ("" when the event has none)."""
    if not event.message_id:
        return ""
    return f"dedup:{event.platform}:{event.message_id}".translate(_KEY_SAFE)


_KEY_SAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _record(event: InboundEvent) -> bytes:
    """`dedup key TAB event JSON`; events without a message id get a key of their own, so that forwarding
    a spool file twice (after a crash) still queues them once."""
    key = dedup_key(event) or f"dedup:{event.platform}:spool-{uuid.uuid4().hex}"
    return f"{key}\t{_COMPACT_JSON.encode(event.to_dict())}".encode()


def accept(rt: Runtime, dispatcher: Dispatcher, events: Sequence[InboundEvent]) -> int:
    """Queue events straight into Redis (no spool) through a one-off Inbox; returns how many were new."""
    return Inbox(rt, dispatcher, spool=False).accept(events)


DRAIN_INBOX = "bot.delivery.jobs.drain_inbox"


