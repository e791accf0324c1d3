"""Jobs on the inbox: drain it in order; an event whose handling crashes is re-enqueued alone with retries."""

from __future__ import annotations

import json
import logging
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, wait
from functools import partial
from typing import Any, cast

from rq import Queue

from bot.conversation.engine import Bot
from bot.delivery import photos
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
    """Job: run the bot for one serialised event (a photo is fetched and read first)."""
    if photos.is_photo(data):
        photos.read_and_answer(rt, data)
        return
    Bot(rt, partial(deliver, rt)).handle(InboundEvent.from_dict(data))


HANDLE_EVENT = "bot.delivery.jobs.handle_event"
RETRY_EVENT = "bot.delivery.jobs.retry_event"
