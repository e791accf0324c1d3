"""`import-dossiers` at a province's size (SPEC §9): the file is streamed in batches of bulk upserts on SQLite and on
PostgreSQL, bad rows are named by line and the good ones kept, each changed dossier notifies its subscribers once
(the jobs enqueued together with RQ), and a terminal shows a progress bar. Speed is measured by bench/, not here."""

from __future__ import annotations

import csv
import os
import pty
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from rq import Queue
from sqlalchemy import func, select

from bot.delivery.dispatchers import QUEUE_NAME
from bot.records.db import Database
from bot.records.models import Agency, Dossier, Subscription
from bot.runtime import Runtime
from bot.web import imports
from bot.web.resources import resources
from tests.conftest import base_config
from tests.fakes import FakePlatforms
from tests.services import postgres_server

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["code", "procedure_code", "procedure_name", "agency_code", "agency_name", "status", "received_at",
          "due_at", "applicant_phone"]
ROWS = 2_500  # more than one batch


def code(i: int) -> str:
    """The i-th dossier of the file, spread over 25 agencies."""
    return f"000.{31 + i % 25:02d}.25.H59-2611{1 + i // 1000 % 28:02d}-{i % 1000:04d}"


def row(i: int, status: int = 4) -> list[Any]:
    return [code(i), "1.001193", "Đăng ký khai sinh", f"000.{31 + i % 25:02d}.25.H59", f"UBND xã số {i % 25}",
            status, "2026-11-02T08:30:00+07:00", "2026-11-05T17:00:00+07:00", "0912345678"]


def write(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows(rows)
    return path


def stored(rt: Runtime) -> dict[str, int]:
    with rt.db.session() as s:
        return {c: status for c, status in s.execute(select(Dossier.code, Dossier.status))}


def follow(rt: Runtime, *pairs: tuple[str, str, str]) -> None:
    with rt.db.session() as s:
        s.add_all(Subscription(platform=p, user_id=u, dossier_code=c) for p, u, c in pairs)


def test_a_large_file_keeps_the_good_rows_and_names_the_bad_lines(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    rows = [row(i) for i in range(ROWS)]
    rows[99][0] = "not-a-code"  # line 101
    rows[2_100][5] = "11"  # line 2,102: in the second batch
    rows[2_498][7] = "2026-10-01T08:00:00+07:00"  # line 2,500: due before received
    rows.insert(2_300, row(7, status=9))  # line 2,302: the same dossier again, later in the file
    result = app.test_cli_runner().invoke(args=["import-dossiers", str(write(tmp_path / "q.csv", rows))])
    assert result.exit_code == 1
    assert f"{ROWS - 3} created, 1 updated, 3 rejected." in result.stdout
    assert result.stderr.splitlines() == [
        imports.DOSSIER_IMPORT_BAD_CODE.format(line=101),
        "dòng 2102: status: Must be one of: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.",
        "dòng 2501: due_at: Ngày hẹn trả sớm hơn ngày tiếp nhận.",
    ]
    assert "Importing" not in result.output  # no progress bar when the output is not a terminal
    statuses = stored(rt)
    assert len(statuses) == ROWS - 3 and statuses[code(7)] == 9 and code(99) not in statuses
    with rt.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Agency)) == 25  # every agency named is registered
        phone = s.scalar(select(Dossier.applicant_phone).where(Dossier.code == code(0)))
    assert phone == "0912345678"


