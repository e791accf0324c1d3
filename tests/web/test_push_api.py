"""Push API (SPEC §5): dossiers created and updated by the one-stop system, tokens, per-field errors, notices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.records.models import Subscription
from bot.runtime import Runtime
from bot.web.resources import resources
from tests import payloads as p
from tests.fakes import FakePlatforms
from tests.payloads import spec_body
from tests.queries import dossier_count as count

CODE = "000.31.25.H59-261102-0001"
AUTH = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}


def test_create_then_update_then_read_back(client: FlaskClient, rt: Runtime) -> None:
    created = client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(), headers=AUTH)
    assert created.status_code == 201 and created.get_json()["code"] == CODE
    updated = client.put(
        f"/api/v1/dossiers/{CODE.lower()}",
        json=spec_body(status=9, finished_at="2026-11-04T10:00:00+07:00"),
        headers=AUTH,
    )
    assert updated.status_code == 200
    back = client.get(f"/api/v1/dossiers/{CODE}", headers=AUTH).get_json()
    assert back["status"] == 9 and back["agency_name"] == "UBND xã Tân An"
    assert back["finished_at"].startswith("2026-11-04T03:00:00")  # stored in UTC
    assert count(rt) == 1


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": p.PUSH_TOKEN}])
def test_bad_token_is_401_and_nothing_stored(client: FlaskClient, rt: Runtime, headers: dict[str, str]) -> None:
    assert client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(), headers=headers).status_code == 401
    assert client.get(f"/api/v1/dossiers/{CODE}", headers=headers).status_code == 401
    assert count(rt) == 0


def test_push_api_disabled_without_token(tmp_path: Path, fake: FakePlatforms) -> None:
    from tests.conftest import base_config
    from webhooks import create_app

    config = base_config(tmp_path)
    config["ONESTOP_PUSH_TOKEN"] = ""
    app: Flask = create_app(config)
    resources(app).runtime.db.upgrade()
    resp = app.test_client().put(f"/api/v1/dossiers/{CODE}", json=spec_body(), headers={"Authorization": "Bearer "})
    assert resp.status_code == 401


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": 11}, "status"),
        ({"status": "4"}, "status"),
        ({"procedure_name": ""}, "procedure_name"),
        ({"agency_code": None}, "agency_code"),
        ({"received_at": "02/11/2026"}, "received_at"),
        ({"due_at": "2026-11-05T17:00:00"}, "due_at"),
        ({"due_at": "2026-10-01T17:00:00+07:00"}, "due_at"),
        ({"applicant_phone": "12ab"}, "applicant_phone"),
        ({"code": "000.31.25.H59-261102-0002"}, "code"),
    ],
)
def test_bad_fields_are_400_per_field_and_nothing_stored(
    client: FlaskClient, rt: Runtime, changes: dict[str, Any], field: str
) -> None:
    body = spec_body(**changes)
    resp = client.put(f"/api/v1/dossiers/{CODE}", json=body, headers=AUTH)
    assert resp.status_code == 400
    assert field in resp.get_json()["errors"]
    assert count(rt) == 0


def test_bad_code_and_bad_json(client: FlaskClient, rt: Runtime) -> None:
    assert client.put("/api/v1/dossiers/not-a-code", json=spec_body(), headers=AUTH).status_code == 400
    resp = client.put(f"/api/v1/dossiers/{CODE}", data="{", headers={**AUTH, "Content-Type": "application/json"})
    assert resp.status_code == 400
    assert client.put(f"/api/v1/dossiers/{CODE}", json=[1], headers=AUTH).status_code == 400
    assert client.get("/api/v1/dossiers/000.31.25.H59-261102-0404", headers=AUTH).status_code == 404
    assert count(rt) == 0


def test_status_change_notifies_subscribers(client: FlaskClient, rt: Runtime, fake: FakePlatforms) -> None:
    assert client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(), headers=AUTH).status_code == 201
    with rt.db.session() as s:
        s.add(Subscription(platform="zalo", user_id="z1", dossier_code=CODE))
        s.add(Subscription(platform="messenger", user_id="f1", dossier_code=CODE))
    client.put(f"/api/v1/dossiers/{CODE}", json=spec_body(current_step="Lãnh đạo ký"), headers=AUTH)
    assert fake.sent == []  # same status: no notice
    client.put(
        f"/api/v1/dossiers/{CODE}", json=spec_body(status=9, finished_at="2026-11-04T10:00:00+07:00"), headers=AUTH
    )
    assert {s.user_id for s in fake.sent} == {"z1", "f1"}
    assert all("Đã xử lý xong" in s.text and "Nguyễn Văn An" not in s.text for s in fake.sent)
    fb = [s for s in fake.sent if s.platform == "messenger"][0]
    assert fb.messaging_type == "UPDATE"
