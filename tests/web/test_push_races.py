"""Two identical status pushes arriving together (the one-stop system retrying a slow request) notify each
subscriber once, against a real Redis, on SQLite and on PostgreSQL (SPEC §5)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from bot.records.models import Subscription
from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.conftest import base_config
from tests.fakes import FakePlatforms
from tests.payloads import spec_body
from tests.services import postgres_server

CODE = "000.31.25.H59-261102-0001"
AUTH = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}
ZALO_USER, FB_USER = "2512523625419001", "6789012345679001"
PUSHES_AT_ONCE = 4
ROUNDS = 6


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database of either kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/race.sqlite3"
    request.getfixturevalue("postgres_url")
    return postgres_server().create_database(f"motcua_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def race_app(redis_url: str, database_url: str, tmp_path: Path, fake: FakePlatforms) -> Iterator[Flask]:
    """The app on the real Redis and the chosen database, notices sent as soon as a push is answered."""
    from webhooks import create_app

    config = {**base_config(tmp_path), "REDIS_URL": redis_url, "DATABASE_URL": database_url, "SPOOL_DIR": "off"}
    app = create_app(config)
    rt: Runtime = resources(app).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    yield app
    rt.redis.flushall()
    rt.db.engine.dispose()


def push_together(app: Flask, status: int) -> list[int]:
    """PUT the same body PUSHES_AT_ONCE times at once; the answers' status codes."""
    barrier = threading.Barrier(PUSHES_AT_ONCE)
    answers: list[int] = []

    def put() -> None:
        client = app.test_client()
        barrier.wait()
        answers.append(client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(status=status), headers=AUTH).status_code)

    threads = [threading.Thread(target=put) for _ in range(PUSHES_AT_ONCE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


def test_identical_pushes_at_once_create_one_dossier(race_app: Flask) -> None:
    assert sorted(push_together(race_app, 4)) == [200] * (PUSHES_AT_ONCE - 1) + [201]
    assert push_together(race_app, 4) == [200] * PUSHES_AT_ONCE


def test_identical_pushes_at_once_give_one_notice_per_status_change(race_app: Flask, fake: FakePlatforms) -> None:
    client = race_app.test_client()
    assert client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(status=4), headers=AUTH).status_code == 201
    rt: Runtime = resources(race_app).runtime
    with rt.db.session() as s:
        s.add_all([Subscription(platform=pf, user_id=u, dossier_code=CODE) for pf, u in (("zalo", ZALO_USER),
                   ("messenger", FB_USER))])  # fmt: skip
    for done, status in enumerate([5, 4] * (ROUNDS // 2), start=1):
        assert push_together(race_app, status) == [200] * PUSHES_AT_ONCE
        for user in (ZALO_USER, FB_USER):
            assert len(fake.to(user)) == done, f"{len(fake.to(user))} notices after {done} changes"
    assert "bổ sung" in fake.to(ZALO_USER)[0].text
