"""Subscriptions: which dossiers a user follows, and the notices a platform refused that wait for the user."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records.db import Database
from bot.records.models import Subscription

MISSED_TTL_S = 30 * 24 * 3600  # a notice the platform refused waits this long for the user to write again


def followed_codes(db: Database, platform: str, user_id: str) -> list[str]:
    """Codes this user follows, oldest first."""
    with db.session() as s:
        rows = s.scalars(
            select(Subscription.dossier_code)
            .where(Subscription.platform == platform, Subscription.user_id == user_id)
            .order_by(Subscription.id)
        )
        return list(rows)


def subscribers(db: Database, code: str) -> list[tuple[str, str]]:
    """(platform, user id) of everyone following a dossier."""
    with db.session() as s:
        rows = s.scalars(select(Subscription).where(Subscription.dossier_code == code))
        return [(x.platform, x.user_id) for x in rows]


def followed_among(session: Session, codes: Collection[str]) -> set[str]:
    """Which of these dossier codes someone follows (one query for a whole batch)."""
    if not codes:
        return set()
    return set(session.scalars(select(Subscription.dossier_code).where(Subscription.dossier_code.in_(list(codes)))))


def missed_key(platform: str, user_id: str) -> str:
    """Redis set of the dossiers whose notice could not be delivered to a user (Zalo's seven days, Messenger's
    window); they are given with the bot's next answer to that user."""
    return f"missed:{platform}:{user_id}"
