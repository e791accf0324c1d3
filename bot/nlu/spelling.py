"""Typo tolerance: keywords mended from one-edit typos, then the words the rules read (`normalised_words`)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.nlu.english import WORDS as ENGLISH
from bot.nlu.english import spell_out
from bot.nlu.guarded import Family
from bot.nlu.memo import Memo
from bot.nlu.normalise import ABBREV, PHONE_RE, REWRITES, latin_khmer, token_runs
from bot.nlu.rules import RATING_NEG, RATING_TOPIC, RATING_VERY, RULES, UNSUB_RE

# ------------------------------------------------------------------- typo tolerance

_ESCAPES = re.compile(r"\\[a-zA-Z]|\(\?[<=!:]*")
_VOCAB_SOURCES: tuple[str, ...] = (
    *(p.pattern for p, _ in RULES),
    *(p.pattern for p in (UNSUB_RE, RATING_NEG, RATING_VERY, RATING_TOPIC)),
    *ABBREV.values(),
    "sdtnum",
)
_VOCAB: frozenset[str] = frozenset(
    w for src in _VOCAB_SOURCES for w in re.findall(r"[a-z]+", _ESCAPES.sub(" ", src))
)
# Deletion index (SymSpell style): every vocabulary word of 3+ letters and its 1-deletions.
_DELETES: dict[str, tuple[str, ...]] = {}
for _w in sorted({w for w in _VOCAB if len(w) >= 3} | {k for k in ABBREV if len(k) >= 5}):
    for _d in {_w} | {_w[:i] + _w[i + 1:] for i in range(len(_w))}:
        _DELETES[_d] = (*_DELETES.get(_d, ()), _w)
del _w, _d

# A possible Vietnamese syllable without tones: real words, never typo-corrected.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:oai|oay|oeo|uoi|uou|uya|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ua|ue|uy|oa|oe|[aeiouy]"
    r"|(?:uye|ie|ye|uo|oa|oe|ua|ue|uy|[aeiouy])(?:ng|[cmnpt])|(?:oa|ue|uy|[aeiy])(?:nh|ch))"
)
_RUNS = re.compile(r"([a-z])\1+")
_RUNS3 = re.compile(r"([a-z])\1\1+")


def _edit_rank(token: str, word: str) -> int:
    """How a word one edit away relates to the token: 0 swap, 1 omission, 2 extra letter, 3 other, 9 none."""
    if len(token) == len(word):
        if sorted(token) == sorted(word):
            return 0
        return 3 if sum(a != b for a, b in zip(token, word, strict=True)) == 1 else 9
    short, long_ = (token, word) if len(token) < len(word) else (word, token)
    if len(long_) - len(short) != 1:
        return 9
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    if short[i:] != long_[i + 1 :]:
        return 9
    return 1 if short is token else 2


def _mend(token: str) -> str:
    """Expand an abbreviation, or fix a one-edit typo of a keyword; else the token itself."""
    if token in ABBREV:
        return ABBREV[token]
    if token in ENGLISH:
        return token
    if token in _VOCAB or token.isdigit() or len(token) < 3 or _SYLLABLE.fullmatch(token):
        return token
    if _RUNS.search(token):  # elongation: "cam onnn", "xin chaooo", "chuaa", "okkk"
        for short in (_RUNS.sub(r"\1", token), _RUNS3.sub(r"\1\1", token)):
            if short in _VOCAB or (short in ABBREV and len(short) >= 3):
                return ABBREV.get(short, short)
    candidates: set[str] = set(_DELETES.get(token, ()))
    for i in range(len(token)):
        candidates.update(_DELETES.get(token[:i] + token[i + 1 :], ()))
    ranked = sorted((_edit_rank(token, w), w) for w in candidates)
    best = [w for rank, w in ranked if rank == ranked[0][0] < 9] if ranked else []
    if len(best) != 1 or (len(token) < 4 and ranked[0][0] != 1):  # 3 letters: only a missing letter
        return token
    return ABBREV.get(best[0], best[0])


_MENDED = Memo(_mend, 50_000)

# Keyword bigrams ("thong bao", "nhan vien" ...): a neighbour that is one keyword syllable
# lets a real-looking typo of the other one be mended ("tat tong bao", "gap nan vien").
_BIGRAMS: frozenset[tuple[str, str]] = frozenset(
    (seg[i], seg[i + 1])
    for src in _VOCAB_SOURCES
    for seg in (part.split() for part in re.split(r"[^a-z ]+", _ESCAPES.sub("|", src)))
    for i in range(len(seg) - 1)
)
_LEFT: dict[str, frozenset[str]] = {}
_RIGHT: dict[str, frozenset[str]] = {}
for _a, _b in _BIGRAMS:
    _LEFT[_b] = _LEFT.get(_b, frozenset()) | {_a}
    _RIGHT[_a] = _RIGHT.get(_a, frozenset()) | {_b}
del _a, _b
# Common short words that are never "mended" from context.
# fmt: off
_STABLE = frozenset({
    "cho", "co", "ma", "la", "da", "toi", "minh", "em", "anh", "chi", "ban", "the", "nao", "gi", "khi", "roi",
    "con", "cua", "voi", "duoc", "khong", "chua", "nay", "do", "day", "ve", "vao", "ra", "len", "di", "den",
    "tu", "tai", "va", "hay", "nhung", "cac", "mot", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi",
    "sao", "vay", "nha", "nhe", "lam", "qua", "rat", "hon", "thi", "moi", "bi", "can", "phai", "xin", "hoi",
    "biet", "muon", "xem", "cung", "van", "nua", "ai", "thuong", "ong", "bac", "chu", "chau", "tra",
})
# fmt: on


# letters side by side on a phone's keyboard (QWERTY rows): one typed for the other is a slip of the finger
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = frozenset((r[i], r[i + 1]) for r in _ROWS for i in range(len(r) - 1)) | frozenset(
    (r[i + 1], r[i]) for r in _ROWS for i in range(len(r) - 1)
)


def _pair_rank(word: str, option: str) -> int:
    """`_edit_rank`, with a letter typed for its neighbour on the keyboard ("hai lonh") ranked with an extra one: in a
    word of four letters or more that is no abbreviation or English word, mended into a Vietnamese syllable ("mst",
    "you gave" stay)."""
    rank = _edit_rank(word, option)
    # the same length, one letter other
    if rank == 3 and len(word) >= 4 and word not in ABBREV and word not in ENGLISH and _SYLLABLE.fullmatch(option):
        return 2 if next((a, b) for a, b in zip(word, option, strict=True) if a != b) in _NEIGHBOURS else 3
    return rank


def _closest(word: str, options: frozenset[str]) -> str | None:
    """The one option a swap, missing or extra letter away from word, or a letter typed for its neighbour on the
    keyboard (fewest-change kind first); a word that is a syllable of its own is not cut short or changed ("bắt mang"
    stays, not "bất mãn")."""
    # a swap, a missing or an extra letter changes the length by one at most: no other option can be the one
    n = len(word)
    ranked = sorted([(_pair_rank(word, w), w) for w in options if len(w) >= 3 and n - 1 <= len(w) <= n + 1])
    if not ranked or ranked[0][0] > 2 or ranked[0][0] == 2 and _SYLLABLE.fullmatch(word):
        return None
    best = [w for rank, w in ranked if rank == ranked[0][0]]
    return best[0] if len(best) == 1 else None


@lru_cache(maxsize=8192)
def _mend_pair(a: str, b: str, a_free: bool, b_free: bool) -> tuple[str, str]:
    """Mend one free side of a word pair into a keyword bigram ("tong bao" -> "thong bao")."""
    if (a, b) in _BIGRAMS:
        return a, b
    if a_free and _mendable(a, b) and (fit := _closest(a, _LEFT.get(b, frozenset()))):
        return fit, b
    if b_free and _mendable(b, a) and (fit := _closest(b, _RIGHT.get(a, frozenset()))):
        return a, fit
    return a, b


def _long(word: str) -> bool:
    """A word neither short nor common: one that may be mended, or mend its neighbour."""
    return len(word) >= 3 and word not in _STABLE


def _mendable(word: str, anchor: str) -> bool:
    """A word may be mended from its neighbour: neither is a common short word."""
    return _long(word) and _long(anchor)


_REWRITES = Family([p for p, _ in REWRITES])
# a phone number read out digit by digit to voice typing ("số không chín một hai ba bốn năm sáu bảy tám")
_DIGIT_WORDS = ("khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "linh", "le")
_SPOKEN_NUMBER = re.compile(rf"\b(?:(?:{'|'.join(_DIGIT_WORDS)})\b[ ,.\-]*){{8,}}")
_SPOKEN_DIGIT = frozenset(_DIGIT_WORDS).__contains__
_DIGIT = re.compile(r"\d")

# A level given after a label or as a clause of its own is a level, not the survey's name: "đánh giá: hài
# lòng", "..., đánh giá hài lòng" (folded text, before its punctuation goes).
_LEVEL_LABEL = re.compile(
    r"\b(danh gia|dg|rating|rate|feedback|y kien|nhan xet|cham diem|cham)\s*[:=]\s*"
    r"|(?<=[,.;!?])\s*(danh gia|dg)\s+(?=(?:rat |qua |hoi |kha )?(?:hai long|hl|rhl|khl|vua long)\b)"
)


def readable_words(folded: str) -> int:
    """How many words of a folded text read as Vietnamese syllables, chat abbreviations or English words: none
    or one in "asdfgh", "qwerty", "jjkk"."""
    return sum(
        1
        for t in token_runs(folded)
        if not t.isdigit() and (t in ABBREV or t in ENGLISH or t in _VOCAB or _SYLLABLE.fullmatch(t))
    )


def _may_mend(pair: tuple[str, str]) -> bool:
    """A pair of words `_mend_pairs` may change: beside a side of a keyword pair, not one already, both long, and one
    of them a typo of a word that makes the pair (`_mend_pair` with both sides free mends it)."""
    a, b = pair
    return (
        (b in _LEFT or a in _RIGHT)
        and pair not in _BIGRAMS
        and _long(a)
        and _long(b)
        and _mend_pair(a, b, True, True) != pair
    )


_MAY_MEND = Memo(_may_mend, 100_000)  # by pair of words


def _mend_pairs(tokens: list[str]) -> str:
    """The words joined, a pair mended into a keyword bigram where one of its words is a typo (`_mend_pair`)."""
    # a word already in a keyword bigram with one neighbour is never changed for the other
    held = [False] * len(tokens)
    for i, pair in enumerate(zip(tokens, tokens[1:])):  # noqa: B905 - one shorter by design
        if pair in _BIGRAMS:
            held[i] = held[i + 1] = True
    # a pair is mended only when both its words are long and not common (`_mendable`)
    long_ = list(map(_long, tokens))
    for i in range(len(tokens) - 1):
        if held[i] and held[i + 1]:
            continue
        pair = (tokens[i], tokens[i + 1])
        # only a word next to one side of a keyword pair can be mended into the other side
        if pair not in _BIGRAMS and long_[i] and long_[i + 1] and (pair[1] in _LEFT or pair[0] in _RIGHT):
            pair = _mend_pair(pair[0], pair[1], not held[i], not held[i + 1])
            long_[i], long_[i + 1] = _long(pair[0]), _long(pair[1])
        if pair in _BIGRAMS:
            tokens[i], tokens[i + 1] = pair
            held[i] = held[i + 1] = True
    return " ".join(tokens)


def normalised_words(folded: str) -> str:
    """Folded text (codes already removed) -> normalised words joined by single spaces."""
    folded = latin_khmer(spell_out(folded))
    if _DIGIT.search(folded):
        folded = PHONE_RE.sub(" sdtnum ", folded)
    found = token_runs(folded)
    if sum(map(_SPOKEN_DIGIT, found)) >= 8:  # what a number read out digit by digit needs, before it is looked for
        folded = _SPOKEN_NUMBER.sub(" sdtnum ", folded)
        found = token_runs(folded)
    if ":" in folded or "=" in folded or "danh gia" in folded or "dg" in folded:
        folded = _LEVEL_LABEL.sub(lambda m: f" {m[1] or m[2]} la ", folded)
        found = token_runs(folded)
    tokens = " ".join(map(_MENDED.__getitem__, found)).split()
    # only a pair that could be mended on its own is where the words may change: most messages have none
    pairs = zip(tokens, tokens[1:])  # noqa: B905 - one shorter by design
    text = _mend_pairs(tokens) if any(map(_MAY_MEND.__getitem__, pairs)) else " ".join(tokens)
    k = _REWRITES.first(text)
    while k is not None:
        pattern, repl = REWRITES[k]
        text = pattern.sub(repl, text)
        k = _REWRITES.first(text, k + 1)
    return " ".join(text.split()) if "  " in text or text[:1] == " " or text[-1:] == " " else text
