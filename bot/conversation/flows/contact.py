"""Reaching a person: the agency's contact, then a handover (Messenger) or a bot pause (Zalo)."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from sqlalchemy import select

from bot import nlu
from bot.conversation import texts
from bot.conversation.flows import menu
from bot.conversation.router import Turn
from bot.events import EventKind, InboundEvent
from bot.records import usage
from bot.records.models import Agency, Dossier, Subscription
from bot.runtime import Runtime

log = logging.getLogger(__name__)

PAUSE_S = 12 * 3600
INBOX_HOLD_S = 30 * 24 * 3600  # how long a handover to the Page Inbox is remembered without news of it
# "Số điện thoại / địa chỉ / giờ làm việc?": the agency's details answer it, no handover to staff needed.
DETAILS = re.compile(
    r"\b(?:dia chi|so dien thoai|sdt|hotline|tong dai|gio lam viec|may gio|mo cua|dong cua|nghi trua"
    r"|thu (?:7|bay)|chu nhat|cuoi tuan|ngay le|o dau|cho nao|nam o|duong nao)\b"
)
WANTS_PERSON = re.compile(
    r"\b(?:gap|noi chuyen|tro chuyen|nhan vien|can bo|nguoi that|tu van|khieu nai|phan anh|goi lai|ho tro)\b"
)


def pause_key(user_key: str) -> str:
    """Redis key that silences the bot for a user while staff answer."""
    return f"paused:{user_key}"


def holder_key(user_key: str) -> str:
    """Redis key of who holds a Messenger user's thread (only its owner may send): `bot|inbox:<ms>`."""
    return f"thread_holder:{user_key}"


def note_holder(rt: Runtime, event: InboundEvent, holder: str) -> None:
    """Remember who holds the thread as of the event; older news than what is known changes nothing, nor does an
    "inbox" as old as a "bot" (the standby copy of a press the bot took the thread back for has its time)."""
    key = holder_key(event.conversation_key)
    known = rt.redis.get(key)
    if isinstance(known, bytes):
        known_ms = int(known.partition(b":")[2] or 0)
        if event.timestamp_ms < known_ms or (event.timestamp_ms == known_ms and holder == "inbox"):
            return
    rt.redis.set(key, f"{holder}:{event.timestamp_ms}", ex=INBOX_HOLD_S)


def inbox_holds(rt: Runtime, event: InboundEvent) -> bool:
    """True when the Page Inbox was last known to hold the user's thread."""
    known = rt.redis.get(holder_key(event.conversation_key))
    return isinstance(known, bytes) and known.startswith(b"inbox:")


def _contact_agency(turn: Turn) -> Agency | None:
    """The agency of the user's latest followed dossier, else the province's one-stop centre."""
    with turn.rt.db.session() as s:
        agency_code = s.scalar(
            select(Dossier.agency_code)
            .join(Subscription, Subscription.dossier_code == Dossier.code)
            .where(Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id)
            .order_by(Subscription.id.desc())
            .limit(1)
        )
        agency = s.get(Agency, agency_code) if agency_code else None
        if agency is None or not agency.hotline:
            # Agencies registered from pushed dossiers have no parent and no contact details yet: skip them.
            roots = select(Agency).where(Agency.parent_code.is_(None))
            agency = s.scalar(roots.where(Agency.hotline != "").order_by(Agency.code).limit(1)) or s.scalar(
                roots.order_by(Agency.code).limit(1)
            )
        return agency


def _contact_text(agency: Agency) -> str:
    """The agency's name, address, phone and opening hours."""
    return texts.CONTACT.format(
        name=agency.name,
        address=agency.address or "—",
        hotline=agency.hotline or "—",
        hours=(agency.hours or texts.DEFAULT_HOURS).rstrip("."),
    )


def asks_contact_details(text: str) -> bool:
    """A question about the office's phone, address or hours, not a request to talk to someone."""
    folded = nlu.fold(text)
    return DETAILS.search(folded) is not None and WANTS_PERSON.search(folded) is None


def contact_details(turn: Turn) -> None:
    """The agency's address, phone and hours, with a button to reach a person."""
    turn.state.clear()
    agency = _contact_agency(turn)
    if agency is None:
        turn.say(texts.MENU, texts.MAIN_BUTTONS)
        return
    turn.say(_contact_text(agency), (texts.BTN_CONTACT, texts.BTN_MENU))


