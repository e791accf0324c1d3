"""Greeting, help, menu, cancel, thanks, attachments and the fallback."""

from __future__ import annotations

from bot.conversation import texts
from bot.conversation.dialog import ONCE
from bot.conversation.router import Turn
from bot.records.unanswered import record_unanswered

OFFER_FLOW, OFFER_STEP = "fallback", "offer_contact"


def welcome(turn: Turn) -> None:
    """Greet with the privacy notice and the main buttons."""
    turn.state.clear()
    turn.say(texts.WELCOME.format(province=turn.rt.settings.province_name), texts.MAIN_BUTTONS)


def show_help(turn: Turn) -> None:
    """What the bot can do."""
    turn.state.clear()
    turn.say(texts.HELP, texts.MAIN_BUTTONS)


def show_menu(turn: Turn) -> None:
    """The main buttons."""
    turn.state.clear()
    turn.say(texts.MENU, texts.MAIN_BUTTONS)


def cancel(turn: Turn) -> None:
    """Leave the current flow; in the optional follow-up questions, say the rating itself stays."""
    was_active = turn.state.active and ONCE not in turn.state.data  # a yes/no offer is no flow to cancel
    recorded = turn.state.flow == "rating" and turn.state.step == "followup"
    turn.state.clear()
    if recorded:
        turn.say(texts.RATE_FOLLOWUP_STOPPED, texts.MAIN_BUTTONS)
    else:
        turn.say(texts.CANCELLED if was_active else texts.MENU, texts.MAIN_BUTTONS)


def acknowledge(turn: Turn) -> None:
    """A bare "ok", "dạ", "không" outside any question: a short friendly answer, not a misunderstanding."""
    turn.say(texts.ACK, texts.MAIN_BUTTONS)


def thank(turn: Turn) -> None:
    """Answer thanks."""
    turn.state.clear()
    turn.say(texts.THANKS, texts.MAIN_BUTTONS)


def explain_attachments(turn: Turn) -> None:
    """Images, stickers, voice and locations are not read."""
    turn.say(texts.ATTACHMENT, texts.MAIN_BUTTONS)


def forget_conversation(turn: Turn) -> None:
    """Unfollow: drop the dialog state, say nothing."""
    turn.state.clear()


def fallback(turn: Turn) -> None:
    """Apologise and show the menu; a repeated miss offers a person."""
    record_unanswered(turn.rt.db, str(turn.event.platform), turn.text, turn.rt.now())
    key = f"fallback:{turn.user_key}"
    misses = int(turn.rt.redis.incr(key))
    turn.rt.redis.expire(key, 30 * 60)
    turn.state.clear()
    if misses >= 2:
        turn.state.ask_once(OFFER_FLOW, OFFER_STEP)
        turn.say(texts.FALLBACK_REPEATED, (texts.BTN_CONTACT, texts.BTN_MENU))
    else:
        turn.say(texts.FALLBACK, texts.MAIN_BUTTONS)
