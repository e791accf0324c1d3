"""Status change -> the subscribers of that dossier (their platform, or ZNS after Zalo's seven days)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bot.conversation import i18n
from bot.conversation.notices import notice
from bot.delivery.dispatchers import Dispatcher, submit_each
from bot.delivery.outbox import deliver_or_error, record_failure, with_retries
from bot.events import Platform
from bot.records import usage
from bot.records.dossiers import STATUS_LABELS, local_date, normalise_phone
from bot.records.local_source import LocalSource
from bot.records.subscriptions import MISSED_TTL_S, missed_key, subscribers
from bot.replies import Reply
from bot.runtime import Runtime
from integrations.base import SendError
from integrations.onestop import DossierInfo
from integrations.zalo import OUTSIDE_WINDOW, ZaloChannel

log = logging.getLogger(__name__)
NOTIFY_JOB = "bot.delivery.notifications.notify_subscribers"
ZNS_ONCE_TTL_S = 60 * 24 * 3600  # one ZNS per dossier and status, whatever the number of subscribers or retries
# ZNS messages are paid: only for what the citizen must act on or the outcome (not "received", "processing").
ZNS_STATUSES = frozenset({3, 5, 6, 8, 9, 10})
_LONG_NUMBER = re.compile(r"\d{8,}")


def status_changed(dispatcher: Dispatcher, code: str) -> None:
    """Queue the notifications for a dossier whose status changed."""
    dispatcher.submit(NOTIFY_JOB, code)


def statuses_changed(dispatcher: Dispatcher, codes: Iterable[str]) -> None:
    """Queue the notifications of many dossiers whose status changed (a bulk import), enqueued together."""
    submit_each(dispatcher, NOTIFY_JOB, [(code,) for code in codes])


def notify_subscribers(rt: Runtime, code: str) -> int:
    """Job: send the new status card to every subscriber, in their language; returns how many were reached."""
    dossier = LocalSource(rt.db).get(code)  # what the push API or import just stored
    if dossier is None:
        return 0
    subs = subscribers(rt.db, code)
    cards: dict[str, Reply] = {}
    reached = 0
    zalo_window_closed = False
    for platform, user_id in subs:
        try:
            p = Platform(platform)
        except ValueError:
            continue
        if p not in rt.channels:
            continue
        language = i18n.remembered(rt.redis, f"{platform}:{user_id}")
        if language not in cards:
            with i18n.speaking(language):
                cards[language] = notice(rt, dossier)
        error = deliver_or_error(rt, p, user_id, [cards[language]], update=True)
        usage.count(rt.db, usage.NOTICES_SENT if error is None else usage.NOTICES_REFUSED, platform, rt.now())
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


