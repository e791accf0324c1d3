"""Greeting, help, menu, cancel, thanks, attachments and the fallback."""

from __future__ import annotations

from bot import texts
from bot.router import Turn


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
    """Leave the current flow."""
    was_active = turn.state.active
    turn.state.clear()
    turn.say(texts.CANCELLED if was_active else texts.MENU, texts.MAIN_BUTTONS)


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
        turn.say(texts.FALLBACK_REPEATED, (texts.BTN_CONTACT, texts.BTN_MENU))
    else:
        turn.say(texts.FALLBACK, texts.MAIN_BUTTONS)
