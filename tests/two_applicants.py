"""Two applicants' dossiers: the world of the status notice, data deletion and several-dossier conversations.

Lê Thị Hồng Nhung (phone ending 4321) has two open dossiers and a finished one, Phạm Văn Tư (phone ending
1199) an open one; the province's one-stop centre is known; the bot's clock is at 27/11/2026. A test module
takes this world by importing the autouse fixtures `dossiers` and `every_message_fits_the_platforms`; the
second looks at every message the bot sent: at most five buttons (Zalo's limit), titles of at most 20
characters, no applicant name or phone, Vietnamese with its diacritics. The helpers push dossiers through
the push API and follow them the way an elderly user types it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.conversation import texts
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, add_dossier, add_province_centre, at
from tests.fakes import FakePlatforms, Sent
from tests.payloads import spec_body

NOW = at("2026-11-27T10:00:00+07:00")
OPEN = "000.31.25.H59-261102-0002"  # status 4, due 01/12/2026
OPEN_B = "000.31.25.H59-261102-0005"  # status 2, same applicant
DONE = "000.31.25.H59-261102-0001"  # status 10
OTHER = "000.31.25.H59-261102-0006"  # status 4, another applicant (phone ...1199)
UNKNOWN = "000.31.25.H59-261102-0099"
NAME, PHONE, DIGITS = "Lê Thị Hồng Nhung", "0987654321", "4321"
AUTH = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}
BARE_WORDS = re.compile(r"\b(?:ho so|danh gia|vui long|cam on|khong|thong bao|tra cuu|hai long|du lieu)\b")
OUTSIDE_24H = (400, {"code": 10, "error_subcode": 2018278, "message": "outside the allowed window"})


@pytest.fixture(autouse=True)
def dossiers(rt: Runtime) -> None:
    """Three dossiers of one applicant, one of another, the province centre; a clock at 27/11/2026."""
    rt.now = lambda: NOW
    mine = {"applicant_name": NAME, "applicant_phone": PHONE, "received_at": at("2026-11-02T08:30:00+07:00")}
    add_dossier(rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"), **mine)
    add_dossier(rt, OPEN_B, status=2, due_at=at("2026-12-03T17:00:00+07:00"), **mine)
    add_dossier(
        rt, DONE, status=10, due_at=at("2026-11-05T17:00:00+07:00"), finished_at=at("2026-11-04T10:00:00+07:00"), **mine
    )
    add_dossier(
        rt, OTHER, status=4, due_at=at("2026-12-01T17:00:00+07:00"), applicant_name="Phạm Văn Tư",
        applicant_phone="0909001199",
    )
    add_province_centre(rt)


@pytest.fixture(autouse=True)
def every_message_fits_the_platforms(fake: FakePlatforms) -> Iterator[None]:
    """After each test: button limits, no personal data, Vietnamese with its diacritics."""
    yield
    for sent in fake.sent:
        assert len(sent.button_titles) <= 5, sent.message
        assert all(0 < len(t) <= 20 for t in sent.button_titles), sent.button_titles
        for private in (NAME, PHONE, "654321", "Phạm Văn Tư", "0909001199"):
            assert private not in sent.text, sent.text
        assert not BARE_WORDS.search(sent.text.lower()), sent.text


def body(**changes: Any) -> dict[str, Any]:
    """A push API body (SPEC §5) of the applicant's dossiers."""
    mine = {"due_at": "2026-12-01T17:00:00+07:00", "applicant_name": NAME, "applicant_phone": PHONE}
    return spec_body(**{**mine, **changes})


def push(client: FlaskClient, code: str, **changes: Any) -> None:
    """The one-stop system pushes a dossier."""
    resp = client.put(f"/api/v1/dossiers/{code}", json=body(**changes), headers=AUTH)
    assert resp.status_code in (200, 201), resp.get_data(as_text=True)


def new_to(fake: FakePlatforms, user_id: str, before: int) -> list[Sent]:
    """What the bot sent a user after the first `before` messages."""
    return fake.to(user_id)[before:]


def follow(chat: Chat, code: str = OPEN) -> None:
    """Subscribe the way an elderly user types it: no diacritics, capitals."""
    (ask_digits,) = chat.send(f"THEO DOI {code}")
    assert "4 số cuối" in ask_digits and texts.BTN_MENU.title in chat.last.button_titles
    (done,) = chat.send(f"so cuoi la {DIGITS}")
    assert "Đã đăng ký" in done and code in done


def other_user(chat: Chat, user_id: str) -> Chat:
    """Another user of the same platform."""
    return Chat(chat.client, chat.fake, chat.platform, user_id)
