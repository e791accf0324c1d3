"""The Flask app: webhooks, push and report APIs, health, and the officials' and simulator pages."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

from flask import Flask, Response, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import text
from werkzeug.exceptions import HTTPException

from bot.config import ConfigError, load_settings
from bot.delivery.dispatchers import make_dispatcher
from bot.delivery.inbox import Inbox
from bot.delivery.spool import SpoolFull
from bot.events import Platform
from bot.runtime import build_runtime
from bot.web.cli import register_cli
from bot.web.client_address import trust_proxies
from bot.web.dashboard import init_dashboard
from bot.web.dashboard.views import error_page
from bot.web.push_api import api
from bot.web.reports_api import reports
from bot.web.resources import Resources, install, resources
from bot.web.simulator import simulator
from integrations.base import BadPayload, BadSignature, WebhookRequest
from integrations.zalo import ZaloChannel

log = logging.getLogger("motcua.webhooks")
MAX_BODY = 1024 * 1024
OK_BODY = b'{"status":"ok"}'
# gunicorn halts on a worker exit code of 4 (its APP_LOAD_ERROR) instead of booting the worker again and again.
CANNOT_START = 4


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), status


def _webhook_request() -> WebhookRequest:
    return WebhookRequest(
        method=request.method,
        body=request.get_data(cache=False),
        headers=request.headers,  # type: ignore[arg-type]
        args=request.args,
    )


def receive(platform: Platform) -> Response | tuple[Response, int]:
    """Verify, parse, dedup, enqueue, answer: nothing else on this path."""
    channel = resources().runtime.channels.get(platform)
    if channel is None:
        return _error(404, "channel disabled")
    req = _webhook_request()
    if platform == Platform.ZALO and ZaloChannel.is_probe(req):
        return jsonify({"status": "ok"}), 200
    try:
        channel.verify(req)
    except BadSignature:
        return _error(401, "invalid signature")
    except BadPayload as exc:
        return _error(400, str(exc))
    try:
        events = channel.parse(req)
    except BadPayload as exc:
        return _error(400, str(exc))
    try:
        resources().inbox.accept(events)
    except SpoolFull:
        log.error("webhook spool is full (Redis unreachable for long?); %s event refused", platform)
        return _error(503, "temporarily unavailable")
    return Response(OK_BODY, 200, mimetype="application/json")


def simulator_for_officials() -> ResponseReturnValue | None:
    """SIMULATOR=officials: the simulator's page and endpoints only for an official logged in to the dashboard."""
    if request.blueprint != simulator.name or current_user.is_authenticated:
        return None
    if request.method == "GET" and request.path == "/simulator":
        return redirect(url_for("dashboard.login", next="/simulator"))
    return _error(401, "log in to the dashboard to use the simulator")


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app; `config` overrides environment settings (env names or field names)."""
    settings = load_settings(config)
    app = Flask(__name__, template_folder="bot/web/templates", static_folder=None)
    app.config.update(
        SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=MAX_BODY, JSON_AS_ASCII=False, WTF_CSRF_TIME_LIMIT=None
    )
    for key, value in (config or {}).items():
        if key.isupper() and key not in app.config:
            app.config[key] = value
    trust_proxies(app, settings.trusted_proxies)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rt = build_runtime(settings)
    jobs = make_dispatcher(rt)
    install(app, Resources(runtime=rt, dispatcher=jobs, inbox=Inbox(rt, jobs)))

    @app.post("/webhooks/zalo")
    def zalo_webhook() -> Response | tuple[Response, int]:
        return receive(Platform.ZALO)

    @app.get("/webhooks/facebook")
    def facebook_verify() -> Response | tuple[Response, int]:
        channel = resources().runtime.channels.get(Platform.MESSENGER)
        if channel is None:
            return _error(404, "channel disabled")
        answer = channel.handshake(_webhook_request())
        # text/plain: the challenge is whatever the caller put in the query string, never markup to render.
        plain = Response(answer.body, answer.status, mimetype="text/plain")
        plain.headers["X-Content-Type-Options"] = "nosniff"
        return plain

    @app.post("/webhooks/facebook")
    def facebook_webhook() -> Response | tuple[Response, int]:
        return receive(Platform.MESSENGER)

    @app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        checks: dict[str, str] = {}
        try:
            with rt.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception:
            checks["database"] = "down"
        try:
            rt.redis.ping()
            checks["redis"] = "ok" if rt.settings.redis_url else "embedded"
        except Exception:
            checks["redis"] = "down"
        failing = [k for k, v in checks.items() if v == "down"]
        spool = resources().inbox.spool
        extra = {"spool_waiting_bytes": spool.pending()} if spool is not None else {}
        if failing:
            return jsonify({"status": "error", "failing": failing, **checks, **extra}), 503
        return jsonify({"status": "ok", **checks, **extra}), 200

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int] | tuple[str, int] | HTTPException:
        if request.path.startswith("/dashboard") and exc.code not in (413,):
            if exc.code is None or exc.code < 400:  # redirects (a missing trailing slash) stay redirects
                return exc
            return error_page(exc.code)
        return _error(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(RecursionError)
    def nested_too_deeply(exc: RecursionError) -> tuple[Response, int]:
        # A JSON nesting bomb read by a route that parses its body itself: a bad request, not a crash to trace.
        log.warning("request body nested too deeply on %s %s", request.method, request.path)
        return _error(400, "body is nested too deeply")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[Response, int]:
        # A 500 makes Zalo and Messenger deliver the event again later; nothing was accepted.
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _error(500, "temporarily unavailable")

    app.register_blueprint(api)
    app.register_blueprint(reports)
    if settings.simulator_mode != "off":  # off: /simulator and its endpoints answer 404
        app.register_blueprint(simulator)
        if settings.simulator_mode == "officials":
            app.before_request(simulator_for_officials)
    init_dashboard(app)
    register_cli(app)
    return app


try:
    app = create_app()
except ConfigError as exc:  # gunicorn, `flask --app webhooks` and `python -m bot.web.serve` all stop here
    print(f"motcua-bot cannot start: {exc}", file=sys.stderr, flush=True)
    raise SystemExit(CANNOT_START) from None
