"""Shared test data of the officials' side: a small agency tree, accounts made by the CLI, ratings."""

from __future__ import annotations

import itertools

from flask import Flask

from bot.records.models import Agency, Rating
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
) -> None:
    """Insert one rating directly."""
    with rt.db.session() as s:
        s.add(
            Rating(
                dossier_code=dossier_code or f"{agency}-261102-{next(_seq):04d}",
                platform="zalo",
                agency_code=agency,
                agency_name=NAMES[agency],
                procedure_code=procedure[0],
                procedure_name=procedure[1],
                level=level,
                reason=reason,
                answers={},
                created_at=at(when),
            )
        )
