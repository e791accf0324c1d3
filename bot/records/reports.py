"""Satisfaction report queries shared by the reports API, the dashboard and the quarterly report (SPEC §10).

Counts come from two places that never overlap: the daily rollup (`rating_days`) for the ratings already in it,
and the ratings table for the others (the last day or two, or anything settle_ratings has not reached yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, Date, and_, case, delete, func, insert, literal, or_, select, text, true, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from bot.records.dossiers import VN
from bot.records.models import Agency, Procedure, Rating, RatingDay, RatingMonth

LEVELS: Final = ("very_satisfied", "satisfied", "dissatisfied")
GROUP_BYS: Final = ("agency", "procedure", "month")
MAX_REASONS: Final = 50
FACTORS: Final = ("access", "procedure", "civil_servant", "result", "feedback")
"""The five SIPAS follow-up questions, in the order the bot asks them."""
ANSWERS: Final = ("good", "fair", "poor")
"""Stored follow-up answers; the reports call them good, neutral and bad."""
COLUMNS: Final = (*LEVELS, *(f"{f}_{a}" for f in FACTORS for a in ANSWERS))
"""The counts of one group, in this order (Tally)."""
SIMULATOR: Final = "sim"
"""Ratings given in the simulator never count."""
_ROLLUP_LOCK: Final = 0x6D6F7463  # PostgreSQL advisory lock id of settle_ratings

Tally = list[int]
"""Counts of one group in COLUMNS order."""


class vn_date(FunctionElement[date]):  # noqa: N801  (an SQL function)
    """The Vietnam-time calendar day of a UTC timestamp column (UTC+7, no daylight saving since 1975)."""

    type = Date()
    inherit_cache = True


@compiles(vn_date, "postgresql")
def _vn_date_pg(element: vn_date, compiler: SQLCompiler, **kw: Any) -> str:
    # A fixed offset is much cheaper per row than a named zone, and Vietnam has kept UTC+7 since 1975.
    return f"CAST(({compiler.process(element.clauses, **kw)} AT TIME ZONE INTERVAL '+07:00') AS DATE)"


@compiles(vn_date)
def _vn_date_sqlite(element: vn_date, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+7 hours')"


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which a Vietnam-time calendar day begins."""
    return datetime.combine(day, time(0), tzinfo=VN).astimezone(UTC)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Half-open UTC bounds [start 00:00, end+1 00:00) of inclusive Vietnam-time dates."""
    return local_midnight_utc(start), local_midnight_utc(end + timedelta(days=1))


def rate(good: int, total: int) -> float | None:
    """good / total × 100 rounded to 2 places; None when there is nothing."""
    return round(good * 100 / total, 2) if total else None


def empty() -> Tally:
    """A tally with every count at zero."""
    return [0] * len(COLUMNS)


def add_into(into: Tally, other: Iterable[int]) -> Tally:
    """Add other's counts into `into` (returned)."""
    for i, n in enumerate(other):
        into[i] += int(n or 0)
    return into


def total(t: Tally) -> int:
    """Ratings in a tally."""
    return t[0] + t[1] + t[2]


def counts(t: Tally) -> dict[str, Any]:
    """SPEC §10's count fields and rate of a tally."""
    return {
        "total": total(t),
        "very_satisfied": t[0],
        "satisfied": t[1],
        "dissatisfied": t[2],
        "satisfaction_rate": rate(t[0] + t[1], total(t)),
    }


def factors(t: Tally) -> list[dict[str, Any]]:
    """One item per SIPAS question: good / neutral / bad, how many answered it, and the good rate."""
    out: list[dict[str, Any]] = []
    for i, key in enumerate(FACTORS):
        good, fair, poor = t[3 + 3 * i : 6 + 3 * i]
        answered = good + fair + poor
        item = {"key": key, "good": good, "neutral": fair, "bad": poor, "answered": answered}
        out.append({**item, "good_rate": rate(good, answered)})
    return out


# ------------------------------------------------------------------------------------------- the rollup


def settle_cutoff(now: datetime) -> date:
    """The first Vietnam-time day not rolled up yet: yesterday (follow-up answers may still come for it)."""
    return now.astimezone(VN).date() - timedelta(days=1)


