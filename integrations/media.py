"""Downloading an image a user sent, guarded: allowed hosts only, a size and a time limit, image bytes only.

The URL comes from the webhook body, so it is untrusted: it may only point under MEDIA_URL_PREFIXES (each
`scheme://host[:port]/path`, `*.` before the host for any subdomain), redirects are followed only to such
URLs, and the bytes must start like a JPEG, PNG, GIF, WebP or BMP file whatever the Content-Type says. The
image stays in memory; neither it nor its URL is logged.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
DEADLINE_S = 5.0
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
UNTYPED = ("application/octet-stream", "binary/octet-stream")  # what a CDN says when it does not say
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")


class MediaRefused(Exception):
    """The image was not fetched; `reason` says why in one word."""

    UNREACHABLE = "unreachable"  # refused host, network error, HTTP error, too slow
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class Prefix:
    """One allowed URL prefix."""

    scheme: str
    host: str  # lower case; "*.example.com" for any subdomain of example.com
    port: int | None
    path: str

    def allows(self, url: str) -> bool:
        """True when `url` lies under this prefix (compared part by part, not as text)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        if parts.scheme.lower() != self.scheme or parts.username is not None or parts.password is not None:
            return False
        if self.host.startswith("*."):
            if not host.endswith(self.host[1:]):
                return False
        elif host != self.host:
            return False
        return (port or _default_port(self.scheme)) == (self.port or _default_port(self.scheme)) and (
            parts.path or "/"
        ).startswith(self.path)


def parse_prefixes(raw: str) -> tuple[Prefix, ...]:
    """The comma-separated MEDIA_URL_PREFIXES; entries that are not http(s) URLs with a host are skipped."""
    found: list[Prefix] = []
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        try:
            parts = urlsplit(item.replace("*.", "wildcard.", 1))
            port = parts.port
        except ValueError:
            port, parts = None, urlsplit("")
        host = (parts.hostname or "").lower().replace("wildcard.", "*.", 1)
        if parts.scheme not in ("http", "https") or not host or parts.query or parts.fragment:
            log.warning("MEDIA_URL_PREFIXES: skipping an entry that is not an http(s) URL prefix")
            continue
        found.append(Prefix(parts.scheme, host, port, parts.path or "/"))
    return tuple(found)


def allowed(url: str, prefixes: tuple[Prefix, ...]) -> bool:
    """True when the URL lies under one of the prefixes."""
    return any(p.allows(url) for p in prefixes)


def fetch_image(
    http: requests.Session,
    url: str,
    prefixes: tuple[Prefix, ...],
    *,
    max_bytes: int = MAX_BYTES,
    deadline_s: float = DEADLINE_S,
) -> bytes:
    """The image at `url`; MediaRefused when it is not allowed, not reached in time, too large or no image."""
    deadline = time.monotonic() + deadline_s
    for _ in range(MAX_REDIRECTS + 1):
        if not allowed(url, prefixes):
            raise MediaRefused(MediaRefused.UNREACHABLE, "not under MEDIA_URL_PREFIXES")
        resp = _get(http, url, deadline)
        with resp:
            if resp.is_redirect and resp.headers.get("Location"):
                url = urljoin(url, resp.headers["Location"])
                continue
            if resp.status_code != 200:
                raise MediaRefused(MediaRefused.UNREACHABLE, f"HTTP {resp.status_code}")
            kind = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind and not (kind.startswith("image/") or kind in UNTYPED):
                raise MediaRefused(MediaRefused.NOT_AN_IMAGE, "content type")
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise MediaRefused(MediaRefused.TOO_LARGE)
            data = _read(resp, max_bytes, deadline)
        if not is_image(data):
            raise MediaRefused(MediaRefused.NOT_AN_IMAGE, "bytes")
        return data
    raise MediaRefused(MediaRefused.UNREACHABLE, "too many redirects")


def is_image(data: bytes) -> bool:
    """The first bytes are those of a JPEG, PNG, GIF, WebP or BMP file."""
    return data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _get(http: requests.Session, url: str, deadline: float) -> requests.Response:
    left = deadline - time.monotonic()
    if left <= 0:
        raise MediaRefused(MediaRefused.UNREACHABLE, "too slow")
    try:
        return http.get(url, stream=True, allow_redirects=False, timeout=(min(left, 3.05), left))
    except requests.RequestException as exc:
        raise MediaRefused(MediaRefused.UNREACHABLE, type(exc).__name__) from None


def _read(resp: requests.Response, max_bytes: int, deadline: float) -> bytes:
    """The body, stopped as soon as it passes `max_bytes` or the deadline, however slowly the bytes come."""
    raw: Any = resp.raw
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise MediaRefused(MediaRefused.UNREACHABLE, "too slow")
            _limit_wait(raw, left)
            chunk = raw.read1(CHUNK, decode_content=True) if hasattr(raw, "read1") else raw.read(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise MediaRefused(MediaRefused.TOO_LARGE)
            chunks.append(chunk)
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        raise MediaRefused(MediaRefused.UNREACHABLE, type(exc).__name__) from None


def _limit_wait(raw: Any, seconds: float) -> None:
    """Let the next read on the socket wait no longer than the time left (a server may trickle bytes)."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
