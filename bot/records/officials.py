"""Officials: who may see what (agency scope down the hierarchy), accounts and password checks."""

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


# werkzeug's scrypt at its own work factor (2**15): about a tenth of a second a hash, as a password store should
# cost. The tests lower it (tests/conftest.py); the code path is the same.
PASSWORD_METHOD = "scrypt"


def hash_password(password: str) -> str:
    """The salted hash of a password, to store."""
    return generate_password_hash(password, method=PASSWORD_METHOD)


@cache
def _dummy_hash() -> str:
    return hash_password("motcua-dummy-password")


def authenticate(session: Session, username: str, password: str) -> Official | None:
    """The official with these credentials, or None; unknown and disabled accounts cost one hash check too.
    The one place where a disabled account is refused, for the dashboard's login and HTTP Basic alike."""
    user = session.scalar(select(Official).where(Official.username == username)) if username else None
    if user is None or user.disabled or not user.password_hash:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def save_account(session: Session, username: str, password: str, role: str, agency_code: str | None) -> bool:
    """Create the account, or reset an existing one (password, role, agency; enabled again); True if created."""
    user = session.scalar(select(Official).where(Official.username == username))
    created = user is None
    if user is None:
        user = Official(username=username, password_hash="", role=role)
        session.add(user)
    user.password_hash = hash_password(password)
    user.role, user.agency_code, user.disabled = role, agency_code, False
    return created


def accounts(session: Session) -> list[tuple[Official, str]]:
    """Every account by username, with its agency's name ("" for none or an unknown code)."""
    rows = session.execute(
        select(Official, Agency.name).outerjoin(Agency, Agency.code == Official.agency_code).order_by(Official.username)
    )
    return [(official, name or "") for official, name in rows]


def disable(session: Session, username: str) -> Official | None:
    """Disable an account (None if there is none); its password is dropped too, which ends its open sessions."""
    user = session.scalar(select(Official).where(Official.username == username))
    if user is not None:
        user.disabled, user.password_hash = True, ""
    return user
