"""Greeting, help, menu, cancel, thanks, attachments and the fallback."""

from __future__ import annotations

from bot.conversation import i18n, texts
from bot.conversation.dialog import ONCE
from bot.conversation.router import Turn
from bot.replies import Button

OFFER_FLOW, OFFER_STEP = "fallback", "offer_contact"


def with_language_button() -> tuple[Button, ...]:
    """Four main buttons and the other language's button (Zalo shows five); procedures are asked by typing."""
    other = texts.BTN_VIETNAMESE if i18n.current() == i18n.KHMER else texts.BTN_KHMER
    return (texts.BTN_LOOKUP, texts.BTN_RATE, texts.BTN_SUBSCRIBE, texts.BTN_CONTACT, other)


def welcome(turn: Turn) -> None:
    """Greet with the privacy notice, the main buttons and the language button."""
    turn.state.clear()
    turn.say(texts.WELCOME.format(province=turn.rt.settings.province_name), with_language_button())


def show_help(turn: Turn) -> None:
    """What the bot can do, and the language button."""
    turn.state.clear()
    turn.say(texts.HELP, with_language_button())


def asks_for_language(turn: Turn) -> bool:
    """"ភាសាខ្មែរ" / "Tiếng Việt": a language button pressed, or the language's name typed on its own."""
    return turn.is_message and i18n.asks_for_language(turn.text) is not None


def choose_language(turn: Turn) -> None:
    """Say, in the language just chosen (the engine stored it for this turn), that later replies use it."""
    turn.state.clear()
    turn.say(texts.LANGUAGE_CHOSEN, with_language_button())


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
    key = f"fallback:{turn.user_key}"
    misses = int(turn.rt.redis.incr(key))
    turn.rt.redis.expire(key, 30 * 60)
    turn.state.clear()
    if misses >= 2:
        turn.state.ask_once(OFFER_FLOW, OFFER_STEP)
        turn.say(texts.FALLBACK_REPEATED, (texts.BTN_CONTACT, texts.BTN_MENU))
    else:
        turn.say(texts.FALLBACK, texts.MAIN_BUTTONS)
