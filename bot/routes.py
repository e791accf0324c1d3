"""The routing table: the order in which a turn is matched, first match wins.

1. Events that are not messages (follow, unfollow, attachments).
2. A bare cancel word (hủy, thoát, menu) leaves any flow.
3. The step of the flow the user is in, when the message answers it.
4. The NLU intent: a code or the lookup intent, greeting, help, thanks.
5. The fallback.
"""

from __future__ import annotations

from bot import nlu
from bot.events import EventKind
from bot.intents import lookup, menu
from bot.router import Matcher, Route, Router, Turn


def _kind(kind: EventKind) -> Matcher:
    return lambda turn: turn.event.kind == kind


def _intent(*intents: nlu.Intent) -> Matcher:
    return lambda turn: turn.is_message and turn.nlu.intent in intents


def _in_step(flow: str, step: str) -> Matcher:
    return lambda turn: turn.is_message and turn.state.flow == flow and turn.state.step == step


def _new_intent_interrupts(turn: Turn) -> bool:
    """Inside a flow, a message with a clear other intent (and no code) starts that one instead."""
    return turn.nlu.intent not in (nlu.Intent.UNKNOWN, nlu.Intent.LOOKUP) and not turn.nlu.codes


def build_router() -> Router:
    """All routes, in order."""
    return Router(
        [
            Route("follow", _kind(EventKind.FOLLOW), menu.welcome),
            Route("unfollow", _kind(EventKind.UNFOLLOW), menu.forget_conversation),
            Route("attachment", _kind(EventKind.ATTACHMENT), menu.explain_attachments),
            Route("cancel", lambda t: t.is_message and nlu.is_cancel(t.text), menu.cancel),
            Route(
                "lookup.code",
                lambda t: _in_step(lookup.FLOW, lookup.ASK_CODE)(t) and not _new_intent_interrupts(t),
                lookup.receive_code,
            ),
            Route("lookup", _intent(nlu.Intent.LOOKUP), lookup.start_lookup),
            Route(
                "lookup.codes",
                lambda t: t.is_message and bool(t.nlu.codes) and t.nlu.intent == nlu.Intent.UNKNOWN,
                lookup.start_lookup,
            ),
            Route("greeting", _intent(nlu.Intent.GREETING), menu.welcome),
            Route("help", _intent(nlu.Intent.HELP), menu.show_help),
            Route("thanks", _intent(nlu.Intent.THANKS), menu.thank),
            Route("fallback", lambda t: t.is_message, menu.fallback),
        ]
    )
