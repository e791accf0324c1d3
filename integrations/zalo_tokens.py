"""The Zalo token pair: durable, cached, refreshed by one process at a time."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import redis
import requests
from sqlalchemy import select

from bot.db import Database
from bot.models import ZaloToken, utcnow
from integrations.base import SendError

log = logging.getLogger(__name__)

CACHE_KEY = "zalo:tokens"
LOCK_KEY = "lock:zalo:refresh"


@dataclass(frozen=True)
class TokenPair:
    """An access token and the single-use refresh token that goes with it."""

    access_token: str
    refresh_token: str


class ZaloTokens:
    """Reads the current pair and rotates it under a cross-process Redis lock."""

    def __init__(
        self,
        db: Database,
        redis_client: redis.Redis,
        http: requests.Session,
        *,
        app_id: str,
        app_secret: str,
        oauth_base: str,
        initial: TokenPair,
    ) -> None:
        self.db = db
        self.redis = redis_client
        self.http = http
        self.app_id = app_id
        self.app_secret = app_secret
        self.oauth_base = oauth_base.rstrip("/")
        self.initial = initial

    def current(self) -> TokenPair:
        """The pair in force: Redis cache, else the database, else the configured one."""
        cached = self.redis.get(CACHE_KEY)
        if cached:
            data = json.loads(cached)
            return TokenPair(data["access_token"], data["refresh_token"])
        with self.db.session() as s:
            row = s.scalar(select(ZaloToken).where(ZaloToken.id == 1))
            pair = TokenPair(row.access_token, row.refresh_token) if row else self.initial
        self._cache(pair)
        return pair

    def refresh(self, stale_access_token: str | None = None) -> TokenPair:
        """Rotate the pair once; callers that lost the race get the winner's pair."""
        with self.redis.lock(LOCK_KEY, timeout=60, blocking_timeout=60):
            self.redis.delete(CACHE_KEY)
            pair = self.current()
            if stale_access_token is not None and pair.access_token != stale_access_token:
                return pair
            if not pair.refresh_token:
                raise SendError("no Zalo refresh token configured", code="no_refresh_token")
            try:
                resp = self.http.post(
                    f"{self.oauth_base}/v4/oa/access_token",
                    data={"app_id": self.app_id, "grant_type": "refresh_token", "refresh_token": pair.refresh_token},
                    headers={"secret_key": self.app_secret},
                )
                data = resp.json()
            except (requests.RequestException, ValueError) as exc:
                raise SendError("Zalo token refresh failed", code="refresh_failed", transient=True) from exc
            if not isinstance(data, dict) or not data.get("access_token") or not data.get("refresh_token"):
                code = str(data.get("error", resp.status_code)) if isinstance(data, dict) else str(resp.status_code)
                raise SendError(f"Zalo token refresh refused ({code})", code=code)
            new = TokenPair(str(data["access_token"]), str(data["refresh_token"]))
            self._store(new)
            log.info("zalo token pair rotated")
            return new

    def _store(self, pair: TokenPair) -> None:
        with self.db.session() as s:
            row = s.get(ZaloToken, 1)
            if row is None:
                s.add(ZaloToken(id=1, access_token=pair.access_token, refresh_token=pair.refresh_token))
            else:
                row.access_token, row.refresh_token, row.updated_at = pair.access_token, pair.refresh_token, utcnow()
        self._cache(pair)

    def _cache(self, pair: TokenPair) -> None:
        self.redis.set(CACHE_KEY, json.dumps(pair.__dict__), ex=3600)
