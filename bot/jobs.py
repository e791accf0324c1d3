"""Accepting events (dedup, enqueue) and running them: RQ with Redis, in-process without.

The webhook makes one Redis round trip per POST: a Lua script sets each event's dedup key and
appends the new events to the inbox list. Only when no drain is pending does it also enqueue a
`drain_inbox` job, so under load most requests cost that single call. Workers drain the inbox
in order; an event whose handling crashes is re-enqueued on its own with RQ's retries.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, cast

from rq import Queue, Retry

from bot.config import load_settings
from bot.events import InboundEvent
from bot.runtime import Runtime, build_runtime

log = logging.getLogger(__name__)

QUEUE_NAME = "motcua"
DEDUP_TTL_S = 3 * 24 * 3600  # Zalo retries failed deliveries for about two hours; Messenger for longer
INBOX_KEY = "motcua:inbox"
DRAIN_FLAG_KEY = "motcua:inbox:drain"
DRAIN_FLAG_TTL_S = 60  # a lost drain job is replaced by the next event after this long
DRAIN_BATCH = 50
NO_DEDUP = "-"
RETRY = Retry(max=3, interval=[10, 60, 300])

# KEYS: inbox, drain flag, then one dedup key per event ("-" for none); ARGV: dedup TTL, flag TTL, then the
# events. Returns {how many were new, 1 when a drain must be scheduled}.
ACCEPT_LUA = """
local accepted = 0
for i = 3, #KEYS do
  local fresh = true
  if KEYS[i] ~= "-" then
    fresh = redis.call("SET", KEYS[i], "1", "NX", "EX", ARGV[1])
  end
  if fresh then
    redis.call("RPUSH", KEYS[1], ARGV[i])
    accepted = accepted + 1
  end
end
local drain = 0
if accepted > 0 and redis.call("SET", KEYS[2], "1", "NX", "EX", ARGV[2]) then
  drain = 1
end
return {accepted, drain}
"""


class Dispatcher(Protocol):
    """Runs a job function `fn(rt, *args)` named by its import path, now or later."""

    def submit(self, fn_path: str, *args: Any) -> None:
        """Schedule the job."""
        ...


def call(rt: Runtime, fn_path: str, args: Sequence[Any]) -> None:
    """Import `module.function` and run it with the runtime."""
    module, _, name = fn_path.rpartition(".")
    fn: Callable[..., None] = getattr(importlib.import_module(module), name)
    fn(rt, *args)


class Inbox:
    """Queues events durably before the webhook answers: dedup and enqueue in one Redis call."""

    def __init__(self, rt: Runtime, dispatcher: Dispatcher) -> None:
        self.rt = rt
        self.dispatcher = dispatcher
        self._script = rt.redis.register_script(ACCEPT_LUA)

    def accept(self, events: Sequence[InboundEvent]) -> int:
        """Dedup on the platform message id and queue the new events; returns how many were new."""
        if not events:
            return 0
        keys = [INBOX_KEY, DRAIN_FLAG_KEY]
        args: list[str | int] = [DEDUP_TTL_S, DRAIN_FLAG_TTL_S]
        for e in events:
            keys.append(f"dedup:{e.platform}:{e.message_id}" if e.message_id else NO_DEDUP)
            args.append(json.dumps(e.to_dict(), ensure_ascii=False, separators=(",", ":")))
        accepted, drain = self._script(keys=keys, args=args)
        if drain:
            try:
                self.dispatcher.submit(DRAIN_INBOX)
            except Exception:
                self.rt.redis.delete(DRAIN_FLAG_KEY)  # the next event schedules the drain again
                raise
        return int(accepted)


def accept(rt: Runtime, dispatcher: Dispatcher, events: Sequence[InboundEvent]) -> int:
    """Queue events through a one-off Inbox; returns how many were new."""
    return Inbox(rt, dispatcher).accept(events)


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
            "bot.jobs.run_job", HANDLE_EVENT, [data], retry=RETRY, result_ttl=0, failure_ttl=7 * 24 * 3600
        )


def handle_event(rt: Runtime, data: dict[str, Any]) -> None:
    """Job: run the bot for one serialised event."""
    from bot.engine import Bot

    Bot(rt).handle(InboundEvent.from_dict(data))


HANDLE_EVENT = "bot.jobs.handle_event"
DRAIN_INBOX = "bot.jobs.drain_inbox"


class EagerDispatcher:
    """Runs the event before returning (tests, CLI)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def submit(self, fn_path: str, *args: Any) -> None:
        """Run now."""
        call(self.rt, fn_path, args)


class ThreadDispatcher:
    """The embedded default: a small pool of threads in the web process."""

    def __init__(self, rt: Runtime, workers: int = 4) -> None:
        self.rt = rt
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="motcua-job")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, fn_path: str, *args: Any) -> None:
        """Run soon, after the webhook has answered."""
        future = self.pool.submit(self._run, fn_path, args)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _run(self, fn_path: str, args: Sequence[Any]) -> None:
        try:
            call(self.rt, fn_path, args)
        except Exception:
            log.exception("job %s failed", fn_path)

    def _done(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def join(self, timeout: float = 10.0) -> None:
        """Wait until every submitted event has been handled."""
        with self._lock:
            pending = list(self._pending)
        for f in pending:
            f.result(timeout=timeout)


class RQDispatcher:
    """Enqueues to RQ; `worker:` in the Procfile runs the jobs."""

    def __init__(self, rt: Runtime) -> None:
        self.queue = Queue(QUEUE_NAME, connection=rt.redis)

    def submit(self, fn_path: str, *args: Any) -> None:
        """Enqueue with retries for crashes (delivery errors are handled inside the job)."""
        self.queue.enqueue(
            "bot.jobs.run_job",
            fn_path,
            list(args),
            retry=RETRY,
            result_ttl=0,
            failure_ttl=7 * 24 * 3600,
            job_timeout=300,
            description=fn_path,
        )


def make_dispatcher(rt: Runtime) -> Dispatcher:
    """RQ with REDIS_URL; otherwise threads, or eager when the settings ask for it."""
    mode = rt.settings.job_mode or ("rq" if rt.settings.redis_url else "thread")
    if mode == "rq":
        return RQDispatcher(rt)
    if mode == "eager":
        return EagerDispatcher(rt)
    return ThreadDispatcher(rt)


_worker_runtime: Runtime | None = None


def run_job(fn_path: str, args: list[Any]) -> None:
    """RQ entry point: run a job function with this worker process's runtime."""
    global _worker_runtime
    if _worker_runtime is None:
        _worker_runtime = build_runtime(load_settings())
    call(_worker_runtime, fn_path, args)
