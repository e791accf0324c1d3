"""What handlers say, free of any platform."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A choice. `payload` is what comes back when pressed; typing it works the same. `survey` marks a request
    for feedback, which some platforms forbid outside a conversation (Messenger's tagged messages)."""

    title: str
    payload: str = ""
    url: str = ""
    survey: bool = False

    @property
    def value(self) -> str:
        """The payload, defaulting to the title."""
        return self.payload or self.title


@dataclass(frozen=True)
class Reply:
    """One message to the user: text and optional buttons."""

    text: str
    buttons: tuple[Button, ...] = ()


def split_text(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` chars, at paragraph, line or word breaks."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 3:
                cut += len(sep) if sep == ". " else 0
                break
        if cut <= 0:
            cut = limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks
