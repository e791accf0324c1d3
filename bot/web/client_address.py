"""Who is asking: the client's address behind TRUSTED_PROXIES proxies, as the unit that per-address limits count."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from flask import Flask, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

IPV6_PREFIX = 64  # one subscriber gets a whole /64: counting single IPv6 addresses would let them rotate


def trust_proxies(app: Flask, count: int) -> None:
    """Take the client's address (and scheme) from the last `count` X-Forwarded-* values; 0 trusts none."""
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def network(address: str) -> str:
    """The unit a limit counts: an IPv4 address, or the /64 of an IPv6 one; anything unparsable as itself."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip() or "-"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, IPV6_PREFIX), strict=False))
    return str(ip)


def client_network() -> str:
    """The current request's client, as `network` counts it."""
    return network(request.remote_addr or "")


def hashed(*parts: str) -> str:
    """A short keyed digest naming a Redis key after an address or a username without writing either down
    (keyed: the IPv4 space is small enough to undo a plain hash)."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()[:32]
