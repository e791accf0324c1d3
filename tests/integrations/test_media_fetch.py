"""The guarded download of an image a user sent, against a real HTTP server on the loopback: allowed prefixes only
(redirects too), at most 5 MB and the time limit however the bytes come, and image bytes whatever the header says."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from integrations.http import make_session
from integrations.media import DEADLINE_S, MediaRefused, allowed, fetch_image, is_image, parse_prefixes

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


class Media(BaseHTTPRequestHandler):
    """A media host: /ok.jpg, /big (6 MB, no Content-Length), /html, /trickle, /away (redirect elsewhere) ..."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/img/ok.jpg":
            self._send(200, JPEG, "image/jpeg")
        elif self.path == "/img/octet":
            self._send(200, PNG, "application/octet-stream")
        elif self.path == "/img/html":
            self._send(200, b"<!doctype html><title>login</title>", "image/jpeg")
        elif self.path == "/img/declared-big":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(6 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/img/big":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for _ in range(7):
                self.wfile.write(JPEG[:3] + b"\x00" * (1024 * 1024))
        elif self.path == "/img/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(JPEG[:4])
            for _ in range(60):  # one byte every 100 ms: no read ever waits long, the whole never ends in time
                time.sleep(0.1)
                self.wfile.write(b"\x00")
                self.wfile.flush()
        elif self.path == "/img/hop":
            self._redirect("/img/ok.jpg")
        elif self.path == "/img/away":
            self._redirect("/private/secret.jpg")
        elif self.path == "/private/secret.jpg":
            self._send(200, JPEG, "image/jpeg")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    """The media host's base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Media)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(host: str, path: str, deadline_s: float = DEADLINE_S) -> bytes:
    """Fetch from the loopback host with only its /img/ folder allowed."""
    return fetch_image(make_session(), host + path, parse_prefixes(f"{host}/img/"), deadline_s=deadline_s)


def test_an_image_under_an_allowed_prefix_is_fetched(host: str) -> None:
    assert fetch(host, "/img/ok.jpg") == JPEG
    assert fetch(host, "/img/octet") == PNG  # a CDN that does not say what it serves: the bytes tell


def test_a_redirect_is_followed_only_under_the_prefixes(host: str) -> None:
    assert fetch(host, "/img/hop") == JPEG
    with pytest.raises(MediaRefused) as refused:
        fetch(host, "/img/away")
    assert refused.value.reason == MediaRefused.UNREACHABLE


@pytest.mark.parametrize("path", ["/img/declared-big", "/img/big"])
def test_more_than_5_mb_is_refused_with_or_without_a_content_length(host: str, path: str) -> None:
    with pytest.raises(MediaRefused) as refused:
        fetch(host, path)
    assert refused.value.reason == MediaRefused.TOO_LARGE


def test_bytes_that_are_no_image_are_refused_whatever_the_header_says(host: str) -> None:
    with pytest.raises(MediaRefused) as refused:
        fetch(host, "/img/html")
    assert refused.value.reason == MediaRefused.NOT_AN_IMAGE


def test_a_server_that_trickles_bytes_is_cut_at_the_deadline(host: str) -> None:
    with pytest.raises(MediaRefused) as refused:
        fetch(host, "/img/trickle", deadline_s=0.5)
    assert refused.value.reason == MediaRefused.UNREACHABLE


def test_an_expired_link_is_unreachable(host: str) -> None:
    with pytest.raises(MediaRefused) as refused:
        fetch(host, "/img/gone.jpg")
    assert refused.value.reason == MediaRefused.UNREACHABLE


DEFAULT = parse_prefixes("https://*.zdn.vn/,https://*.zadn.vn/,https://*.fbcdn.net/,https://*.fbsbx.com/")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://f21-zpc.zdn.vn/jpg/4318727093621507811/5b0e1c2d3f4a5b6c.jpg", True),
        ("https://scontent.xx.fbcdn.net/v/t1.15752-9/468_n.jpg?_nc_cat=1&oh=03_Q7&oe=67A1B2C3", True),
        ("https://cdn.fbsbx.com/v/t59.2708-21/file.jpg", True),
        ("http://f21-zpc.zdn.vn/jpg/1.jpg", False),  # not over https
        ("https://zdn.vn.evil.example/jpg/1.jpg", False),
        ("https://evil.example/?u=https://f21-zpc.zdn.vn/", False),
        ("https://f21-zpc.zdn.vn@evil.example/1.jpg", False),
        ("https://evil.example\\@f21-zpc.zdn.vn/1.jpg", False),  # credentials smuggled before the host
        ("https://f21-zpc.zdn.vn:8443/jpg/1.jpg", False),
        ("https://127.0.0.1/jpg/1.jpg", False),
        ("file:///etc/passwd", False),
        ("", False),
    ],
)
def test_the_default_prefixes_allow_the_platforms_media_hosts_only(url: str, ok: bool) -> None:
    assert allowed(url, DEFAULT) is ok


def test_prefixes_that_are_no_http_urls_are_skipped() -> None:
    raw = " https://*.zdn.vn/ , ftp://files.example/, none, ,http://127.0.0.1:8080/m/"
    kept = [(p.host, p.port, p.path) for p in parse_prefixes(raw)]
    assert kept == [("*.zdn.vn", None, "/"), ("127.0.0.1", 8080, "/m/")]


def test_image_bytes_are_told_by_their_start() -> None:
    assert is_image(JPEG) and is_image(PNG) and is_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    assert not is_image(b"<html>") and not is_image(b"RIFF\x00\x00\x00\x00WAVEfmt ")
