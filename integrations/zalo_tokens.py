"""The Zalo token pair: durable (through a TokenStore), cached, refreshed by one process at a time."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Protocol

import redis
import requests

from integrations.base import SendError

log = logging.getLogger(__name__)

CACHE_KEY = "zalo:tokens"
LOCK_KEY = "lock:zalo:refresh"


@dataclass(frozen=True)
class TokenPair:
    """An access token and the single-use refresh token that goes with it."""

    access_token: str
    refresh_token: str


class TokenStore(Protocol):
    """Where the rotated pair is kept across restarts (the records side implements it)."""

    def load(self) -> TokenPair | None:
        """The stored pair, or None before the first refresh."""
        ...

    def save(self, pair: TokenPair) -> None:
        """Keep the pair just issued."""
        ...


class ZaloTokens:
    """Reads the current pair and rotates it under a cross-process Redis lock."""

    def __init__(
        self,
        store: TokenStore,
        redis_client: redis.Redis,
        http: requests.Session,
        *,
        app_id: str,
        app_secret: str,
        oauth_base: str,
        initial: TokenPair,
    ) -> None:
        self.store = store
        self.redis = redis_client
        self.http = http
        self.app_id = app_id
        self.app_secret = app_secret
        self.oauth_base = oauth_base.rstrip("/")
        self.initial = initial

    def current(self) -> TokenPair:
        """The pair in force: Redis cache, else the store, else the configured one."""
        cached = self.redis.get(CACHE_KEY)
        if cached:
            data = json.loads(cached)
            return TokenPair(data["access_token"], data["refresh_token"])
        pair = self.store.load() or self.initial
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
        self.store.save(pair)
        self._cache(pair)

    def _cache(self, pair: TokenPair) -> None:
        self.redis.set(CACHE_KEY, json.dumps(pair.__dict__), ex=3600)
