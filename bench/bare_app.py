"""Baseline for the webhook benchmark: verify the Messenger signature, parse the JSON, answer 200.

Nothing else happens here (no dedup, no queue, no database): it is the floor the real
`webhooks:app` path is compared against. Run it with `gunicorn bench.bare_app:app`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os

from flask import Flask, Response, jsonify, request

APP_SECRET = os.environ.get("FB_APP_SECRET", "").encode("utf-8")
PREFIX = "sha256="
if not APP_SECRET:
    raise RuntimeError("FB_APP_SECRET is not set")

app = Flask(__name__)


@app.post("/webhooks/facebook")
def facebook_webhook() -> tuple[Response, int]:
    """X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body), compared in constant time; then json.loads."""
    body = request.get_data(cache=False)
    header = request.headers.get("X-Hub-Signature-256", "")
    expected = hmac.new(APP_SECRET, body, hashlib.sha256).hexdigest()
    if not header.startswith(PREFIX) or not hmac.compare_digest(header[len(PREFIX) :].encode(), expected.encode()):
        return jsonify({"error": "invalid signature"}), 401
    try:
        data = json.loads(body)
    except ValueError:
        return jsonify({"error": "body is not valid JSON"}), 400
    if not isinstance(data, dict):
        return jsonify({"error": "body is not a JSON object"}), 400
    return jsonify({"status": "ok"}), 200
