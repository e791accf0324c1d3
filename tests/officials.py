"""Shared test data of the officials' side: a small agency tree, accounts made by the CLI, ratings, and the
dashboard as an official uses it (signing in, the page, its headline figures)."""

from __future__ import annotations

import itertools
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from bot.records.dossiers import VN
from bot.records.models import Agency, Dossier, Rating
from bot.records.ratings import dossier_key, is_trial
from bot.runtime import Runtime
from tests.conftest import at

PROVINCE, DISTRICT, COMMUNE = "000.00.00.H59", "000.00.25.H59", "000.31.25.H59"
OTHER_DISTRICT, OTHER_COMMUNE = "000.00.26.H59", "000.40.26.H59"
NAMES = {
    PROVINCE: "UBND tỉnh Trà Vinh",
    DISTRICT: "UBND huyện Càng Long",
    COMMUNE: "UBND xã Tân An",
    OTHER_DISTRICT: "UBND huyện Cầu Kè",
    OTHER_COMMUNE: "UBND xã Hòa Ân",
}
PARENTS = {
    PROVINCE: None,
    DISTRICT: PROVINCE,
    COMMUNE: DISTRICT,
    OTHER_DISTRICT: PROVINCE,
    OTHER_COMMUNE: OTHER_DISTRICT,
}
LEVELS = {PROVINCE: "province", DISTRICT: "district", OTHER_DISTRICT: "district"}
PASSWORD = "mat-khau-an-toan"
BIRTH = ("1.001193", "Đăng ký khai sinh")
RESIDENCE = ("1.004194", "Đăng ký thường trú")
_seq = itertools.count(1)
NOV = {"from": "2026-11-01", "to": "2026-11-30"}
# Periods at the edges of the calendar (years 1 and 9999).
EXTREME = [
    {"from": "9999-01-01", "to": "9999-01-02"},
    {"from": "9999-12-31", "to": "9999-12-31"},
    {"from": "0001-01-01", "to": "0001-01-02"},
    {"from": "0001-01-01", "to": "2026-11-30"},
]


def add_agencies(rt: Runtime) -> None:
    """Province → two districts → a commune under each (Tân An under Càng Long)."""
    with rt.db.session() as s:
        for code, parent in PARENTS.items():
            s.add(Agency(code=code, name=NAMES[code], parent_code=parent, level=LEVELS.get(code, "commune")))


def create_user(app: Flask, username: str, role: str, agency: str | None = None, password: str = PASSWORD) -> str:
    """An official's account through the real CLI (SPEC §9); returns what the CLI printed."""
    args = ["users", "create", username, "--password", password, "--role", role]
    if agency:
        args += ["--agency", agency]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output


def add_rating(
    rt: Runtime,
    level: str,
    when: str,
    agency: str = COMMUNE,
    procedure: tuple[str, str] = BIRTH,
    reason: str = "",
    dossier_code: str | None = None,
    answers: dict[str, str] | None = None,
    platform: str = "zalo",
) -> None:
    """Insert one rating directly (its dossier as the keyed hash the bot keeps; answers: the SIPAS follow-up
    answers, e.g. {"access": "good"}); a rating of a known dossier carries its finish day, as the bot records it."""
    with rt.db.session() as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == dossier_code)) if dossier_code else None
        finished = dossier.finished_at if dossier is not None else None
        s.add(
            Rating(
                dossier_key=dossier_key(
                    rt.settings.rating_key,
                    dossier_code or f"{agency}-261102-{next(_seq):04d}",
                    trial=is_trial(platform),
                ),
                platform=platform,
                agency_code=agency,
                agency_name=NAMES[agency],
                procedure_code=procedure[0],
                procedure_name=procedure[1],
                level=level,
                reason=reason,
                answers=answers or {},
                created_at=at(when),
                finished_on=finished.astimezone(VN).date() if finished is not None else None,
            )
        )


def login(client: FlaskClient, username: str, password: str = PASSWORD, next_url: str | None = None) -> TestResponse:
    """POST the login form (CSRF off in the shared test config)."""
    query = {"next": next_url} if next_url is not None else None
    return client.post("/dashboard/login", data={"username": username, "password": password}, query_string=query)


def page(client: FlaskClient, **params: str) -> str:
    """The dashboard's HTML (200 expected)."""
    resp = client.get("/dashboard/", query_string=params)
    assert resp.status_code == 200, resp.status
    return resp.get_data(as_text=True)


def figure(html: str, element_id: str) -> str:
    """The text of a headline figure."""
    m = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert m is not None, element_id
    return m.group(1).strip()
