"""The dashboard's Flask-Login user: a small wrapper of Official, reloaded from the database on every request."""

from __future__ import annotations

import hashlib
import hmac

from flask_login import UserMixin

from bot.records.models import Official
from bot.web.resources import resources


def _fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: resetting a password ends the sessions opened with the old one."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class DashboardUser(UserMixin):  # type: ignore[misc]  # flask_login ships no type information
    """The logged-in official, as Flask-Login sees it (read from the database on every request)."""

    def __init__(self, official: Official) -> None:
        self.id = official.id
        self.username = official.username
        self.role = official.role
        self.agency_code = official.agency_code
        self.fingerprint = _fingerprint(official.password_hash)

    def get_id(self) -> str:
        """Session id: the official's id plus the password fingerprint."""
        return f"{self.id}:{self.fingerprint}"


def load_user(user_id: str) -> DashboardUser | None:
    """Flask-Login user loader: the official with this id whose password has not changed since login."""
    raw_id, _, fp = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    with resources().runtime.db.session() as s:
        official = s.get(Official, int(raw_id))
        if official is None or not official.password_hash:
            return None
        user = DashboardUser(official)
    return user if hmac.compare_digest(user.fingerprint.encode(), fp.encode()) else None
