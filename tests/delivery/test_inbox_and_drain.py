"""The inbox: one Redis call per flush shared by concurrent requests, dedup, drains (bot/delivery/inbox.py, jobs.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.delivery import jobs
from bot.delivery.inbox import DRAIN_INBOX, INBOX_KEY, Inbox
from bot.delivery.jobs import drain_inbox
from bot.events import EventKind, InboundEvent, Platform
from bot.runtime import Runtime
from bot.web.resources import resources
from tests.fakes import FakePlatforms


class Recorder:
    """A dispatcher that only records what it was asked to run."""

    def __init__(self) -> None:
        self.submitted: list[tuple[str, tuple[Any, ...]]] = []

    def submit(self, fn_path: str, *args: Any) -> None:
        self.submitted.append((fn_path, args))


def event(mid: str, user: str = "u1", text: str = "xin chào") -> InboundEvent:
    return InboundEvent(Platform.MESSENGER, user, EventKind.TEXT, message_id=mid, text=text)


def test_one_call_queues_a_batch_and_drops_redeliveries(rt: Runtime) -> None:
    recorder = Recorder()
    box = Inbox(rt, recorder)
    batch = [event("m1", "a"), event("m2", "b"), event("m1", "a")]
    assert box.accept(batch) == 2
    assert box.accept([event("m2", "b"), event("m3", "c")]) == 1
    queued = [InboundEvent.from_dict(json.loads(raw)) for raw in rt.redis.lrange(INBOX_KEY, 0, -1)]
    assert [e.message_id for e in queued] == ["m1", "m2", "m3"] and queued[0] == batch[0]
    assert recorder.submitted == [(DRAIN_INBOX, ())]  # one pending drain serves every event


def test_a_failed_redis_call_writes_nothing(rt: Runtime) -> None:
    box = Inbox(rt, Recorder())
    real_call = box._evalsha

    def broken(keys: list[str], args: Any) -> Any:
        raise ConnectionError("redis down")

    box._evalsha = broken  # type: ignore[method-assign]
    with pytest.raises(ConnectionError):
        box.accept([event("x1")])
    box._evalsha = real_call  # type: ignore[method-assign]
    assert box.accept([event("x1")]) == 1  # nothing was half-written: the id is still new


def test_drain_scheduling_failure_resets_the_flag(rt: Runtime) -> None:
    class Down:
        def submit(self, fn_path: str, *args: Any) -> None:
            raise ConnectionError("queue down")

    with pytest.raises(ConnectionError):
        Inbox(rt, Down()).accept([event("y1")])
    recorder = Recorder()
    assert Inbox(rt, recorder).accept([event("y1")]) == 0  # the platform delivers it again: a duplicate
    assert recorder.submitted == [(DRAIN_INBOX, ())]  # but the drain is scheduled all the same
    assert rt.redis.llen(INBOX_KEY) == 1  # and the event waits in the inbox, once
    assert Inbox(rt, recorder).accept([event("y2")]) == 1
    assert recorder.submitted == [(DRAIN_INBOX, ())]  # one pending drain serves both


def test_drain_handles_in_order_survives_a_crash_and_rearms(
    rt: Runtime, fake: FakePlatforms, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = Recorder()
    box = Inbox(rt, recorder)
    assert box.accept([event("d1", "a"), event("d2", "b", "boom"), event("d3", "c")]) == 3
    real = jobs.handle_event

    def flaky(runtime: Runtime, data: dict[str, Any]) -> None:
        if data["text"] == "boom":
            raise RuntimeError("bug")
        real(runtime, data)

    monkeypatch.setattr(jobs, "handle_event", flaky)
    assert drain_inbox(rt) == 3
    assert [s.user_id for s in fake.sent] == ["a", "c"]
    assert rt.redis.llen(INBOX_KEY) == 0
    assert box.accept([event("d4", "d")]) == 1
    assert recorder.submitted == [(DRAIN_INBOX, ()), (DRAIN_INBOX, ())]  # the drain re-armed the flag


def test_events_without_a_message_id_are_never_deduplicated(rt: Runtime) -> None:
    box = Inbox(rt, Recorder())
    follow = InboundEvent(Platform.ZALO, "z", EventKind.FOLLOW)
    assert [box.accept([follow]) for _ in range(2)] == [1, 1]
    assert box.accept([]) == 0


def test_embedded_default_answers_after_the_webhook_returned(tmp_path: Any, fake: FakePlatforms) -> None:
    from bot.delivery.dispatchers import ThreadDispatcher
    from tests import payloads as p
    from tests.conftest import base_config
    from webhooks import create_app

    config = {**base_config(tmp_path), "JOB_MODE": ""}  # what `make run` uses: threads in the web process
    app = create_app(config)
    resources(app).runtime.redis.flushall()
    resources(app).runtime.db.upgrade()
    dispatcher = resources(app).dispatcher
    assert isinstance(dispatcher, ThreadDispatcher)
    raw, headers = p.zalo_request(p.zalo_text("xin chào", "thread-user"))
    assert app.test_client().post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    dispatcher.join()
    assert len(fake.to("thread-user")) == 1 and "Xin chào" in fake.to("thread-user")[0].text
