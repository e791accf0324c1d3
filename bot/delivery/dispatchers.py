"""Dispatchers run a job `fn(rt, *args)` named by its import path: RQ with Redis, else threads, or at once."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from rq import Queue, Retry

from bot.config import load_settings
from bot.nlu import warm_up
from bot.runtime import Runtime, build_runtime

log = logging.getLogger(__name__)
RUN_JOB = "bot.delivery.dispatchers.run_job"


QUEUE_NAME = "motcua"


RETRY = Retry(max=3, interval=[10, 60, 300])
# How long RQ keeps a failed job (its arguments and traceback): well inside the day after which no message text
# may be left in Redis, counting the retries (about six minutes) before the failure.
FAILURE_TTL_S = 12 * 3600


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
            RUN_JOB,
            fn_path,
            list(args),
            retry=RETRY,
            result_ttl=0,
            failure_ttl=FAILURE_TTL_S,
            job_timeout=300,
            description=fn_path,
        )

    def submit_many(self, fn_path: str, args_list: Iterable[Sequence[Any]]) -> None:
        """Enqueue one job per argument list, all in one Redis round trip (a bulk import's notifications)."""
        self.queue.enqueue_many(
            [
                Queue.prepare_data(
                    RUN_JOB,
                    [fn_path, list(args)],
                    retry=RETRY,
                    result_ttl=0,
                    failure_ttl=FAILURE_TTL_S,
                    timeout=300,
                    description=fn_path,
                )
                for args in args_list
            ]
        )


def submit_each(dispatcher: Dispatcher, fn_path: str, args_list: Iterable[Sequence[Any]]) -> None:
    """Schedule one job per argument list; with RQ they are enqueued together."""
    if isinstance(dispatcher, RQDispatcher):
        dispatcher.submit_many(fn_path, args_list)
        return
    for args in args_list:
        dispatcher.submit(fn_path, *args)


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
        warm_up()
    call(_worker_runtime, fn_path, args)
