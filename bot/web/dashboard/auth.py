"""The dashboard's Flask-Login user, reloaded from the database on every request, and the session's limits.

A session names the official, the account's session version, a digest of its password hash and the login time.
It ends, server-side, when the version moves (logout, from any device, and every password change bump it), when
the password changes, or one working day (SESSION_MAX_AGE) after the login, whatever the cookie says.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from typing import Final

from flask_login import UserMixin

from bot.records.models import Official
from bot.web.resources import resources

SESSION_MAX_AGE: Final = timedelta(hours=10)  # one working day
CLOCK_SKEW: Final = timedelta(minutes=5)


def _fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: resetting a password ends the sessions opened with the old one."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class DashboardUser(UserMixin):  # type: ignore[misc]  # flask_login ships no type information
    """The logged-in official, as Flask-Login sees it (read from the database on every request)."""

    def __init__(self, official: Official, login_at: int) -> None:
        self.id = official.id
        self.username = official.username
        self.role = official.role
        self.agency_code = official.agency_code
        self.version = official.session_version or 0
        self.fingerprint = _fingerprint(official.password_hash)
        self.login_at = login_at

    def get_id(self) -> str:
        """Session id: the official's id, session version, password fingerprint and login time (epoch seconds)."""
        return f"{self.id}:{self.version}:{self.fingerprint}:{self.login_at}"


def _now() -> datetime:
    return resources().runtime.now()


def new_session_user(official: Official) -> DashboardUser:
    """The user to log in now."""
    return DashboardUser(official, int(_now().timestamp()))


def load_user(user_id: str) -> DashboardUser | None:
    """Flask-Login user loader: the official of a session that has not been ended, nor outlived a working day."""
    parts = user_id.split(":")
    if len(parts) != 4 or not all(p.isdigit() for p in (parts[0], parts[1], parts[3])):
        return None
    raw_id, version, fp, login_at = parts
    now = _now()
    started = datetime.fromtimestamp(int(login_at), tz=now.tzinfo)
    if not now - SESSION_MAX_AGE < started <= now + CLOCK_SKEW:
        return None
    with resources().runtime.db.session() as s:
        official = s.get(Official, int(raw_id))
        if official is None or not official.password_hash:
            return None
        user = DashboardUser(official, int(login_at))
    if user.version != int(version):
        return None
    return user if hmac.compare_digest(user.fingerprint.encode(), fp.encode()) else None


def end_sessions(official_id: int) -> None:
    """Logout: bump the account's session version, so that every session opened before is refused."""
    with resources().runtime.db.session() as s:
        official = s.get(Official, official_id)
        if official is not None:
            official.session_version = (official.session_version or 0) + 1
