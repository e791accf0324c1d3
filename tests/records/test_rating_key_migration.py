"""Migration 0002 on SQLite and PostgreSQL: ratings recorded with their dossier code keep only its keyed hash,
reasons lose their phone numbers, officials gain a session version; the reports say what they said before (the
simulator's ratings aside, which never count) and a dossier rated before cannot be rated again."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from bot.records.db import Database
from bot.records.dossier_stats import dossier_stats
from bot.records.models import Official
from bot.records.ratings import dossier_key, rated_codes, record_rating
from bot.records.reports import satisfaction_report
from integrations.onestop import DossierInfo
from tests.services import postgres_server

KEY = b"rating-key-of-this-province"
AGENCY = "000.31.25.H59"
RATED, SIM_RATED, UNRATED, GONE = (f"{AGENCY}-261102-000{n}" for n in range(1, 5))
NOV = {"start": date(2026, 11, 1), "end": date(2026, 11, 30)}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """An empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/migrate.sqlite3"
    request.getfixturevalue("postgres_url")
    return postgres_server().create_database(f"motcua_{uuid.uuid4().hex[:12]}")


def _at(day: int) -> datetime:
    return datetime(2026, 11, day, 3, 0, tzinfo=UTC)


def _old_rows(db: Database) -> None:
    """What revision 0001 held: three finished dossiers, ratings keyed by code (one from the simulator)."""
    meta = sa.MetaData()
    dossiers = sa.Table("dossiers", meta, autoload_with=db.engine)
    ratings = sa.Table("ratings", meta, autoload_with=db.engine)
    officials = sa.Table("officials", meta, autoload_with=db.engine)
    dossier = {
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "agency_code": AGENCY,
        "agency_name": "UBND xã Tân An",
        "status": 10,
        "received_at": _at(2),
        "due_at": _at(5),
        "finished_at": _at(4),
        "returned_at": None,
        "current_step": "",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "created_at": _at(2),
        "updated_at": _at(4),
    }
    rating = {
        "agency_code": AGENCY,
        "agency_name": "UBND xã Tân An",
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "answers": {},
    }
    with db.engine.begin() as conn:
        for code in (RATED, SIM_RATED, UNRATED):
            conn.execute(dossiers.insert().values(code=code, **dossier))
        conn.execute(
            ratings.insert(),
            [
                {**rating, "dossier_code": RATED, "platform": "zalo", "level": "dissatisfied",
                 "reason": "Gọi 0912 345 678 không ai nghe", "created_at": _at(6)},
                {**rating, "dossier_code": GONE, "platform": "messenger", "level": "very_satisfied",
                 "reason": "", "created_at": _at(7)},
                {**rating, "dossier_code": SIM_RATED, "platform": "sim", "level": "satisfied",
                 "reason": "", "created_at": _at(8)},
            ],
        )  # fmt: skip
        conn.execute(officials.insert().values(username="canbo", password_hash="x", role="admin"))


def test_0002_keeps_the_reports_and_once_per_dossier_without_the_codes(url: str) -> None:
    db = Database(url, rating_key=KEY)
    try:
        db.upgrade("0001")
        _old_rows(db)
        db.upgrade()
        with db.engine.connect() as conn:
            rows = [" | ".join(map(str, row)) for row in conn.execute(sa.text("SELECT * FROM ratings"))]
            version = conn.execute(sa.text("SELECT session_version FROM officials")).scalar_one()
        assert len(rows) == 3 and not any(code in row for row in rows for code in (RATED, SIM_RATED, GONE))
        assert not any("345 678" in row for row in rows) and any("Gọi [số điện thoại] không" in r for r in rows)
        assert any(dossier_key(KEY, RATED) in row for row in rows)
        assert any(dossier_key(KEY, SIM_RATED, trial=True) in row for row in rows)
        assert version == 0
        with db.session() as s:
            report = satisfaction_report(s, **NOV, group_by="agency", agency_scope=None)
            stats = dossier_stats(s, **NOV, agency_scope=None)
            assert s.scalar(sa.select(Official.session_version)) == 0
        assert (report["total"], report["very_satisfied"], report["satisfied"], report["dissatisfied"]) == (2, 1, 0, 1)
        assert [r["reason"] for r in report["dissatisfied_reasons"]] == ["Gọi [số điện thoại] không ai nghe"]
        assert (stats.finished, stats.rated) == (3, 1)  # the simulator's rating is not a response
        assert rated_codes(db, [RATED, SIM_RATED, UNRATED]) == {RATED}
        assert rated_codes(db, [RATED, SIM_RATED], platform="sim") == {SIM_RATED}
        info = DossierInfo(RATED, "1.001193", "Khai sinh", AGENCY, "Tân An", 10, None, None, None, None, "", "")
        assert record_rating(db, info, platform="zalo", level="satisfied", reason="", now=_at(9)) is None
    finally:
        db.engine.dispose()
