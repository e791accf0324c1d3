"""The demo province seed: counts, spread of statuses and dates, idempotency, fixed codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from bot.config import load_settings
from bot.records.db import Database
from bot.records.demo import (
    DEMO_CODES,
    DEMO_OFFICIAL,
    DEMO_OFFICIAL_TANAN,
    DEMO_PHONE_LAST4,
    DEMO_STATUS,
    PROCEDURES,
    RESERVED_CODES,
    demo_dossiers,
    seed_demo,
)
from bot.records.models import Agency, Dossier, Official, Procedure, Rating
from bot.records.ratings import dossier_key
from bot.runtime import Runtime, build_runtime

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OPEN = {1, 2, 4, 5, 6}
EXPECTED = {"agencies": 53, "procedures": 21, "dossiers": 326, "officials": 2}
HISTORY_SEQ = 5001  # history dossiers' codes end in 5001 and up


def fixed_part(counts: dict[str, int]) -> dict[str, int]:
    """The counts that do not depend on the seeding day (the history's size does, a little)."""
    assert 2500 < counts["history dossiers"] < 3500 and 0.3 < counts["ratings"] / counts["history dossiers"] < 0.6
    return {k: v for k, v in counts.items() if k in EXPECTED}


def is_history(code: str) -> bool:
    """A dossier of the twelve months of history (returned long ago, maybe rated)."""
    return int(code.rsplit("-", 1)[1]) >= HISTORY_SEQ

# Awkward moments: before the office opens on a Monday, a Saturday, late on a Sunday, noon.
CLOCKS = [
    datetime(2026, 11, 30, 6, 0, tzinfo=VN),
    datetime(2026, 11, 28, 10, 0, tzinfo=VN),
    datetime(2027, 1, 3, 23, 30, tzinfo=VN),
    datetime(2026, 6, 17, 12, 0, tzinfo=VN),
]


@pytest.fixture
def make_rt(tmp_path: Path) -> Callable[[datetime | None], Runtime]:
    """A runtime on a fresh SQLite schema, optionally with a fixed clock."""
    url = f"sqlite:///{tmp_path}/demo.sqlite3"
    Database(url).upgrade()

    def make(now: datetime | None = None) -> Runtime:
        rt = build_runtime(load_settings({"DATABASE_URL": url, "SECRET_KEY": "test-secret"}, env={}))
        if now is not None:
            fixed = now.astimezone(UTC)
            rt.now = lambda: fixed
        return rt

    return make


def _dossiers(rt: Runtime, history: bool = False) -> list[Dossier]:
    with rt.db.session() as s:
        return [d for d in s.scalars(select(Dossier)) if history or not is_history(d.code)]


def _check_dates(rt: Runtime) -> None:
    now = rt.now()
    today = now.astimezone(VN).date()
    rows = _dossiers(rt)
    assert {d.status for d in rows} == set(range(1, 11))
    open_rows = [d for d in rows if d.status in OPEN]
    assert open_rows
    due_dates = [d.due_at.astimezone(VN).date() for d in open_rows if d.due_at]
    assert sum(due < today for due in due_dates) >= 5, "some open dossiers must be overdue"
    assert sum(due == today for due in due_dates) >= 2, "several dossiers must be due today"
    assert sum(due > today for due in due_dates) > len(due_dates) // 2
    closed = [d for d in rows if d.status in (9, 10)]
    late = [d for d in closed if d.finished_at and d.due_at and d.finished_at.astimezone(VN).date()
            > d.due_at.astimezone(VN).date()]
    assert late and len(late) < len(closed) // 2
    for d in rows:
        assert d.received_at is not None and d.due_at is not None
        assert d.received_at <= now, d.code
        assert now - d.received_at <= timedelta(days=130), d.code
        assert d.due_at >= d.received_at, d.code
        if d.status in OPEN:
            assert d.finished_at is None and d.returned_at is None, d.code
            assert d.current_step, d.code
        else:
            assert d.finished_at is not None and d.received_at <= d.finished_at <= now, d.code
        if d.status == 10:
            assert d.returned_at is not None and d.finished_at is not None, d.code
            assert d.finished_at <= d.returned_at <= now, d.code
        else:
            assert d.returned_at is None, d.code
        if d.code not in DEMO_CODES.values():
            assert d.code.split("-")[1] == d.received_at.astimezone(VN).strftime("%y%m%d"), d.code
        assert len(d.applicant_phone) == 10 and d.applicant_phone[:2] in {"03", "07", "08", "09"}, d.code
        assert d.applicant_name and d.agency_name and d.procedure_name


def test_seed_loads_the_province(make_rt: Callable[[datetime | None], Runtime]) -> None:
    rt = make_rt(None)
    assert fixed_part(seed_demo(rt)) == EXPECTED
    with rt.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Agency)) == EXPECTED["agencies"]
        assert s.scalar(select(func.count()).select_from(Procedure)) == EXPECTED["procedures"]
        agencies = {a.code: a for a in s.scalars(select(Agency))}
        procedures = {p.code: p for p in s.scalars(select(Procedure))}
        dossiers = list(s.scalars(select(Dossier)))
    assert sum(not is_history(d.code) for d in dossiers) == EXPECTED["dossiers"]
    levels = {lvl: sum(a.level == lvl for a in agencies.values()) for lvl in ("province", "district", "commune")}
    assert levels == {"province": 19, "district": 9, "commune": 25}
    assert agencies["000.31.25.H59"].name == "UBND xã Tân An"
    assert agencies["000.31.25.H59"].parent_code == "000.00.25.H59"
    for a in agencies.values():
        assert a.parent_code is None or a.parent_code in agencies
        assert a.code.endswith(".H59") and len(a.code.split(".")) == 4
        assert a.address and a.hotline.startswith("0294 3")
    for p in procedures.values():
        assert p.name and p.field and p.documents and p.fee and p.duration and p.where and p.keywords
        assert p.url.endswith(f"ma_thu_tuc={p.code}")
        assert p.keywords.isascii()
    assert {"1.001193", "1.000894", "1.000010", "1.000494"} <= set(procedures)
    for d in dossiers:
        assert d.agency_code in agencies and d.agency_name == agencies[d.agency_code].name
        assert d.procedure_code in procedures and d.procedure_name == procedures[d.procedure_code].name
        assert d.code.startswith(d.agency_code + "-")
        assert d.code not in RESERVED_CODES
    assert len({d.code for d in dossiers}) == len(dossiers)
    assert any(d.national_code for d in dossiers)
    _check_dates(rt)


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.strftime("%a-%H%M"))
def test_dates_make_sense_at_any_moment(make_rt: Callable[[datetime | None], Runtime], now: datetime) -> None:
    rt = make_rt(now)
    assert fixed_part(seed_demo(rt)) == EXPECTED
    _check_dates(rt)


