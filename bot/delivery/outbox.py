"""Delivering replies: transient errors retried with backoff, final ones recorded."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from bot.events import Platform
from bot.records.models import DeliveryFailure
from bot.replies import Reply
from bot.runtime import Runtime
from integrations.base import SendError

log = logging.getLogger(__name__)
ATTEMPTS = 4


@runtime_checkable
class TurnAware(Protocol):
    """A channel whose rendering of a reply depends on the replies the same turn sends after it."""

    def send_in_turn(self, user_id: str, reply: Reply, later: Sequence[Reply], *, update: bool = False) -> None:
        """Deliver one reply followed by `later`; raise SendError on failure."""
        ...


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, SendError) and exc.transient


def deliver(rt: Runtime, platform: Platform, user_id: str, replies: Sequence[Reply], *, update: bool = False) -> bool:
    """Send the replies in order; False (and a recorded failure) when one could not be delivered."""
    return deliver_or_error(rt, platform, user_id, replies, update=update) is None


def deliver_or_error(
    rt: Runtime, platform: Platform, user_id: str, replies: Sequence[Reply], *, update: bool = False
) -> SendError | None:
    """As `deliver`, but the final error (already recorded) instead of False; None when all went."""
    channel = rt.channel(platform)
    for i, reply in enumerate(replies):
        later = replies[i + 1 :]

        def send(reply: Reply = reply, later: Sequence[Reply] = later) -> None:
            if isinstance(channel, TurnAware):
                channel.send_in_turn(user_id, reply, later, update=update)
            else:
                channel.send(user_id, reply, update=update)

        try:
            with_retries(rt, send)
        except SendError as exc:
            record_failure(rt, str(platform), user_id, exc)
            return exc
    return None


def with_retries(rt: Runtime, send: Callable[[], None]) -> None:
    """Run `send`, retrying transient SendErrors with exponential backoff; a final error propagates."""
    wait = rt.settings.send_retry_wait
    for attempt in Retrying(
        stop=stop_after_attempt(ATTEMPTS),
        wait=wait_exponential(multiplier=wait, max=max(wait * 8, 0.001)),
        retry=retry_if_exception(_transient),
        reraise=True,
    ):
        with attempt:
            send()


def record_failure(rt: Runtime, platform: str, user_id: str, exc: SendError) -> None:
    """Log (without content) and keep a delivery that could not be made."""
    log.warning("delivery to %s user failed: %s (transient=%s)", platform, exc.code, exc.transient)
    with rt.db.session() as s:
        s.add(DeliveryFailure(platform=platform, user_id=user_id, error_code=exc.code[:40], error=str(exc)[:500]))
