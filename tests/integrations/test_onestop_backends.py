"""Remote one-stop backends (DVCQG adapter, VNPT iGate) and the backend factory, against faked HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import fakeredis
import pytest
import requests
import responses
from responses import matchers

from bot.config import Settings
from bot.records.db import Database
from bot.records.dossiers import local_date
from bot.records.local_source import LocalSource
from bot.runtime import make_source
from integrations.http import make_session
from integrations.onestop import BackendUnavailable
from integrations.onestop.dvcqg import SESSION_KEY, SESSION_TTL, DvcqgSource
from integrations.onestop.igate import IGATE_STATUS, TOKEN_KEY, IgateSource

DVC_API = "https://adapter.example.vn/dvcqg"
DVC_AUTH = DVC_API + "/auth"
IGATE_HOST = "https://igate.example.vn"
IGATE_API = IGATE_HOST + "/api"
IGATE_TOKEN = IGATE_HOST + "/auth/realms/digo/protocol/openid-connect/token"
IGATE_SEARCH = IGATE_API + "/pa/dossier/search"
PASSWORD = "s3cret-pass"

RECORD = {
    "MaHoSo": "000.31.25.H59-240115-0001",
    "TenTTHC": "Đăng ký khai sinh",
    "MaTTHC": "1.001193",
    "DonViXuLy": "UBND xã Tân An",
    "MaDonVi": "000.31.25.H59",
    "NgayTiepNhan": "20240115003000",
    "NgayHenTra": "20240131170000",
    "TrangThaiHoSo": "4",
    "NgayTra": "",
    "SoDienThoai": "0912345678",
}


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    """Faked HTTP; any unregistered call fails."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def rds() -> fakeredis.FakeRedis:
    """A private Redis substitute."""
    return fakeredis.FakeRedis()


@pytest.fixture
def dvc(rds: fakeredis.FakeRedis) -> DvcqgSource:
    """A DVCQG source without retry waits."""
    return DvcqgSource(
        make_session(),
        api_url=DVC_API + "/",
        username="bot",
        password=PASSWORD,
        madonvi="H59",
        redis_client=rds,
        retry_wait=0,
    )


@pytest.fixture
def igate(rds: fakeredis.FakeRedis) -> IgateSource:
    """An iGate source without retry waits."""
    return IgateSource(
        make_session(),
        api_url=IGATE_API,
        username="bot",
        password=PASSWORD,
        client_id="bot-public",
        redis_client=rds,
        retry_wait=0,
    )


def body(call: Any) -> Any:
    """The JSON body of a recorded call."""
    return json.loads(call.request.body)


def calls_to(rsps: responses.RequestsMock, url: str) -> list[Any]:
    """Recorded calls to one URL (query string ignored)."""
    return [c for c in rsps.calls if (c.request.url or "").split("?")[0] == url]


def dvc_auth(rsps: responses.RequestsMock, *sessions: str) -> None:
    """Auth answers handing out these sessions in turn."""
    for session in sessions:
        rsps.post(DVC_AUTH, json={"error_code": "0", "session": session})


# --- DVCQG -----------------------------------------------------------------------------------


def test_dvcqg_auth_and_lookup_mapping(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, json={"error_code": "0", "message": "OK", "result": [RECORD]})

    info = dvc.get(" 000.31.25.H59-240115-0001 ")

    assert body(rsps.calls[0]) == {"username": "bot", "password": PASSWORD}
    assert body(rsps.calls[1]) == {
        "session": "sess-1",
        "madonvi": "H59",
        "service": "TraCuuHoSo",
        "MaHoSo": "000.31.25.H59-240115-0001",
    }
    assert info is not None
    assert (info.code, info.procedure_code, info.procedure_name) == (
        "000.31.25.H59-240115-0001",
        "1.001193",
        "Đăng ký khai sinh",
    )
    assert (info.agency_code, info.agency_name, info.status) == ("000.31.25.H59", "UBND xã Tân An", 4)
    assert info.received_at == datetime(2024, 1, 14, 17, 30, tzinfo=UTC)
    assert info.received_at.tzinfo is not None
    assert local_date(info.received_at) == "15/01/2024"
    assert info.due_at is not None and local_date(info.due_at) == "31/01/2024"
    assert info.due_at == datetime(2024, 1, 31, 10, 0, tzinfo=UTC)
    assert info.finished_at is None and info.returned_at is None
    assert info.applicant_phone == "0912345678"
    assert info.current_step == "" and info.national_code is None


