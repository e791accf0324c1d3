"""Dossier figures shown beside the satisfaction rate: response rate and overdue rate (DOMAIN "Satisfaction")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bot.records.dossiers import VN
from bot.records.models import Dossier
from bot.records.ratings import count_rated
from bot.records.reports import LEVELS, day_bounds, rate

FINISHED: Final = (9, 10)


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


def _finished_terms(start: date, end: date, agency_scope: set[str] | None) -> list[ColumnElement[bool]]:
    """Status 9/10, finished within the Vietnam-time dates, in scope (None: every agency)."""
    lo, hi = day_bounds(start, end)
    terms = [Dossier.status.in_(FINISHED), Dossier.finished_at >= lo, Dossier.finished_at < hi]
    if agency_scope is not None:
        terms.append(Dossier.agency_code.in_(sorted(agency_scope)))
    return terms


def dossier_stats(session: Session, *, start: date, end: date, agency_scope: set[str] | None) -> DossierStats:
    """Counts of dossiers finished in [start, end]; late means a later Vietnam-time day than the due date."""
    where = _finished_terms(start, end, agency_scope)
    finished, with_due = session.execute(select(func.count(Dossier.id), func.count(Dossier.due_at)).where(*where)).one()
    # Ratings keep a keyed hash of the dossier code, not the code: hash the finished dossiers' codes to match.
    rated = count_rated(session, session.scalars(select(Dossier.code).where(*where)).all(), LEVELS)
    # A later day implies a later instant: let SQL narrow the rows, then compare local calendar days
    # exactly as the citizen's status card does ("hoàn thành trễ N ngày").
    candidates = session.execute(
        select(Dossier.finished_at, Dossier.due_at).where(
            *where, Dossier.due_at.is_not(None), Dossier.finished_at > Dossier.due_at
        )
    ).all()
    overdue = sum(
        1
        for finished_at, due_at in candidates
        if finished_at is not None
        and due_at is not None
        and finished_at.astimezone(VN).date() > due_at.astimezone(VN).date()
    )
    return DossierStats(finished=int(finished), rated=int(rated), with_due=int(with_due), overdue=overdue)
