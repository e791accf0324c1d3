"""Chatbot usage counters: lookups, people served, subscriptions, notices delivered and refused, handovers, per
Vietnam-time day and platform. One small write where each thing happens; no user id is kept (people are counted
through a keyed digest of the day's users, deleted after two days)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.records.db import Database
from bot.records.dossiers import VN
from bot.records.models import UsageCount, UsagePerson

log = logging.getLogger(__name__)

LOOKUPS: Final = "lookups"
PEOPLE: Final = "people"
SUBSCRIPTIONS: Final = "subscriptions"
NOTICES_SENT: Final = "notices_sent"
NOTICES_REFUSED: Final = "notices_refused"
HANDOVERS: Final = "handovers"
METRICS: Final = (LOOKUPS, PEOPLE, SUBSCRIPTIONS, NOTICES_SENT, NOTICES_REFUSED, HANDOVERS)
NOT_COUNTED: Final = frozenset({"sim"})
"""Platforms whose use never counts (the simulator)."""


def _insert(session: Session) -> Any:
    """INSERT … ON CONFLICT of the session's database (PostgreSQL or SQLite)."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _add(session: Session, day: date, platform: str, metric: str, n: int) -> None:
    stmt = _insert(session)(UsageCount).values(day=day, platform=platform, metric=metric, count=n)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["day", "platform", "metric"], set_={"count": UsageCount.count + stmt.excluded.count}
        )
    )


def count(db: Database, metric: str, platform: str, now: datetime, n: int = 1) -> None:
    """Add n to a metric of today; a failure is logged, never raised (usage figures must not break a chat)."""
    if n <= 0 or platform in NOT_COUNTED:
        return
    try:
        with db.session() as s:
            _add(s, now.astimezone(VN).date(), platform, metric, n)
    except SQLAlchemyError:
        log.exception("usage counter %s not written", metric)


def count_person(db: Database, platform: str, user_id: str, now: datetime, key: str) -> None:
    """Count a user once per day and platform (a keyed digest, kept two days)."""
    if platform in NOT_COUNTED or not user_id:
        return
    day = now.astimezone(VN).date()
    digest = hmac.new(key.encode(), f"{day}:{platform}:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]
    try:
        with db.session() as s:
            stmt = _insert(s)(UsagePerson).values(day=day, digest=digest).on_conflict_do_nothing()
            if s.execute(stmt).rowcount:  # type: ignore[attr-defined]
                _add(s, day, platform, PEOPLE, 1)
                s.execute(delete(UsagePerson).where(UsagePerson.day < day - timedelta(days=1)))
    except SQLAlchemyError:
        log.exception("usage counter people not written")


def usage_by_day(session: Session, *, start: date, end: date) -> dict[date, dict[str, dict[str, int]]]:
    """day -> platform -> metric -> count, for inclusive Vietnam-time dates."""
    out: dict[date, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = session.execute(
        select(UsageCount.day, UsageCount.platform, UsageCount.metric, UsageCount.count).where(
            UsageCount.day >= start, UsageCount.day <= end
        )
    ).all()
    for day, platform, metric, n in rows:
        out[day][platform][metric] = int(n)
    return out


def usage_totals(session: Session, *, start: date, end: date) -> dict[str, dict[str, int]]:
    """platform -> metric -> total over inclusive Vietnam-time dates (every metric present, 0 when none)."""
    rows = session.execute(
        select(UsageCount.platform, UsageCount.metric, func.sum(UsageCount.count))
        .where(UsageCount.day >= start, UsageCount.day <= end)
        .group_by(UsageCount.platform, UsageCount.metric)
    ).all()
    out: dict[str, dict[str, int]] = {}
    for platform, metric, n in rows:
        out.setdefault(platform, dict.fromkeys(METRICS, 0))[metric] = int(n or 0)
    return out
