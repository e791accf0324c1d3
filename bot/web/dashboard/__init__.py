"""The officials' dashboard (SPEC §4): login, satisfaction figures, exports; Flask-Login and dashboard-only CSRF."""

from __future__ import annotations

from typing import Final

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from bot.web.dashboard.auth import SESSION_MAX_AGE, DashboardUser, load_user
from bot.web.dashboard.views import dashboard

__all__ = ["DashboardUser", "dashboard", "init_dashboard"]

LOGIN_MESSAGE: Final = "Vui lòng đăng nhập để xem trang này."


class LazySessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, skipped entirely for requests without a cookie (webhooks, APIs)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """An empty session when no cookie came; otherwise Flask's usual signed-cookie session."""
        if "HTTP_COOKIE" not in request.environ:
            return self.session_class()
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure whenever the request came over HTTPS (behind a proxy, gunicorn's --forwarded-allow-ips
        decides whether X-Forwarded-Proto counts), so `make run` on plain http still logs in."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Nothing to write or vary on when no cookie came and the session stayed empty."""
        if not session.modified and "HTTP_COOKIE" not in request.environ:
            return
        super().save_session(app, session, response)


def init_dashboard(app: Flask) -> None:
    """Set up Flask-Login, CSRF for the dashboard's forms only, the session cookie, and register the blueprint."""
    # The signed cookie itself is refused after a working day too (the user loader checks the login time).
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", PERMANENT_SESSION_LIFETIME=SESSION_MAX_AGE
    )
    # CSRF is checked by the dashboard blueprint's own before_request, never app-wide: webhooks, the push
    # API and the simulator are called by machines or by fetch() and must not need a token.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.session_interface = LazySessionInterface()
    CSRFProtect(app)
    manager = LoginManager(app)
    manager.login_view = "dashboard.login"
    manager.login_message = LOGIN_MESSAGE
    manager.login_message_category = "info"
    manager.user_loader(load_user)
    app.register_blueprint(dashboard)
