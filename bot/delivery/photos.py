"""Photos users send: fetched and read in the worker beside the inbox's drain, so that a slow one holds up no one.

The drain hands an image event to a small pool of reader threads and goes on with the other events. A reader
fetches the image (integrations.media: allowed hosts only, 5 MB, 5 s), reads its code (bot.receipts: a QR code
or barcode, then Tesseract within a time budget) without holding the user's conversation lock, and only then
handles the event as a turn of that user, with what it read. The image is dropped once read: neither it nor
its URL is logged or stored.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from bot.conversation.engine import Bot
from bot.conversation.flows.contact import pause_key
from bot.conversation.guard import EnumerationGuard
from bot.delivery.outbox import deliver
from bot.events import EventKind, InboundEvent, Platform
from bot.receipts import Problem, Reading
from bot.receipts.reader import read_receipt
from bot.runtime import Runtime
from integrations.media import MediaRefused, fetch_image, parse_prefixes
from integrations.simulator import UPLOAD_SCHEME, upload_key

log = logging.getLogger(__name__)

READERS = 2  # photos read at once per worker process: Tesseract takes a core each
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_REFUSALS = {
    MediaRefused.TOO_LARGE: Problem.TOO_LARGE,
    MediaRefused.NOT_AN_IMAGE: Problem.NOT_AN_IMAGE,
    MediaRefused.UNREACHABLE: Problem.UNREACHABLE,
}


def is_photo(data: dict[str, Any]) -> bool:
    """A queued event that is an image with somewhere to fetch it from."""
    return (
        data.get("kind") == EventKind.ATTACHMENT.value
        and data.get("attachment_type") == "image"
        and bool(data.get("attachment_url"))
    )


def start_reading(rt: Runtime, data: dict[str, Any]) -> Future[None]:
    """Read and answer a photo event on a reader thread."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="motcua-photo")
    return _pool.submit(read_and_answer, rt, data)


def read_and_answer(rt: Runtime, data: dict[str, Any]) -> None:
    """Fetch and read the photo, then handle the event with the reading (one turn of its user)."""
    event = InboundEvent.from_dict(data)
    reading = read_photo(rt, event)
    Bot(rt, partial(deliver, rt)).handle(event, receipt=reading)


def read_photo(rt: Runtime, event: InboundEvent) -> Reading | None:
    """What the photo says; None when it is not worth reading (lookups paused, or staff answer the user)."""
    key = event.conversation_key
    if EnumerationGuard(rt.redis).paused_for(key) or rt.redis.exists(pause_key(key)):
        return None
    try:
        image = _download(rt, event)
    except MediaRefused as exc:
        log.info("%s image not fetched: %s", event.platform, exc)
        return Reading(problem=_REFUSALS.get(exc.reason, Problem.UNREACHABLE))
    reading = read_receipt(image)
    del image
    log.info(
        "%s image read in %.2f s: %s", event.platform, reading.seconds, reading.how or reading.problem or "nothing"
    )
    return reading


def _download(rt: Runtime, event: InboundEvent) -> bytes:
    """The image's bytes: from the platform's media host, or the simulator's upload (taken once from Redis)."""
    if event.platform == Platform.SIMULATOR and event.attachment_url.startswith(UPLOAD_SCHEME):
        pipe = rt.redis.pipeline()
        pipe.get(upload_key(event.attachment_url))
        pipe.delete(upload_key(event.attachment_url))
        image = pipe.execute()[0]
        if not image:
            raise MediaRefused(MediaRefused.UNREACHABLE, "upload expired")
        return bytes(image)
    return fetch_image(rt.http, event.attachment_url, parse_prefixes(rt.settings.media_url_prefixes))
