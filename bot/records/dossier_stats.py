"""Dossier figures: response and overdue rates beside the satisfaction rate (DOMAIN "Satisfaction"), and the
received / resolved / on time / overdue / channel counts of the quarterly report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from bot.records.models import Dossier, Rating
from bot.records.reports import LEVELS, SIMULATOR, day_bounds, rate, vn_date

FINISHED: Final = (9, 10)
CHANNEL_KEYS: Final = ("direct", "online", "postal", "")
"""How dossiers were submitted; "" when the one-stop system did not say."""


@dataclass(frozen=True)
class DossierStats:
    """Dossiers finished in a period within an agency scope: how many were rated, how many were late."""

    finished: int
    rated: int
    with_due: int
    overdue: int

    @property
    def response_rate(self) -> float | None:
        """Rated / finished × 100 (2 places); None when nothing was finished."""
        return rate(self.rated, self.finished)

    @property
    def overdue_rate(self) -> float | None:
        """Finished after the due date / finished with a due date × 100 (2 places); None when there is none."""
        return rate(self.overdue, self.with_due)


def _scoped(terms: list[ColumnElement[bool]], agency_scope: set[str] | None) -> list[ColumnElement[bool]]:
    if agency_scope is not None:
        terms.append(Dossier.agency_code.in_(sorted(agency_scope)))
    return terms


def _finished_terms(start: date, end: date, agency_scope: set[str] | None) -> list[ColumnElement[bool]]:
    """Status 9/10, finished within the Vietnam-time dates, in scope (None: every agency)."""
    lo, hi = day_bounds(start, end)
    return _scoped([Dossier.status.in_(FINISHED), Dossier.finished_at >= lo, Dossier.finished_at < hi], agency_scope)


def _late() -> ColumnElement[int]:
    """1 for a dossier finished on a later Vietnam-time day than its due date (as the citizen's card counts)."""
    later_day = and_(Dossier.finished_at > Dossier.due_at, vn_date(Dossier.finished_at) > vn_date(Dossier.due_at))
    return case((later_day, 1), else_=0)


def dossier_stats(session: Session, *, start: date, end: date, agency_scope: set[str] | None) -> DossierStats:
    """Counts of dossiers finished in [start, end]: one statement over the finished dossiers' index, one over the
    ratings' finish days."""
    if agency_scope is not None and not agency_scope:
        return DossierStats(0, 0, 0, 0)
    finished, with_due, overdue = session.execute(
        select(func.count(Dossier.code), func.count(Dossier.due_at), func.sum(_late())).where(
            *_finished_terms(start, end, agency_scope)
        )
    ).one()
    # Ratings keep a keyed hash of the dossier code, not the code: they are counted by their dossier's finish day.
    rated_terms = [Rating.finished_on >= start, Rating.finished_on <= end, Rating.level.in_(LEVELS)]
    rated_terms.append(Rating.platform != SIMULATOR)
    if agency_scope is not None:
        rated_terms.append(Rating.agency_code.in_(sorted(agency_scope)))
    rated = session.scalar(select(func.count()).select_from(Rating).where(*rated_terms)) or 0
    return DossierStats(finished=int(finished), rated=int(rated), with_due=int(with_due), overdue=int(overdue or 0))


@dataclass
class Flow:
    """Dossiers of one group in a period: received (by channel), resolved, on time, overdue."""

    received: int = 0
    resolved: int = 0
    overdue: int = 0
    channels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNEL_KEYS, 0))

    @property
    def on_time(self) -> int:
        """Resolved by the due date (or without one)."""
        return self.resolved - self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """On time / resolved × 100."""
        return rate(self.on_time, self.resolved)

    @property
    def online_rate(self) -> float | None:
        """Received online / received × 100."""
        return rate(self.channels["online"], self.received)

    def add(self, other: Flow) -> None:
        """Add another group's counts."""
        self.received += other.received
        self.resolved += other.resolved
        self.overdue += other.overdue
        for key, n in other.channels.items():
            self.channels[key] += n


def flows_by_agency(session: Session, *, start: date, end: date, agency_scope: set[str] | None) -> dict[str, Flow]:
    """Per agency: dossiers received in [start, end] by channel, and those resolved (status 9/10) in it."""
    out: dict[str, Flow] = defaultdict(Flow)
    if agency_scope is not None and not agency_scope:
        return out
    lo, hi = day_bounds(start, end)
    received = session.execute(
        select(Dossier.agency_code, Dossier.channel, func.count())
        .where(*_scoped([Dossier.received_at >= lo, Dossier.received_at < hi], agency_scope))
        .group_by(Dossier.agency_code, Dossier.channel)
    ).all()
    for agency, channel, n in received:
        flow = out[agency]
        flow.received += int(n)
        key = channel if channel in CHANNEL_KEYS else ""
        flow.channels[key] += int(n)
    resolved = session.execute(
        select(Dossier.agency_code, func.count(), func.sum(_late()))
        .where(*_finished_terms(start, end, agency_scope))
        .group_by(Dossier.agency_code)
    ).all()
    for agency, n, late in resolved:
        out[agency].resolved += int(n)
        out[agency].overdue += int(late or 0)
    return out