def test_dvcqg_record_at_top_level_with_int_status(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1")
    record: dict[str, Any] = {k: v for k, v in RECORD.items() if k not in ("MaTTHC", "MaDonVi", "SoDienThoai")}
    record |= {
        "TrangThaiHoSo": 10,
        "NgayTra": "20240201083000",
        "NgayKetThucXuLy": "20240130160000",
        "DienThoai": "0987",
    }
    rsps.post(DVC_API, json=record)

    info = dvc.get(RECORD["MaHoSo"])

    assert info is not None
    assert info.status == 10
    assert info.procedure_code == "" and info.agency_code == ""
    assert info.returned_at == datetime(2024, 2, 1, 1, 30, tzinfo=UTC)
    assert info.finished_at == datetime(2024, 1, 30, 9, 0, tzinfo=UTC)
    assert info.applicant_phone == "0987"


def test_dvcqg_missing_phone_is_empty(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, json={"result": {k: v for k, v in RECORD.items() if k != "SoDienThoai"}})
    info = dvc.get(RECORD["MaHoSo"])
    assert info is not None and info.applicant_phone == ""


def test_dvcqg_unknown_status_shown_as_processing(
    rsps: responses.RequestsMock, dvc: DvcqgSource, caplog: pytest.LogCaptureFixture
) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, json={"result": [RECORD | {"TrangThaiHoSo": "42"}]})
    with caplog.at_level(logging.WARNING):
        info = dvc.get(RECORD["MaHoSo"])
    assert info is not None and info.status == 4
    assert "status" in caplog.text


def test_dvcqg_session_reused(rsps: responses.RequestsMock, dvc: DvcqgSource, rds: fakeredis.FakeRedis) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, json={"result": [RECORD]})

    assert dvc.get(RECORD["MaHoSo"]) is not None
    assert dvc.get(RECORD["MaHoSo"]) is not None

    assert len(calls_to(rsps, DVC_AUTH)) == 1
    assert [body(c)["session"] for c in calls_to(rsps, DVC_API)] == ["sess-1", "sess-1"]
    assert rds.get(SESSION_KEY) == b"sess-1"
    assert SESSION_TTL - 5 < rds.ttl(SESSION_KEY) <= SESSION_TTL


def test_dvcqg_expired_session_reauths_once(
    rsps: responses.RequestsMock, dvc: DvcqgSource, rds: fakeredis.FakeRedis
) -> None:
    rds.set(SESSION_KEY, "old")
    dvc_auth(rsps, "sess-2")
    rsps.post(DVC_API, json={"error_code": "-1", "message": "Session đã hết hạn"})
    rsps.post(DVC_API, json={"result": [RECORD]})

    info = dvc.get(RECORD["MaHoSo"])

    assert info is not None
    assert len(calls_to(rsps, DVC_AUTH)) == 1
    assert [body(c)["session"] for c in calls_to(rsps, DVC_API)] == ["old", "sess-2"]
    assert rds.get(SESSION_KEY) == b"sess-2"


def test_dvcqg_http_401_counts_as_expired(
    rsps: responses.RequestsMock, dvc: DvcqgSource, rds: fakeredis.FakeRedis
) -> None:
    rds.set(SESSION_KEY, "old")
    dvc_auth(rsps, "sess-2")
    rsps.post(DVC_API, status=401, json={"message": "Unauthorized"})
    rsps.post(DVC_API, json={"result": [RECORD]})
    assert dvc.get(RECORD["MaHoSo"]) is not None
    assert len(calls_to(rsps, DVC_AUTH)) == 1


