"""A user's message text leaves Redis and RQ within a day, even when handling it crashes (SECURITY.md): a retry
waiting for RQ's scheduler and a failed job keep only a key whose text expires, never the text itself.

Real Redis and RQ (an in-process SimpleWorker in burst mode), with the handling of one message made to crash.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from rq import Queue, SimpleWorker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from bot.delivery import dispatchers, jobs
from bot.delivery.dispatchers import QUEUE_NAME
from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import base_config
from tests.fakes import FakePlatforms

DAY_S = 24 * 3600
SECRET = "Hồ sơ của Nguyễn Thị Bí Mật, số 0987 654 321"


@pytest.fixture
def queued_app(
    redis_url: str, tmp_path: Path, fake: FakePlatforms, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    """The app on a real Redis with the RQ dispatcher; RQ jobs run with this app's runtime."""
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": redis_url, "SPOOL_DIR": "off", "JOB_MODE": ""})
    rt = resources(app).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    monkeypatch.setattr(dispatchers, "_worker_runtime", rt)
    yield app
    rt.redis.flushall()


def crash_on_secret(monkeypatch: pytest.MonkeyPatch, times: int) -> None:
    """Handling the secret message raises `times` times (a bug, a database outage), then works."""
    real = jobs.handle_event
    left = [times]

    def flaky(runtime: Runtime, data: dict[str, Any]) -> None:
        if data["text"] == SECRET and left[0] > 0:
            left[0] -= 1
            raise RuntimeError("handling failed")
        real(runtime, data)

    monkeypatch.setattr(jobs, "handle_event", flaky)


def work(r: redis.Redis) -> None:
    """Run every queued job, then every retry waiting in the scheduler, until none is left."""
    queue = Queue(QUEUE_NAME, connection=r)
    scheduled = ScheduledJobRegistry(queue=queue)  # type: ignore[no-untyped-call]
    for _ in range(10):
        SimpleWorker([queue], connection=r).work(burst=True)
        waiting = scheduled.get_job_ids()
        if not waiting:
            return
        for job_id in waiting:  # as if the retry interval had passed
            scheduled.requeue(job_id)


def holding(r: redis.Redis, needle: str) -> dict[str, int]:
    """Every Redis key whose value contains `needle`, with its TTL in seconds (-1: none)."""
    found: dict[str, int] = {}
    for raw_key in r.scan_iter(count=1000):
        key = _text(raw_key)
        kind = _text(r.type(key))
        if kind == "string":
            values: list[Any] = [r.get(key)]
        elif kind == "hash":  # an RQ job's call, arguments included, is zlib-compressed in its "data" field
            values = [_unzipped(v) for v in r.hgetall(key).values()]
        elif kind == "list":
            values = r.lrange(key, 0, -1)
        elif kind == "set":
            values = list(r.smembers(key))
        elif kind == "zset":
            values = r.zrange(key, 0, -1)
        elif kind == "stream":
            values = [v for _, fields in r.xrange(key) or [] for v in (fields or {}).values()]
        else:
            values = []
        if any(needle.encode() in (v if isinstance(v, bytes) else str(v).encode()) for v in values):
            found[key] = int(r.ttl(key))
    return found


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _unzipped(value: bytes | str) -> bytes:
    raw = value if isinstance(value, bytes) else value.encode()
    try:
        return zlib.decompress(raw)
    except zlib.error:
        return raw


def send_secret(app: Flask) -> None:
    raw, headers = p.zalo_request(p.zalo_text(SECRET, "user-secret"))
    assert app.test_client().post("/webhooks/zalo", data=raw, headers=headers).status_code == 200


def test_a_message_whose_handling_keeps_failing_leaves_its_text_nowhere_for_more_than_a_day(
    queued_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = resources(queued_app).runtime.redis
    crash_on_secret(monkeypatch, times=10)
    send_secret(queued_app)
    SimpleWorker([Queue(QUEUE_NAME, connection=r)], connection=r).work(burst=True)  # the drain, the first retry
    waiting = holding(r, "Bí Mật")
    assert waiting and all(0 < ttl <= DAY_S for ttl in waiting.values()), waiting  # a retry waits for the scheduler
    work(r)
    failed = FailedJobRegistry(QUEUE_NAME, connection=r)
    assert failed.count == 1  # the job failed for good, after its retries
    left = holding(r, "Bí Mật")
    assert all(0 < ttl <= DAY_S for ttl in left.values()), left
    for raw_key in r.scan_iter("rq:*"):  # the failed job itself goes well within the day
        if r.type(raw_key) == b"hash" and r.hget(raw_key, "status") == b"failed":
            assert 0 < int(r.ttl(raw_key)) <= DAY_S / 2


def test_a_message_whose_handling_failed_once_is_answered_on_the_retry_and_forgotten(
    queued_app: Flask, fake: FakePlatforms, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = resources(queued_app).runtime.redis
    crash_on_secret(monkeypatch, times=1)
    send_secret(queued_app)
    work(r)
    assert len(fake.to("user-secret")) == 1  # the user got the answer after all
    assert holding(r, "Bí Mật") == {}
    assert FailedJobRegistry(QUEUE_NAME, connection=r).count == 0
