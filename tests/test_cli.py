"""CLI commands of SPEC §9 not covered elsewhere, and health with Redis down."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from bot.records.models import Official, ZaloToken
from bot.runtime import Runtime
from bot.web.resources import resources
from tests.conftest import base_config
from tests.fakes import FakePlatforms


def test_db_upgrade_and_seed_demo_are_idempotent(app: Flask, rt: Runtime) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    first = runner.invoke(args=["seed-demo"])
    second = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "dossiers 326" in first.output and first.output == second.output


def test_users_create_validates_and_hashes(app: Flask, rt: Runtime) -> None:
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["users", "create", "a", "--password", "short", "--role", "admin"])
    assert bad.exit_code != 0 and "8 characters" in bad.output
    no_agency = runner.invoke(args=["users", "create", "b", "--password", "long-enough", "--role", "official"])
    assert no_agency.exit_code != 0 and "--agency" in no_agency.output
    unknown = runner.invoke(
        args=["users", "create", "c", "--password", "long-enough", "--role", "official", "--agency", "000.99.99.H59"]
    )
    assert unknown.exit_code != 0 and "no agency" in unknown.output
    ok = runner.invoke(args=["users", "create", "lanhdao", "--password", "long-enough", "--role", "admin"])
    assert ok.exit_code == 0 and "created" in ok.output
    with rt.db.session() as s:
        user = s.scalar(select(Official).where(Official.username == "lanhdao"))
        assert user is not None and "long-enough" not in user.password_hash


def test_zalo_token_refresh_now(app: Flask, rt: Runtime, fake: FakePlatforms) -> None:
    result = app.test_cli_runner().invoke(args=["zalo-token", "refresh"])
    assert result.exit_code == 0, result.output
    assert fake.refreshes == 1 and "zalo-access-1" not in result.output
    with rt.db.session() as s:
        row = s.scalar(select(ZaloToken))
        assert row is not None and row.refresh_token == "zalo-refresh-1"


def test_messenger_profile_sets_get_started_greeting_and_menu(app: Flask, fake: FakePlatforms) -> None:
    result = app.test_cli_runner().invoke(args=["messenger-profile"])
    assert result.exit_code == 0, result.output
    (call,) = fake.graph_calls
    body = call["body"]
    assert call["url"].split("?")[0].endswith("/me/messenger_profile")
    assert body["get_started"] == {"payload": "GET_STARTED"}
    assert any(g["locale"] == "vi_VN" and "Trà Vinh" in g["text"] for g in body["greeting"])
    titles = [a["title"] for a in body["persistent_menu"][0]["call_to_actions"]]
    assert titles == ["Tra cứu hồ sơ", "Đánh giá", "Gặp cán bộ"]


def test_healthz_names_redis_when_it_is_down(tmp_path: Path, fake: FakePlatforms) -> None:
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"})
    resources(app).runtime.db.upgrade()
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["failing"] == ["redis"] and resp.get_json()["database"] == "ok"