def test_dvcqg_session_rejected_twice_is_unavailable(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1", "sess-2", "sess-3")
    rsps.post(DVC_API, json={"error_code": "-1", "message": "Invalid session"})

    with pytest.raises(BackendUnavailable):
        dvc.get(RECORD["MaHoSo"])

    assert len(calls_to(rsps, DVC_AUTH)) == 2
    assert len(calls_to(rsps, DVC_API)) == 2


@pytest.mark.parametrize(
    "answer",
    [
        {"error_code": "0", "result": []},
        {"error_code": "0", "message": "OK"},
        {"error_code": "404", "message": "Not found"},
        {"error_code": "-2", "message": "Không tìm thấy hồ sơ"},
        {"result": [RECORD | {"MaHoSo": "OTHER-CODE"}]},
        [],
    ],
)
def test_dvcqg_not_found(rsps: responses.RequestsMock, dvc: DvcqgSource, answer: Any) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, json=answer)
    assert dvc.get(RECORD["MaHoSo"]) is None


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500, "json": {"message": "boom"}},
        {"status": 503, "body": "Service Unavailable"},
        {"body": requests.exceptions.ReadTimeout("read timed out")},
        {"body": requests.ConnectionError("refused")},
        {"status": 200, "body": "<html>proxy error</html>"},
        {"status": 200, "json": {"error_code": "99", "message": "Lỗi hệ thống"}},
    ],
)
def test_dvcqg_failures_are_unavailable(
    rsps: responses.RequestsMock, dvc: DvcqgSource, failure: dict[str, Any]
) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, **failure)
    with pytest.raises(BackendUnavailable):
        dvc.get(RECORD["MaHoSo"])


def test_dvcqg_connection_error_retried_once(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, body=requests.ConnectionError("reset"))
    rsps.post(DVC_API, json={"result": [RECORD]})
    assert dvc.get(RECORD["MaHoSo"]) is not None
    assert len(calls_to(rsps, DVC_API)) == 2


def test_dvcqg_timeout_not_retried(rsps: responses.RequestsMock, dvc: DvcqgSource) -> None:
    dvc_auth(rsps, "sess-1")
    rsps.post(DVC_API, body=requests.exceptions.ReadTimeout("slow"))
    rsps.post(DVC_API, json={"result": [RECORD]})
    with pytest.raises(BackendUnavailable):
        dvc.get(RECORD["MaHoSo"])
    assert len(calls_to(rsps, DVC_API)) == 1


@pytest.mark.parametrize(
    "answer", [{"status": 200, "json": {"error_code": "1", "message": "Sai mật khẩu"}}, {"status": 502, "body": "bad"}]
)
def test_dvcqg_auth_refused_is_unavailable(
    rsps: responses.RequestsMock, dvc: DvcqgSource, rds: fakeredis.FakeRedis, answer: dict[str, Any]
) -> None:
    rsps.post(DVC_AUTH, **answer)
    with pytest.raises(BackendUnavailable):
        dvc.get(RECORD["MaHoSo"])
    assert rds.get(SESSION_KEY) is None


# --- iGate -----------------------------------------------------------------------------------


def igate_item(**overrides: Any) -> dict[str, Any]:
    """A search item in iGate's shape."""
    item: dict[str, Any] = {
        "id": "65a4f0c2e4b0a1b2c3d4e5f6",
        "code": "H59.22-240115-0001",
        "nationCode": "000.00.22.H59-240115-0001",
        "procedure": {
            "id": "p1",
            "code": "1.001193",
            "translate": [
                {"languageId": 46, "name": "Birth registration"},
                {"languageId": 228, "name": "Đăng ký khai sinh"},
            ],
        },
        "agency": {"id": "a1", "code": "000.22.25.H59", "name": [{"languageId": 228, "name": "UBND xã Tân An"}]},
        "applicant": {"eformId": "e1", "data": {"fullname": "Nguyễn Văn An", "phoneNumber": "0912345678"}},
        "acceptedDate": "2024-01-14T17:30:00.000+0000",
        "appointmentDate": "2024-01-31T10:00:00.000+0000",
        "completedDate": None,
        "dossierStatus": {"id": 2, "name": [{"languageId": 228, "name": "Đang xử lý"}]},
        "currentTask": [
            {
                "name": [{"languageId": 228, "name": "Thẩm định hồ sơ"}],
                "assignee": {"fullname": "Trần Thị Cán Bộ"},
                "agency": {"name": "Công chức tư pháp - hộ tịch"},
            }
        ],
    }
    item.update(overrides)
    return item


