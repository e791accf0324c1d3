"""Routes of the officials' dashboard: login, logout, the satisfaction page and its exports."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
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
    AgencyTree,
    dissatisfied_reasons,
    satisfaction_report,
)
from bot.records.unanswered import KEEP_DAYS, mark_handled
from bot.records.unanswered import groups as unanswered_groups
from bot.records.usage import LOOKUPS, METRICS, usage_by_day, usage_totals
from bot.runtime import Runtime
from bot.web import login_brake
from bot.web.client_address import client_network
from bot.web.dashboard.auth import end_sessions, new_session_user
from bot.web.dashboard.charts import columns_svg
from bot.web.dashboard.exports import FACTOR_LABELS, Cell, reason_rows, to_csv, to_xlsx
from bot.web.dashboard.forms import LoginForm
from bot.web.dashboard.numbers import fmt_change, fmt_date, fmt_int, fmt_points, fmt_rate
from bot.web.dashboard.overview import Focus, NotAllowed, find_focus, overview
from bot.web.dashboard.quarterly import BadQuarter, Quarter, quarterly_report
from bot.web.reports_api import BadParameter, parse_query, settle, with_questions
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
USAGE_COLUMNS: Final = (
    ("lookups", "Lượt tra cứu"),
    ("people", "Người được phục vụ"),
    ("subscriptions", "Đăng ký nhận thông báo"),
    ("notices_sent", "Thông báo đã gửi"),
    ("notices_refused", "Thông báo bị từ chối"),
    ("handovers", "Chuyển cho cán bộ"),
)
PLATFORMS: Final = (("zalo", "Zalo"), ("messenger", "Messenger"))
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
    agency_code: str | None = None


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
    return Viewer(official.username, scope, name, official.agency_code)


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


_fmt_rate, _fmt_int, _fmt_date = fmt_rate, fmt_int, fmt_date


def _focus(s: Session, viewer: Viewer) -> tuple[AgencyTree, Focus] | None:
    """The drill-down unit of the request (`unit`), or None when the viewer may not see it."""
    tree = AgencyTree.load(s)
    try:
        return tree, find_focus(tree, viewer.scope, viewer.agency_code, request.args.get("unit", "").strip() or None)
    except NotAllowed:
        log.info("dashboard: unit outside the viewer's agencies refused")
        return None


@dataclass(frozen=True)
class _Seen:
    """Who is looking, and at which unit."""

    viewer: Viewer
    tree: AgencyTree
    focus: Focus


def _seen(s: Session) -> _Seen | ResponseReturnValue:
    """The viewer and the unit in focus; else the answer: the login page when the account vanished since the session
    began, 403 for a unit outside the viewer's agencies."""
    viewer = _viewer(s)
    if viewer is None:
        logout_user()
        return redirect(url_for(".login"))
    found = _focus(s, viewer)
    if found is None:
        return error_page(403)
    return _Seen(viewer, *found)


@dashboard.get("/")
@_login_required
def index() -> ResponseReturnValue:
    """Satisfaction figures, response and overdue rates, per-group table and the latest reasons."""
    start, end, group_by, error = _dashboard_query()
    settle(_rt())
    with _rt().db.session() as s:
        seen = _seen(s)
        if not isinstance(seen, _Seen):
            return seen
        viewer, tree, focus = seen.viewer, seen.tree, seen.focus
        scope = focus.scope
        report = with_questions(satisfaction_report(s, start=start, end=end, group_by=group_by, agency_scope=scope))
        stats: DossierStats = dossier_stats(s, start=start, end=end, agency_scope=scope)
        params: dict[str, Any] = {"from": start.isoformat(), "to": end.isoformat(), "group_by": group_by}
        if focus.unit is not None and not focus.is_top:
            params["unit"] = focus.unit.code
        base = {k: v for k, v in params.items() if k != "unit"}
        def link(code: str) -> str:
            return url_for(".index", **base, unit=code)

        view = overview(s, tree, focus, start, end, viewer_scope=viewer.scope, link=link)
    return render_template(
        "dashboard/index.html",
        viewer=viewer,
        focus=focus,
        view=view,
        crumbs=[(u.name, url_for(".index", **base, unit=u.code)) for u in focus.path],
        fmt_points=fmt_points,
        fmt_change=fmt_change,
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
        factor_labels=FACTOR_LABELS,
        xlsx_url=url_for(".export_xlsx", **params),
        csv_url=url_for(".export_csv", **params),
        report_url=url_for(
            ".report_docx", quarter=Quarter.of(end).code, **({"unit": params["unit"]} if "unit" in params else {})
        ),
    )


def _export_info(
    viewer: Viewer,
    focus: Focus,
    start: date,
    end: date,
    group_by: str,
    report: dict[str, Any],
    stats: DossierStats,
    reasons_shown: int,
) -> list[tuple[str, Cell, Cell]]:
    """The workbook's "Thông tin báo cáo" sheet: period, scope, the dashboard's three rates with their counts."""
    good = report["very_satisfied"] + report["satisfied"]
    exported = _rt().now().astimezone(VN)
    return [
        ("Kỳ báo cáo", f"{_fmt_date(start)} – {_fmt_date(end)}", "Tính cả ngày đầu và ngày cuối, giờ Việt Nam."),
        ("Phạm vi", focus.name if not focus.is_top else viewer.scope_name, "Đơn vị và các đơn vị trực thuộc."),
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
        (
            "Lý do không hài lòng",
            reasons_shown,
            f"{_fmt_int(reasons_shown)} lý do mới nhất trong {_fmt_int(report['dissatisfied'])} đánh giá không hài lòng"
            + (f" (tệp chỉ ghi tối đa {_fmt_int(EXPORT_REASONS)} lý do)." if reasons_shown >= EXPORT_REASONS else "."),
        ),
        ("Người xuất", viewer.username, None),
        ("Thời điểm xuất", exported.strftime("%d/%m/%Y %H:%M"), "Giờ Việt Nam."),
    ]


