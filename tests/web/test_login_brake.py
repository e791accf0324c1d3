"""Password guessing against the officials' logins (SPEC §7): the dashboard form and the reports API's HTTP Basic
share one brake that counts per client address, acts before any password is hashed, and never lets one address
lock an official out from another."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from bot.records import officials
from bot.runtime import Runtime
from bot.web.resources import resources
from tests.conftest import base_config
from tests.fakes import FakePlatforms
from tests.officials import COMMUNE, DISTRICT, NOV, PASSWORD, add_agencies, create_user

API = "/api/v1/reports/satisfaction"
OFFICE, ATTACKER, OTHER = "203.0.113.10", "198.51.100.7", "192.0.2.44"
WRONG = "sai-mat-khau"


def login_from(client: FlaskClient, address: str, username: str, password: str = PASSWORD) -> TestResponse:
    """POST the login form from a client address (CSRF off in the shared test config)."""
    data = {"username": username, "password": password}
    return client.post("/dashboard/login", data=data, environ_base={"REMOTE_ADDR": address})


def api_from(client: FlaskClient, address: str, username: str, password: str = PASSWORD) -> TestResponse:
    """GET the report with HTTP Basic credentials from a client address."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.get(
        API, query_string=NOV, headers={"Authorization": f"Basic {token}"}, environ_base={"REMOTE_ADDR": address}
    )


