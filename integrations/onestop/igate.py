"""VNPT iGate: Keycloak password grant, then the dossier search API.

Wire contract used here (DOMAIN.md "One-stop backends seen in the field"):

- Token: ``POST <sso_url>/auth/realms/digo/protocol/openid-connect/token`` with the form
  ``grant_type=password, client_id, username, password`` → ``access_token`` and ``expires_in``;
  cached in Redis until a minute before it expires.
- Search: ``GET <api_url>/pa/dossier/search?page=0&size=20&spec=slice&code=<code>`` with the Bearer
  token → ``content[]``; the item whose ``code`` or ``nationCode`` equals the asked code is used.
  A 401 drops the cached token, grants a new one and retries once.
- Settings carry only ONESTOP_API_URL, so the SSO base defaults to the origin of ``api_url``
  (``https://host/api`` → ``https://host``). Deployments whose Keycloak lives on another host
  (e.g. ``ssodvc.<province>.gov.vn``) pass ``sso_url`` to the constructor.
- Dates are ISO 8601 (Java style ``...+0000`` included) or epoch milliseconds; a date without an
  offset is taken as Vietnam time. All are returned as aware UTC datetimes.
- ``current_step`` is the name of the first ``currentTask`` (or its agency), never an assignee.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import redis
import requests

from integrations.onestop import BackendUnavailable, DossierInfo
from integrations.onestop.remote import VN, CredentialRejected, RemoteSource, send

log = logging.getLogger(__name__)

TOKEN_KEY = "onestop:igate:token"
TOKEN_MARGIN_S = 60
REALM = "digo"
TOKEN_PATH = "/auth/realms/{realm}/protocol/openid-connect/token"
SEARCH_PATH = "/pa/dossier/search"
# iGate's languageId of Vietnamese in `translate[]` (unverified).
VI_LANGUAGE_ID = 228
# iGate dossierStatus.id → national status code (DOMAIN.md "Statuses").
# UNVERIFIED: no public iGate documentation; guessed from field observations. Unknown ids map to
# 4 (Đang xử lý) with a WARNING, so extend this dict when a deployment logs new ids.
IGATE_STATUS: dict[int, int] = {
    0: 1,  # Chờ tiếp nhận → Mới đăng ký
    1: 5,  # Chờ bổ sung → Yêu cầu bổ sung giấy tờ
    2: 4,  # Đang xử lý
    3: 9,  # Có kết quả → Đã xử lý xong
    4: 10,  # Đã trả kết quả
    5: 8,  # Tạm dừng → Dừng xử lý
    6: 3,  # Từ chối / đã hủy → Không được tiếp nhận
}
DEFAULT_STATUS = 4


def default_sso_url(api_url: str) -> str:
    """The origin of the API URL: ``https://host/api`` → ``https://host``."""
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}"


def parse_time(value: object) -> datetime | None:
    """An iGate date (ISO 8601 or epoch ms) as an aware UTC datetime; None when empty or unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        log.warning("igate date %r not understood", text[:40])
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=VN)).astimezone(UTC)


def pick_name(value: object) -> str:
    """A display name from a string, a ``{name}`` object, a ``translate`` list/object, preferring Vietnamese."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        named = [v for v in value if isinstance(v, dict) and v.get("name")]
        vietnamese = [v for v in named if str(v.get("languageId", "")) == str(VI_LANGUAGE_ID)]
        return pick_name((vietnamese or named)[0]) if named else ""
    if isinstance(value, dict):
        return pick_name(value.get("translate")) or pick_name(value.get("name"))
    return ""


def map_status(value: object) -> int:
    """The national status code of a ``dossierStatus`` object (see IGATE_STATUS)."""
    raw = value.get("id") if isinstance(value, dict) else None
    try:
        status = IGATE_STATUS.get(int(str(raw)))
    except ValueError:
        status = None
    if status is None:
        log.warning("igate dossierStatus %r (%s) unknown; shown as %s", raw, pick_name(value), DEFAULT_STATUS)
        return DEFAULT_STATUS
    return status


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    return str(value).strip() if value not in (None, "") else ""