def igate_token(rsps: responses.RequestsMock, *tokens: str, expires_in: int = 300) -> None:
    """Token grants handing out these access tokens in turn."""
    for token in tokens:
        rsps.post(IGATE_TOKEN, json={"access_token": token, "expires_in": expires_in, "token_type": "Bearer"})


def test_igate_token_grant_search_and_mapping(
    rsps: responses.RequestsMock, igate: IgateSource, rds: fakeredis.FakeRedis
) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(
        IGATE_SEARCH,
        json={"content": [igate_item()], "last": True},
        match=[
            matchers.query_param_matcher({"page": "0", "size": "20", "spec": "slice", "code": "H59.22-240115-0001"}),
            matchers.header_matcher({"Authorization": "Bearer tok-1"}),
        ],
    )

    info = igate.get("H59.22-240115-0001")

    form = parse_qs(str(rsps.calls[0].request.body))
    assert form == {
        "grant_type": ["password"],
        "client_id": ["bot-public"],
        "username": ["bot"],
        "password": [PASSWORD],
    }
    assert info is not None
    assert (info.code, info.national_code) == ("H59.22-240115-0001", "000.00.22.H59-240115-0001")
    assert (info.procedure_code, info.procedure_name) == ("1.001193", "Đăng ký khai sinh")
    assert (info.agency_code, info.agency_name) == ("000.22.25.H59", "UBND xã Tân An")
    assert info.status == IGATE_STATUS[2] == 4
    assert info.received_at == datetime(2024, 1, 14, 17, 30, tzinfo=UTC)
    assert local_date(info.received_at) == "15/01/2024"
    assert info.due_at is not None and local_date(info.due_at) == "31/01/2024"
    assert info.finished_at is None and info.returned_at is None
    assert info.current_step == "Thẩm định hồ sơ"
    assert info.applicant_phone == "0912345678"
    assert rds.get(TOKEN_KEY) == b"tok-1"
    assert 235 < rds.ttl(TOKEN_KEY) <= 240


def test_igate_token_reused(rsps: responses.RequestsMock, igate: IgateSource) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(IGATE_SEARCH, json={"content": [igate_item()]})
    assert igate.get("H59.22-240115-0001") is not None
    assert igate.get("H59.22-240115-0001") is not None
    assert len(calls_to(rsps, IGATE_TOKEN)) == 1


def test_igate_matches_national_code_and_skips_others(rsps: responses.RequestsMock, igate: IgateSource) -> None:
    igate_token(rsps, "tok-1")
    other = igate_item(code="H59.22-240115-00011", nationCode="X")
    rsps.get(IGATE_SEARCH, json={"content": [other, igate_item()]})
    info = igate.get("000.00.22.h59-240115-0001")
    assert info is not None and info.code == "H59.22-240115-0001"


@pytest.mark.parametrize("answer", [{"content": []}, {"content": [igate_item(code="A", nationCode=None)]}, {}])
def test_igate_not_found(rsps: responses.RequestsMock, igate: IgateSource, answer: dict[str, Any]) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(IGATE_SEARCH, json=answer)
    assert igate.get("H59.22-240115-0001") is None


