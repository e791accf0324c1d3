"""Builds the one-stop backend named by ONESTOP_BACKEND (SPEC §3)."""

from __future__ import annotations

import redis
import requests

from bot.config import Settings
from bot.db import Database
from integrations.onestop import DossierSource
from integrations.onestop.dvcqg import DvcqgSource
from integrations.onestop.igate import IgateSource
from integrations.onestop.local import LocalSource

BACKENDS = ("local", "dvcqg", "igate")
# ONESTOP_CLIENT_ID is DVCQG's `madonvi` and iGate's Keycloak client id: both backends need it.
REMOTE_VARIABLES = ("ONESTOP_API_URL", "ONESTOP_USERNAME", "ONESTOP_PASSWORD", "ONESTOP_CLIENT_ID")


def _require(settings: Settings, backend: str) -> None:
    """Raise ValueError naming every unset credential variable of a remote backend."""
    missing = [name for name in REMOTE_VARIABLES if not str(getattr(settings, name.lower())).strip()]
    if missing:
        raise ValueError(f"ONESTOP_BACKEND={backend} needs {', '.join(missing)} to be set")


def make_source(settings: Settings, db: Database, http: requests.Session, redis_client: redis.Redis) -> DossierSource:
    """The one-stop backend named by ONESTOP_BACKEND."""
    backend = settings.onestop_backend.strip().lower() or "local"
    if backend == "local":
        return LocalSource(db)
    if backend == "dvcqg":
        _require(settings, backend)
        return DvcqgSource(
            http,
            api_url=settings.onestop_api_url.strip(),
            username=settings.onestop_username,
            password=settings.onestop_password,
            madonvi=settings.onestop_client_id.strip(),
            redis_client=redis_client,
        )
    if backend == "igate":
        _require(settings, backend)
        return IgateSource(
            http,
            api_url=settings.onestop_api_url.strip(),
            username=settings.onestop_username,
            password=settings.onestop_password,
            client_id=settings.onestop_client_id.strip(),
            redis_client=redis_client,
        )
    raise ValueError(f"ONESTOP_BACKEND={settings.onestop_backend!r} is unknown; use one of: {', '.join(BACKENDS)}")
