"""Machine clients of the reports API: a token from `users token`, sent as Bearer, answers like the official's
password would (same scope), without a password hash per call; a wrong or foreign token is 401."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from bot.records.api_tokens import PREFIX
from bot.runtime import Runtime
from tests.officials import NOV

URL = "/api/v1/reports/satisfaction"


def token(app: Flask, username: str) -> str:
    result = app.test_cli_runner().invoke(args=["users", "token", username, "--label", "kho dữ liệu tỉnh"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_a_token_answers_within_its_scope(app: Flask, client: FlaskClient, rt: Runtime, ratings: None) -> None:
    mine = token(app, "canlong")
    assert mine.startswith(PREFIX) and len(mine) > 40
    resp = client.get(URL, query_string=NOV, headers={"Authorization": f"Bearer {mine}"})
    assert resp.status_code == 200 and resp.get_json()["total"] == 3  # Càng Long only
    admin = client.get(URL, query_string=NOV, headers={"Authorization": f"Bearer {token(app, 'admin')}"})
    assert admin.get_json()["total"] == 5
    for bad in ("Bearer mct_nope", f"Bearer {mine}x", "Bearer ", f"Token {mine}"):
        assert client.get(URL, query_string=NOV, headers={"Authorization": bad}).status_code == 401
    unknown = app.test_cli_runner().invoke(args=["users", "token", "nobody"])
    assert unknown.exit_code == 2
