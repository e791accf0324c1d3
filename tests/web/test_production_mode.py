"""APP_ENV=production and SIMULATOR (SPEC §3): no start without SECRET_KEY, whichever way the app is started; no demo
data and no demo login; the simulator off unless SIMULATOR says otherwise, or only for a logged-in official."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.config import ConfigError
from bot.records.demo import DEMO_OFFICIAL
from bot.runtime import Runtime
from tests.conftest import base_config
from tests.officials import PASSWORD, add_agencies, create_user, login
from tests.queries import dossier_count
from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]
SIMULATOR_ROUTES = (("GET", "/simulator"), ("POST", "/simulator/send"), ("GET", "/simulator/messages?user=sim-abc123"))


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process without SECRET_KEY (nothing of the caller's app settings)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SIMULATOR", "REDIS_URL", "FLASK_APP")}
    return {**env, "APP_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3", **extra}


def started(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a start-up command of the app from the repository root."""
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "flask", "--app", "webhooks", "db", "upgrade"],
        [sys.executable, "-m", "bot.web.serve"],
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", "127.0.0.1:0", "webhooks:app"],
    ],
    ids=["flask-cli", "serve", "gunicorn"],
)
def test_production_does_not_start_without_a_secret_key(command: list[str], tmp_path: Path) -> None:
    result = started(command, production_env(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "APP_ENV=production" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_mistyped_app_env_or_simulator_is_named(tmp_path: Path) -> None:
    from webhooks import create_app

    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({**base_config(tmp_path), "APP_ENV": "production", "SECRET_KEY": ""})
    with pytest.raises(ConfigError, match="APP_ENV must be one of development, production"):
        create_app({**base_config(tmp_path), "APP_ENV": "prod"})
    with pytest.raises(ConfigError, match="SIMULATOR must be one of public, officials, off"):
        create_app({**base_config(tmp_path), "SIMULATOR": "everyone"})


def test_production_starts_with_a_secret_key_and_serves_no_demo_login(tmp_path: Path) -> None:
    port = free_port()
    env = production_env(tmp_path, SECRET_KEY="s" * 64, PORT=str(port))
    proc = subprocess.Popen([sys.executable, "-m", "bot.web.serve"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    raw = b""
    try:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        selector = selectors.DefaultSelector()
        selector.register(fd, selectors.EVENT_READ)
        deadline = time.monotonic() + 60
        while b"Dashboard:" not in raw and time.monotonic() < deadline and proc.poll() is None:
            if selector.select(timeout=1):
                raw += os.read(fd, 4096)  # unbuffered: no line waits in a reader's buffer
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out = raw.decode("utf-8", "replace")
    assert f"http://127.0.0.1:{port}/dashboard/" in out
    assert DEMO_OFFICIAL[0] not in out and DEMO_OFFICIAL[1] not in out
    assert "/simulator" not in out  # off in production


def test_development_prints_the_simulator_and_the_demo_login() -> None:
    from bot.config import Settings
    from bot.web.serve import banner

    text = banner(Settings(secret_key="x"), "127.0.0.1", 5000)
    assert "http://127.0.0.1:5000/simulator" in text and f"{DEMO_OFFICIAL[0]} / {DEMO_OFFICIAL[1]}" in text


class TestProduction:
    """An app with APP_ENV=production and a secret key."""

    @pytest.fixture
    def config(self, tmp_path: Path) -> dict[str, object]:
        return {**base_config(tmp_path), "APP_ENV": "production"}

    def test_seed_demo_is_refused(self, app: Flask, rt: Runtime) -> None:
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code != 0 and "APP_ENV=production" in result.output
        assert dossier_count(rt) == 0

    def test_the_simulator_is_off(self, client: FlaskClient) -> None:
        for method, path in SIMULATOR_ROUTES:
            assert client.open(path, method=method, json={"user": "sim-abc123", "text": "chào"}).status_code == 404

    def test_the_webhooks_and_dashboard_still_answer(self, client: FlaskClient) -> None:
        assert client.get("/healthz").status_code == 200
        assert client.get("/dashboard/login").status_code == 200


@pytest.mark.parametrize(
    ("settings", "open_"),
    [({"APP_ENV": "production", "SIMULATOR": "public"}, True), ({"SIMULATOR": "off"}, False), ({}, True)],
    ids=["production-public", "development-off", "development-default"],
)
def test_simulator_setting(settings: dict[str, str], open_: bool, tmp_path: Path, fake: Any) -> None:
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), **settings})
    client = app.test_client()
    statuses = [client.open(path, method=m, json={"user": "sim-abc123", "text": "chào"}).status_code
                for m, path in SIMULATOR_ROUTES]
    assert (statuses == [200, 200, 200]) if open_ else (statuses == [404, 404, 404])


class TestSimulatorForOfficials:
    """SIMULATOR=officials: only an official logged in to the dashboard may use it."""

    @pytest.fixture
    def config(self, tmp_path: Path) -> dict[str, object]:
        return {**base_config(tmp_path), "APP_ENV": "production", "SIMULATOR": "officials"}

    def test_anonymous_visitors_are_sent_to_the_login(self, client: FlaskClient) -> None:
        page = client.get("/simulator")
        assert page.status_code == 302 and page.headers["Location"].endswith("/dashboard/login?next=/simulator")
        assert client.post("/simulator/send", json={"user": "sim-abc123", "text": "chào"}).status_code == 401
        assert client.get("/simulator/messages?user=sim-abc123").status_code == 401

    def test_a_logged_in_official_chats(self, app: Flask, client: FlaskClient, rt: Runtime) -> None:
        add_agencies(rt)
        create_user(app, "lanhdao", "admin")
        assert login(client, "lanhdao", PASSWORD, next_url="/simulator").headers["Location"] == "/simulator"
        assert client.get("/simulator").status_code == 200
        assert client.post("/simulator/send", json={"user": "sim-abc123", "text": "xin chào"}).status_code == 200
        replies = client.get("/simulator/messages?user=sim-abc123").get_json()["messages"]
        assert replies and "Xin chào" in replies[0]["text"]
