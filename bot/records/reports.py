"""Satisfaction report queries shared by the reports API and the officials' dashboard (SPEC §10)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.records.dossiers import VN
from bot.records.models import Rating
from bot.records.ratings import TRIAL_PLATFORMS as TRIALS

LEVELS: Final = ("very_satisfied", "satisfied", "dissatisfied")
GROUP_BYS: Final = ("agency", "procedure", "month")
MAX_REASONS: Final = 50


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which a Vietnam-time calendar day begins."""
    return datetime.combine(day, time(0), tzinfo=VN).astimezone(UTC)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Half-open UTC bounds [start 00:00, end+1 00:00) of inclusive Vietnam-time dates."""
    return local_midnight_utc(start), local_midnight_utc(end + timedelta(days=1))


def rate(good: int, total: int) -> float | None:
    """(very satisfied + satisfied) / total × 100 rounded to 2 places; None when there is nothing."""
    return round(good * 100 / total, 2) if total else None


def _counts(total: int, by_level: dict[str, int]) -> dict[str, Any]:
    very, sat, dis = (by_level.get(level, 0) for level in LEVELS)
    return {
        "total": total,
        "very_satisfied": very,
        "satisfied": sat,
        "dissatisfied": dis,
        "satisfaction_rate": rate(very + sat, total),
    }


def _month_starts(start: date, end: date) -> list[date]:
    """First days of the months after start's month up to end's month."""
    out: list[date] = []
    y, m = start.year, start.month
    while True:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        first = date(y, m, 1)
        if first > end:
            return out
        out.append(first)


def _month_key(start: date, end: date) -> ColumnElement[str]:
    """A portable SQL expression: the Vietnam-time month (YYYY-MM) of Rating.created_at within [start, end]."""
    firsts = _month_starts(start, end)
    keys = [f"{start.year:04d}-{start.month:02d}", *(f"{d.year:04d}-{d.month:02d}" for d in firsts)]
    if not firsts:
        return literal(keys[0])
    whens = [(Rating.created_at < local_midnight_utc(first), key) for first, key in zip(firsts, keys, strict=False)]
    return case(*whens, else_=keys[-1])


def _month_name(key: str) -> str:
    year, month = key.split("-")
    return f"Tháng {month}/{year}"


def _conditions(start: date, end: date, agency_scope: set[str] | None) -> list[ColumnElement[bool]]:
    """The WHERE terms: in the Vietnam-time date range, a known level, not a trial (simulator), within scope."""
    lo, hi = day_bounds(start, end)
    terms = [Rating.created_at >= lo, Rating.created_at < hi, Rating.level.in_(LEVELS), Rating.platform.not_in(TRIALS)]
    if agency_scope is not None:
        terms.append(Rating.agency_code.in_(sorted(agency_scope)))
    return terms


def _latest_names(
    session: Session,
    key_col: InstrumentedAttribute[str],
    name_col: InstrumentedAttribute[str],
    where: list[ColumnElement[bool]],
) -> dict[str, str]:
    """For each key, the name carried by its most recent rating in the range."""
    rows = session.execute(
        select(key_col, name_col, func.max(Rating.created_at)).where(*where).group_by(key_col, name_col)
    ).all()
    best: dict[str, tuple[datetime, str]] = {}
    for key, name, latest in rows:
        if key not in best or (latest, name) > best[key]:
            best[key] = (latest, name)
    return {key: name for key, (_, name) in best.items()}


def satisfaction_report(
    session: Session, *, start: date, end: date, group_by: str, agency_scope: set[str] | None
) -> dict[str, Any]:
    """The SPEC §10 report over inclusive Vietnam-time dates, plus the latest Không hài lòng reasons."""
    if group_by not in GROUP_BYS:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BYS)}")
    where = _conditions(start, end, agency_scope)
    key_expr: ColumnElement[str] | InstrumentedAttribute[str]
    if group_by == "agency":
        key_expr = Rating.agency_code
    elif group_by == "procedure":
        key_expr = Rating.procedure_code
    else:
        key_expr = _month_key(start, end)
    # Group on a subquery column: PostgreSQL would not match a parametrised CASE in SELECT and GROUP BY.
    sub = select(key_expr.label("key"), Rating.level.label("level")).where(*where).subquery()
    rows = session.execute(
        select(sub.c.key, sub.c.level, func.count()).group_by(sub.c.key, sub.c.level).order_by(sub.c.key)
    ).all()
    per_key: dict[str, dict[str, int]] = {}
    for key, level, n in rows:
        per_key.setdefault(str(key), {})[str(level)] = int(n)
    if group_by == "agency":
        names = _latest_names(session, Rating.agency_code, Rating.agency_name, where)
    elif group_by == "procedure":
        names = _latest_names(session, Rating.procedure_code, Rating.procedure_name, where)
    else:
        names = {key: _month_name(key) for key in per_key}
    groups: list[dict[str, Any]] = []
    overall: dict[str, int] = {}
    for key in sorted(per_key):
        by_level = per_key[key]
        for level, n in by_level.items():
            overall[level] = overall.get(level, 0) + n
        groups.append({"key": key, "name": names.get(key, key), **_counts(sum(by_level.values()), by_level)})
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **_counts(sum(overall.values()), overall),
        "groups": groups,
        "dissatisfied_reasons": dissatisfied_reasons(session, start=start, end=end, agency_scope=agency_scope),
    }


def dissatisfied_reasons(
    session: Session, *, start: date, end: date, agency_scope: set[str] | None, limit: int = MAX_REASONS
) -> list[dict[str, str]]:
    """The reasons of Không hài lòng ratings in range, newest first (no dossier code: ratings stay anonymous)."""
    query = (
        select(Rating.created_at, Rating.agency_code, Rating.agency_name, Rating.procedure_name, Rating.reason)
        .where(*_conditions(start, end, agency_scope), Rating.level == "dissatisfied")
        .order_by(Rating.created_at.desc(), Rating.id.desc())
    )
    return [
        {
            "date": created.astimezone(VN).date().isoformat(),
            "agency_code": agency_code,
            "agency_name": agency_name,
            "procedure_name": procedure_name,
            "reason": reason,
        }
        for created, agency_code, agency_name, procedure_name, reason in session.execute(query.limit(limit)).all()
    ]