def test_igate_401_refreshes_token_once(
    rsps: responses.RequestsMock, igate: IgateSource, rds: fakeredis.FakeRedis
) -> None:
    rds.set(TOKEN_KEY, "stale")
    igate_token(rsps, "tok-2")
    rsps.get(IGATE_SEARCH, status=401, match=[matchers.header_matcher({"Authorization": "Bearer stale"})])
    rsps.get(
        IGATE_SEARCH,
        json={"content": [igate_item()]},
        match=[matchers.header_matcher({"Authorization": "Bearer tok-2"})],
    )

    assert igate.get("H59.22-240115-0001") is not None
    assert len(calls_to(rsps, IGATE_TOKEN)) == 1
    assert rds.get(TOKEN_KEY) == b"tok-2"


def test_igate_401_twice_is_unavailable(rsps: responses.RequestsMock, igate: IgateSource) -> None:
    igate_token(rsps, "tok-1", "tok-2", "tok-3")
    rsps.get(IGATE_SEARCH, status=401)
    with pytest.raises(BackendUnavailable):
        igate.get("H59.22-240115-0001")
    assert len(calls_to(rsps, IGATE_TOKEN)) == 2
    assert len(calls_to(rsps, IGATE_SEARCH)) == 2


@pytest.mark.parametrize(("igate_id", "national"), sorted(IGATE_STATUS.items()))
def test_igate_status_mapping(rsps: responses.RequestsMock, igate: IgateSource, igate_id: int, national: int) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(IGATE_SEARCH, json={"content": [igate_item(dossierStatus={"id": str(igate_id), "name": "x"})]})
    info = igate.get("H59.22-240115-0001")
    assert info is not None and info.status == national


def test_igate_unknown_status_logged_and_shown_as_processing(
    rsps: responses.RequestsMock, igate: IgateSource, caplog: pytest.LogCaptureFixture
) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(IGATE_SEARCH, json={"content": [igate_item(dossierStatus={"id": 77, "name": "Lạ"})]})
    with caplog.at_level(logging.WARNING, logger="integrations.onestop.igate"):
        info = igate.get("H59.22-240115-0001")
    assert info is not None and info.status == 4
    assert any(r.levelno == logging.WARNING and "77" in r.getMessage() for r in caplog.records)


def test_igate_alternative_shapes(rsps: responses.RequestsMock, igate: IgateSource) -> None:
    igate_token(rsps, "tok-1")
    item = igate_item(
        procedure={"code": "1.000894", "translate": {"name": "Đăng ký kết hôn"}},
        agency={"code": "A1", "name": "Sở Tư pháp"},
        acceptedDate="2024-03-01T08:00:00",
        completedDate=1709542800000,
        returnedDate="2024-03-05T02:00:00Z",
        currentTask=[{"assignee": {"fullname": "Cán bộ"}, "agency": {"name": "Phòng Hộ tịch"}}],
        applicant={"data": {"fullname": "A"}},
    )
    rsps.get(IGATE_SEARCH, json={"content": [item]})
    info = igate.get("H59.22-240115-0001")
    assert info is not None
    assert info.procedure_name == "Đăng ký kết hôn" and info.agency_name == "Sở Tư pháp"
    assert info.received_at == datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
    assert info.finished_at == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert info.returned_at == datetime(2024, 3, 5, 2, 0, tzinfo=UTC)
    assert info.current_step == "Phòng Hộ tịch"
    assert info.applicant_phone == ""


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500, "json": {"message": "boom"}},
        {"status": 403, "json": {"message": "forbidden"}},
        {"body": requests.exceptions.ConnectTimeout("connect timed out")},
        {"body": requests.exceptions.ReadTimeout("read timed out")},
        {"status": 200, "body": "not json"},
    ],
)
def test_igate_failures_are_unavailable(
    rsps: responses.RequestsMock, igate: IgateSource, failure: dict[str, Any]
) -> None:
    igate_token(rsps, "tok-1")
    rsps.get(IGATE_SEARCH, **failure)
    with pytest.raises(BackendUnavailable):
        igate.get("H59.22-240115-0001")


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 401, "json": {"error": "invalid_grant", "error_description": "Invalid user credentials"}},
        {"status": 200, "json": {"error": "no token"}},
        {"status": 503, "body": "down"},
    ],
)
def test_igate_token_grant_refused(
    rsps: responses.RequestsMock, igate: IgateSource, rds: fakeredis.FakeRedis, answer: dict[str, Any]
) -> None:
    rsps.post(IGATE_TOKEN, **answer)
    with pytest.raises(BackendUnavailable):
        igate.get("H59.22-240115-0001")
    assert rds.get(TOKEN_KEY) is None
    assert not calls_to(rsps, IGATE_SEARCH)


