"""Status change -> the subscribers of that dossier."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from sqlalchemy import select

from bot import texts
from bot.events import Platform
from bot.intents.subscription import followed_codes
from bot.jobs import Dispatcher
from bot.outbox import deliver_or_error, record_failure, with_retries
from bot.records.dossiers import STATUS_LABELS, is_overdue, local_date, normalise_phone, status_card
from bot.records.local_source import LocalSource
from bot.records.models import Rating, Subscription
from bot.replies import Reply
from bot.router import Turn
from bot.runtime import Runtime
from integrations.base import SendError
from integrations.onestop import DossierInfo
from integrations.zalo import OUTSIDE_WINDOW, ZaloChannel

log = logging.getLogger(__name__)
NOTIFY_JOB = "bot.notify.notify_subscribers"
MISSED_TTL_S = 30 * 24 * 3600  # a notice the platform refused waits this long for the user to write again
ZNS_ONCE_TTL_S = 60 * 24 * 3600  # one ZNS per dossier and status, whatever the number of subscribers or retries
# ZNS messages are paid: only for what the citizen must act on or the outcome (not "received", "processing").
ZNS_STATUSES = frozenset({3, 5, 6, 8, 9, 10})
_LONG_NUMBER = re.compile(r"\d{8,}")


def missed_key(platform: str, user_id: str) -> str:
    """Redis set of the dossiers whose notice could not be delivered to a user (Zalo's seven days, Messenger's
    window); they are given with the bot's next answer to that user."""
    return f"missed:{platform}:{user_id}"


def status_changed(dispatcher: Dispatcher, code: str) -> None:
    """Queue the notifications for a dossier whose status changed."""
    dispatcher.submit(NOTIFY_JOB, code)


def status_headline(dossier: DossierInfo, now: datetime) -> str:
    """A notice's first line: which dossier, what happened to it, and whether it is late."""
    what = texts.STATUS_CHANGED_WHAT.get(dossier.status, texts.STATUS_CHANGED_OTHER)
    if is_overdue(dossier, now):
        what += texts.STATUS_CHANGED_OVERDUE
    return texts.STATUS_CHANGED.format(code=dossier.code, what=what)


def _notice(rt: Runtime, dossier: DossierInfo) -> Reply:
    """The headline and the card, without a rating button once the dossier is rated."""
    with rt.db.session() as s:
        rated = s.scalar(select(Rating.id).where(Rating.dossier_code == dossier.code).limit(1)) is not None
    now = rt.now()
    return status_card(dossier, now, followed=True, rated=rated, heading=status_headline(dossier, now))


def notify_subscribers(rt: Runtime, code: str) -> int:
    """Job: send the new status card to every subscriber; returns how many were reached."""
    dossier = LocalSource(rt.db).get(code)  # what the push API or import just stored
    if dossier is None:
        return 0
    with rt.db.session() as s:
        subs = [
            (x.platform, x.user_id) for x in s.scalars(select(Subscription).where(Subscription.dossier_code == code))
        ]
    notice = _notice(rt, dossier)
    reached = 0
    zalo_window_closed = False
    for platform, user_id in subs:
        try:
            p = Platform(platform)
        except ValueError:
            continue
        if p not in rt.channels:
            continue
        error = deliver_or_error(rt, p, user_id, [notice], update=True)
        if error is None:
            reached += 1
            continue
        rt.redis.sadd(missed_key(platform, user_id), code)
        rt.redis.expire(missed_key(platform, user_id), MISSED_TTL_S)
        zalo_window_closed |= p == Platform.ZALO and error.code in OUTSIDE_WINDOW
    log.info("status change of a dossier notified to %d of %d subscribers", reached, len(subs))
    if zalo_window_closed and send_zns(rt, dossier):
        log.info("status change of a dossier sent as a ZNS template to the phone on the dossier")
    return reached


def zns_data(dossier: DossierInfo) -> dict[str, str]:
    """The ZNS template's parameters: no name, no phone (README lists the template to register)."""
    return {
        "ma_ho_so": dossier.code,
        "trang_thai": STATUS_LABELS.get(dossier.status, str(dossier.status)),
        "ngay_hen": local_date(dossier.due_at) if dossier.due_at else "",
        "thu_tuc": dossier.procedure_name[:200],
    }


def send_zns(rt: Runtime, dossier: DossierInfo) -> bool:
    """A Zalo subscriber's 7 days have passed: the approved template to the phone on the dossier, once per
    status that asks something of the citizen or ends the dossier. Only with ZALO_ZNS_TEMPLATE_ID; True if sent."""
    template = rt.settings.zalo_zns_template_id
    channel = rt.channels.get(Platform.ZALO)
    phone = normalise_phone(dossier.applicant_phone)
    if dossier.status not in ZNS_STATUSES or not template or not isinstance(channel, ZaloChannel):
        return False
    if len(phone) != 10 or not phone.startswith("0"):
        return False
    if not rt.redis.set(f"zns:{dossier.code}:{dossier.status}", "1", nx=True, ex=ZNS_ONCE_TTL_S):
        return False
    tracking = f"{dossier.code}-{dossier.status}"[:48]
    try:
        with_retries(rt, lambda: channel.send_template("84" + phone[1:], template, zns_data(dossier), tracking))
    except SendError as exc:
        # Recorded under the dossier code; a phone number Zalo may quote in its error text is masked.
        masked = SendError(_LONG_NUMBER.sub("…", str(exc)), code=exc.code, transient=exc.transient)
        record_failure(rt, "zalo_zns", f"dossier:{dossier.code}", masked)
        return False
    return True


def give_missed_notices(turn: Turn) -> None:
    """Before the bot's answer to a user, the notices the platform refused earlier (still followed dossiers)."""
    key = missed_key(str(turn.event.platform), turn.event.user_id)
    if not (turn.replies and turn.is_message) or not turn.rt.redis.exists(key):
        return
    missed = {m.decode() if isinstance(m, bytes) else str(m) for m in turn.rt.redis.smembers(key)}
    turn.rt.redis.delete(key)
    source = LocalSource(turn.rt.db)
    notices = []
    for code in followed_codes(turn):
        dossier = source.get(code) if code in missed else None
        if dossier is not None:
            notices.append(_notice(turn.rt, dossier))
    turn.replies[:0] = notices
