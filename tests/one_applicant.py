"""One applicant's dossiers: the world of the rating, lookup, subscribing, contact and menu conversations.

Nguyễn Văn An (phone ending 5678) has a finished, an open, a ready and a phoneless dossier at the commune of
Tân An; the commune and the province's one-stop centre are known; the bot's clock is at 27/11/2026. A test
module takes this world by importing the autouse fixtures `dossiers` and `every_message_fits_the_platforms`;
the second looks at every message the bot sent: at most five buttons (Zalo's limit, and the same reply goes
to Messenger), titles of at most 20 characters, no applicant name or phone, Vietnamese with its diacritics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.records.models import Agency, Rating, Subscription
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier, add_province_centre, at
from tests.fakes import FakePlatforms

NOW = at("2026-11-27T10:00:00+07:00")
DONE = "000.31.25.H59-261102-0001"  # status 10, phone 0912345678
OPEN = "000.31.25.H59-261102-0002"  # status 4
READY = "000.31.25.H59-261102-0003"  # status 9
NO_PHONE = "000.31.25.H59-261102-0004"  # status 10, no phone on the dossier
UNKNOWN = "000.31.25.H59-261102-0099"
NAME, PHONE = "Nguyễn Văn An", "0912345678"
# Words the bot must never write without their diacritics (an echo of the user's text aside).
BARE_WORDS = re.compile(r"\b(?:ho so|danh gia|vui long|cam on|khong|thong bao|tra cuu|hai long)\b")


@pytest.fixture(autouse=True)
def dossiers(rt: Runtime) -> None:
    """Four dossiers of one applicant, the province centre and the commune; a clock at 27/11/2026."""
    rt.now = lambda: NOW
    finished = {
        "received_at": at("2026-11-02T08:30:00+07:00"),
        "due_at": at("2026-11-05T17:00:00+07:00"),
        "finished_at": at("2026-11-04T10:00:00+07:00"),
    }
    add_dossier(rt, DONE, status=10, **finished)
    add_dossier(rt, OPEN, status=4, due_at=at("2026-12-01T17:00:00+07:00"))
    add_dossier(rt, READY, status=9, **finished)
    add_dossier(rt, NO_PHONE, status=10, applicant_phone="", **finished)
    add_province_centre(rt)
    with rt.db.session() as s:
        s.add(
            Agency(
                code="000.31.25.H59",
                name="UBND xã Tân An",
                parent_code="000.00.00.H59",
                address="Ấp Chợ, xã Tân An",
                hotline="0294 3881 234",
            )
        )


@pytest.fixture(autouse=True)
def every_message_fits_the_platforms(fake: FakePlatforms) -> Iterator[None]:
    """After each test: button limits, no personal data, Vietnamese with its diacritics."""
    yield
    for sent in fake.sent:
        assert len(sent.button_titles) <= 5, sent.message
        assert all(0 < len(t) <= 20 for t in sent.button_titles), sent.button_titles
        assert NAME not in sent.text and PHONE not in sent.text and "345678" not in sent.text, sent.text
        assert not BARE_WORDS.search(sent.text.lower()), sent.text


def ratings(rt: Runtime) -> list[Rating]:
    """Every rating, oldest first."""
    with rt.db.session() as s:
        return list(s.scalars(select(Rating).order_by(Rating.id)))


def subs(rt: Runtime) -> list[str]:
    """The codes of the followed dossiers."""
    with rt.db.session() as s:
        return [x.dossier_code for x in s.scalars(select(Subscription))]


def to_followups(chat: Chat, code: str = DONE, level: str = "hai long") -> None:
    """Rate a dossier up to its first follow-up question."""
    chat.send(f"danh gia {code}")
    chat.send("5678")
    chat.send(level)
