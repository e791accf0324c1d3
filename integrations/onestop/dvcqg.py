"""National-portal style adapter (OpenCPS/DVCQG): session auth, then TraCuuHoSo.

Wire contract used here (DOMAIN.md "One-stop backends seen in the field"):

- ``POST <api_url>/auth`` with JSON ``{"username", "password"}`` answers JSON holding ``session``
  (top level or under ``result``/``data``). The session is cached in Redis for ``SESSION_TTL``.
- ``POST <api_url>`` (``LOOKUP_PATH`` is empty: the adapter dispatches on the ``service`` field)
  with JSON ``{"session", "madonvi", "service": "TraCuuHoSo", "MaHoSo"}``. The answer is the
  record itself, a list of records, or either of those under ``result``/``data``; errors carry a
  non-zero ``error_code`` and a ``message``. A rejected session (HTTP 401/403 or a message about an
  expired/invalid session) triggers one re-auth and one retry; "not found" answers give None.
- Dates are ``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh; they are returned as aware UTC datetimes.
- The adapter exposes no current step (``current_step`` stays empty) and usually no phone number:
  ``applicant_phone`` is ``SoDienThoai``/``DienThoai`` when present, else "" — then the bot's
  ownership check (last four digits of the phone) always fails and personal details stay hidden.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

import redis
import requests

from integrations.onestop import BackendUnavailable, DossierInfo
from integrations.onestop.remote import VN, CredentialRejected, RemoteSource, send

log = logging.getLogger(__name__)

SESSION_KEY = "onestop:dvcqg:session"
SESSION_TTL = 20 * 60
AUTH_PATH = "/auth"
LOOKUP_PATH = ""
SERVICE = "TraCuuHoSo"
DATE_FORMATS = ("%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y")
OK_CODES = frozenset({"", "0", "00", "200"})
# Unverified: the adapters seen answer in words; these HTTP-like codes are accepted as well.
SESSION_CODES = frozenset({"401", "403"})
NOT_FOUND_CODES = frozenset({"404"})
SESSION_REJECTED = re.compile(
    r"(session|phiên).{0,40}(expire|invalid|hết hạn|không hợp lệ|không tồn tại)"
    r"|(expire|invalid|hết hạn|không hợp lệ).{0,40}(session|phiên)",
    re.IGNORECASE,
)
NOT_FOUND = re.compile(r"not found|no data|không tìm thấy|không tồn tại|không có dữ liệu|không có hồ sơ", re.IGNORECASE)


def parse_time(value: object) -> datetime | None:
    """A ``yyyyMMddHHmmss`` Vietnam-time stamp as an aware UTC datetime; None when empty or unreadable."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=VN).astimezone(UTC)
        except ValueError:
            continue
    log.warning("dvcqg date %r not understood", text[:40])
    return None


def parse_status(value: object) -> int:
    """The national status code 1–10; anything else is shown as 4 (Đang xử lý)."""
    try:
        status = int(str(value).strip())
    except (TypeError, ValueError):
        status = 0
    if 1 <= status <= 10:
        return status
    log.warning("dvcqg status %r unknown; shown as 4", value)
    return 4


def _text(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _records(body: object) -> list[dict[str, Any]]:
    if isinstance(body, list):
        return [r for r in body if isinstance(r, dict)]
    if not isinstance(body, dict):
        return []
    if "MaHoSo" in body or "TrangThaiHoSo" in body:
        return [body]
    for key in ("result", "data", "Result", "Data"):
        if body.get(key):
            return _records(body[key])
    return []


def _error(body: object) -> tuple[str, str]:
    """(error code, message) of an answer; code "" when it reports no error."""
    if not isinstance(body, dict):
        return "", ""
    code = _text(body, "error_code", "errorCode", "ErrorCode")
    message = _text(body, "message", "error_message", "errorMessage", "Message", "error")
    return ("" if code in OK_CODES else code), message


def to_info(record: dict[str, Any], asked: str) -> DossierInfo:
    """A TraCuuHoSo record to DossierInfo."""
    return DossierInfo(
        code=_text(record, "MaHoSo") or asked,
        procedure_code=_text(record, "MaTTHC"),
        procedure_name=_text(record, "TenTTHC"),
        agency_code=_text(record, "MaDonVi"),
        agency_name=_text(record, "DonViXuLy"),
        status=parse_status(record.get("TrangThaiHoSo")),
        received_at=parse_time(record.get("NgayTiepNhan")),
        due_at=parse_time(record.get("NgayHenTra")),
        finished_at=parse_time(record.get("NgayKetThucXuLy")),
        returned_at=parse_time(record.get("NgayTra")),
        current_step="",
        applicant_phone=_text(record, "SoDienThoai", "DienThoai"),
    )


class DvcqgSource(RemoteSource):
    """Looks dossiers up through a DVCQG-style adapter."""

    name = "dvcqg"
    credential_key = SESSION_KEY

    def __init__(
        self,
        http: requests.Session,
        *,
        api_url: str,
        username: str,
        password: str,
        madonvi: str,
        redis_client: redis.Redis,
        retry_wait: float = 0.2,
    ) -> None:
        self.http = http
        self.api_url = api_url.rstrip("/")
        self.username = username
        self.password = password
        self.madonvi = madonvi
        self.redis = redis_client
        self.retry_wait = retry_wait

    def _authenticate(self) -> tuple[str, int]:
        resp = send(
            self.http,
            "POST",
            self.api_url + AUTH_PATH,
            retry_wait=self.retry_wait,
            json={"username": self.username, "password": self.password},
        )
        try:
            body = resp.json()
        except ValueError:
            body = None
        session = ""
        if isinstance(body, dict):
            session = _text(body, "session")
            for key in ("result", "data"):
                if not session and isinstance(body.get(key), dict):
                    session = _text(body[key], "session")
        if not session:
            code, _ = _error(body)
            log.warning("dvcqg auth refused (HTTP %s, error_code %r)", resp.status_code, code)
            raise BackendUnavailable(f"dvcqg auth refused (HTTP {resp.status_code})")
        return session, SESSION_TTL

    def _fetch(self, session: str, code: str) -> DossierInfo | None:
        resp = send(
            self.http,
            "POST",
            self.api_url + LOOKUP_PATH,
            retry_wait=self.retry_wait,
            json={"session": session, "madonvi": self.madonvi, "service": SERVICE, "MaHoSo": code},
        )
        if resp.status_code in (401, 403):
            raise CredentialRejected
        try:
            body = resp.json()
        except ValueError as exc:
            log.warning("dvcqg answered HTTP %s without JSON", resp.status_code)
            raise BackendUnavailable(f"dvcqg answered HTTP {resp.status_code} without JSON") from exc
        error, message = _error(body)
        if error in SESSION_CODES or SESSION_REJECTED.search(message):
            raise CredentialRejected
        if error in NOT_FOUND_CODES or ((error or resp.status_code == 404) and NOT_FOUND.search(message)):
            return None
        if error or resp.status_code >= 400:
            log.warning("dvcqg lookup failed (HTTP %s, error_code %r)", resp.status_code, error)
            raise BackendUnavailable(f"dvcqg lookup failed (HTTP {resp.status_code}, error_code {error!r})")
        wanted = code.casefold()
        for record in _records(body):
            if _text(record, "MaHoSo").casefold() in ("", wanted):
                return to_info(record, code)
        return None
