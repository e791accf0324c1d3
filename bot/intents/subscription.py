"""Subscribing to a dossier's status changes, unsubscribing, and listing followed dossiers."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot import texts
from bot.dossiers import CLOSED, MAX_CODES_PER_MESSAGE, status_card
from bot.intents import ownership
from bot.models import Subscription
from bot.router import Turn
from integrations.onestop import BackendUnavailable

FLOW = "subscribe"


def followed_codes(turn: Turn) -> list[str]:
    """Codes this user follows, oldest first."""
    with turn.rt.db.session() as s:
        rows = s.scalars(
            select(Subscription.dossier_code)
            .where(Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id)
            .order_by(Subscription.id)
        )
        return list(rows)


def start_subscribe(turn: Turn) -> None:
    """Subscribe intent, with or without a code."""
    turn.state.clear()
    if turn.nlu.codes:
        _with_code(turn, turn.nlu.codes[0])
        return
    turn.state.go(FLOW, "ask_code", wrong=0)
    turn.say(texts.SUB_ASK_CODE, (texts.BTN_MENU,))


def receive_code(turn: Turn) -> None:
    """Step ask_code."""
    code = ownership.code_in(turn)
    if code:
        _with_code(turn, code)
        return
    ownership.expected_code_missing(turn)


def _with_code(turn: Turn, code: str) -> None:
    dossier = ownership.find_dossier(turn, code)
    if dossier is None:
        return
    turn.state.clear()
    if dossier.code in followed_codes(turn):
        turn.say(texts.SUB_ALREADY.format(code=dossier.code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))
        return
    if dossier.status in CLOSED:
        status = texts.STATUS_LABELS.get(dossier.status, "")
        turn.say(texts.SUB_CLOSED.format(code=dossier.code, status=status), texts.MAIN_BUTTONS)
        return
    ownership.ask_digits(turn, FLOW, dossier.code)


def receive_digits(turn: Turn) -> None:
    """Step ask_phone: the ownership check, then the subscription."""
    dossier = ownership.verified_dossier(turn)
    if dossier is None:
        return
    turn.state.clear()
    try:
        with turn.rt.db.session() as s:
            platform, user = str(turn.event.platform), turn.event.user_id
            s.add(Subscription(platform=platform, user_id=user, dossier_code=dossier.code))
    except IntegrityError:
        turn.say(texts.SUB_ALREADY.format(code=dossier.code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))
        return
    turn.say(texts.SUB_DONE.format(code=dossier.code), (texts.BTN_MY_DOSSIERS, texts.BTN_MENU))


def unsubscribe(turn: Turn) -> None:
    """Stop every notification to this user."""
    turn.state.clear()
    with turn.rt.db.session() as s:
        result = s.execute(
            delete(Subscription).where(
                Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id
            )
        )
        removed = int(getattr(result, "rowcount", 0) or 0)
    turn.say(texts.UNSUB_DONE.format(n=removed) if removed else texts.UNSUB_NONE, texts.MAIN_BUTTONS)


def my_dossiers(turn: Turn) -> None:
    """The cards of the dossiers this user follows (a business follows many)."""
    turn.state.clear()
    codes = followed_codes(turn)
    if not codes:
        turn.say(texts.MY_DOSSIERS_NONE, texts.MAIN_BUTTONS)
        return
    turn.say(texts.MY_DOSSIERS.format(n=len(codes)))
    now = turn.rt.now()
    shown = 0
    for code in reversed(codes):
        try:
            dossier = turn.rt.source.get(code)
        except BackendUnavailable:
            turn.say(texts.LOOKUP_UNAVAILABLE, (texts.BTN_MENU,))
            return
        if dossier is not None:
            turn.replies.append(status_card(dossier, now))
            shown += 1
        if shown >= MAX_CODES_PER_MESSAGE:
            break