def fifteen_minutes_pass(rt: Runtime) -> None:
    """The brake's windows and refusals run out."""
    for key in rt.redis.scan_iter("motcua:login:*"):
        rt.redis.delete(key)


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every password hash check the logins compute (the real check still runs)."""
    seen: list[str] = []
    real: Callable[[str, str], bool] = officials.check_password_hash  # type: ignore[attr-defined]

    def counting(pwhash: str, password: str) -> bool:
        seen.append(password)
        return real(pwhash, password)

    monkeypatch.setattr(officials, "check_password_hash", counting)
    yield seen


def test_five_failures_of_one_username_refuse_it_from_that_address_only(
    client: FlaskClient, rt: Runtime, people: None
) -> None:
    for _ in range(4):
        assert login_from(client, ATTACKER, "canlong", WRONG).status_code == 401
    assert login_from(client, ATTACKER, "canlong").status_code == 302  # a success forgets those four
    client.post("/dashboard/logout")
    for _ in range(5):
        assert login_from(client, ATTACKER, "canlong", WRONG).status_code == 401
    refused = login_from(client, ATTACKER, "CanLong")  # the right password, any letter case
    body = refused.get_data(as_text=True)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "900"
    assert "tạm khóa" in body and "15 phút" in body and "không đúng" not in body
    with client.session_transaction() as sess:
        assert "_user_id" not in sess
    # Five guesses every 15 minutes from one place no longer keep the official out from the office.
    assert login_from(client, OFFICE, "canlong").status_code == 302
    client.post("/dashboard/logout")
    fifteen_minutes_pass(rt)
    assert login_from(client, ATTACKER, "canlong").status_code == 302


def test_twenty_failures_from_one_address_across_usernames_refuse_that_address(
    client: FlaskClient, rt: Runtime, people: None
) -> None:
    names = ["admin", "canlong", "tanan", "khong-co-ai", "quan-tri"]
    for i in range(20):
        assert login_from(client, ATTACKER, names[i % 5], WRONG).status_code == 401
    assert login_from(client, ATTACKER, "tanan").status_code == 429  # a username never tried wrong 5 times
    assert api_from(client, ATTACKER, "admin").status_code == 401
    assert login_from(client, OTHER, "tanan").status_code == 302  # other addresses are not affected
    client.post("/dashboard/logout")
    fifteen_minutes_pass(rt)
    assert login_from(client, ATTACKER, "tanan").status_code == 302


def test_a_refused_request_computes_no_password_hash(
    client: FlaskClient, people: None, hashes: list[str]
) -> None:
    for _ in range(5):
        login_from(client, ATTACKER, "canlong", WRONG)
    assert len(hashes) == 5
    for _ in range(50):
        assert login_from(client, ATTACKER, "canlong", WRONG).status_code == 429
        assert api_from(client, ATTACKER, "canlong", WRONG).status_code == 401
    assert len(hashes) == 5  # a hundred refused guesses, not one hash
    assert login_from(client, OFFICE, "canlong").status_code == 302
    assert len(hashes) == 6


def test_http_basic_shares_the_brake_and_says_why_it_refuses(client: FlaskClient, rt: Runtime, people: None) -> None:
    for _ in range(4):
        assert api_from(client, ATTACKER, "canlong", WRONG).status_code == 401
    assert api_from(client, ATTACKER, "canlong").status_code == 200  # a success forgets those four
    for _ in range(5):
        assert api_from(client, ATTACKER, "canlong", WRONG).status_code == 401
    refused = api_from(client, ATTACKER, "canlong")
    assert refused.status_code == 401 and "tạm khóa" in refused.get_json()["message"]
    assert refused.headers["Retry-After"] == "900" and refused.headers["WWW-Authenticate"]
    assert login_from(client, ATTACKER, "canlong").status_code == 429  # the form counts the same failures
    assert api_from(client, OFFICE, "canlong").status_code == 200
    assert api_from(client, ATTACKER, "admin").status_code == 200  # another username from that address


def test_an_empty_form_is_refused_without_counting(client: FlaskClient, people: None) -> None:
    for _ in range(25):
        resp = login_from(client, ATTACKER, "canlong", "")
        assert resp.status_code == 400 and "Vui lòng nhập mật khẩu." in resp.get_data(as_text=True)
    assert login_from(client, ATTACKER, "canlong").status_code == 302


def test_an_ipv6_client_is_counted_by_its_64_block(client: FlaskClient, people: None) -> None:
    for i in range(5):  # a new address of the same /64 for every guess
        assert login_from(client, f"2001:db8:1:2::{i + 1:x}", "canlong", WRONG).status_code == 401
    assert login_from(client, "2001:db8:1:2::ff", "canlong").status_code == 429
    assert login_from(client, "2001:db8:1:3::1", "canlong").status_code == 302


@pytest.fixture
def proxied_app(tmp_path: Path, fake: FakePlatforms) -> Flask:
    """The app behind one proxy (TRUSTED_PROXIES=1), with the officials."""
    from webhooks import create_app

    folder = tmp_path / "proxied"
    folder.mkdir()
    application = create_app({**base_config(folder), "TRUSTED_PROXIES": "1"})
    rt: Runtime = resources(application).runtime
    rt.redis.flushall()
    rt.db.upgrade()
    add_agencies(rt)
    create_user(application, "canlong", "official", DISTRICT)
    create_user(application, "tanan", "official", COMMUNE)
    return application


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_forwarded_address(proxied_app: Flask) -> None:
    client = proxied_app.test_client()
    proxy = "10.0.0.2"

    def via_proxy(client_address: str, password: str) -> int:
        forwarded = {"X-Forwarded-For": client_address}
        data = {"username": "canlong", "password": password}
        resp = client.post("/dashboard/login", data=data, headers=forwarded, environ_base={"REMOTE_ADDR": proxy})
        return resp.status_code

    for _ in range(5):
        assert via_proxy(ATTACKER, WRONG) == 401
    assert via_proxy(ATTACKER, PASSWORD) == 429
    assert via_proxy(OFFICE, PASSWORD) == 302  # the proxy's own address is not what is counted


def test_without_trusted_proxies_a_forged_forwarded_address_changes_nothing(client: FlaskClient, people: None) -> None:
    for i in range(5):
        forged = {"X-Forwarded-For": f"192.0.2.{i}"}
        data = {"username": "canlong", "password": WRONG}
        resp = client.post("/dashboard/login", data=data, headers=forged, environ_base={"REMOTE_ADDR": ATTACKER})
        assert resp.status_code == 401
    assert login_from(client, ATTACKER, "canlong").status_code == 429
