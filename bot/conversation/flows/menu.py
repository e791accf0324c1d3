"""Greeting, help, menu, cancel, thanks, attachments, the clarifying question and the fallback."""

from __future__ import annotations

from bot import nlu
from bot.conversation import i18n, texts
from bot.conversation.dialog import ONCE
from bot.conversation.router import Turn
from bot.records.unanswered import record_unanswered
from bot.replies import Button

OFFER_FLOW, OFFER_STEP = "fallback", "offer_contact"
CLARIFY_FLOW, CLARIFY_STEP = "clarify", "pick"
# Below this confidence in its reading the bot asks which request was meant (`make nlu-eval` shows how often that
# is and how many misreadings it catches); a request offered must have at least RUNNER_UP_FLOOR.
CLARIFY_BELOW = 0.7
RUNNER_UP_FLOOR = 0.1
# Confident that a message asks for something else (and has words to say it with): the off-topic answer.
OFF_TOPIC_ABOVE = 0.8


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


def likely_requests(turn: Turn) -> list[nlu.Intent]:
    """The requests (not a greeting, thanks or off-topic) among the NLU's three likeliest readings."""
    requests = {nlu.Intent(k) for k in texts.REQUEST_BUTTONS}  # read in the turn: texts follow its language
    return [i for i, p in turn.nlu.ranking[:3] if i in requests and p >= RUNNER_UP_FLOOR]


def needs_clarifying(turn: Turn) -> bool:
    """Outside any flow, a message the NLU is unsure of that may be one of the bot's requests."""
    return (
        turn.is_message
        and not turn.state.active
        and turn.nlu.confidence < CLARIFY_BELOW
        and bool(likely_requests(turn))
    )


def clarify(turn: Turn) -> None:
    """Ask which of the likely requests was meant, with a button each and "Việc khác"; the message's codes and
    rating are kept for the answer."""
    options = likely_requests(turn)
    rating = turn.nlu.rating.value if turn.nlu.rating else None
    turn.state.ask_once(
        CLARIFY_FLOW, CLARIFY_STEP, codes=list(turn.nlu.codes), rating=rating, options=[i.value for i in options]
    )
    turn.say(texts.CLARIFY, (*(texts.REQUEST_BUTTONS[i.value] for i in options), texts.BTN_OTHER))


def picked_request(turn: Turn) -> nlu.Intent | None:
    """The request an answer to the clarifying question picks: a button (pressed or typed, with or without
    diacritics) or a typed request among those offered; None for "Việc khác" or a no."""
    options = [nlu.Intent(v) for v in turn.state.data.get("options", [])]
    typed = nlu.fold(turn.text).strip(" .!?")
    for intent in options:
        button = texts.REQUEST_BUTTONS[intent.value]
        if typed in (nlu.fold(button.title), nlu.fold(button.value)):
            return intent
    if typed in (nlu.fold(texts.BTN_OTHER.title), nlu.fold(texts.BTN_OTHER.value)) or nlu.says_no(turn.text):
        return None
    return turn.nlu.intent if turn.nlu.intent in options else None


def pressed_an_option(turn: Turn) -> bool:
    """The answer to the clarifying question is one of its buttons (pressed, or its words typed)."""
    typed = nlu.fold(turn.text).strip(" .!?")
    for value in turn.state.data.get("options", []):
        button = texts.REQUEST_BUTTONS[value]
        if typed in (nlu.fold(button.title), nlu.fold(button.value)):
            return True
    return False


def answers_clarification(turn: Turn) -> bool:
    """The message right after the clarifying question picks one of its requests, or none of them."""
    if not (turn.is_message and turn.state.flow == CLARIFY_FLOW and turn.state.step == CLARIFY_STEP):
        return False
    typed = nlu.fold(turn.text).strip(" .!?")
    other = typed in (nlu.fold(texts.BTN_OTHER.title), nlu.fold(texts.BTN_OTHER.value)) or nlu.says_no(turn.text)
    return other or picked_request(turn) is not None


def something_else(turn: Turn) -> None:
    """None of the requests offered: ask to say it again, as a miss (a second one offers a person)."""
    if _missed_again(turn):
        return
    turn.say(texts.CLARIFY_OTHER, texts.MAIN_BUTTONS)


def names_another_service(turn: Turn) -> bool:
    """Not one of the bot's requests, and about another organisation's service (electricity, a bank, a shop ...)."""
    understood = turn.nlu
    return (
        turn.is_message and understood.intent == nlu.Intent.UNKNOWN and not understood.codes and bool(understood.topic)
    )


def _asks_elsewhere(turn: Turn) -> bool:
    """Understood as asking for something the bot does not do: another service, or a confident reading of words."""
    return names_another_service(turn) or (
        turn.nlu.intent == nlu.Intent.UNKNOWN
        and not turn.nlu.codes
        and turn.nlu.confidence >= OFF_TOPIC_ABOVE
        and nlu.readable(turn.text) >= 3
    )


def off_topic(turn: Turn) -> None:
    """What the bot does here, and, for the common services of other organisations, whom to ask instead."""
    record_unanswered(turn.rt.db, str(turn.event.platform), turn.text, turn.rt.now())
    turn.state.clear()
    service = texts.OFF_TOPIC_SERVICES.get(turn.nlu.topic or "")
    if service is None:
        turn.say(texts.OFF_TOPIC, texts.MAIN_BUTTONS)
    else:
        turn.say(texts.OFF_TOPIC_SERVICE.format(what=service[0], whom=service[1]), texts.MAIN_BUTTONS)


def _missed_again(turn: Turn) -> bool:
    """Count a miss; from the second in half an hour, offer a person (and say so: True)."""
    key = f"fallback:{turn.user_key}"
    misses = int(turn.rt.redis.incr(key))
    turn.rt.redis.expire(key, 30 * 60)
    turn.state.clear()
    if misses >= 2:
        turn.state.ask_once(OFFER_FLOW, OFFER_STEP)
        turn.say(texts.FALLBACK_REPEATED, (texts.BTN_CONTACT, texts.BTN_MENU))
        return True
    return False


def fallback(turn: Turn) -> None:
    """Another organisation's business gets the off-topic answer; anything else not understood an apology and
    the menu, and a repeated miss the offer of a person."""
    if _asks_elsewhere(turn):
        off_topic(turn)
        return
    record_unanswered(turn.rt.db, str(turn.event.platform), turn.text, turn.rt.now())
    if not _missed_again(turn):
        turn.say(texts.FALLBACK, texts.MAIN_BUTTONS)

