"""Jobs on the inbox: drain it in order; an event whose handling crashes is re-enqueued alone with retries."""

from __future__ import annotations

import json
import logging
from concurrent.futures import FIRST_COMPLETED, Future, wait
from functools import partial
from typing import Any, cast

from rq import Queue

from bot.conversation.engine import Bot
from bot.delivery import photos
from bot.delivery.dispatchers import QUEUE_NAME, RETRY, RUN_JOB
from bot.delivery.inbox import DRAIN_FLAG_KEY, INBOX_KEY
from bot.delivery.outbox import deliver
from bot.events import InboundEvent
from bot.runtime import Runtime

log = logging.getLogger(__name__)


DRAIN_BATCH = 50
PHOTO_POLL_S = 0.05  # while photos are being read, new events are taken from the inbox this often


def drain_inbox(rt: Runtime) -> int:
    """Job: handle every event waiting in the inbox, oldest first; returns how many.

    A photo is read on a reader thread (bot.delivery.photos) while the drain goes on with the other events;
    the job ends once the inbox is empty and its photos are answered."""
    rt.redis.delete(DRAIN_FLAG_KEY)  # events queued from now on schedule another drain
    handled = 0
    reading: list[tuple[Future[None], dict[str, Any]]] = []
    while True:
        batch = rt.redis.lpop(INBOX_KEY, DRAIN_BATCH)
        if not batch:
            reading = _still_reading(rt, reading)
            if not reading:
                return handled
            wait([f for f, _ in reading], timeout=PHOTO_POLL_S, return_when=FIRST_COMPLETED)
            continue
        for raw in cast(list[bytes], batch):
            data = json.loads(raw)
            handled += 1
            if photos.is_photo(data):
                reading.append((photos.start_reading(rt, data), data))
                continue
            try:
                handle_event(rt, data)
            except Exception:
                log.exception("a %s event failed; retrying it on its own", data.get("platform"))
                retry_later(rt, data)


def _still_reading(
    rt: Runtime, reading: list[tuple[Future[None], dict[str, Any]]]
) -> list[tuple[Future[None], dict[str, Any]]]:
    """The photos not yet answered; one whose handling crashed is retried on its own."""
    pending = []
    for future, data in reading:
        if not future.done():
            pending.append((future, data))
        elif future.exception() is not None:
            log.error("a %s photo failed; retrying it on its own", data.get("platform"), exc_info=future.exception())
            retry_later(rt, data)
    return pending


def retry_later(rt: Runtime, data: dict[str, Any]) -> None:
    """Re-enqueue one event with RQ's retries (only with a real Redis and workers)."""
    if rt.settings.redis_url:
        Queue(QUEUE_NAME, connection=rt.redis).enqueue(
            RUN_JOB, HANDLE_EVENT, [data], retry=RETRY, result_ttl=0, failure_ttl=7 * 24 * 3600
        )


def handle_event(rt: Runtime, data: dict[str, Any]) -> None:
    """Job: run the bot for one serialised event (a photo is fetched and read first)."""
    if photos.is_photo(data):
        photos.read_and_answer(rt, data)
        return
    Bot(rt, partial(deliver, rt)).handle(InboundEvent.from_dict(data))


HANDLE_EVENT = "bot.delivery.jobs.handle_event"
