"""Turn, Route and Router: the first route that matches handles the turn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from bot import nlu
from bot.conversation.dialog import DialogState
from bot.events import EventKind, InboundEvent
from bot.receipts import Reading
from bot.replies import Button, Reply
from bot.runtime import Runtime


@dataclass
class Turn:
    """One inbound event being handled: what came in, the state, and what we say back."""

    event: InboundEvent
    state: DialogState
    rt: Runtime
    replies: list[Reply] = field(default_factory=list)
    after_send: list[Callable[[], object]] = field(default_factory=list)
    receipt: Reading | None = None  # what the photo of this event said, read before the turn

    @property
    def text(self) -> str:
        """What the user typed or pressed."""
        return self.event.input_text.strip()

    @property
    def user_key(self) -> str:
        """platform:user."""
        return self.event.conversation_key

    @cached_property
    def nlu(self) -> nlu.Understanding:
        """The NLU's reading of the text, computed once."""
        return nlu.understand(self.text)

    @property
    def is_message(self) -> bool:
        """True for typed text or a button press."""
        return self.event.kind in (EventKind.TEXT, EventKind.PAYLOAD)

    def say(self, text: str, buttons: Sequence[Button] = ()) -> None:
        """Queue a reply."""
        self.replies.append(Reply(text, tuple(buttons)))


Handler = Callable[[Turn], None]
Matcher = Callable[[Turn], bool]


@dataclass(frozen=True)
class Route:
    """A named condition and the handler it leads to."""

    name: str
    matches: Matcher
    handle: Handler


class Router:
    """Routes in a documented order; the first match wins."""

    def __init__(self, routes: Sequence[Route]) -> None:
        self.routes = list(routes)

    def dispatch(self, turn: Turn) -> str:
        """Run the first matching route; returns its name."""
        for route in self.routes:
            if route.matches(turn):
                route.handle(turn)
                return route.name
        return ""