def test_codes_parse(make_rt: Callable[[datetime | None], Runtime]) -> None:
    nlu = pytest.importorskip("bot.nlu")
    rt = make_rt(None)
    seed_demo(rt)
    for d in _dossiers(rt, history=True):
        assert nlu.canonical_code(d.code) == d.code
        if d.national_code:
            assert nlu.canonical_code(d.national_code) == d.national_code


def test_generation_is_deterministic() -> None:
    now = datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    assert demo_dossiers(now) == demo_dossiers(now)


def test_second_run_adds_nothing_even_days_later(make_rt: Callable[[datetime | None], Runtime]) -> None:
    first = datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    rt = make_rt(first)
    assert fixed_part(seed_demo(rt)) == EXPECTED
    with rt.db.session() as s:  # the push API moved a demo dossier on
        s.execute(update(Dossier).where(Dossier.code == DEMO_CODES["processing"]).values(status=9))
    before = {d.code: (d.status, d.received_at, d.due_at, d.updated_at) for d in _dossiers(rt, history=True)}
    assert before[DEMO_CODES["processing"]][0] == 9
    for later in (first, first + timedelta(days=3, hours=5), first + timedelta(days=40)):
        assert fixed_part(seed_demo(make_rt(later))) == EXPECTED
        after = {d.code: (d.status, d.received_at, d.due_at, d.updated_at) for d in _dossiers(rt, history=True)}
        assert after == before
    with rt.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Agency)) == EXPECTED["agencies"]
        assert s.scalar(select(func.count()).select_from(Procedure)) == len(PROCEDURES)
        assert s.scalar(select(func.count()).select_from(Official)) == EXPECTED["officials"]


