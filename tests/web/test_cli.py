"""The CLI commands of SPEC §9: migrations and the demo seed, officials' accounts, the Zalo token, the Messenger
profile, and the CSV imports of dossiers and of procedures."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from bot.records.models import Official, ZaloToken
from bot.runtime import Runtime
from tests.fakes import FakePlatforms
from tests.procedure_catalog import GOOD_AND_BAD
from tests.queries import dossier_count as count

CODE = "000.31.25.H59-261102-0001"


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


def test_csv_import_keeps_good_rows_and_reports_bad_lines(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    header = "code,procedure_code,procedure_name,agency_code,agency_name,status,received_at,due_at,applicant_phone"
    rows = [
        f"{CODE},1.001193,Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,4,2026-11-02T08:30:00+07:00,"
        "2026-11-05T17:00:00+07:00,0912345678",
        "bad-code,1.001193,Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,4,,,",
        "000.31.25.H59-261102-0002,1.001193,Đăng ký khai sinh,000.31.25.H59,UBND xã Tân An,12,,,",
        "000.31.25.H59-261102-0003,1.000894,Đăng ký kết hôn,000.31.25.H59,UBND xã Tân An,10,"
        "2026-11-02T08:30:00+07:00,2026-11-03T17:00:00+07:00,",
    ]
    path = tmp_path / "dossiers.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-dossiers", str(path)])
    assert result.exit_code == 1
    assert "2 created, 0 updated, 2 rejected" in result.output
    assert "dòng 3" in result.output and "dòng 4" in result.output and "status" in result.output
    assert count(rt) == 2
    again = app.test_cli_runner().invoke(args=["import-dossiers", str(path)])
    assert "0 created, 2 updated, 2 rejected" in again.output and count(rt) == 2


def test_csv_without_required_columns(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,status\n" + CODE + ",4\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-dossiers", str(path)])
    assert result.exit_code == 1 and "thiếu cột" in result.output and count(rt) == 0


def test_cli_import_procedures(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GOOD_AND_BAD.split(",Không có mã")[0].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-procedures", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 rejected" in result.output
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(GOOD_AND_BAD, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-procedures", str(mixed)])
    assert result.exit_code == 1
    assert "1 created, 2 updated, 5 rejected" in result.stdout
    assert "dòng 5:" in result.stderr and "dòng 5:" not in result.stdout