def test_a_status_change_notifies_each_subscriber_once(
    app: Flask, rt: Runtime, fake: FakePlatforms, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    first = write(tmp_path / "week1.csv", [row(i) for i in range(3_000)])
    assert runner.invoke(args=["import-dossiers", str(first)]).exit_code == 0
    follow(rt, ("zalo", "z-changed", code(5)), ("messenger", "m-changed", code(2_500)),
           ("zalo", "z-same", code(6)), ("messenger", "m-same", code(2_501)))
    later = [row(i, status=9 if i in (5, 2_500) else 4) for i in range(3_000)]
    result = runner.invoke(args=["import-dossiers", str(write(tmp_path / "week2.csv", later))])
    assert result.exit_code == 0 and "0 created, 3000 updated, 0 rejected" in result.output
    assert "2 followed dossiers changed status" in result.output
    assert [code(5) in s.text and "Đã xử lý xong" in s.text for s in fake.to("z-changed")] == [True]
    assert [code(2_500) in s.text for s in fake.to("m-changed")] == [True]
    assert fake.to("z-same") == [] and fake.to("m-same") == []
    again = runner.invoke(args=["import-dossiers", str(write(tmp_path / "week2-again.csv", later))])
    assert again.exit_code == 0 and "changed status" not in again.output
    assert len(fake.to("z-changed")) == 1 and len(fake.to("m-changed")) == 1


def test_with_redis_the_notifications_are_queued_for_the_worker(redis_url: str, tmp_path: Path,
                                                                fake: FakePlatforms) -> None:
    from webhooks import create_app

    app = create_app({**base_config(tmp_path), "REDIS_URL": redis_url, "JOB_MODE": "rq"})
    rt = resources(app).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import-dossiers", str(write(tmp_path / "a.csv", [row(i) for i in range(2_500)]))]
                         ).exit_code == 0
    followed = [0, 1, 2_100, 2_499]
    follow(rt, *(("zalo", f"z{i}", code(i)) for i in followed), ("zalo", "z0-again", code(0)))
    later = [row(i, status=10) for i in range(2_500)]
    result = runner.invoke(args=["import-dossiers", str(write(tmp_path / "b.csv", later))])
    assert result.exit_code == 0 and "4 followed dossiers changed status" in result.output
    queue = Queue(QUEUE_NAME, connection=redis.Redis.from_url(redis_url))
    jobs = [queue.fetch_job(job_id) for job_id in queue.job_ids]
    assert sorted(j.args[1][0] for j in jobs if j) == sorted(code(i) for i in followed)
    assert fake.texts() == []  # sent by the worker, not by the import
    rt.redis.flushall()


def test_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    env = {**os.environ, **{k: str(v) for k, v in base_config(tmp_path).items() if k.isupper() and v is not None},
           "JOB_MODE": "eager", "COLUMNS": "100"}
    env.pop("TESTING", None)
    database = Database(env["DATABASE_URL"])
    database.upgrade()
    database.engine.dispose()
    path = write(tmp_path / "q.csv", [row(i) for i in range(ROWS)])
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "webhooks", "import-dossiers", str(path)],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    text = output.decode("utf-8", "replace")
    assert "Importing dossiers" in text and "100%" in text and f"{ROWS} created, 0 updated, 0 rejected" in text


def test_bulk_upserts_on_postgresql(postgres_url: str, tmp_path: Path, fake: FakePlatforms) -> None:
    from webhooks import create_app

    database = postgres_server().create_database(f"motcua_{uuid.uuid4().hex[:12]}")
    app = create_app({**base_config(tmp_path), "DATABASE_URL": database})
    rt = resources(app).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    runner = app.test_cli_runner()
    rows = [row(i) for i in range(ROWS)]
    rows.insert(10, row(3, status=5))  # the same dossier twice in one batch: the later row wins
    result = runner.invoke(args=["import-dossiers", str(write(tmp_path / "a.csv", rows))])
    assert result.exit_code == 0 and f"{ROWS} created, 1 updated, 0 rejected" in result.output
    follow(rt, ("zalo", "z3", code(3)))
    later = [row(i, status=9 if i == 3 else 4) for i in range(ROWS)]
    result = runner.invoke(args=["import-dossiers", str(write(tmp_path / "b.csv", later))])
    assert result.exit_code == 0 and f"0 created, {ROWS} updated" in result.output
    assert "1 followed dossiers changed status" in result.output and len(fake.to("z3")) == 1
    statuses = stored(rt)
    assert len(statuses) == ROWS and statuses[code(3)] == 9 and statuses[code(4)] == 4
    with rt.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Agency)) == 25
    catalog = tmp_path / "catalog.csv"
    catalog.write_text("code,name\n" + "".join(f"1.{i:06d},Thủ tục số {i}\n" for i in range(2_000)), encoding="utf-8")
    assert "2000 created, 0 updated, 0 rejected" in runner.invoke(args=["import-procedures", str(catalog)]).output
    rt.db.engine.dispose()


@pytest.mark.parametrize("size", [2_000])
def test_the_full_procedure_catalog_is_taken(app: Flask, rt: Runtime, tmp_path: Path, size: int) -> None:
    catalog = tmp_path / "catalog.csv"
    with catalog.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(imports.CSV_COLUMNS)
        for i in range(size):
            out.writerow([f"{1 + i % 3}.{i:06d}", f"Thủ tục hành chính số {i}", "Hộ tịch", "Tờ khai; Bản sao giấy tờ",
                          "Miễn phí", "03 ngày làm việc", "UBND cấp xã", f"https://dichvucong.gov.vn/p?ma={i}",
                          f"thu tuc {i}"])
    runner = app.test_cli_runner()
    assert f"{size} created, 0 updated, 0 rejected" in runner.invoke(args=["import-procedures", str(catalog)]).output
    assert f"0 created, {size} updated, 0 rejected" in runner.invoke(args=["import-procedures", str(catalog)]).output
