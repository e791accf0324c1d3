"""/simulator: a web chat that goes through the same pipeline as a third channel."""

from __future__ import annotations

import base64
import re
import secrets
import time

from flask import Blueprint, Response, jsonify, render_template, request

from bot.events import EventKind, InboundEvent, Platform
from bot.web.resources import resources
from integrations.media import MAX_BYTES, is_image
from integrations.simulator import UPLOAD_SCHEME, UPLOAD_TTL, SimulatorChannel, upload_key

simulator = Blueprint("simulator", __name__)
USER_RE = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
MAX_TEXT = 2000
PER_MINUTE = 30  # per client address: anyone can mint simulator users, so the enumeration guard alone is not enough


@simulator.get("/simulator")
def page() -> str:
    """The chat page."""
    return render_template("simulator.html", province=resources().runtime.settings.province_name)


@simulator.post("/simulator/send")
def send() -> tuple[Response, int]:
    """A message or button press from the page."""
    if _over_limit(request.remote_addr or "-"):
        return jsonify({"error": "too many messages, try again in a minute"}), 429
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"error": "body must be a JSON object"}), 400
    user = str(body.get("user", ""))
    if not USER_RE.match(user):
        return jsonify({"error": "user must be 6-64 letters, digits, - or _"}), 400
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


def _over_limit(address: str) -> bool:
    key = f"ratelimit:sim:{address}"
    rds = resources().runtime.redis
    count = int(rds.incr(key))
    if count == 1:
        rds.expire(key, 60)
    return count > PER_MINUTE


@simulator.get("/simulator/messages")
def messages() -> tuple[Response, int]:
    """Replies sent to a simulator user from index `after` on."""
    user = request.args.get("user", "")
    if not USER_RE.match(user):
        return jsonify({"error": "bad user"}), 400
    after = request.args.get("after", "0")
    start = int(after) if after.isdigit() else 0
    channel = resources().runtime.channels[Platform.SIMULATOR]
    assert isinstance(channel, SimulatorChannel)
    items = channel.read(user, start)
    return jsonify({"messages": items, "next": start + len(items)}), 200
