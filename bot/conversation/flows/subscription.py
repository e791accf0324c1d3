"""Subscribing to a dossier's status changes, unsubscribing, and listing followed dossiers."""

from __future__ import annotations

import re

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot import nlu
from bot.conversation import texts
from bot.conversation.cards import status_card, status_label
from bot.conversation.flows import ownership
from bot.conversation.router import Turn
from bot.events import Platform
from bot.records import subscriptions, usage
from bot.records.dossiers import CLOSED, MAX_CODES_PER_MESSAGE, RATEABLE
from bot.records.models import Subscription
from bot.records.ratings import rated_codes
from bot.replies import Button
from integrations.onestop import BackendUnavailable

FLOW = "subscribe"
OFFER_FLOW, OFFER_STEP = "subscribe_offer", "offer"  # "Tôi sẽ nhắc nếu ông/bà bấm Nhận thông báo" just said


# "Hồ sơ của tôi", "các hồ sơ đang theo dõi", "xem hồ sơ đã đăng ký", "tôi đang theo dõi hồ sơ nào" (folded).
_ME = r"(?:toi|minh|em|con|chau|tui)"
_DOSSIERS = r"(?:(?:cac|nhung) )?(?:ho so|hs)"
_FOLLOWING = r"(?:(?:dang |da )?theo doi|da dang ky(?: nhan thong bao)?)"
MY_DOSSIERS_RE = re.compile(
    rf"^(?:(?:cho {_ME} |{_ME} muon )?(?:xem|coi|kiem tra)(?: lai)? |danh sach )?"
    rf"(?:{_DOSSIERS} cua {_ME}|{_DOSSIERS} (?:{_ME} )?{_FOLLOWING}|{_ME} {_FOLLOWING} {_DOSSIERS} nao)"
    r"(?: (?:a|nhe|nha|voi|giup|di))*$"
)


def asks_my_dossiers(turn: Turn) -> bool:
    """The user asks for the dossiers they follow."""
    folded = " ".join(re.findall(r"[a-z0-9]+", nlu.fold(turn.text)))
    return turn.is_message and MY_DOSSIERS_RE.match(folded) is not None


def followed_codes(turn: Turn) -> list[str]:
    """Codes this user follows, oldest first."""
    return subscriptions.followed_codes(turn.rt.db, str(turn.event.platform), turn.event.user_id)


def start_subscribe(turn: Turn) -> None:
    """Subscribe intent, with or without codes."""
    turn.state.clear()
    if turn.nlu.codes:
        _with_codes(turn, list(turn.nlu.codes))
        return
    if ownership.lookups_paused(turn):  # no use asking for a code that cannot be looked up
        return
    if recent := ownership.recent_card(turn):
        turn.say(texts.USING_RECENT_CARD.format(code=recent))
        _with_code(turn, recent)
        return
    turn.state.go(FLOW, "ask_code", wrong=0)
    turn.say(texts.SUB_ASK_CODE, (texts.BTN_MENU,))


def receive_code(turn: Turn) -> None:
    """Step ask_code."""
    if codes := nlu.extract_codes(turn.text):
        _with_codes(turn, codes)
        return
    ownership.expected_code_missing(turn)


def _with_codes(turn: Turn, codes: list[str]) -> None:
    """Several codes (a business) are taken one after the other, up to five."""
    if len(codes) > MAX_CODES_PER_MESSAGE:
        turn.say(texts.SUB_SEVERAL_MAX.format(n=len(codes), code=codes[0], limit=MAX_CODES_PER_MESSAGE))
    elif len(codes) > 1:
        turn.say(texts.SUB_SEVERAL.format(n=len(codes), code=codes[0]))
    _with_code(turn, codes[0], codes[1:MAX_CODES_PER_MESSAGE])


def _with_code(turn: Turn, code: str, queue: list[str] | None = None, digits: str = "") -> None:
    """Follow one dossier (after the ownership check), then the next of the queue. `digits`: those just
    checked for another dossier of the queue; a dossier with the same phone needs them no more."""
    queue = list(queue or [])
    dossier = ownership.find_dossier(turn, code)
    if dossier is None:
        paused = ownership.paused_seconds(turn)
        if not paused and not (turn.replies and turn.replies[-1].text == texts.LOOKUP_UNAVAILABLE):
            _next(turn, queue, digits)
        return
    turn.state.clear()
    if dossier.code in followed_codes(turn):
        turn.say(texts.SUB_ALREADY.format(code=dossier.code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))
        _next(turn, queue, digits)
        return
    if dossier.status in CLOSED:
        status = status_label(dossier.status)
        buttons = [texts.BTN_LOOKUP, texts.BTN_MENU]
        if dossier.status in RATEABLE:
            buttons.insert(0, Button(texts.BTN_RATE_DOSSIER, texts.PAYLOAD_RATE_DOSSIER.format(code=dossier.code)))
        turn.say(texts.SUB_CLOSED.format(code=dossier.code, status=status), buttons)
        _next(turn, queue, digits)
        return
    if digits and ownership.digits_hold_for(turn, dossier, digits):
        _follow(turn, dossier.code, queue, digits, same_phone=True)
        return
    ownership.ask_digits(turn, FLOW, dossier, queue=queue)
    if turn.state.flow != FLOW:  # no phone to check, or locked after wrong tries: on to the next
        _next(turn, queue, digits)