def settle_ratings(session: Session, now: datetime) -> int:
    """Roll up every whole day before yesterday that has ratings outside the rollup; the number of days redone.

    Each such day is rebuilt from all its ratings, so a rating added late to an old day (an import, a test) is
    counted once. Concurrent callers wait on one lock (PostgreSQL) or fail harmlessly (SQLite's single writer).
    """
    cutoff = local_midnight_utc(settle_cutoff(now))
    pending = ~Rating.in_rollup, Rating.created_at < cutoff
    if session.scalar(select(Rating.id).where(*pending).limit(1)) is None:
        return 0
    try:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ROLLUP_LOCK})
        days = sorted(d for d in session.scalars(select(vn_date(Rating.created_at)).where(*pending).distinct()))
        days = [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in days]
        for chunk in (days[i : i + 200] for i in range(0, len(days), 200)):
            lo, hi = day_bounds(chunk[0], chunk[-1])
            in_days = (Rating.created_at >= lo, Rating.created_at < hi, vn_date(Rating.created_at).in_(chunk))
            session.execute(update(Rating).where(*in_days, ~Rating.in_rollup).values(in_rollup=True))
            session.execute(delete(RatingDay).where(RatingDay.day.in_(chunk)))
            session.execute(
                insert(RatingDay).from_select(
                    ["day", "agency_code", "procedure_code", *COLUMNS],
                    _rollup_select(in_days),
                )
            )
        for month in sorted({d.replace(day=1) for d in days}):
            session.execute(delete(RatingMonth).where(RatingMonth.month == month))
            sums = [func.sum(getattr(RatingDay, c)) for c in COLUMNS]
            session.execute(
                insert(RatingMonth).from_select(
                    ["month", "agency_code", "procedure_code", *COLUMNS],
                    select(literal(month, Date()), RatingDay.agency_code, RatingDay.procedure_code, *sums)
                    .where(RatingDay.day >= month, RatingDay.day < _next_month(month))
                    .group_by(RatingDay.agency_code, RatingDay.procedure_code),
                )
            )
        session.commit()
    except (IntegrityError, DBAPIError):  # another process settled the same days at the same moment
        session.rollback()
        return 0
    return len(days)


def _counted(keys: dict[str, Any], where: Iterable[ColumnElement[bool]]) -> Any:
    """`SELECT <keys>, <COLUMNS sums> … GROUP BY <keys>` over the ratings matching `where`.

    Each JSON answer is extracted once per rating in a subquery kept from being inlined (OFFSET 0): inlined, the
    fifteen sums would parse the JSON fifteen times per rating.
    """
    answers = [Rating.answers[key].as_string().label(f"a_{key}") for key in FACTORS]
    inner = select(*(expr.label(name) for name, expr in keys.items()), Rating.level.label("level"), *answers)
    sub = inner.where(*where).offset(0).subquery()
    sums = [func.sum(case((sub.c.level == level, 1), else_=0)) for level in LEVELS]
    for key in FACTORS:
        sums += [func.sum(case((sub.c[f"a_{key}"] == value, 1), else_=0)) for value in ANSWERS]
    key_cols = [sub.c[name] for name in keys]
    query = select(*key_cols, *sums)
    return query.group_by(*key_cols) if key_cols else query


def _rollup_select(in_days: tuple[ColumnElement[bool], ...]) -> Any:
    keys = {"day": vn_date(Rating.created_at), "agency": Rating.agency_code, "procedure": Rating.procedure_code}
    counted = (Rating.in_rollup == true(), Rating.level.in_(LEVELS), Rating.platform != SIMULATOR)
    return _counted(keys, (*in_days, *counted))


