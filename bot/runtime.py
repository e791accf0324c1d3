"""Runtime: every resource the bot uses (database, Redis, channels, one-stop backend), built once per process."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import fakeredis
import redis
import requests
from redis.commands.core import Script

from bot.config import Settings
from bot.events import Platform
from bot.records.db import Database
from bot.records.local_source import LocalSource
from bot.records.models import utcnow
from bot.records.zalo_tokens import SqlTokenStore
from integrations.base import Channel
from integrations.http import make_session
from integrations.messenger import MessengerChannel
from integrations.onestop import DossierSource
from integrations.onestop.dvcqg import DvcqgSource
from integrations.onestop.igate import IgateSource
from integrations.simulator import SimulatorChannel
from integrations.zalo import ZaloChannel
from integrations.zalo_tokens import TokenPair, ZaloTokens

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Settings, database, Redis, channels and the clock of one process."""

    settings: Settings
    db: Database
    redis: redis.Redis
    http: requests.Session
    source: DossierSource
    channels: dict[Platform, Channel] = field(default_factory=dict)
    now: Callable[[], datetime] = utcnow
    scripts: dict[str, Script] = field(default_factory=dict)

    def channel(self, platform: Platform) -> Channel:
        """The adapter of an enabled platform."""
        return self.channels[platform]


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


_EMBEDDED_SERVER = fakeredis.FakeServer()


def make_redis(url: str) -> redis.Redis:
    """A client for REDIS_URL, or the process-wide in-process substitute."""
    if url:
        return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=3)
    return fakeredis.FakeRedis(server=_EMBEDDED_SERVER)


def build_runtime(settings: Settings, *, redis_client: redis.Redis | None = None) -> Runtime:
    """Wire the resources named by the settings; disabled channels are left out."""
    db = Database(settings.database_url, rating_key=settings.rating_key)
    rds = redis_client if redis_client is not None else make_redis(settings.redis_url)
    http = make_session()
    rt = Runtime(settings=settings, db=db, redis=rds, http=http, source=make_source(settings, db, http, rds))
    if settings.zalo_enabled:
        tokens = ZaloTokens(
            SqlTokenStore(db),
            rds,
            http,
            app_id=settings.zalo_app_id,
            app_secret=settings.zalo_app_secret,
            oauth_base=settings.zalo_oauth_base,
            initial=TokenPair(settings.zalo_access_token, settings.zalo_refresh_token),
        )
        rt.channels[Platform.ZALO] = ZaloChannel(
            app_id=settings.zalo_app_id,
            oa_secret_key=settings.zalo_oa_secret_key,
            api_base=settings.zalo_api_base,
            zns_api_base=settings.zalo_zns_api_base,
            tokens=tokens,
            http=http,
        )
    if settings.messenger_enabled:
        rt.channels[Platform.MESSENGER] = MessengerChannel(
            app_secret=settings.fb_app_secret,
            verify_token=settings.fb_verify_token,
            page_token=settings.fb_page_access_token,
            graph_base=settings.fb_graph_api_base,
            graph_version=settings.fb_graph_api_version,
            http=http,
        )
    rt.channels[Platform.SIMULATOR] = SimulatorChannel(rds)
    return rt
