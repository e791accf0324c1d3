"""The reports API (SPEC §10): satisfaction by agency, procedure or month for officials."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import Any, Final

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation import texts
from bot.records.api_tokens import token_official
from bot.records.models import Official
from bot.records.officials import agency_scope, authenticate
from bot.records.reports import GROUP_BYS, satisfaction_report, settle_ratings
from bot.runtime import Runtime
from bot.web import login_brake
from bot.web.client_address import client_network
from bot.web.resources import resources

log = logging.getLogger(__name__)
reports = Blueprint("reports", __name__, url_prefix="/api/v1/reports")

MAX_YEARS: Final = 3
# Dates a report can be about: far beyond any dossier, yet clear of the calendar's ends (year 1, year 9999),
# where converting Vietnam-time days to UTC bounds or adding MAX_YEARS would overflow.
FIRST_DAY: Final = date(1900, 1, 1)
LAST_DAY: Final = date(2999, 12, 31)
REALM: Final = 'Basic realm="motcua"'
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rt() -> Runtime:
    return resources().runtime


def with_questions(report: dict[str, Any]) -> dict[str, Any]:
    """The report with each SIPAS factor's question as the bot asks it (overall and in every group)."""
    questions = dict(texts.FOLLOWUP_QUESTIONS)  # read per call: texts follow the language of the moment
    for item in [report, *report.get("groups", [])]:
        factors = item["factors"]
        item["factors"] = [{"key": f["key"], "question": questions.get(f["key"], f["key"]), **f} for f in factors]
    return report


def settle(rt: Runtime) -> None:
    """Bring the daily rollup up to yesterday before a report is read (a no-op most of the time)."""
    with rt.db.session() as s:
        settle_ratings(s, rt.now())


class BadParameter(Exception):
    """A query parameter the report cannot use."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param, self.message = param, message


class Refused(Exception):
    """Too many wrong passwords from this address lately (the login brake): refused before any hashing."""

    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def _unauthorised(message: str = "Cần đăng nhập bằng tài khoản cán bộ.") -> tuple[Response, int]:
    resp = jsonify({"error": "unauthorized", "message": message})
    resp.headers["WWW-Authenticate"] = REALM
    return resp, 401


def _bad(exc: BadParameter) -> tuple[Response, int]:
    return jsonify({"error": f"invalid parameter: {exc.param}", "param": exc.param, "message": exc.message}), 400


def _session_official(session: Session) -> Official | None:
    """The official logged in to the dashboard, when Flask-Login is set up on this app."""
    if getattr(current_app, "login_manager", None) is None:
        return None
    from flask_login import current_user

    if not current_user or not current_user.is_authenticated:
        return None
    user = current_user._get_current_object()
    username = getattr(user, "username", None)
    if not isinstance(username, str) or not username:
        return None
    return session.scalar(select(Official).where(Official.username == username))


def _basic_official(session: Session, username: str, password: str) -> Official | None:
    """HTTP Basic credentials, under the same brake as the dashboard's login form (raises Refused, unhashed)."""
    r, address = _rt().redis, client_network()
    minutes = login_brake.refused_minutes(r, address, username)
    if minutes is not None:
        raise Refused(minutes)
    official = authenticate(session, username, password)
    if official is None:
        login_brake.record_failure(r, address, username)
    else:
        login_brake.clear_failures(r, address, username)
    return official


def _official(session: Session) -> Official | None:
    """HTTP Basic credentials first (wrong ones never fall back to the session), then the dashboard session."""
    auth = request.authorization
    if auth is not None:
        if auth.type == "bearer":
            return token_official(session, auth.token or "")
        if auth.type != "basic":
            return None
        return _basic_official(session, auth.username or "", auth.password or "")
    return _session_official(session)


def _date(param: str, label: str) -> date:
    raw = request.args.get(param, "").strip()
    if not raw:
        raise BadParameter(param, f"Thiếu {label} ({param}=YYYY-MM-DD).")
    try:
        if not _DATE.fullmatch(raw):
            raise ValueError(raw)
        day = date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(param, f"{label.capitalize()} ({param}) phải là ngày có dạng YYYY-MM-DD.") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadParameter(
            param,
            f"{label.capitalize()} ({param}) phải trong khoảng {FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}.",
        )
    return day


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


def parse_query() -> tuple[date, date, str]:
    """Validated from, to and group_by; raises BadParameter naming the first bad one."""
    start = _date("from", "ngày bắt đầu")
    end = _date("to", "ngày kết thúc")
    group_by = request.args.get("group_by", "agency").strip() or "agency"
    if group_by not in GROUP_BYS:
        raise BadParameter("group_by", f"group_by phải là một trong: {', '.join(GROUP_BYS)}.")
    if start > end:
        raise BadParameter("from", "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).")
    if end >= _add_years(start, MAX_YEARS):
        raise BadParameter("to", f"Khoảng thời gian tối đa {MAX_YEARS} năm.")
    return start, end, group_by


@reports.get("/satisfaction")
def satisfaction() -> tuple[Response, int]:
    """Satisfaction counts and rate over inclusive Vietnam-time dates, limited to the caller's agencies."""
    with _rt().db.session() as s:
        try:
            official = _official(s)
        except Refused as exc:
            log.info("reports API: credentials refused by the login brake")
            resp, status = _unauthorised(login_brake.refused_message(exc.minutes))
            resp.headers["Retry-After"] = str(exc.minutes * 60)
            return resp, status
        if official is None:
            return _unauthorised()
        try:
            start, end, group_by = parse_query()
        except BadParameter as exc:
            return _bad(exc)
        scope = agency_scope(s, official)
    settle(_rt())
    with _rt().db.session() as s:
        body = with_questions(satisfaction_report(s, start=start, end=end, group_by=group_by, agency_scope=scope))
    log.info("satisfaction report %s..%s by %s for %s", start, end, group_by, official.username)
    resp = jsonify(body)
    resp.headers["Cache-Control"] = "no-store"
    return resp, 200
