"""What a receipt photo said: the types the conversation sees, with none of the readers' imports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class How(StrEnum):
    """Where the code was read."""

    SYMBOL = "symbol"  # a QR code or barcode: error-checked, shown at once
    TEXT = "text"  # the printed line, by OCR: asked back before the card


class Problem(StrEnum):
    """Why no code came out of a photo."""

    UNREACHABLE = "unreachable"  # the image could not be downloaded (link expired, host not allowed, too slow)
    TOO_LARGE = "too_large"  # over the size limit
    NOT_AN_IMAGE = "not_an_image"  # the bytes are no photo
    NO_CODE = "no_code"  # a photo, but no dossier code could be read on it


@dataclass(frozen=True)
class Reading:
    """What a photo said: a code and how it was read, or the problem."""

    code: str = ""
    how: How | None = None
    problem: Problem | None = None
    seconds: float = 0.0