def contact_human(turn: Turn) -> None:
    """Give the hotline and address, then hand the conversation to staff (a details question gets the details)."""
    if not turn.event.payload and asks_contact_details(turn.text):
        contact_details(turn)
        return
    turn.state.clear()
    agency = _contact_agency(turn)
    if agency is not None:
        turn.say(_contact_text(agency))
    usage.count(turn.rt.db, usage.HANDOVERS, str(turn.event.platform), turn.rt.now())
    channel = turn.rt.channels.get(turn.event.platform)
    hand_over = getattr(channel, "hand_over", None)
    if callable(hand_over):
        turn.say(texts.CONTACT_HANDOVER_MESSENGER)
        rt, event = turn.rt, turn.event

        def pass_to_inbox() -> None:
            hand_over(event.user_id)
            note_holder(rt, event, "inbox")

        turn.after_send.append(pass_to_inbox)
        return
    turn.rt.redis.set(pause_key(turn.user_key), b"1", ex=PAUSE_S)
    turn.say(texts.CONTACT_HANDOVER_ZALO, (texts.BTN_MENU,))


def is_paused(turn: Turn) -> bool:
    """True while staff handle this user."""
    return bool(turn.rt.redis.exists(pause_key(turn.user_key)))


def staff_wrote(turn: Turn) -> None:
    """A person answered from the OA chat: keep the bot quiet for another 12 hours."""
    turn.rt.redis.set(pause_key(turn.user_key), b"1", ex=PAUSE_S)
    turn.state.clear()


def while_paused(turn: Turn) -> None:
    """Staff are answering: stay silent, unless the user asks for the menu."""
    if nlu.is_cancel(turn.text):
        turn.rt.redis.delete(pause_key(turn.user_key))
        turn.say(texts.BOT_RESUMED, texts.MAIN_BUTTONS)


def resume_from_inbox(rt: Runtime, event: InboundEvent) -> InboundEvent | None:
    """Messenger, while the Page Inbox holds the thread: a button, a cancel word or a deletion request takes
    the thread back and is then handled as usual; anything else is for the staff, and the bot stays silent."""
    text = event.input_text
    if not (event.payload or nlu.is_cancel(text) or nlu.is_deletion_request(text)):
        note_holder(rt, event, "inbox")  # a standby event shows it
        return None
    if not _take_back(rt, event):
        return None
    return replace(event, kind=EventKind.PAYLOAD if event.payload else EventKind.TEXT)


def thread_moved(rt: Runtime, event: InboundEvent) -> None:
    """Messenger handover events (and a button's standby copy): remember who holds the user's thread."""
    holder = "inbox" if event.payload == "inbox" else "bot"
    note_holder(rt, event, holder)
    log.info("%s thread held by the %s", event.platform, "Page Inbox" if holder == "inbox" else "bot")


def reclaim_for_button(rt: Runtime, event: InboundEvent) -> None:
    """A bot button pressed while the Page Inbox holds the thread: Meta brings the press with its payload on the
    normal channel, but only the thread's owner may answer (#10), so the bot takes the thread back first."""
    if event.kind in (EventKind.PAYLOAD, EventKind.FOLLOW) and inbox_holds(rt, event):
        _take_back(rt, event)


def _take_back(rt: Runtime, event: InboundEvent) -> bool:
    """Take the thread back from the Page Inbox; False when Meta refused."""
    take_back = getattr(rt.channels.get(event.platform), "take_back", None)
    if callable(take_back):
        try:
            take_back(event.user_id)  # only the thread's owner may send
        except Exception:
            log.warning("could not take the %s thread back from the Page Inbox", event.platform, exc_info=True)
            return False
    note_holder(rt, event, "bot")
    return True


def info_submitted(turn: Turn) -> None:
    """Zalo user_submit_info: the form officials asked for in the OA chat, which they read there (the bot keeps
    none of it). While they handle the chat the bot stays silent; otherwise it thanks and shows the menu."""
    if is_paused(turn):
        return
    turn.say(texts.INFO_RECEIVED, texts.MAIN_BUTTONS)


def answers_offer(turn: Turn) -> bool:
    """A yes or no to "Ông/bà có muốn gặp cán bộ không?" asked by the fallback just before."""
    in_offer = turn.state.flow == menu.OFFER_FLOW and turn.state.step == menu.OFFER_STEP
    return turn.is_message and in_offer and nlu.says_yes_or_no(turn.text)


def answer_offer(turn: Turn) -> None:
    """Yes: a person; no: the menu."""
    if not nlu.says_no(turn.text):
        contact_human(turn)
    else:
        menu.show_menu(turn)
