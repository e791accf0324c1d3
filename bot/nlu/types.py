"""What the NLU answers: the intents and rating levels of SPEC section 8, and one message's reading."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """Intents of SPEC section 8."""

    GREETING = "greeting"
    HELP = "help"
    LOOKUP = "lookup_dossier"
    RATE = "rate_service"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    CONTACT = "contact_human"
    PROCEDURE = "procedure_info"
    THANKS = "thanks"
    UNKNOWN = "unknown"


class Rating(StrEnum):
    """Satisfaction levels used by the one-stop portals."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    DISSATISFIED = "dissatisfied"


@dataclass(frozen=True)
class Understanding:
    """What one message says: intent, dossier codes (canonical, in order) and rating.

    `confidence` is the probability that the intent is right (1.0 when a rule is certain of it); `ranking` lists
    every intent the model weighed with its probability, most likely first (the intent and its runner-ups);
    `topic` names another organisation's service the message is about ("electricity", "bank" ...).
    """

    text: str
    intent: Intent
    codes: tuple[str, ...]
    rating: Rating | None
    confidence: float = 1.0
    ranking: tuple[tuple[Intent, float], ...] = ()
    topic: str | None = None

    def runner_ups(self, floor: float = 0.0) -> tuple[Intent, ...]:
        """The other intents the model weighed, most likely first, down to a probability floor."""
        return tuple(i for i, p in self.ranking if i != self.intent and p >= floor)

    def entities(self) -> dict[str, object]:
        """SPEC section 8 entities; keys are present only when found."""
        out: dict[str, object] = {}
        if self.codes:
            out["dossier_code"] = self.codes[0]
            if len(self.codes) > 1:
                out["dossier_codes"] = list(self.codes)
        if self.rating is not None and self.intent == Intent.RATE:
            out["rating"] = self.rating.value
        return out

