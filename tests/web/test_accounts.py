"""Officials' accounts from the CLI (SPEC §9): `users create` asks for the password twice, hidden, when --password is
omitted; `users list`; `users disable` stops the dashboard login and HTTP Basic, and ends open sessions."""

from __future__ import annotations

import base64

from flask import Flask
from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.officials import COMMUNE, DISTRICT, PASSWORD, add_agencies, create_user, login, page

REPORT = "/api/v1/reports/satisfaction?from=2026-11-01&to=2026-11-30"


def basic(username: str, password: str = PASSWORD) -> dict[str, str]:
    """An HTTP Basic Authorization header."""
    return {"Authorization": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def test_create_asks_for_the_password_twice_hidden(app: Flask, rt: Runtime, client: FlaskClient) -> None:
    add_agencies(rt)
    typed = "ngan\n" f"{PASSWORD}\n" "something-else\n" f"{PASSWORD}\n" f"{PASSWORD}\n"
    result = app.test_cli_runner().invoke(args=["users", "create", "tanan", "--role", "official", "--agency", COMMUNE],
                                          input=typed)
    assert result.exit_code == 0, result.output
    assert "8 characters" in result.output  # too short: asked again
    assert "do not match" in result.output  # a different second entry: asked again
    assert result.output.count("Password for tanan") == 3 and "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output and "ngan" not in result.output
    assert "User tanan created (official, 000.31.25.H59)." in result.output
    assert login(client, "tanan").status_code == 302


def test_create_checks_the_agency_before_asking(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "x", "--role", "official", "--agency", "000.99.99.H59"], input=f"{PASSWORD}\n" * 2
    )
    assert result.exit_code != 0 and "no agency with code 000.99.99.H59" in result.output
    assert "Password" not in result.output


def test_list_shows_every_account(app: Flask, rt: Runtime) -> None:
    runner = app.test_cli_runner()
    empty = runner.invoke(args=["users", "list"])
    assert empty.exit_code == 0 and "No accounts yet" in empty.output
    add_agencies(rt)
    create_user(app, "tanan", "official", COMMUNE)
    create_user(app, "admin", "admin")
    create_user(app, "canlong", "official", DISTRICT)
    assert runner.invoke(args=["users", "disable", "canlong"]).exit_code == 0
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    assert lines[0].split() == ["USERNAME", "ROLE", "AGENCY", "STATUS"]
    rows = [line.split() for line in lines[1:]]
    assert rows == [
        ["admin", "admin", "-", "active"],
        ["canlong", "official", DISTRICT, "UBND", "huyện", "Càng", "Long", "disabled"],
        ["tanan", "official", COMMUNE, "UBND", "xã", "Tân", "An", "active"],
    ]
    assert all("pbkdf2" not in line and "scrypt" not in line for line in lines)


def test_a_disabled_account_cannot_log_in_anywhere(app: Flask, rt: Runtime, client: FlaskClient) -> None:
    add_agencies(rt)
    create_user(app, "canlong", "official", DISTRICT)
    assert login(client, "canlong").status_code == 302
    assert page(client)  # logged in
    assert client.get(REPORT, headers=basic("canlong")).status_code == 200

    result = app.test_cli_runner().invoke(args=["users", "disable", "canlong"])
    assert result.exit_code == 0 and "canlong disabled" in result.output

    assert client.get("/dashboard/").status_code == 302  # the open session has ended
    again = login(client, "canlong")
    assert again.status_code == 401 and "không đúng" in again.get_data(as_text=True)
    assert client.get(REPORT, headers=basic("canlong")).status_code == 401

    create_user(app, "canlong", "official", DISTRICT, password="mat-khau-moi-2026")  # a reset enables it again
    assert client.get(REPORT, headers=basic("canlong", "mat-khau-moi-2026")).status_code == 200
    assert client.get(REPORT, headers=basic("canlong")).status_code == 401


def test_disabling_an_unknown_account_says_so(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["users", "disable", "nobody"])
    assert result.exit_code != 0 and "no account named nobody" in result.output
