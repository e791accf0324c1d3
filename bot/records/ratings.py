"""Recording ratings: one per dossier (SPEC §7), stored as soon as the level is given; follow-up answers add to it.

A rating does not keep its dossier's code, which would join it back to the applicant: it keeps a keyed hash of
it (HMAC-SHA256 under `Settings.rating_key`), which answers "was this dossier rated?" for whoever holds the
key and the code, and nothing else. Ratings given in the simulator are hashed apart ("trial"): they never take a
real dossier's one rating, and the reports leave them out (SPEC §10).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from itertools import islice

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.events import Platform
from bot.records.db import Database
from bot.records.dossiers import VN
from bot.records.models import Rating
from integrations.onestop import DossierInfo

TRIAL_PLATFORMS = frozenset({Platform.SIMULATOR.value})
CHUNK = 500


def dossier_key(key: bytes, code: str, *, trial: bool = False) -> str:
    """The keyed hash that stands for a dossier's code in ratings (trial ratings in a space of their own)."""
    message = ("trial\x00" if trial else "") + code
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def is_trial(platform: str) -> bool:
    """Ratings from the simulator are trials: recorded apart, never counted."""
    return platform in TRIAL_PLATFORMS


def _key_of(session: Session) -> bytes:
    key = session.info.get("rating_key", b"")
    if not key:
        raise RuntimeError("no rating key: build the Database with rating_key (Settings.rating_key)")
    return bytes(key)


def rated_codes(db: Database, codes: Collection[str], *, platform: str = "") -> set[str]:
    """Which of these dossiers have been rated (by anyone: one rating per dossier; trials among trials)."""
    if not codes:
        return set()
    with db.session() as s:
        key = _key_of(s)
        by_key = {dossier_key(key, code, trial=is_trial(platform)): code for code in codes}
        found = s.scalars(select(Rating.dossier_key).where(Rating.dossier_key.in_(list(by_key))))
        return {by_key[k] for k in found}


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def count_rated(session: Session, codes: Iterable[str], levels: Collection[str]) -> int:
    """How many of these dossiers (codes, each once) have a counted rating (not a trial) at one of `levels`."""
    key = _key_of(session)
    total = 0
    for chunk in _chunks(codes, CHUNK):
        keys = [dossier_key(key, code) for code in chunk]
        total += int(
            session.scalar(
                select(func.count(Rating.id)).where(Rating.dossier_key.in_(keys), Rating.level.in_(list(levels)))
            )
            or 0
        )
    return total


def record_rating(
    db: Database, dossier: DossierInfo, *, platform: str, level: str, reason: str, now: datetime
) -> int | None:
    """Store a rating; its id, or None when the dossier was rated already (by another user, say)."""
    try:
        with db.session() as s:
            rating = Rating(
                dossier_key=dossier_key(_key_of(s), dossier.code, trial=is_trial(platform)),
                platform=platform,
                agency_code=dossier.agency_code,
                agency_name=dossier.agency_name,
                procedure_code=dossier.procedure_code,
                procedure_name=dossier.procedure_name,
                level=level,
                reason=reason,
                answers={},
                created_at=now,
                finished_on=dossier.finished_at.astimezone(VN).date() if dossier.finished_at else None,
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
