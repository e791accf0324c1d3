"""The Zalo token pair kept in the database: the TokenStore of integrations.zalo_tokens."""

from __future__ import annotations

from sqlalchemy import select

from bot.records.db import Database
from bot.records.models import ZaloToken, utcnow
from integrations.zalo_tokens import TokenPair


class SqlTokenStore:
    """One row (id 1) holds the pair in force."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self) -> TokenPair | None:
        """The stored pair, or None before the first refresh."""
        with self.db.session() as s:
            row = s.scalar(select(ZaloToken).where(ZaloToken.id == 1))
            return TokenPair(row.access_token, row.refresh_token) if row else None

    def save(self, pair: TokenPair) -> None:
        """Insert or replace the pair."""
        with self.db.session() as s:
            row = s.get(ZaloToken, 1)
            if row is None:
                s.add(ZaloToken(id=1, access_token=pair.access_token, refresh_token=pair.refresh_token))
            else:
                row.access_token, row.refresh_token, row.updated_at = pair.access_token, pair.refresh_token, utcnow()
