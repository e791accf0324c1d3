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
    """What one message says: intent, dossier codes (canonical, in order) and rating."""

    text: str
    intent: Intent
    codes: tuple[str, ...]
    rating: Rating | None

    def entities(self) -> dict[str, object]:
        """SPEC section 8 entities; keys are present only when found."""
        out: dict[str, object] = {}
        if self.codes:
            out["dossier_code"] = self.codes[0]
            if len(self.codes) > 1:
                out["dossier_codes"] = list(self.codes)
        if self.rating is not None:
            out["rating"] = self.rating.value
        return out

