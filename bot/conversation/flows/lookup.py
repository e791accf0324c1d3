"""Looking up dossiers: code in the message, or ask for it."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot import nlu
from bot.conversation import texts
from bot.conversation.cards import status_card
from bot.conversation.flows import ownership
from bot.conversation.flows.subscription import followed_codes
from bot.conversation.guard import EnumerationGuard
from bot.conversation.router import Turn
from bot.records import usage
from bot.records.dossiers import MAX_CODES_PER_MESSAGE
from bot.records.ratings import rated_codes
from bot.replies import Button, Reply
from integrations.onestop import BackendUnavailable

log = logging.getLogger(__name__)

FLOW = "lookup"
MAX_CODES_IN_BUTTON = 25  # the payload of "Tra cứu mã còn lại" stays well under the platforms' limits
ASK_CODE = "ask_code"


def start_lookup(turn: Turn) -> None:
    """Lookup intent: answer the codes given, or ask for one."""
    codes = list(turn.nlu.codes)
    if codes:
        turn.state.clear()  # a lookup in the middle of another flow leaves it: the card is what counts now
        answer_codes(turn, codes)
    elif ownership.looks_like_partial_code(turn.text):
        explain_code_format(turn)
    else:
        ask_for_code(turn)


def ask_for_code(turn: Turn) -> None:
    """Ask for a dossier code (unless lookups are paused)."""
    if ownership.lookups_paused(turn):
        return
    turn.state.go(FLOW, ASK_CODE, wrong=0)
    turn.say(texts.ASK_CODE, (texts.BTN_MENU,))


def receive_code(turn: Turn) -> None:
    """In the ask-code step: a code answers, another clear intent leaves, anything else gets help."""
    codes = nlu.extract_codes(turn.text)
    if codes:
        turn.state.clear()
        answer_codes(turn, codes)
        return
    ownership.expected_code_missing(turn)


def answer_codes(turn: Turn, codes: list[str]) -> None:
    """A status card for each code (up to five), unless the enumeration guard has paused lookups; then a word
    on the mistyped codes beside them, and a button for the codes left over."""
    guard = EnumerationGuard(turn.rt.redis)
    if paused := ownership.paused_seconds(turn):
        ownership.say_paused(turn, paused)
        return
    now = turn.rt.now()
    followed = set(followed_codes(turn))
    batch, rest = codes[:MAX_CODES_PER_MESSAGE], codes[MAX_CODES_PER_MESSAGE:]
    rated = rated_codes(turn.rt.db, batch, platform=str(turn.event.platform))
    first = len(turn.replies)
    shown: list[str] = []
    for code in batch:
        if not ownership.counted_lookup(turn, guard, code):  # one distinct code too many this hour
            return
        try:
            dossier = turn.rt.source.get(code)
        except BackendUnavailable:
            log.warning("one-stop backend unavailable")
            turn.say(texts.LOOKUP_UNAVAILABLE, (texts.BTN_MENU,))
            return
        if dossier is None:
            if guard.record_miss(ownership.who(turn)):
                ownership.say_paused(turn, guard.window_s)
                return
            turn.say(texts.NOT_FOUND.format(code=code), (texts.BTN_LOOKUP, texts.BTN_CONTACT))
            continue
        turn.replies.append(status_card(dossier, now, followed=dossier.code in followed, rated=dossier.code in rated))
        shown.append(dossier.code)
    if mistyped := ownership.partial_codes(turn.text):
        lookup_other = Button(texts.BTN_LOOKUP_OTHER, texts.BTN_LOOKUP.value)
        turn.say(texts.CODES_MALFORMED.format(codes=", ".join(mistyped)), (lookup_other, texts.BTN_CONTACT))
    _offer_shared_buttons_once(turn.replies, first)
    ownership.remember_card(turn, shown)
    usage.count(turn.rt.db, usage.LOOKUPS, str(turn.event.platform), now, len(shown))
    if rest:
        payload = texts.PAYLOAD_LOOKUP_REST.format(codes=" ".join(rest[:MAX_CODES_IN_BUTTON]))
        more = Button(texts.BTN_LOOKUP_REST, payload)
        turn.say(
            texts.TOO_MANY_CODES.format(limit=MAX_CODES_PER_MESSAGE, n=len(rest), codes=", ".join(rest)), (more,)
        )


def _offer_shared_buttons_once(replies: list[Reply], first: int) -> None:
    """Several cards: a button the last one offers too ("Tra cứu mã khác") is shown only there."""
    if len(replies) - first < 2:
        return
    shared = {b.value for b in replies[-1].buttons}
    for i in range(first, len(replies) - 1):
        replies[i] = replace(replies[i], buttons=tuple(b for b in replies[i].buttons if b.value not in shared))


def looks_like_code(turn: Turn) -> bool:
    """Something that resembles a dossier code but is not a complete one."""
    return turn.is_message and not turn.nlu.codes and ownership.looks_like_partial_code(turn.text)


def explain_code_format(turn: Turn) -> None:
    """A code with a missing or mistyped part: say what a full code looks like, and wait for it."""
    turn.state.go(FLOW, ASK_CODE, wrong=0)
    turn.say(texts.CODE_MALFORMED, (texts.BTN_CONTACT, texts.BTN_MENU))
