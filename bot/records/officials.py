"""Officials: who may see what (agency scope down the hierarchy) and password checks."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.records.models import Agency, Official


def agency_scope(session: Session, official: Official) -> set[str] | None:
    """None for an admin (everything); else the official's agency and every unit below it."""
    if official.role == "admin":
        return None
    if official.role != "official" or not official.agency_code:
        return set()
    return descendants(session, [official.agency_code])


def descendants(session: Session, roots: Iterable[str]) -> set[str]:
    """The given agency codes and all agencies below them via Agency.parent_code (cycle-safe)."""
    seen = set(roots)
    frontier = set(seen)
    while frontier:
        children = set(session.scalars(select(Agency.code).where(Agency.parent_code.in_(sorted(frontier)))))
        frontier = children - seen
        seen |= frontier
    return seen


@cache
def _dummy_hash() -> str:
    return generate_password_hash("motcua-dummy-password")


def authenticate(session: Session, username: str, password: str) -> Official | None:
    """The official with these credentials, or None; unknown users cost one hash check too."""
    user = session.scalar(select(Official).where(Official.username == username)) if username else None
    if user is None or not user.password_hash:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None
