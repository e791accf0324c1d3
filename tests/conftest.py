"""Fixtures: an app on a fresh SQLite and Redis substitute, the platform fakes, signed clients, a procedure catalog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import responses
from flask import Flask
from flask.testing import FlaskClient

from bot.records import officials
from bot.records.db import Database
from bot.records.dossiers import upsert_dossier
from bot.records.models import Agency
from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.fakes import GRAPH, GRAPH_VERSION, ZALO_API, ZALO_OAUTH, ZNS_API, FakePlatforms
from tests.procedure_catalog import CATALOG, DVC, add_procedure
from tests.services import postgres_url, redis_url  # noqa: F401  (real services, started on demand)


def base_config(tmp_path: Any) -> dict[str, object]:
    """Settings of a test app: both channels enabled against the fakes, jobs run eagerly."""
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path}/test.sqlite3",
        "REDIS_URL": "",
        "SPOOL_DIR": f"{tmp_path}/spool",
        "SECRET_KEY": "test-secret",
        "ZALO_APP_ID": p.ZALO_APP_ID,
        "ZALO_OA_SECRET_KEY": p.ZALO_OA_SECRET,
        "ZALO_APP_SECRET": "zalo-app-secret",
        "ZALO_ACCESS_TOKEN": "zalo-access-0",
        "ZALO_REFRESH_TOKEN": "zalo-refresh-0",
        "ZALO_API_BASE": ZALO_API,
        "ZALO_OAUTH_BASE": ZALO_OAUTH,
        "ZALO_ZNS_API_BASE": ZNS_API,
        "FB_APP_SECRET": p.FB_APP_SECRET,
        "FB_VERIFY_TOKEN": p.FB_VERIFY_TOKEN,
        "FB_PAGE_ACCESS_TOKEN": "fb-page-token",
        "FB_GRAPH_API_BASE": GRAPH,
        "FB_GRAPH_API_VERSION": GRAPH_VERSION,
        "ONESTOP_PUSH_TOKEN": p.PUSH_TOKEN,
        "JOB_MODE": "eager",
        "SEND_RETRY_WAIT": 0,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
    }


@pytest.fixture
def fake() -> Iterator[FakePlatforms]:
    """The platform fakes; any other outbound HTTP call fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fp = FakePlatforms(rsps)
        fp.install()
        yield fp


@pytest.fixture
def config(tmp_path: Any) -> dict[str, object]:
    """Overridable settings of the test app."""
    return base_config(tmp_path)


# Officials' passwords hashed at a low scrypt work factor: the same code, a thousandth of the time (a stored hash
# names its own factor, so checks follow).
officials.PASSWORD_METHOD = "scrypt:1024:8:1"

_SQLITE = "sqlite:///"
_schema: list[bytes] = []


def migrated_sqlite(url: object) -> bool:
    """Write the newest schema into a SQLite file that does not exist yet, copied from one migrated once per test
    process (Alembic takes a quarter of a second a database); False for any other database."""
    if not isinstance(url, str) or not url.startswith(_SQLITE) or ":memory:" in url:
        return False
    path = Path(url.removeprefix(_SQLITE))
    if path.exists() or not path.parent.is_dir():
        return False
    if not _schema:
        template = path.with_name(".schema-template.sqlite3")
        db = Database(_SQLITE + str(template))
        db.upgrade()
        db.engine.dispose()
        _schema.append(template.read_bytes())
        template.unlink()
    path.write_bytes(_schema[0])
    return True


@pytest.fixture
def app(config: dict[str, object], fake: FakePlatforms) -> Flask:
    """A fresh app with its schema."""
    from webhooks import create_app

    fresh = migrated_sqlite(config.get("DATABASE_URL"))
    application = create_app(config)
    rt: Runtime = resources(application).runtime
    rt.redis.flushall()
    if not fresh:
        rt.db.upgrade()
    return application


@pytest.fixture
def rt(app: Flask) -> Runtime:
    """The app's runtime."""
    runtime: Runtime = resources(app).runtime
    return runtime


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Test client."""
    return app.test_client()


@pytest.fixture
def catalog(rt: Runtime) -> Runtime:
    """The app's runtime with a realistic catalog of twelve procedures."""
    for code, (name, keywords, documents, fee, duration, where, online) in CATALOG.items():
        add_procedure(
            rt,
            code,
            name=name,
            keywords=keywords,
            documents="\n".join(documents),
            fee=fee,
            duration=duration,
            where=where,
            url=DVC + code if online else "",
            field="",
        )
    return rt


class Chat:
    """Drive the bot over the wire as one user of one platform."""

    def __init__(self, client: FlaskClient, fake: FakePlatforms, platform: str, user_id: str) -> None:
        self.client, self.fake, self.platform, self.user_id = client, fake, platform, user_id

    def send(self, text: str) -> list[str]:
        """Type a message; returns the texts the bot answered with."""
        before = len(self.fake.to(self.user_id))
        if self.platform == "zalo":
            raw, headers = p.zalo_request(p.zalo_text(text, self.user_id))
            resp = self.client.post("/webhooks/zalo", data=raw, headers=headers)
        else:
            raw, headers = p.fb_request(p.fb_body(p.fb_messaging_text(text, self.user_id)))
            resp = self.client.post("/webhooks/facebook", data=raw, headers=headers)
        assert resp.status_code == 200, resp.get_data(as_text=True)
        return [s.text for s in self.fake.to(self.user_id)[before:]]

    def press(self, title: str) -> list[str]:
        """Press a button of the last message by its title (Zalo: the payload comes back as text)."""
        last = [s for s in self.fake.to(self.user_id) if s.button_titles][-1]
        payload = last.button_payloads[last.button_titles.index(title)]
        if self.platform == "zalo":
            return self.send(payload)
        before = len(self.fake.to(self.user_id))
        raw, headers = p.fb_request(p.fb_body(p.fb_quick_reply(payload, title, self.user_id)))
        assert self.client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
        return [s.text for s in self.fake.to(self.user_id)[before:]]

    @property
    def last(self) -> Any:
        """The last message sent to this user."""
        return self.fake.to(self.user_id)[-1]


@pytest.fixture(params=["zalo", "messenger"])
def chat(request: pytest.FixtureRequest, client: FlaskClient, fake: FakePlatforms) -> Chat:
    """A conversation on each platform."""
    user = "2512523625412515" if request.param == "zalo" else "6789012345678901"
    return Chat(client, fake, request.param, user)


def add_dossier(rt: Runtime, code: str, **fields: Any) -> None:
    """Insert or update a dossier directly."""
    now = rt.now()
    data: dict[str, Any] = {
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "agency_code": "000.31.25.H59",
        "agency_name": "UBND xã Tân An",
        "status": 4,
        "received_at": now,
        "due_at": now,
        "finished_at": None,
        "returned_at": None,
        "current_step": "Công chức tư pháp - hộ tịch thẩm định",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "national_code": None,
    }
    data.update(fields)
    with rt.db.session() as s:
        upsert_dossier(s, code, data)


def add_province_centre(rt: Runtime) -> None:
    """The province's one-stop centre: the contact when a user follows no dossier."""
    with rt.db.session() as s:
        s.add(
            Agency(
                code="000.00.00.H59",
                name="Trung tâm Phục vụ hành chính công tỉnh Trà Vinh",
                address="Số 1 Lê Lợi, Phường 1, TP Trà Vinh",
                hotline="0294 3855 555",
            )
        )


def at(iso: str) -> datetime:
    """An aware datetime from ISO text."""
    return datetime.fromisoformat(iso)
