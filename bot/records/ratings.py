"""Recording ratings: one per dossier (SPEC §7), stored as soon as the level is given; follow-up answers add to it."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.records.db import Database
from bot.records.models import Rating
from integrations.onestop import DossierInfo


def rated_codes(db: Database, codes: Collection[str]) -> set[str]:
    """Which of these dossiers have been rated (by anyone: one rating per dossier)."""
    if not codes:
        return set()
    with db.session() as s:
        return set(s.scalars(select(Rating.dossier_code).where(Rating.dossier_code.in_(list(codes)))))


def record_rating(
    db: Database, dossier: DossierInfo, *, platform: str, level: str, reason: str, now: datetime
) -> int | None:
    """Store a rating; its id, or None when the dossier was rated already (by another user, say)."""
    try:
        with db.session() as s:
            rating = Rating(
                dossier_code=dossier.code,
                platform=platform,
                agency_code=dossier.agency_code,
                agency_name=dossier.agency_name,
                procedure_code=dossier.procedure_code,
                procedure_name=dossier.procedure_name,
                level=level,
                reason=reason,
                answers={},
                created_at=now,
            )
            s.add(rating)
            s.flush()
            return rating.id
    except IntegrityError:
        return None


def add_answer(db: Database, rating_id: int, question: str, answer: str) -> None:
    """Add one follow-up answer to a recorded rating (nothing when the rating is gone)."""
    with db.session() as s:
        rating = s.get(Rating, rating_id)
        if rating is not None:
            rating.answers = {**rating.answers, question: answer}