def test_demo_codes(make_rt: Callable[[datetime | None], Runtime]) -> None:
    rt = make_rt(None)
    seed_demo(rt)
    today = rt.now().astimezone(VN).date()
    rows = {d.code: d for d in _dossiers(rt)}
    assert set(DEMO_CODES) == {"processing", "overdue", "due_today", "finished", "returned", "needs_documents"}
    for purpose, code in DEMO_CODES.items():
        d = rows[code]
        assert d.status == DEMO_STATUS[purpose]
        assert d.due_at is not None
    assert rows[DEMO_CODES["processing"]].status == 4
    assert rows[DEMO_CODES["processing"]].due_at.astimezone(VN).date() > today  # type: ignore[union-attr]
    assert rows[DEMO_CODES["overdue"]].status == 4
    assert rows[DEMO_CODES["overdue"]].due_at.astimezone(VN).date() < today  # type: ignore[union-attr]
    assert rows[DEMO_CODES["due_today"]].status == 4
    assert rows[DEMO_CODES["due_today"]].due_at.astimezone(VN).date() == today  # type: ignore[union-attr]
    assert rows[DEMO_CODES["finished"]].status == 9
    assert rows[DEMO_CODES["returned"]].status == 10
    assert rows[DEMO_CODES["needs_documents"]].status == 5
    for purpose in ("finished", "returned"):
        assert rows[DEMO_CODES[purpose]].applicant_phone.endswith(DEMO_PHONE_LAST4)


def test_officials(make_rt: Callable[[datetime | None], Runtime]) -> None:
    rt = make_rt(None)
    with rt.db.session() as s:  # an account that exists already is left alone
        s.add(Official(username=DEMO_OFFICIAL_TANAN[0], password_hash=generate_password_hash("changed-pw-123"),
                       role="official", agency_code="000.31.25.H59"))
    seed_demo(rt)
    with rt.db.session() as s:
        users = {o.username: o for o in s.scalars(select(Official))}
    admin = users[DEMO_OFFICIAL[0]]
    assert admin.role == "admin" and admin.agency_code is None
    assert check_password_hash(admin.password_hash, DEMO_OFFICIAL[1])
    tanan = users[DEMO_OFFICIAL_TANAN[0]]
    assert check_password_hash(tanan.password_hash, "changed-pw-123")


def test_twelve_months_of_rated_history(make_rt: Callable[[datetime | None], Runtime]) -> None:
    now = datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    rt = make_rt(now)
    counts = seed_demo(rt)
    history = _dossiers(rt, history=True)
    assert {d.channel for d in history} == {"direct", "online", "postal"}  # every demo dossier has one
    with rt.db.session() as s:
        ratings = list(s.scalars(select(Rating)))
    assert len(ratings) == counts["ratings"]
    key = rt.settings.rating_key
    by_code = {dossier_key(key, d.code): d for d in history}
    months = {r.created_at.astimezone(VN).strftime("%Y-%m") for r in ratings}
    assert len(months) >= 12
    for r in ratings:
        d = by_code[r.dossier_key]
        assert d.status == 10 and d.returned_at is not None and d.finished_at is not None and d.received_at
        assert d.received_at <= d.finished_at <= d.returned_at < r.created_at <= now
        assert r.agency_code == d.agency_code and r.procedure_code == d.procedure_code
        assert r.finished_on == d.finished_at.astimezone(VN).date()
        assert (r.level == "dissatisfied") == bool(r.reason)
        assert set(r.answers) <= {"access", "procedure", "civil_servant", "result", "feedback"}
        assert set(r.answers.values()) <= {"good", "fair", "poor"}
    assert sum(bool(r.answers) for r in ratings) > len(ratings) // 3
    good = [r.level != "dissatisfied" for r in sorted(ratings, key=lambda r: r.created_at)]
    half = len(good) // 2
    assert sum(good[half:]) / (len(good) - half) > sum(good[:half]) / half  # the rate rises over the year
    assert fixed_part(seed_demo(make_rt(now + timedelta(days=2)))) == EXPECTED
    with rt.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Rating)) == len(ratings)
