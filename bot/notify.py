"""Status change -> the subscribers of that dossier."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot import texts
from bot.dossiers import status_card
from bot.events import Platform
from bot.models import Subscription
from bot.outbox import deliver
from bot.runtime import Runtime
from integrations.onestop.local import LocalSource

log = logging.getLogger(__name__)
NOTIFY_JOB = "bot.notify.notify_subscribers"


def status_changed(rt: Runtime, code: str) -> None:
    """Queue the notifications for a dossier whose status changed."""
    from webhooks import dispatcher

    dispatcher().submit(NOTIFY_JOB, code)


def status_headline(code: str, status: int) -> str:
    """A notice's first line: which dossier, and what happened to it."""
    what = texts.STATUS_CHANGED_WHAT.get(status, texts.STATUS_CHANGED_OTHER)
    return texts.STATUS_CHANGED.format(code=code, what=what)


def notify_subscribers(rt: Runtime, code: str) -> int:
    """Job: send the new status card to every subscriber; returns how many were reached."""
    dossier = LocalSource(rt.db).get(code)  # what the push API or import just stored
    if dossier is None:
        return 0
    with rt.db.session() as s:
        subs = [
            (x.platform, x.user_id) for x in s.scalars(select(Subscription).where(Subscription.dossier_code == code))
        ]
    notice = status_card(dossier, rt.now(), followed=True, heading=status_headline(dossier.code, dossier.status))
    reached = 0
    for platform, user_id in subs:
        try:
            p = Platform(platform)
        except ValueError:
            continue
        if p in rt.channels and deliver(rt, p, user_id, [notice], update=True):
            reached += 1
    log.info("status change of a dossier notified to %d of %d subscribers", reached, len(subs))
    return reached
