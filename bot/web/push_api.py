"""The push API (one-stop system to bot) and the reports API."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, request
from marshmallow import ValidationError
from sqlalchemy import select

from bot import nlu
from bot.delivery.notifications import status_changed
from bot.records import agencies
from bot.records.dossiers import upsert_dossier
from bot.records.models import Dossier
from bot.runtime import Runtime
from bot.web.resources import resources
from bot.web.schemas import DossierSchema
from integrations.base import same

log = logging.getLogger(__name__)
api = Blueprint("api", __name__, url_prefix="/api/v1")
PUSH_LOCK_S = 30


def _rt() -> Runtime:
    return resources().runtime


def _push_authorised() -> bool:
    token = _rt().settings.onestop_push_token
    header = request.headers.get("Authorization", "")
    return bool(token) and header.startswith("Bearer ") and same(header[len("Bearer ") :].strip(), token)


def _unauthorised() -> tuple[Response, int]:
    resp = jsonify({"error": "unauthorized"})
    resp.headers["WWW-Authenticate"] = "Bearer"
    return resp, 401


def _dossier_json(d: Dossier) -> dict[str, object]:
    out: dict[str, object] = {"code": d.code}
    for key in DossierSchema().fields:
        if key == "code":
            continue
        value = getattr(d, key)
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


@api.put("/dossiers/<path:code>")
def put_dossier(code: str) -> tuple[Response, int]:
    """Create or update one dossier; 201 created, 200 updated, 400 with per-field errors."""
    if not _push_authorised():
        return _unauthorised()
    canonical = nlu.canonical_code(code)
    if canonical is None:
        return jsonify({"error": "invalid dossier code", "errors": {"code": ["Mã hồ sơ không đúng định dạng."]}}), 400
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"error": "body must be a JSON object"}), 400
    try:
        data = DossierSchema().load(body)
    except ValidationError as exc:
        return jsonify({"error": "validation failed", "errors": exc.messages}), 400
    if data.get("code") and nlu.canonical_code(str(data["code"])) != canonical:
        return jsonify(
            {"error": "validation failed", "errors": {"code": ["Mã trong nội dung khác mã trên đường dẫn."]}}
        ), 400
    rt = _rt()
    # One push of a dossier at a time across processes, committed before the next reads it: identical pushes
    # arriving together (the one-stop system retrying a slow request) create one row and see one status change.
    with (
        rt.redis.lock(f"lock:dossier:{canonical}", timeout=PUSH_LOCK_S, blocking_timeout=PUSH_LOCK_S),
        rt.db.session() as s,
    ):
        agencies.register(s, {data["agency_code"]: data["agency_name"]})  # so that `users create --agency` knows it
        row, created, previous = upsert_dossier(s, canonical, data)
        s.flush()
        payload = _dossier_json(row)
    if previous is not None and previous != data["status"]:
        status_changed(resources().dispatcher, canonical)
    log.info("dossier %s %s via push API", "created" if created else "updated", canonical)
    return jsonify(payload), 201 if created else 200


@api.get("/dossiers/<path:code>")
def get_dossier(code: str) -> tuple[Response, int]:
    """Read back what the bot holds."""
    if not _push_authorised():
        return _unauthorised()
    canonical = nlu.canonical_code(code)
    if canonical is None:
        return jsonify({"error": "invalid dossier code"}), 400
    with _rt().db.session() as s:
        row = s.scalar(select(Dossier).where(Dossier.code == canonical))
        if row is None:
            return jsonify({"error": "not found"}), 404
        return jsonify(_dossier_json(row)), 200