def _export(kind: str) -> ResponseReturnValue:
    try:
        start, end, group_by = parse_query()
    except BadParameter as exc:
        return Response(exc.message, status=400, mimetype="text/plain")
    settle(_rt())
    with _rt().db.session() as s:
        seen = _seen(s)
        if not isinstance(seen, _Seen):
            return seen
        viewer, focus = seen.viewer, seen.focus
        scope = focus.scope
        report = with_questions(satisfaction_report(s, start=start, end=end, group_by=group_by, agency_scope=scope))
        reasons = (
            dissatisfied_reasons(s, start=start, end=end, agency_scope=scope, limit=EXPORT_REASONS)
            if kind == "xlsx"
            else []
        )
        stats = dossier_stats(s, start=start, end=end, agency_scope=scope) if kind == "xlsx" else None
    log.info("dashboard export %s %s..%s by %s for %s", kind, start, end, group_by, viewer.username)
    if kind == "xlsx" and stats is not None:
        info = _export_info(viewer, focus, start, end, group_by, report, stats, len(reasons))
        body = to_xlsx(report, reason_rows(reasons), info)
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


def _admin(s: Session) -> Viewer | None:
    """The logged-in admin, or None (the caller answers 403)."""
    viewer = _viewer(s)
    return viewer if viewer is not None and viewer.scope is None else None


@dashboard.get("/usage")
@_login_required
def usage() -> ResponseReturnValue:
    """Admins: the chatbot's own use per day and platform (lookups, people, subscriptions, notices, handovers)."""
    start, end, _group_by, error = _dashboard_query()
    with _rt().db.session() as s:
        viewer = _admin(s)
        if viewer is None:
            return error_page(403)
        days = usage_by_day(s, start=start, end=end)
        totals = usage_totals(s, start=start, end=end)
    day_list = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    per_day = [
        (day, {m: sum(p.get(m, 0) for p in days.get(day, {}).values()) for m in METRICS}) for day in day_list
    ]
    chart = columns_svg(
        [(day.strftime("%d/%m"), row[LOOKUPS]) for day, row in per_day],
        title=f"Lượt tra cứu hồ sơ mỗi ngày, {_fmt_date(start)} – {_fmt_date(end)}",
        unit="lượt tra cứu",
    )
    return render_template(
        "dashboard/usage.html",
        viewer=viewer,
        error=error,
        params={"from": start.isoformat(), "to": end.isoformat()},
        period=f"{_fmt_date(start)} – {_fmt_date(end)}",
        metrics=USAGE_COLUMNS,
        platforms=PLATFORMS,
        totals=totals,
        per_day=[(d, row) for d, row in per_day if any(row.values())][::-1],
        chart=chart,
        fmt_int=fmt_int,
        fmt_date=fmt_date,
    )


@dashboard.get("/unanswered")
@_login_required
def unanswered() -> ResponseReturnValue:
    """Admins: what citizens asked that the bot could not answer, grouped by wording, masked, last 90 days."""
    handled = request.args.get("handled") == "1"
    now = _rt().now()
    with _rt().db.session() as s:
        viewer = _admin(s)
        if viewer is None:
            return error_page(403)
        found = unanswered_groups(s, now, handled=handled)
    return render_template(
        "dashboard/unanswered.html",
        viewer=viewer,
        groups=found,
        handled=handled,
        total=sum(g.count for g in found),
        fmt_int=fmt_int,
        keep_days=KEEP_DAYS,
        local=lambda when: when.astimezone(VN).strftime("%d/%m/%Y"),
    )


@dashboard.post("/unanswered/handled")
@_login_required
def unanswered_handled() -> ResponseReturnValue:
    """Mark one group (its `key`) handled; back to the list with a word on what happened."""
    raw = request.form.get("key", "")
    now = _rt().now()
    with _rt().db.session() as s:
        if _admin(s) is None:
            return error_page(403)
        marked = mark_handled(s, int(raw), now) if raw.isdigit() and len(raw) < 12 else 0
    if marked:
        flash(f"Đã đánh dấu đã xử lý {fmt_int(marked)} câu hỏi.", "info")
    else:
        flash("Không tìm thấy nhóm câu hỏi này (có thể đã được đánh dấu). Vui lòng xem lại danh sách.", "error")
    return redirect(url_for(".unanswered"))


@dashboard.get("/report.docx")
@_login_required
def report_docx() -> ResponseReturnValue:
    """The quarterly report (Decree 30 layout) for `quarter=YYYY-QN`, scoped like the dashboard."""
    try:
        quarter = Quarter.parse(request.args.get("quarter", ""))
    except BadQuarter:
        return Response("Quý (quarter) phải có dạng YYYY-QN, ví dụ 2026-Q4.", status=400, mimetype="text/plain")
    rt = _rt()
    settle(rt)
    with rt.db.session() as s:
        seen = _seen(s)
        if not isinstance(seen, _Seen):
            return seen
        viewer, focus = seen.viewer, seen.focus
        top = focus.unit.code if focus.unit is not None and focus.scope is not None else None
        body = quarterly_report(
            s, quarter=quarter, scope=focus.scope, top=top, province=rt.settings.province_name, today=_today()
        )
    log.info("dashboard quarterly report %s for %s", quarter.code, viewer.username)
    resp = Response(body, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resp.headers["Content-Disposition"] = f'attachment; filename="bao-cao_{quarter.code}.docx"'
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