# ------------------------------------------------------------------------------------------- tallies


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _split(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """The whole months inside [start, end] (first and last month's first days) and the days left at its edges."""
    first = start if start.day == 1 else _next_month(start.replace(day=1))
    after = _next_month(end.replace(day=1))
    last = end.replace(day=1) if end == after - timedelta(days=1) else _prev_month(end.replace(day=1))
    if first > last:
        return None, [(start, end)]
    edges = [(a, b) for a, b in ((start, first - timedelta(days=1)), (_next_month(last), end)) if a <= b]
    return (first, last), edges


def _prev_month(first: date) -> date:
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def tallies(
    session: Session, *, start: date, end: date, by: str, agency_scope: set[str] | None
) -> dict[str, Tally]:
    """Counts per group over inclusive Vietnam-time dates: by agency, procedure, month (YYYY-MM), day
    (YYYY-MM-DD) or all (one key, "")."""
    scope = sorted(agency_scope) if agency_scope is not None else None
    out: dict[str, Tally] = {}
    if scope == []:
        return out
    months, edges = _split(start, end) if by != "day" else (None, [(start, end)])
    parts: list[tuple[Any, Any, list[ColumnElement[bool]]]] = [
        (RatingDay, RatingDay.day, [or_(*(and_(RatingDay.day >= a, RatingDay.day <= b) for a, b in edges))])
    ] if edges else []
    if months is not None:
        parts.append((RatingMonth, RatingMonth.month, [RatingMonth.month >= months[0], RatingMonth.month <= months[1]]))
    for table, date_col, where in parts:
        key_col: Any = {"agency": table.agency_code, "procedure": table.procedure_code}.get(by)
        if by in ("month", "day"):
            key_col = date_col
        sums = [func.sum(getattr(table, c)) for c in COLUMNS]
        if scope is not None:
            where.append(table.agency_code.in_(scope))
        query = select(*sums).where(*where)
        if key_col is not None:
            query = select(key_col, *sums).where(*where).group_by(key_col)
        for row in session.execute(query).all():
            values = tuple(row)
            if key_col is None:
                if values[0] is not None:
                    add_into(out.setdefault("", empty()), values)
            else:
                add_into(out.setdefault(_key(by, values[0]), empty()), values[1:])
    lo, hi = day_bounds(start, end)
    raw_where = [
        ~Rating.in_rollup,
        Rating.created_at >= lo,
        Rating.created_at < hi,
        Rating.level.in_(LEVELS),
        Rating.platform != SIMULATOR,
    ]
    if scope is not None:
        raw_where.append(Rating.agency_code.in_(scope))
    raw_key: Any = {"agency": Rating.agency_code, "procedure": Rating.procedure_code}.get(by)
    if by in ("month", "day"):
        raw_key = vn_date(Rating.created_at)
    for row in session.execute(_counted({"k": raw_key} if raw_key is not None else {}, raw_where)).all():
        values = tuple(row)
        if raw_key is None:
            if values[0] is not None:
                add_into(out.setdefault("", empty()), values)
        else:
            add_into(out.setdefault(_key(by, values[0]), empty()), values[1:])
    return out


def _key(by: str, value: Any) -> str:
    if by in ("month", "day"):
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        return _month(day) if by == "month" else day.isoformat()
    return str(value)


def _month_name(key: str) -> str:
    year, month = key.split("-")
    return f"Tháng {month}/{year}"


def group_names(session: Session, group_by: str, keys: Iterable[str]) -> dict[str, str]:
    """Names of agencies and procedures from the catalog tables; a code missing there takes the name its
    latest rating carried; months read "Tháng MM/YYYY"."""
    wanted = sorted(set(keys))
    if group_by == "month":
        return {key: _month_name(key) for key in wanted}
    if not wanted:
        return {}
    if group_by == "agency":
        code_col, name_col = Agency.code, Agency.name
        r_code, r_name = Rating.agency_code, Rating.agency_name
    else:
        code_col, name_col = Procedure.code, Procedure.name
        r_code, r_name = Rating.procedure_code, Rating.procedure_name
    names: dict[str, str] = {}
    for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
        found = session.execute(select(code_col, name_col).where(code_col.in_(chunk))).all()
        names.update({str(c): str(n) for c, n in found})
    missing = [k for k in wanted if k not in names]
    for chunk in (missing[i : i + 500] for i in range(0, len(missing), 500)):
        rows = session.execute(
            select(r_code, r_name, func.max(Rating.created_at)).where(r_code.in_(chunk)).group_by(r_code, r_name)
        ).all()
        best: dict[str, tuple[datetime, str]] = {}
        for key, name, latest in rows:
            if key not in best or (latest, name) > best[key]:
                best[key] = (latest, name)
        names.update({key: name for key, (_, name) in best.items()})
    return names


def satisfaction_report(
    session: Session, *, start: date, end: date, group_by: str, agency_scope: set[str] | None
) -> dict[str, Any]:
    """The SPEC §10 report (with SIPAS factors) over inclusive Vietnam-time dates, plus the latest Không hài
    lòng reasons."""
    if group_by not in GROUP_BYS:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BYS)}")
    per_key = tallies(session, start=start, end=end, by=group_by, agency_scope=agency_scope)
    names = group_names(session, group_by, per_key)
    overall = empty()
    groups: list[dict[str, Any]] = []
    for key in sorted(per_key):
        t = per_key[key]
        add_into(overall, t)
        groups.append({"key": key, "name": names.get(key, key), **counts(t), "factors": factors(t)})
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **counts(overall),
        "factors": factors(overall),
        "groups": groups,
        "dissatisfied_reasons": dissatisfied_reasons(session, start=start, end=end, agency_scope=agency_scope),
    }


