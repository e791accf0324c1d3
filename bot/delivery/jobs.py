"""Jobs on the inbox: drain it in order; an event whose handling crashes is re-enqueued alone with retries."""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any, cast

from rq import Queue

from bot.conversation.engine import Bot
from bot.delivery.dispatchers import QUEUE_NAME, RETRY, RUN_JOB
from bot.delivery.inbox import DRAIN_FLAG_KEY, INBOX_KEY
from bot.delivery.outbox import deliver
from bot.events import InboundEvent
from bot.runtime import Runtime

log = logging.getLogger(__name__)


DRAIN_BATCH = 50


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
    """Re-enqueue one event with RQ's retries (only with a real Redis and workers)."""
    if rt.settings.redis_url:
        Queue(QUEUE_NAME, connection=rt.redis).enqueue(
            RUN_JOB, HANDLE_EVENT, [data], retry=RETRY, result_ttl=0, failure_ttl=7 * 24 * 3600
        )


def handle_event(rt: Runtime, data: dict[str, Any]) -> None:
    """Job: run the bot for one serialised event."""
    Bot(rt, partial(deliver, rt)).handle(InboundEvent.from_dict(data))


HANDLE_EVENT = "bot.delivery.jobs.handle_event"