def _next(turn: Turn, queue: list[str], digits: str) -> None:
    if queue:
        _with_code(turn, queue[0], queue[1:], digits)


def _follow(turn: Turn, code: str, queue: list[str], digits: str, *, same_phone: bool = False) -> None:
    """Record the subscription, confirm (saying why no digits were asked), go on with the queue."""
    turn.state.clear()
    try:
        with turn.rt.db.session() as s:
            platform, user = str(turn.event.platform), turn.event.user_id
            s.add(Subscription(platform=platform, user_id=user, dossier_code=code))
    except IntegrityError:
        turn.say(texts.SUB_ALREADY.format(code=code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))
    else:
        usage.count(turn.rt.db, usage.SUBSCRIPTIONS, str(turn.event.platform), turn.rt.now())
        done = texts.SUB_DONE_SAME_PHONE if same_phone else texts.SUB_DONE
        if turn.event.platform == Platform.ZALO and not same_phone:
            zns = bool(turn.rt.settings.zalo_zns_template_id)
            done += texts.SUB_DONE_ZALO_NOTE_ZNS if zns else texts.SUB_DONE_ZALO_NOTE
        turn.say(done.format(code=code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))
    _next(turn, queue, digits)


def answers_offer(turn: Turn) -> bool:
    """A yes or no right after the bot offered to follow a dossier."""
    in_offer = turn.state.flow == OFFER_FLOW and turn.state.step == OFFER_STEP
    return turn.is_message and in_offer and nlu.says_yes_or_no(turn.text)


def answer_offer(turn: Turn) -> None:
    """Yes: follow the offered dossier (ownership check first); no: a short acknowledgement."""
    code = str(turn.state.data.get("code", ""))
    turn.state.clear()
    if code and not nlu.says_no(turn.text):
        _with_code(turn, code)
    else:
        turn.say(texts.ACK, texts.MAIN_BUTTONS)


def receive_digits(turn: Turn) -> None:
    """Step ask_phone: the ownership check, then the subscription (and the next dossier of the queue)."""
    queue = [str(c) for c in turn.state.data.get("queue") or []]
    if other := ownership.other_code(turn):  # the user meant another dossier
        _with_code(turn, other, queue)
        return
    dossier = ownership.verified_dossier(turn)
    if dossier is None:
        if turn.replies and turn.replies[-1].text == texts.PHONE_WRONG_FINAL:
            _next(turn, queue, "")
        return
    _follow(turn, dossier.code, queue, ownership.typed_digits(turn.text) or "")


def unsubscribe(turn: Turn) -> None:
    """Stop every notification to this user (and any subscription being set up)."""
    was_subscribing = turn.state.flow == FLOW
    turn.state.clear()
    codes = followed_codes(turn)
    turn.rt.redis.delete(f"missed:{turn.user_key}")  # notices still waiting to be given (bot.delivery.notifications)
    with turn.rt.db.session() as s:
        s.execute(
            delete(Subscription).where(
                Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id
            )
        )
    if codes:
        turn.say(texts.UNSUB_DONE.format(n=len(codes), codes=", ".join(codes)), texts.MAIN_BUTTONS)
    else:
        turn.say(texts.UNSUB_PENDING if was_subscribing else texts.UNSUB_NONE, texts.MAIN_BUTTONS)


def my_dossiers(turn: Turn) -> None:
    """The cards of the dossiers this user follows (a business follows many)."""
    turn.state.clear()
    codes = followed_codes(turn)
    if not codes:
        turn.say(texts.MY_DOSSIERS_NONE, texts.MAIN_BUTTONS)
        return
    if len(codes) > MAX_CODES_PER_MESSAGE:
        turn.say(texts.MY_DOSSIERS_NEWEST.format(n=len(codes), shown=MAX_CODES_PER_MESSAGE))
    else:
        turn.say(texts.MY_DOSSIERS.format(n=len(codes)))
    now = turn.rt.now()
    shown = 0
    rated = rated_codes(turn.rt.db, codes, platform=str(turn.event.platform))
    for code in reversed(codes):
        try:
            dossier = turn.rt.source.get(code)
        except BackendUnavailable:
            turn.say(texts.LOOKUP_UNAVAILABLE, (texts.BTN_MENU,))
            return
        if dossier is not None:
            turn.replies.append(status_card(dossier, now, followed=True, rated=dossier.code in rated))
            shown += 1
        if shown >= MAX_CODES_PER_MESSAGE:
            break
