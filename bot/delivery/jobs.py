"""Jobs on the inbox: drain it in order; an event whose handling crashes is re-enqueued alone with retries."""

from __future__ import annotations

import json
import logging
import uuid
from functools import partial
from typing import Any, cast

from rq import Queue

from bot.conversation.engine import Bot
from bot.delivery.dispatchers import FAILURE_TTL_S, QUEUE_NAME, RETRY, RUN_JOB
from bot.delivery.inbox import DRAIN_FLAG_KEY, INBOX_KEY
from bot.delivery.outbox import deliver
from bot.events import InboundEvent
from bot.runtime import Runtime

log = logging.getLogger(__name__)


DRAIN_BATCH = 50
RETRY_PREFIX = "motcua:retry:"
# A message's text leaves Redis within a day (SECURITY.md): the drain's first try comes seconds after arrival.
RETRY_TEXT_TTL_S = 23 * 3600


def drain_inbox(rt: Runtime) -> int:
    """Job: handle every event waiting in the inbox, oldest first; returns how many."""
    rt.redis.delete(DRAIN_FLAG_KEY)  # events queued from now on schedule another drain
    handled = 0
    while True:
        batch = rt.redis.lpop(INBOX_KEY, DRAIN_BATCH)
        if not batch:
            return handled
        for raw in cast(list[bytes], batch):
            data = json.loads(raw)
            try:
                handle_event(rt, data)
            except Exception:
                log.exception("a %s event failed; retrying it on its own", data.get("platform"))
                retry_later(rt, data)
            handled += 1


def retry_later(rt: Runtime, data: dict[str, Any]) -> None:
    """Re-enqueue one event with RQ's retries (only with a real Redis and workers).

    The event (with the user's text) waits under a key of its own that expires within a day of its arrival; the
    job carries only that key, so neither a retry waiting for the scheduler nor a failed job keeps the text.
    """
    if not rt.settings.redis_url:
        return
    key = f"{RETRY_PREFIX}{uuid.uuid4().hex}"
    rt.redis.set(key, json.dumps(data, ensure_ascii=False), ex=RETRY_TEXT_TTL_S)
    Queue(QUEUE_NAME, connection=rt.redis).enqueue(
        RUN_JOB,
        RETRY_EVENT,
        [key],
        retry=RETRY,
        result_ttl=0,
        failure_ttl=FAILURE_TTL_S,
        ttl=RETRY_TEXT_TTL_S,
        description=RETRY_EVENT,
    )


def retry_event(rt: Runtime, key: str) -> None:
    """Job: handle an event that failed in the drain, read from its expiring key; forget it once handled."""
    raw = rt.redis.get(key)
    if raw is None:
        log.warning("a retried event expired before it could be handled; dropped")
        return
    handle_event(rt, json.loads(raw))
    rt.redis.delete(key)


def handle_event(rt: Runtime, data: dict[str, Any]) -> None:
    """Job: run the bot for one serialised event."""
    Bot(rt, partial(deliver, rt)).handle(InboundEvent.from_dict(data))


HANDLE_EVENT = "bot.delivery.jobs.handle_event"
RETRY_EVENT = "bot.delivery.jobs.retry_event"
