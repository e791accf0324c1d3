"""/simulator: a web chat that goes through the same pipeline as a third channel.

The page gets its simulator user from the server, in the signed session cookie; a client cannot name a user.
Anyone can open sessions, so what the limits count is the client address (behind TRUSTED_PROXIES proxies, an
IPv6 /64 as one): the messages a minute, the sessions an hour, and, inside the bot, the enumeration guard and the
wrong answers to the ownership check (`bot.conversation.guard.bind_origin`). Ratings given here are trials and
never count (`bot.records.ratings`).
"""

from __future__ import annotations

import base64
import secrets
import time
from typing import Final

from flask import Blueprint, Response, jsonify, render_template, request, session

from bot.conversation.guard import bind_origin
from bot.events import EventKind, InboundEvent, Platform
from bot.web.client_address import client_network, hashed
from bot.web.resources import resources
from integrations.media import MAX_BYTES, is_image
from integrations.simulator import UPLOAD_SCHEME, UPLOAD_TTL, SimulatorChannel, upload_key

simulator = Blueprint("simulator", __name__)
SESSION_KEY: Final = "sim_user"
SESSION_TTL_S: Final = 10 * 3600  # as long as the session cookie is valid
MAX_TEXT: Final = 2000
PER_MINUTE: Final = 30  # messages per client address
SESSIONS_PER_HOUR: Final = 20  # new simulator sessions per client address
TOO_MANY_SESSIONS: Final = "Có quá nhiều phiên thử nghiệm mới từ địa chỉ này. Ông/bà vui lòng thử lại sau một giờ."


def _origin() -> str:
    """The client address as the limits count it, as a digest."""
    return hashed("sim", client_network())


def _over(kind: str, limit: int, window_s: int) -> bool:
    """Count one more `kind` from this address in a fixed window; True when that is over `limit`."""
    key = f"ratelimit:sim:{kind}:{_origin()}"
    rds = resources().runtime.redis
    pipe = rds.pipeline()
    pipe.set(key, 0, ex=window_s, nx=True)
    pipe.incr(key)
    return int(pipe.execute()[1]) > limit


def _session_user() -> str | None:
    """The simulator user of this browser session, when the server issued one that has not expired."""
    user = session.get(SESSION_KEY)
    if not isinstance(user, str):
        return None
    if not resources().runtime.redis.exists(_issued_key(user)):
        return None
    return user


def _issued_key(user: str) -> str:
    return f"sim:session:{user}"


@simulator.get("/simulator")
def page() -> tuple[str, int]:
    """The chat page; a new simulator session when this browser has none."""
    province = resources().runtime.settings.province_name
    if _session_user() is None:
        if _over("session", SESSIONS_PER_HOUR, 3600):
            return render_template("simulator.html", province=province, refused=TOO_MANY_SESSIONS), 429
        user = f"sim-{secrets.token_urlsafe(16)}"
        resources().runtime.redis.set(_issued_key(user), "1", ex=SESSION_TTL_S)
        session[SESSION_KEY] = user
    return render_template("simulator.html", province=province, refused=""), 200


def _no_session() -> tuple[Response, int]:
    return jsonify({"error": "no simulator session: open /simulator to start one"}), 403


@simulator.post("/simulator/send")
def send() -> tuple[Response, int]:
    """A message or button press from the page, as the session's user."""
    user = _session_user()
    if user is None:
        return _no_session()
    if _over("message", PER_MINUTE, 60):
        return jsonify({"error": "too many messages, try again in a minute"}), 429
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"error": "body must be a JSON object"}), 400
    text, payload = str(body.get("text", "")).strip(), str(body.get("payload", "")).strip()
    kind = {"follow": EventKind.FOLLOW, "image": EventKind.ATTACHMENT}.get(str(body.get("kind", "")))
    if kind is None:
        if not (text or payload):
            return jsonify({"error": "text or payload required"}), 400
        if len(text) > MAX_TEXT or len(payload) > MAX_TEXT:
            return jsonify({"error": "message too long"}), 400
        kind = EventKind.PAYLOAD if payload else EventKind.TEXT
    url, problem = _upload(body.get("image")) if kind == EventKind.ATTACHMENT else ("", "")
    if problem:
        return jsonify({"error": problem}), 400
    event = InboundEvent(
        Platform.SIMULATOR,
        user,
        kind,
        message_id=f"sim-{secrets.token_hex(8)}",
        text=text,
        payload=payload,
        attachment_type="image" if kind == EventKind.ATTACHMENT else "",
        timestamp_ms=int(time.time() * 1000),
        attachment_url=url,
    )
    bind_origin(resources().runtime.redis, event.conversation_key, _origin(), SESSION_TTL_S)
    resources().inbox.accept([event])
    return jsonify({"status": "ok"}), 200


def _upload(data_url: object) -> tuple[str, str]:
    """An image sent as a data URL, kept in Redis for the worker to read once: (its attachment URL, "") or
    ("", what is wrong); no image at all gives ("", "")."""
    if not isinstance(data_url, str) or not data_url:
        return "", ""
    try:
        image = base64.b64decode(data_url.partition(",")[2], validate=True)
    except ValueError:
        return "", "image must be a base64 data URL"
    if len(image) > MAX_BYTES or not is_image(image):
        return "", "image must be a JPEG, PNG, GIF, WebP or BMP of at most 5 MB"
    url = UPLOAD_SCHEME + secrets.token_urlsafe(16)
    resources().runtime.redis.set(upload_key(url), image, ex=UPLOAD_TTL)
    return url, ""


@simulator.get("/simulator/messages")
def messages() -> tuple[Response, int]:
    """Replies sent to the session's user from index `after` on."""
    user = _session_user()
    if user is None:
        return _no_session()
    after = request.args.get("after", "0")
    start = int(after) if after.isdigit() else 0
    channel = resources().runtime.channels[Platform.SIMULATOR]
    assert isinstance(channel, SimulatorChannel)
    items = channel.read(user, start)
    return jsonify({"messages": items, "next": start + len(items)}), 200
