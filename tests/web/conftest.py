"""Fixtures of the officials' side: the agency tree with an admin and two officials, and their ratings."""

from __future__ import annotations

import pytest
from flask import Flask

from bot.runtime import Runtime
from tests.officials import COMMUNE, DISTRICT, OTHER_DISTRICT, RESIDENCE, add_agencies, add_rating, create_user


@pytest.fixture
def people(app: Flask, rt: Runtime) -> None:
    """The agencies; an admin and officials of the district and of the commune."""
    add_agencies(rt)
    create_user(app, "admin", "admin")
    create_user(app, "canlong", "official", DISTRICT)
    create_user(app, "tanan", "official", COMMUNE)


@pytest.fixture
def ratings(rt: Runtime, people: None) -> None:
    """November 2026: three ratings in Tân An (via the district), two in the other district, one in October."""
    add_rating(rt, "very_satisfied", "2026-11-03T09:00:00+07:00")
    add_rating(rt, "satisfied", "2026-11-10T14:00:00+07:00", procedure=RESIDENCE)
    add_rating(rt, "dissatisfied", "2026-11-20T10:15:00+07:00", reason="Phải đi lại nhiều lần")
    add_rating(rt, "dissatisfied", "2026-11-12T08:00:00+07:00", agency=OTHER_DISTRICT, reason="Cầu Kè trả chậm")
    add_rating(rt, "satisfied", "2026-11-13T08:00:00+07:00", agency=OTHER_DISTRICT)
    add_rating(rt, "dissatisfied", "2026-10-31T23:00:00+07:00", reason="Tháng trước")
