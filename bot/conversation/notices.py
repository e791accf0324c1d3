"""Status notices: the headline and card sent when a followed dossier changes, and the notices a platform refused,
given before the bot's next answer to that user."""

from __future__ import annotations

from datetime import datetime

from bot.conversation import texts
from bot.conversation.cards import status_card
from bot.conversation.router import Turn
from bot.records.dossiers import is_overdue
from bot.records.local_source import LocalSource
from bot.records.ratings import rated_codes
from bot.records.subscriptions import followed_codes, missed_key
from bot.replies import Reply
from bot.runtime import Runtime
from integrations.onestop import DossierInfo


def status_headline(dossier: DossierInfo, now: datetime) -> str:
    """A notice's first line: which dossier, what happened to it, and whether it is late."""
    what = texts.STATUS_CHANGED_WHAT.get(dossier.status, texts.STATUS_CHANGED_OTHER)
    if is_overdue(dossier, now):
        what += texts.STATUS_CHANGED_OVERDUE
    return texts.STATUS_CHANGED.format(code=dossier.code, what=what)


def notice(rt: Runtime, dossier: DossierInfo) -> Reply:
    """The headline and the card, without a rating button once the dossier is rated."""
    rated = bool(rated_codes(rt.db, [dossier.code]))
    now = rt.now()
    return status_card(dossier, now, followed=True, rated=rated, heading=status_headline(dossier, now))


def give_missed_notices(turn: Turn) -> None:
    """Before the bot's answer to a user, the notices the platform refused earlier (still followed dossiers)."""
    key = missed_key(str(turn.event.platform), turn.event.user_id)
    if not (turn.replies and turn.is_message) or not turn.rt.redis.exists(key):
        return
    missed = {m.decode() if isinstance(m, bytes) else str(m) for m in turn.rt.redis.smembers(key)}
    turn.rt.redis.delete(key)
    source = LocalSource(turn.rt.db)
    notices = []
    for code in followed_codes(turn.rt.db, str(turn.event.platform), turn.event.user_id):
        dossier = source.get(code) if code in missed else None
        if dossier is not None:
            notices.append(notice(turn.rt, dossier))
    turn.replies[:0] = notices
