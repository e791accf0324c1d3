"""The dossier-code grammar of SPEC section 6 (a grammar, not a list of examples)."""

from __future__ import annotations

import re

from bot.nlu.normalise import fold

# --------------------------------------------------------------------- dossier codes

# Agency part: 2-4 dot-separated groups, exactly one of them a letter + 2 digits (the
# province group, e.g. H59), the others 1-3 digits; then the 6-digit receipt date and the
# sequence number. Spaces may surround the dots and dashes, and a comma may be typed for a dot.
# Works on folded text. `canonical_code` (one code given alone, as the push API and imports
# do) accepts this; inside a message only the three printed forms of SPEC section 6 count, with
# their group widths: AAA.BB.CC.HNN, BB.CC.HNN and HNN.BB.CC, and a 4-digit sequence.
_DOT = r"\s*[.,]\s*"
_DASH = r"\s*[-\u2010-\u2015\u2212_]\s*"
_CODE_RE = re.compile(
    rf"(?<![\d.,])(?<!\b[a-z])((?:\d{{1,3}}{_DOT}){{0,3}}[a-z]\d\d(?:{_DOT}\d{{1,3}}){{0,3}})"
    rf"{_DASH}(\d{{6}}){_DASH}(\d{{4,5}})(?!\d)",
    re.IGNORECASE,
)
# Speech-to-text splits long numbers into groups ("250 228 - 00 15") or reads them digit by digit ("h 5 9 . 3 1"):
# single spaces may fall between any two digits of a group.
_PRINTED_RE = re.compile(
    rf"(?<![\d.])(?<!\b[a-z])((?:\d ?\d ?\d{_DOT})?\d ?\d{_DOT}\d ?\d{_DOT}[a-z] ?\d ?\d"
    # a letter dictated apart from its digits is a word of its own ("h 59"), not the end of one ("biên nhận 59...")
    rf"|(?:\b[a-z] |[a-z])\d ?\d{_DOT}\d ?\d{_DOT}\d ?\d)"
    rf"{_DASH}(\d(?: ?\d){{5}}){_DASH}(\d(?: ?\d){{3}})(?!\d)",
    re.IGNORECASE,
)
# a comma after a short group of digits: the match would start inside a code ("1000,00,15,H59-...")
_INSIDE_A_CODE = re.compile(r"(?:^|[^\d-])\d{1,3}\s*,\s*$")
_GROUP_SPLIT = re.compile(_DOT)
# every code has its 6-digit date (spaces aside) between dashes: a text without one is searched no further
_DATE_HINT = re.compile(r"[-\u2010-\u2015\u2212_]\s*\d(?: ?\d){5}\s*[-\u2010-\u2015\u2212_]")


def _code_from_match(m: re.Match[str]) -> str | None:
    """Canonical code of a regex match, or None when the agency part has a wrong shape."""
    groups = [g.replace(" ", "") for g in _GROUP_SPLIT.split(m.group(1))]
    if not 2 <= len(groups) <= 4:
        return None
    date, number = m.group(2).replace(" ", ""), m.group(3).replace(" ", "")
    return f"{'.'.join(groups).upper()}-{date}-{number}"


def canonical_code(raw: str) -> str | None:
    """One code in any SPEC section 6 form -> canonical (upper case, no spaces), else None."""
    m = _CODE_RE.fullmatch(fold(raw).strip())
    return _code_from_match(m) if m else None


# a dot said in words between a code's groups, as voice typing writes it ("000 chấm 00 chấm 20 chấm h59 - ...")
_SPOKEN_DOT = re.compile(r"(?<=\d) (?:cham|dot) (?=(?:[a-z] ?)?\d)")


def take_codes(folded: str) -> tuple[list[str], str]:
    """Codes of a folded text (canonical, in order, unique) and the text without them; dots said as "chấm" count
    where they make more codes."""
    codes, rest = _take_codes(folded)
    if " cham " in folded or " dot " in folded:
        spoken = _SPOKEN_DOT.sub(".", folded)
        if spoken != folded and len((more := _take_codes(spoken))[0]) > len(codes):
            return more
    return codes, rest


def _take_codes(folded: str) -> tuple[list[str], str]:
    """Codes of a folded text (canonical, in order, unique) and the text without them."""
    if not _DATE_HINT.search(folded):  # no date between dashes: no code
        return [], folded
    return _take_codes_whole(folded)


def _take_codes_whole(folded: str) -> tuple[list[str], str]:
    """`_take_codes` by the full grammar."""
    codes: list[str] = []

    def cut(m: re.Match[str]) -> str:
        code = _code_from_match(m)
        if code is None or _INSIDE_A_CODE.search(folded, 0, m.start()):
            return m.group(0)
        if code not in codes:
            codes.append(code)
        return " "

    rest = _PRINTED_RE.sub(cut, folded)
    return codes, rest


# What is left of a code that does not parse (smudged, cut short, a part missing): the province group with
# digit groups beside it ("h59.25-250410-0033", "000.00.20.H59-2506-0009", "H59.25.31-2507...").
_FRAGMENT_RE = re.compile(
    r"(?:\b\d{2,3}\s*[.,]\s*)+h\d\d\b|\bh\d\d\s*[.,-]\s*\d|\b\d{6}\s*-\s*\d{3,5}\b|\bh\d\d(?:\s+\d{2}){2}\b",
    re.IGNORECASE,
)


# the whole piece: the province group and the digit groups and marks around it
_FRAGMENT_RUN = re.compile(
    r"(?:\d+\s*[.,\-_]\s*)*\bh\d\d\b(?:\s*[.,\-_\u2026]+\s*\d*|\s+\d+\b)*|\b\d{6}\s*-\s*\d{3,5}\b", re.IGNORECASE
)


_TWO_DIGITS = re.compile(r"\d\d")  # every piece has two digits in a row: a text without them is searched no further


def has_fragment(folded: str) -> bool:
    """The text (its codes taken out) still holds a piece of a dossier code."""
    return _TWO_DIGITS.search(folded) is not None and _FRAGMENT_RE.search(folded) is not None


def cut_fragments(folded: str) -> tuple[bool, str]:
    """Whether the text holds a piece of a code, and the text without it (its digits are no words)."""
    if not has_fragment(folded):
        return False, folded
    return True, _FRAGMENT_RUN.sub(" ", folded)


def extract_codes(text: str) -> list[str]:
    """All dossier codes in a message, canonical, in order of appearance, de-duplicated."""
    return take_codes(fold(text))[0]
