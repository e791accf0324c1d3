"""Reports API tokens: machine clients present a random token (Bearer) instead of a password, so no password hash is
computed per call; only the token's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records.models import ApiToken, Official

PREFIX: Final = "mct_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, official: Official, label: str = "") -> str:
    """A new token for the official (returned once; only its digest is kept)."""
    token = PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(official_id=official.id, digest=_digest(token), label=label[:80]))
    return token


def token_official(session: Session, token: str) -> Official | None:
    """The official a token belongs to, while the account exists and can log in; else None."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    official = session.scalar(
        select(Official).join(ApiToken, ApiToken.official_id == Official.id).where(ApiToken.digest == _digest(token))
    )
    return official if official is not None and official.password_hash else None