def _current_step(tasks: object) -> str:
    for task in tasks if isinstance(tasks, list) else []:
        if isinstance(task, dict):
            step = pick_name(task.get("name")) or pick_name(_dict(task.get("bpmProcessDefinitionTask")).get("name"))
            if step := step or pick_name(_dict(task.get("agency")).get("name")):
                return step
    return ""


def _phone(applicant: object) -> str:
    data = _dict(applicant)
    for source in (_dict(data.get("data")), data):
        for key in ("phoneNumber", "phone", "mobilePhone"):
            if phone := _text(source.get(key)):
                return phone
    return ""


def to_info(item: dict[str, Any]) -> DossierInfo:
    """A ``content[]`` item to DossierInfo."""
    procedure = _dict(item.get("procedure"))
    agency = _dict(item.get("agency"))
    return DossierInfo(
        code=_text(item.get("code")),
        procedure_code=_text(procedure.get("code")),
        procedure_name=pick_name(procedure),
        agency_code=_text(agency.get("code")),
        agency_name=pick_name(agency),
        status=map_status(item.get("dossierStatus")),
        received_at=parse_time(item.get("acceptedDate")),
        due_at=parse_time(item.get("appointmentDate")),
        finished_at=parse_time(item.get("completedDate")),
        returned_at=parse_time(item.get("returnedDate")),
        current_step=_current_step(item.get("currentTask")),
        applicant_phone=_phone(item.get("applicant")),
        national_code=_text(item.get("nationCode")) or None,
    )


class IgateSource(RemoteSource):
    """Looks dossiers up in VNPT iGate."""

    name = "igate"
    credential_key = TOKEN_KEY

    def __init__(
        self,
        http: requests.Session,
        *,
        api_url: str,
        username: str,
        password: str,
        client_id: str,
        redis_client: redis.Redis,
        sso_url: str | None = None,
        realm: str = REALM,
        retry_wait: float = 0.2,
    ) -> None:
        self.http = http
        self.api_url = api_url.rstrip("/")
        self.sso_url = (sso_url or default_sso_url(api_url)).rstrip("/")
        self.username = username
        self.password = password
        self.client_id = client_id
        self.redis = redis_client
        self.realm = realm
        self.retry_wait = retry_wait

    @property
    def token_url(self) -> str:
        """Keycloak's token endpoint."""
        return self.sso_url + TOKEN_PATH.format(realm=self.realm)

    def _authenticate(self) -> tuple[str, int]:
        resp = send(
            self.http,
            "POST",
            self.token_url,
            retry_wait=self.retry_wait,
            data={
                "grant_type": "password",
                "client_id": self.client_id,
                "username": self.username,
                "password": self.password,
            },
        )
        try:
            body = _dict(resp.json())
        except ValueError:
            body = {}
        token = _text(body.get("access_token"))
        if resp.status_code != 200 or not token:
            log.warning("igate token grant refused (HTTP %s, error %r)", resp.status_code, body.get("error"))
            raise BackendUnavailable(f"igate token grant refused (HTTP {resp.status_code})")
        try:
            ttl = int(body.get("expires_in", 300)) - TOKEN_MARGIN_S
        except (TypeError, ValueError):
            ttl = 0
        return token, ttl

    def _fetch(self, token: str, code: str) -> DossierInfo | None:
        resp = send(
            self.http,
            "GET",
            self.api_url + SEARCH_PATH,
            retry_wait=self.retry_wait,
            params={"page": 0, "size": 20, "spec": "slice", "code": code},
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )
        if resp.status_code == 401:
            raise CredentialRejected
        if resp.status_code != 200:
            log.warning("igate search answered HTTP %s", resp.status_code)
            raise BackendUnavailable(f"igate search answered HTTP {resp.status_code}")
        try:
            content = _dict(resp.json()).get("content") or []
        except ValueError as exc:
            raise BackendUnavailable("igate search answered without JSON") from exc
        if not isinstance(content, list):
            raise BackendUnavailable("igate search answered without a content list")
        wanted = code.casefold()
        for item in content:
            if isinstance(item, dict) and wanted in (
                _text(item.get("code")).casefold(),
                _text(item.get("nationCode")).casefold(),
            ):
                return to_info(item)
        return None
