"""Routes of the officials' dashboard: login, logout, the satisfaction page and its exports."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, TypeVar, cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm import Session

from bot.records.dossier_stats import DossierStats, dossier_stats
from bot.records.dossiers import VN
from bot.records.models import Agency, Official
from bot.records.officials import agency_scope, authenticate
from bot.records.reports import (
    GROUP_BYS,
    MAX_REASONS,
    dissatisfied_reasons,
    satisfaction_report,
)
from bot.runtime import Runtime
from bot.web import login_brake
from bot.web.client_address import client_network
from bot.web.dashboard.auth import end_sessions, new_session_user
from bot.web.dashboard.exports import Cell, reason_rows, to_csv, to_xlsx
from bot.web.dashboard.forms import LoginForm
from bot.web.reports_api import BadParameter, parse_query
from bot.web.resources import resources

log = logging.getLogger(__name__)
dashboard = Blueprint("dashboard", __name__, url_prefix="/dashboard")

BAD_CREDENTIALS: Final = "Tên đăng nhập hoặc mật khẩu không đúng."
CSRF_FAILED: Final = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại."
HTTP_ERRORS: Final = {
    403: "Tài khoản của ông/bà không có quyền xem trang này.",
    404: "Không tìm thấy trang này. Vui lòng kiểm tra lại địa chỉ.",
    405: "Trang này không nhận yêu cầu gửi theo cách đó. Vui lòng quay lại trang trước.",
}
HTTP_ERROR_OTHER: Final = "Đã có lỗi (mã {code}). Vui lòng tải lại trang và thử lại."


def error_page(code: int) -> tuple[str, int]:
    """A dashboard error in Vietnamese, in the dashboard's own layout."""
    message = HTTP_ERRORS.get(code, HTTP_ERROR_OTHER.format(code=code))
    return render_template("dashboard/error.html", message=message), code
EXPORT_REASONS: Final = 10_000
GROUP_LABELS: Final = {"agency": "Cơ quan", "procedure": "Thủ tục", "month": "Tháng"}
ALL_PROVINCE: Final = "Toàn tỉnh"
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

F = TypeVar("F", bound=Callable[..., Any])


def _login_required(view: F) -> F:
    """flask_login.login_required, typed."""
    return cast(F, login_required(view))


def _rt() -> Runtime:
    return resources().runtime


@dashboard.before_request
def _csrf() -> None:
    """Every state-changing request to the dashboard carries a valid CSRF token (400 otherwise)."""
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        current_app.extensions["csrf"].protect()


@dashboard.after_request
def _headers(resp: Response) -> Response:
    """No caching of officials' figures; no framing, no scripts, no third-party anything."""
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "same-origin"
    return resp


@dashboard.context_processor
def _context() -> dict[str, str]:
    return {"province": _rt().settings.province_name}


@dashboard.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError) -> tuple[str, int]:
    """A missing or stale token: a Vietnamese page with a way back, status 400."""
    log.info("dashboard CSRF failure: %s", exc.description)
    return render_template("dashboard/error.html", message=CSRF_FAILED), 400


def _safe_next(target: str | None) -> str | None:
    """A same-site path to go to after login, or None (absolute, scheme-relative and odd URLs are refused)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


# --- login / logout ------------------------------------------------------------------------------


@dashboard.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """The login form; success goes to the dashboard (or a safe `next`), failures show one generic message."""
    next_url = _safe_next(request.args.get("next"))
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(next_url or url_for(".index"))
    form = LoginForm()
    error: str | None = None
    status = 200
    if form.validate_on_submit():
        username = str(form.username.data or "").strip()
        password = str(form.password.data or "")
        address = client_network()
        minutes = login_brake.refused_minutes(_rt().redis, address, username)
        if minutes is not None:  # refused before any password is hashed
            log.info("dashboard login refused by the brake")
            error = login_brake.refused_message(minutes)
            page = render_template("dashboard/login.html", form=form, error=error, next=next_url)
            return page, 429, {"Retry-After": str(minutes * 60)}
        with _rt().db.session() as s:
            official = authenticate(s, username, password)
            user = new_session_user(official) if official is not None else None
        if user is None:
            login_brake.record_failure(_rt().redis, address, username)
            log.info("dashboard login failed")
            error, status = BAD_CREDENTIALS, 401
        else:
            login_brake.clear_failures(_rt().redis, address, username)
            session.clear()
            login_user(user)
            log.info("dashboard login: %s", user.username)
            return redirect(next_url or url_for(".index"))
    elif request.method == "POST":
        status = 400
    return render_template("dashboard/login.html", form=form, error=error, next=next_url), status


@dashboard.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session server-side (POST with the CSRF token): every session of the account opened before now
    is refused from here on, wherever its cookie went; then back to the login page."""
    if current_user.is_authenticated:
        end_sessions(int(current_user.id))
    logout_user()
    session.clear()
    flash("Đã đăng xuất.", "info")
    return redirect(url_for(".login"))


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """Who is looking, and which agencies they may see."""

    username: str
    scope: set[str] | None
    scope_name: str


def _viewer(s: Session) -> Viewer | None:
    """The logged-in official's scope (None when the account vanished since the session began)."""
    official = s.get(Official, int(current_user.id))
    if official is None:
        return None
    scope = agency_scope(s, official)
    if scope is None:
        name = ALL_PROVINCE
    elif official.agency_code:
        agency = s.get(Agency, official.agency_code)
        name = agency.name if agency is not None else official.agency_code
    else:
        name = "Không có cơ quan"
    return Viewer(official.username, scope, name)


