"""One requests.Session factory: timeouts and a user agent."""

from __future__ import annotations

from typing import Any

import requests

USER_AGENT = "motcua-bot/0.1"
TIMEOUT = (3.05, 10.0)


class TimeoutSession(requests.Session):
    """A session whose requests time out by default."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(method, url, *args, **kwargs)


def make_session() -> requests.Session:
    """A session for outbound calls."""
    session = TimeoutSession()
    session.headers["User-Agent"] = USER_AGENT
    return session
