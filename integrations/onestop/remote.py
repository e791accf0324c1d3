"""What the remote one-stop adapters share: guarded HTTP calls and a cached credential retried once."""

from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

import redis
import requests
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_fixed

from integrations.onestop import BackendUnavailable, DossierInfo

log = logging.getLogger(__name__)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


class CredentialRejected(Exception):
    """The backend refused the cached session or token."""


def send(http: requests.Session, method: str, url: str, *, retry_wait: float, **kwargs: Any) -> requests.Response:
    """One HTTP call; a connection error is retried once, any network failure is BackendUnavailable."""
    retrying = Retrying(
        stop=stop_after_attempt(2),
        wait=wait_fixed(retry_wait),
        retry=retry_if_exception_type(requests.ConnectionError),
        reraise=True,
    )
    try:
        resp: requests.Response = retrying(http.request, method, url, **kwargs)
    except requests.RequestException as exc:
        log.warning("one-stop backend unreachable: %s %s (%s)", method, url, type(exc).__name__)
        raise BackendUnavailable(f"{method} {url} failed: {type(exc).__name__}") from exc
    if resp.status_code >= 500:
        log.warning("one-stop backend error: %s %s -> HTTP %s", method, url, resp.status_code)
        raise BackendUnavailable(f"{method} {url} answered HTTP {resp.status_code}")
    return resp


class RemoteSource:
    """A DossierSource behind a credential cached in Redis; a rejected credential is renewed once."""

    name = "remote"
    credential_key = "onestop:remote:credential"
    redis: redis.Redis

    def get(self, code: str) -> DossierInfo | None:
        """The dossier, None when the backend does not know it."""
        code = code.strip()
        try:
            return self._fetch(self._credential(), code)
        except CredentialRejected:
            log.info("%s credential rejected; requesting a new one", self.name)
            self.redis.delete(self.credential_key)
        try:
            return self._fetch(self._credential(), code)
        except CredentialRejected as exc:
            raise BackendUnavailable(f"{self.name} rejected a fresh credential") from exc

    def _credential(self) -> str:
        cached = self.redis.get(self.credential_key)
        if cached:
            return cached.decode() if isinstance(cached, bytes) else str(cached)
        credential, ttl = self._authenticate()
        if ttl > 0:
            self.redis.set(self.credential_key, credential, ex=ttl)
        return credential

    def _authenticate(self) -> tuple[str, int]:
        """A new credential and how many seconds to cache it."""
        raise NotImplementedError

    def _fetch(self, credential: str, code: str) -> DossierInfo | None:
        """Look the code up; raise CredentialRejected when the credential is refused."""
        raise NotImplementedError