def _today() -> date:
    return _rt().now().astimezone(VN).date()


def _dashboard_query() -> tuple[date, date, str, str | None]:
    """from, to, group_by for the page, and an error message when the request's values were unusable."""
    today = _today()
    default = (today.replace(day=1), today, "agency")
    args = request.args
    if not args.get("from", "").strip() and not args.get("to", "").strip():
        group_by = args.get("group_by", "agency").strip() or "agency"
        if group_by not in GROUP_BYS:
            return (*default, "Cách nhóm không hợp lệ; đang hiển thị theo cơ quan.")
        return default[0], default[1], group_by, None
    try:
        start, end, group_by = parse_query()
    except BadParameter as exc:
        return (*default, f"{exc.message} Đang hiển thị từ đầu tháng đến hôm nay.")
    return start, end, group_by, None


def _fmt_rate(value: float | None) -> str:
    """66.67 → "66,67%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _fmt_int(value: int) -> str:
    """1234 → "1.234" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def _fmt_date(value: date | str) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


@dashboard.get("/")
@_login_required
def index() -> ResponseReturnValue:
    """Satisfaction figures, response and overdue rates, per-group table and the latest reasons."""
    start, end, group_by, error = _dashboard_query()
    with _rt().db.session() as s:
        viewer = _viewer(s)
        if viewer is None:
            logout_user()
            return redirect(url_for(".login"))
        report = satisfaction_report(s, start=start, end=end, group_by=group_by, agency_scope=viewer.scope)
        stats: DossierStats = dossier_stats(s, start=start, end=end, agency_scope=viewer.scope)
    params: dict[str, Any] = {"from": start.isoformat(), "to": end.isoformat(), "group_by": group_by}
    return render_template(
        "dashboard/index.html",
        viewer=viewer,
        report=report,
        stats=stats,
        reasons=reason_rows(report["dissatisfied_reasons"]),
        reasons_limit=MAX_REASONS,
        params=params,
        period=f"{_fmt_date(start)} – {_fmt_date(end)}",
        group_by=group_by,
        group_labels=GROUP_LABELS,
        error=error,
        fmt_rate=_fmt_rate,
        fmt_int=_fmt_int,
        xlsx_url=url_for(".export_xlsx", **params),
        csv_url=url_for(".export_csv", **params),
    )


def _export_info(
    viewer: Viewer, start: date, end: date, group_by: str, report: dict[str, Any], stats: DossierStats
) -> list[tuple[str, Cell, Cell]]:
    """The workbook's "Thông tin báo cáo" sheet: period, scope, the dashboard's three rates with their counts."""
    good = report["very_satisfied"] + report["satisfied"]
    exported = _rt().now().astimezone(VN)
    return [
        ("Kỳ báo cáo", f"{_fmt_date(start)} – {_fmt_date(end)}", "Tính cả ngày đầu và ngày cuối, giờ Việt Nam."),
        ("Phạm vi", viewer.scope_name, "Cơ quan của cán bộ và các đơn vị trực thuộc."),
        ("Nhóm theo", GROUP_LABELS[group_by], None),
        (
            "Tỷ lệ hài lòng (%)",
            report["satisfaction_rate"],
            f"{good}/{report['total']}: (Rất hài lòng + Hài lòng) / tổng số đánh giá.",
        ),
        (
            "Tỷ lệ phản hồi (%)",
            stats.response_rate,
            f"{stats.rated}/{stats.finished}: hồ sơ được đánh giá / hồ sơ giải quyết xong trong kỳ.",
        ),
        (
            "Tỷ lệ trễ hạn (%)",
            stats.overdue_rate,
            f"{stats.overdue}/{stats.with_due}: hồ sơ xong sau ngày hẹn trả / hồ sơ giải quyết xong có ngày hẹn.",
        ),
        ("Người xuất", viewer.username, None),
        ("Thời điểm xuất", exported.strftime("%d/%m/%Y %H:%M"), "Giờ Việt Nam."),
    ]


def _export(kind: str) -> ResponseReturnValue:
    try:
        start, end, group_by = parse_query()
    except BadParameter as exc:
        return Response(exc.message, status=400, mimetype="text/plain")
    with _rt().db.session() as s:
        viewer = _viewer(s)
        if viewer is None:
            logout_user()
            return redirect(url_for(".login"))
        report = satisfaction_report(s, start=start, end=end, group_by=group_by, agency_scope=viewer.scope)
        reasons = (
            dissatisfied_reasons(s, start=start, end=end, agency_scope=viewer.scope, limit=EXPORT_REASONS)
            if kind == "xlsx"
            else []
        )
        stats = dossier_stats(s, start=start, end=end, agency_scope=viewer.scope) if kind == "xlsx" else None
    log.info("dashboard export %s %s..%s by %s for %s", kind, start, end, group_by, viewer.username)
    if kind == "xlsx" and stats is not None:
        body = to_xlsx(report, reasons, _export_info(viewer, start, end, group_by, report, stats))
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = to_csv(report)
        mimetype = "text/csv"
    resp = Response(body, mimetype=mimetype)
    if kind == "csv":
        resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    name = f"hai-long_{start.isoformat()}_{end.isoformat()}_{group_by}.{kind}"
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@dashboard.get("/export.xlsx")
@_login_required
def export_xlsx() -> ResponseReturnValue:
    """The report as an Excel workbook with a second sheet of Không hài lòng reasons."""
    return _export("xlsx")


@dashboard.get("/export.csv")
@_login_required
def export_csv() -> ResponseReturnValue:
    """The report table as CSV (UTF-8 with BOM)."""
    return _export("csv")
