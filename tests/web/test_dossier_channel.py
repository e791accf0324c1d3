"""The optional `channel` of a dossier (direct, online, postal) through the push API and the CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.records.models import Dossier
from bot.runtime import Runtime
from tests import payloads as p
from tests.payloads import spec_body
from tests.queries import dossier_count as count

CODE = "000.31.25.H59-261102-0001"
URL = f"/api/v1/dossiers/{CODE}"
AUTH = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}
HEADER = "code,procedure_name,agency_code,agency_name,status,channel"


def channels(rt: Runtime) -> dict[str, str | None]:
    with rt.db.session() as s:
        return dict(s.execute(select(Dossier.code, Dossier.channel)).tuples().all())


@pytest.mark.parametrize("channel", ["direct", "online", "postal"])
def test_push_stores_and_reads_back_the_channel(client: FlaskClient, rt: Runtime, channel: str) -> None:
    assert client.put(URL, json=spec_body(channel=channel), headers=AUTH).status_code == 201
    assert client.get(URL, headers=AUTH).get_json()["channel"] == channel
    assert channels(rt) == {CODE: channel}


def test_channel_is_optional_and_an_update_without_it_keeps_it(client: FlaskClient, rt: Runtime) -> None:
    other = "000.31.25.H59-261102-0002"
    assert client.put(f"/api/v1/dossiers/{other}", json=spec_body(), headers=AUTH).status_code == 201
    assert client.put(URL, json=spec_body(channel="online"), headers=AUTH).status_code == 201
    assert client.put(URL, json=spec_body(status=9), headers=AUTH).status_code == 200
    assert channels(rt) == {other: None, CODE: "online"}


@pytest.mark.parametrize("bad", ["internet", "Online", "", 3])
def test_another_channel_is_400_and_nothing_stored(client: FlaskClient, rt: Runtime, bad: object) -> None:
    resp = client.put(URL, json=spec_body(channel=bad), headers=AUTH)
    assert resp.status_code == 400
    assert list(resp.get_json()["errors"]) == ["channel"]
    assert count(rt) == 0


def test_csv_import_reads_the_channel_and_names_a_bad_one(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    rows = [
        f"{CODE},Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,4,postal",
        "000.31.25.H59-261102-0002,Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,4,",
        "000.31.25.H59-261102-0003,Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,4,fax",
    ]
    path = tmp_path / "dossiers.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-dossiers", str(path)])
    assert "2 created, 0 updated, 1 rejected" in result.output
    assert "dòng 4: channel" in result.output
    assert channels(rt) == {CODE: "postal", "000.31.25.H59-261102-0002": None}