def _reason_terms(start: date, end: date, agency_scope: set[str] | None) -> list[ColumnElement[bool]]:
    lo, hi = day_bounds(start, end)
    terms = [
        Rating.created_at >= lo,
        Rating.created_at < hi,
        Rating.level == "dissatisfied",
        Rating.platform != SIMULATOR,
    ]
    if agency_scope is not None:
        terms.append(Rating.agency_code.in_(sorted(agency_scope)))
    return terms


def dissatisfied_reasons(
    session: Session, *, start: date, end: date, agency_scope: set[str] | None, limit: int = MAX_REASONS
) -> list[dict[str, str]]:
    """The reasons of Không hài lòng ratings in range, newest first (no dossier code: ratings stay anonymous)."""
    if agency_scope is not None and not agency_scope:
        return []
    query = (
        select(Rating.created_at, Rating.agency_code, Rating.agency_name, Rating.procedure_name, Rating.reason)
        .where(*_reason_terms(start, end, agency_scope))
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


def top_reasons(
    session: Session, *, start: date, end: date, agency_scope: set[str] | None, limit: int = 10
) -> list[tuple[str, int]]:
    """The most frequent Không hài lòng reasons (same text once lower-cased and trimmed) with their counts."""
    if agency_scope is not None and not agency_scope:
        return []
    reason = func.lower(func.trim(Rating.reason))
    rows = session.execute(
        select(func.min(Rating.reason), func.count())
        .where(*_reason_terms(start, end, agency_scope), Rating.reason != "")
        .group_by(reason)
        .order_by(func.count().desc(), reason)
        .limit(limit)
    ).all()
    return [(str(text_), int(n)) for text_, n in rows]


# ------------------------------------------------------------------------------------------- the agency tree


@dataclass(frozen=True)
class Unit:
    """An agency as the drill-down sees it."""

    code: str
    name: str
    parent: str | None
    level: str


class AgencyTree:
    """Every agency with its parent: children, subtrees and paths without one query per level."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = {u.code: u for u in units}
        self._children: dict[str | None, list[Unit]] = {}
        for u in sorted(self.units.values(), key=lambda u: u.code):
            parent = u.parent if u.parent in self.units and u.parent != u.code else None
            self._children.setdefault(parent, []).append(u)

    @classmethod
    def load(cls, session: Session) -> AgencyTree:
        """The tree from the agencies table."""
        rows = session.execute(select(Agency.code, Agency.name, Agency.parent_code, Agency.level)).all()
        return cls(Unit(code, name, parent, level) for code, name, parent, level in rows)

    def children(self, code: str | None) -> list[Unit]:
        """The units right below `code` (None: the top of the tree), by code."""
        return list(self._children.get(code, []))

    def subtree(self, code: str) -> set[str]:
        """The code and every unit below it (cycle-safe)."""
        seen = {code}
        frontier = [code]
        while frontier:
            for child in self._children.get(frontier.pop(), []):
                if child.code not in seen:
                    seen.add(child.code)
                    frontier.append(child.code)
        return seen

    def path(self, code: str) -> list[Unit]:
        """The units from the top of the tree down to `code`."""
        out: list[Unit] = []
        seen: set[str] = set()
        current: str | None = code
        while current is not None and current in self.units and current not in seen:
            seen.add(current)
            out.append(self.units[current])
            current = self.units[current].parent
        return out[::-1]

    def root(self) -> Unit | None:
        """The one unit at the top (UBND tỉnh), when there is exactly one."""
        top = self._children.get(None, [])
        return top[0] if len(top) == 1 else None
