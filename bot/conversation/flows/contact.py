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
from bot.records.models import Agency, Dossier, Subscription
from bot.runtime import Runtime

log = logging.getLogger(__name__)

PAUSE_S = 12 * 3600
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
    channel = turn.rt.channels.get(turn.event.platform)
    hand_over = getattr(channel, "hand_over", None)
    if callable(hand_over):
        turn.say(texts.CONTACT_HANDOVER_MESSENGER)
        user_id = turn.event.user_id
        turn.after_send.append(lambda: hand_over(user_id))
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
        return None
    take_back = getattr(rt.channels.get(event.platform), "take_back", None)
    if callable(take_back):
        try:
            take_back(event.user_id)  # only the thread's owner may send
        except Exception:
            log.warning("could not take the %s thread back from the Page Inbox", event.platform, exc_info=True)
            return None
    return replace(event, kind=EventKind.PAYLOAD if event.payload else EventKind.TEXT)


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
