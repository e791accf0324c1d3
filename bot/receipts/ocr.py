"""The printed code read by Tesseract (Debian's tesseract-ocr with tesseract-ocr-vie), allowing for its misreadings."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from functools import cache

from PIL import Image

from bot.nlu import canonical_code

log = logging.getLogger(__name__)

TESSERACT = "tesseract"
LANGUAGES = ("vie", "eng")  # the receipt is Vietnamese; English data reads the code as well if vie is missing
# Letters Tesseract puts for digits in the code's number groups.
AS_DIGIT = str.maketrans({
    "O": "0", "o": "0", "Q": "0", "D": "0", "U": "0", "°": "0",
    "I": "1", "l": "1", "|": "1", "!": "1", "i": "1", "J": "1", "]": "1", "[": "1", "L": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "$": "5", "B": "8", "G": "6", "b": "6", "T": "7", "g": "9", "q": "9",
    "A": "4",
})
# Letters that are just as likely a misread digit: the province letter is taken from another group first.
DIGIT_LIKE = frozenset("OoQDUIlLiJZzSsBGbTgqA")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212_~=](?:\s*[-\u2010-\u2015\u2212_~=])*\s*")
_DOTS = re.compile(r"\s*[.,\u00b7](?:\s*[.,\u00b7])*\s*")
_CHAR = r"[0-9A-Za-z|!\]\[$°]"
# Agency groups joined by dots, the receipt date and the number, once the separators are made plain.
_CANDIDATE = re.compile(
    rf"(?<![0-9A-Za-z.])({_CHAR}{{1,3}}(?:\.{_CHAR}{{1,3}}){{1,3}})-({_CHAR}{{6}})-({_CHAR}{{4,5}})(?![0-9])"
)


@cache
def language() -> str:
    """The `-l` argument: the first of LANGUAGES installed, "" when Tesseract or its data is missing."""
    if shutil.which(TESSERACT) is None:
        log.warning("tesseract is not installed: receipts are read from QR codes and barcodes only")
        return ""
    try:
        listed = subprocess.run(
            [TESSERACT, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return ""
    have = [lang for lang in LANGUAGES if lang in listed]
    if not have:
        log.warning("tesseract has neither Vietnamese nor English data: receipts are read from QR codes only")
    return have[0] if have else ""


def available() -> bool:
    """True when Tesseract and its language data are installed."""
    return bool(language())


def read_text(image: Image.Image, timeout_s: float) -> str:
    """Tesseract's text of a grey image ("" when it fails or runs out of time); the image goes by a pipe, no file."""
    lang = language()
    if not lang or timeout_s <= 0.05:
        return ""
    png = io.BytesIO()
    image.save(png, "PNG", compress_level=1)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per reading: readings of other users run beside it
    try:
        done = subprocess.run(
            [TESSERACT, "stdin", "stdout", "-l", lang, "--psm", "3"],
            input=png.getvalue(),
            capture_output=True,
            timeout=timeout_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log.info("tesseract stopped after %.1f s", timeout_s)
        return ""
    except OSError as exc:
        log.warning("tesseract could not run: %s", exc)
        return ""
    return done.stdout.decode("utf-8", "replace")


def codes_in_text(text: str) -> list[str]:
    """Dossier codes in OCR output, canonical, in order: misread digits mended, the province letter kept."""
    found: list[str] = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        line = _DOTS.sub(".", _DASHES.sub("-", line))
        for m in _CANDIDATE.finditer(line):
            code = _mend(m.group(1).split("."), m.group(2), m.group(3))
            if code and code not in found:
                found.append(code)
    return found


def _mend(groups: list[str], date: str, number: str) -> str | None:
    """The canonical code of a candidate's parts, or None when they cannot be one."""
    date, number = date.translate(AS_DIGIT), number.translate(AS_DIGIT)
    if not (date.isdigit() and number.isdigit()) or not (1 <= int(date[2:4]) <= 12 and 1 <= int(date[4:]) <= 31):
        return None
    letter_groups = [i for i, g in enumerate(groups) if len(g) == 3 and g[0].isalpha()]
    surely = [i for i in letter_groups if groups[i][0] not in DIGIT_LIKE]
    ends = [i for i in letter_groups if i in (0, len(groups) - 1)]
    picks = surely or ends[::-1]  # a letter that is no misread digit; else the last group, then the first
    if not picks:
        return None
    pick = picks[0]
    parts = []
    for i, group in enumerate(groups):
        if i == pick:
            parts.append(group[0].upper() + group[1:].translate(AS_DIGIT))
        else:
            parts.append(group.translate(AS_DIGIT))
    return canonical_code(f"{'.'.join(parts)}-{date}-{number}")

