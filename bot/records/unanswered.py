"""What citizens asked that the bot could not answer: kept without user id, with codes, phone numbers and other
long numbers masked, grouped by similar wording, deleted after 90 days, groups marked handled by an admin."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from rapidfuzz import fuzz, process
from sqlalchemy import delete, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.nlu import fold
from bot.records.db import Database
from bot.records.models import UnansweredQuestion

log = logging.getLogger(__name__)

KEEP_DAYS: Final = 90
MAX_TEXT: Final = 500
SIMILAR: Final = 80  # rapidfuzz token_set_ratio from which two wordings are one group
NOT_KEPT: Final = frozenset({"sim"})
PHONE_MASK, CODE_MASK, NUMBER_MASK, EMAIL_MASK = "[số điện thoại]", "[mã hồ sơ]", "[số]", "[email]"
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_PHONE = re.compile(r"(?<![\w.])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?![\w])")
_CODE = re.compile(r"[A-Za-z0-9]+(?:\s*[.\-_,/]\s*[A-Za-z0-9]+)+")
_DIGITS = re.compile(r"\d{4,}")
_PUNCT = re.compile(r"[^\w\[\] ]+")


def mask(text: str) -> str:
    """The text with e-mail addresses, phone numbers, dossier codes and any number of 4+ digits masked."""
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE.sub(PHONE_MASK, text)
    text = _CODE.sub(lambda m: CODE_MASK if sum(c.isdigit() for c in m.group(0)) >= 4 else m.group(0), text)
    return _DIGITS.sub(NUMBER_MASK, text)


def folded(masked: str) -> str:
    """The wording to group on: no diacritics, lower case, no punctuation, single spaces."""
    return " ".join(_PUNCT.sub(" ", fold(masked)).split())


def record_unanswered(db: Database, platform: str, text: str, now: datetime) -> None:
    """Keep one message the bot could not answer (masked, no user id); drop those older than 90 days."""
    text = " ".join(text.split())
    if platform in NOT_KEPT or not text:
        return
    masked = mask(text)[:MAX_TEXT]
    try:
        with db.session() as s:
            s.add(UnansweredQuestion(platform=platform, text=masked, folded=folded(masked)[:MAX_TEXT], created_at=now))
            s.execute(delete(UnansweredQuestion).where(UnansweredQuestion.created_at < now - timedelta(days=KEEP_DAYS)))
    except SQLAlchemyError:
        log.exception("unanswered question not kept")


@dataclass
class Group:
    """Messages of similar wording."""

    ids: list[int] = field(default_factory=list)
    texts: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    handled: bool = False

    @property
    def key(self) -> int:
        """The group's id: its oldest message's id."""
        return min(self.ids)

    @property
    def count(self) -> int:
        """How many messages."""
        return len(self.ids)

    @property
    def wording(self) -> str:
        """The most frequent wording."""
        return self.texts.most_common(1)[0][0]

    def examples(self, n: int = 3) -> list[str]:
        """Other frequent wordings."""
        return [t for t, _ in self.texts.most_common(n + 1)[1:]]


def groups(session: Session, now: datetime, *, handled: bool) -> list[Group]:
    """Unanswered messages of the last 90 days (handled or not) grouped by similar wording, largest first."""
    since = now - timedelta(days=KEEP_DAYS)
    state = UnansweredQuestion.handled_at.is_not(None) if handled else UnansweredQuestion.handled_at.is_(None)
    rows = session.execute(
        select(UnansweredQuestion.id, UnansweredQuestion.text, UnansweredQuestion.folded, UnansweredQuestion.created_at)
        .where(UnansweredQuestion.created_at >= since, state)
        .order_by(UnansweredQuestion.id)
    ).all()
    by_wording: dict[str, list[tuple[int, str, datetime]]] = {}
    for id_, text, fold_, created in rows:
        by_wording.setdefault(fold_, []).append((id_, text, created))
    reps: list[str] = []
    out: list[Group] = []
    for wording in sorted(by_wording, key=lambda w: -len(by_wording[w])):
        match = process.extractOne(wording, reps, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR) if reps else None
        if match is None:
            reps.append(wording)
            out.append(Group(handled=handled))
            group = out[-1]
        else:
            group = out[match[2]]
        for id_, text, created in by_wording[wording]:
            group.ids.append(id_)
            group.texts[text] += 1
            group.first = created if group.first is None else min(group.first, created)
            group.last = created if group.last is None else max(group.last, created)
    return sorted(out, key=lambda g: (-g.count, g.key))


def mark_handled(session: Session, key: int, now: datetime) -> int:
    """Mark the unhandled group whose id is `key` as handled; how many messages (0: no such group)."""
    for group in groups(session, now, handled=False):
        if group.key == key:
            session.execute(
                update(UnansweredQuestion).where(UnansweredQuestion.id.in_(group.ids)).values(handled_at=now)
            )
            return group.count
    return 0


def purge(session: Session, now: datetime) -> int:
    """Delete the messages older than 90 days; how many."""
    result = session.execute(
        delete(UnansweredQuestion).where(UnansweredQuestion.created_at < now - timedelta(days=KEEP_DAYS))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
