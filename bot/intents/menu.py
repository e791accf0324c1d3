"""Greeting, help, menu, cancel, thanks, attachments and the fallback."""

from __future__ import annotations

from bot import nlu, texts
from bot.dialog import ONCE
from bot.router import Turn

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


def says_no(text: str) -> bool:
    """A typed no, also after a polite "dạ" / "vâng" ("dạ không", "dạ thôi")."""
    if nlu.is_no(text):
        return True
    words = nlu.fold(text).replace(",", " ").split()
    while words and words[0] in ("da", "vang", "a"):
        words = words[1:]
    return bool(words) and nlu.is_no(" ".join(words))


def says_yes_or_no(text: str) -> bool:
    """A bare yes or no."""
    return nlu.is_yes(text) or says_no(text)


def acknowledge(turn: Turn) -> None:
    """A bare "ok", "dạ", "không" outside any question: a short friendly answer, not a misunderstanding."""
    turn.say(texts.ACK, texts.MAIN_BUTTONS)


def answers_offer(turn: Turn) -> bool:
    """A yes or no to "Ông/bà có muốn gặp cán bộ không?" asked just before."""
    in_offer = turn.state.flow == OFFER_FLOW and turn.state.step == OFFER_STEP
    return turn.is_message and in_offer and says_yes_or_no(turn.text)


def answer_offer(turn: Turn) -> None:
    """Yes: a person; no: the menu."""
    from bot.intents.contact import contact_human

    if not says_no(turn.text):
        contact_human(turn)
    else:
        show_menu(turn)


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