def test_igate_sso_url_override(rsps: responses.RequestsMock, rds: fakeredis.FakeRedis) -> None:
    source = IgateSource(
        make_session(),
        api_url="https://apiigate.example.vn/",
        username="bot",
        password=PASSWORD,
        client_id="bot-public",
        redis_client=rds,
        sso_url="https://sso.example.vn",
        retry_wait=0,
    )
    rsps.post("https://sso.example.vn/auth/realms/digo/protocol/openid-connect/token", json={"access_token": "t"})
    rsps.get("https://apiigate.example.vn/pa/dossier/search", json={"content": [igate_item()]})
    assert source.get("H59.22-240115-0001") is not None


def test_secrets_stay_out_of_logs(
    rsps: responses.RequestsMock,
    dvc: DvcqgSource,
    igate: IgateSource,
    rds: fakeredis.FakeRedis,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rds.set(SESSION_KEY, "old-session")
    rds.set(TOKEN_KEY, "old-token")
    dvc_auth(rsps, "new-session")
    rsps.post(DVC_API, json={"error_code": "-1", "message": "Session expired"})
    igate_token(rsps, "new-token")
    rsps.get(IGATE_SEARCH, status=401)
    with caplog.at_level(logging.DEBUG), pytest.raises(BackendUnavailable):
        dvc.get("X")
    with caplog.at_level(logging.DEBUG), pytest.raises(BackendUnavailable):
        igate.get("X")
    for secret in (PASSWORD, "old-session", "new-session", "old-token", "new-token"):
        assert secret not in caplog.text


# --- factory ---------------------------------------------------------------------------------


def settings(**values: str) -> Settings:
    """Settings with these ONESTOP_* values."""
    return Settings(**{"secret_key": "x", **values})  # type: ignore[arg-type]


REMOTE = {
    "onestop_api_url": IGATE_API,
    "onestop_username": "bot",
    "onestop_password": PASSWORD,
    "onestop_client_id": "H59",
}


def test_factory_builds_each_backend(rds: fakeredis.FakeRedis) -> None:
    db, http = Database("sqlite://"), make_session()
    assert isinstance(make_source(settings(), db, http, rds), LocalSource)
    assert isinstance(make_source(settings(onestop_backend="local"), db, http, rds), LocalSource)
    dvcqg = make_source(settings(onestop_backend="dvcqg", **REMOTE), db, http, rds)
    assert isinstance(dvcqg, DvcqgSource) and dvcqg.madonvi == "H59"
    source = make_source(settings(onestop_backend=" iGate ", **REMOTE), db, http, rds)
    assert isinstance(source, IgateSource)
    assert source.token_url == IGATE_TOKEN and source.client_id == "H59"


def test_factory_unknown_backend(rds: fakeredis.FakeRedis) -> None:
    with pytest.raises(ValueError, match="ONESTOP_BACKEND='opencps'.*local, dvcqg, igate"):
        make_source(settings(onestop_backend="opencps"), Database("sqlite://"), make_session(), rds)


@pytest.mark.parametrize("backend", ["dvcqg", "igate"])
def test_factory_missing_credentials(rds: fakeredis.FakeRedis, backend: str) -> None:
    values = REMOTE | {"onestop_password": "", "onestop_client_id": " "}
    with pytest.raises(ValueError, match=f"ONESTOP_BACKEND={backend} needs ONESTOP_PASSWORD, ONESTOP_CLIENT_ID") as err:
        make_source(settings(onestop_backend=backend, **values), Database("sqlite://"), make_session(), rds)
    assert "ONESTOP_API_URL" not in str(err.value)
