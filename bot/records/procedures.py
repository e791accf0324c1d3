"""Procedure catalog: search citizens' questions, tell the asked aspect, import the catalog CSV.

Search (:func:`search`) works on folded text (no diacritics, lower case) on both sides:

1. The question is tokenised, chat abbreviations are expanded (``gplx``, ``cccd``, ``dk``),
   question and stop words are removed (``thủ tục``, ``cần gì``, ``lệ phí``, ``bao lâu`` ...).
2. Each remaining word is matched against the words of every procedure's name and keywords:
   exactly; after undoing raw Telex input (``kys`` -> ``ky``); split when glued
   (``khaisinh`` -> ``khai sinh``); or, for a typo, to catalog words one edit away
   (rapidfuzz, optimal string alignment).
3. A procedure scores the share of the question's words it covers, each word weighted by
   how rare it is in the catalog (words the catalog never uses weigh the most, so a question
   about something else covers little), plus a bonus for adjacent word pairs found together
   and a small preference for names the question covers fully.
4. Weak matches are dropped: too little coverage, or only very common words ("đăng ký", "cấp").

The catalog's words are indexed once and reused until any code, name or keywords change; a
search costs one query for those three columns and one for the rows it returns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.nlu import fold
from bot.records.models import Procedure

__all__ = [
    "ASPECTS",
    "answer_aspect",
    "document_items",
    "query_words",
    "search",
]

ASPECTS = ("documents", "fee", "duration", "where", "online")

# Minimum share of the question's (weighted) words a procedure must cover.
MIN_COVERAGE = 0.55
# Alternatives need at least this coverage as well as RELATIVE_CUT of the best score.
ALT_COVERAGE = 0.45
# Alternatives must score at least this share of the best match.
RELATIVE_CUT = 0.75
# A word is "specific" when at most this share of the catalog uses it (or at most 2 procedures).
SPECIFIC_SHARE = 0.25
FUZZY_FACTOR = 0.8
TELEX_FACTOR = 0.95
BIGRAM_BONUS = 0.3
NAME_BONUS = 0.1
PHRASE_BONUS = 0.15

_TOKEN = re.compile(r"[a-z0-9]+")

# Chat abbreviations and glued words seen in procedure questions (folded token -> folded words).
# fmt: off
_ABBREV: dict[str, str] = {
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "cmt": "chung minh nhan dan",
    "gplx": "giay phep lai xe", "gpxd": "giay phep xay dung", "gpkd": "giay phep kinh doanh",
    "llpt": "ly lich tu phap", "lltp": "ly lich tu phap", "gks": "giay khai sinh",
    "dkkd": "dang ky kinh doanh", "hkd": "ho kinh doanh", "qsdd": "quyen su dung dat",
    "gcn": "giay chung nhan", "gcnqsdd": "giay chung nhan quyen su dung dat", "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi", "ubnd": "uy ban nhan dan", "dn": "doanh nghiep", "cty": "cong ty",
    "dk": "dang ky", "dky": "dang ky", "dki": "dang ky", "dangky": "dang ky", "ki": "ky",
    "xd": "xay dung", "tt": "thu tuc", "thutuc": "thu tuc", "tthc": "thu tuc hanh chinh",
    "hs": "ho so", "hso": "ho so", "hoso": "ho so", "j": "gi", "ji": "gi", "gj": "gi",
    "ko": "khong", "k": "khong", "kh": "khong", "hok": "khong", "hong": "khong", "kg": "khong",
    "lm": "lam", "dc": "duoc", "bn": "bao nhieu", "bnh": "bao nhieu", "bh": "bao gio",
    "ntn": "nhu the nao", "mk": "minh", "mik": "minh", "t": "toi", "tui": "toi", "e": "em",
    "ad": "admin", "vs": "voi", "onl": "online", "dvc": "dich vu cong", "ls": "lam sao",
}

# Question and stop words: removed from the question before matching (folded, longest first).
_STOP_PHRASES: tuple[str, ...] = (
    "thu tuc hanh chinh", "thu tuc", "hanh chinh", "nhu the nao", "the nao", "ra sao", "lam sao",
    "bang cach nao", "cach nao", "cach lam", "huong dan", "quy trinh", "trinh tu", "cac buoc",
    "can nhung gi", "nhung gi", "can gi", "can nhung", "can co", "can phai", "can", "gi", "nao",
    "giay to", "ho so", "thanh phan", "gom", "chuan bi", "mang theo",
    "le phi", "chi phi", "phi", "bao nhieu tien", "bao nhieu ngay", "bao nhieu", "tien", "mien phi",
    "mat bao lau", "mat bao nhieu", "mat may ngay", "mat tien", "mat phi", "mat thoi gian", "het bao nhieu",
    "het may ngay", "ton bao nhieu", "thi xong", "moi xong", "xong", "bao lau", "lau khong", "may ngay",
    "bao gio", "khi nao", "thoi gian", "thoi han", "giai quyet", "ngay",
    "nop o dau", "lam o dau", "o dau", "noi nao", "cho nao", "tai dau", "di dau", "den dau", "dia chi",
    "co quan", "noi nop",
    "nop o", "lam o", "nop", "online", "truc tuyen", "qua mang", "tren mang", "dich vu cong",
    "xin hoi", "cho hoi", "muon hoi", "hoi ve", "hoi", "xin", "muon", "toi", "minh", "em", "anh", "chi",
    "ong ba", "ong",
    "admin", "oi", "a", "ah", "nhe", "nhen", "ne", "vay", "voi", "va", "hay", "hoac",
    "co the", "co", "khong", "duoc", "phai", "nhung", "cac", "mot", "la", "thi", "ma", "de", "den", "lam",
    "cho con", "cho be", "cho chau", "cua", "ve", "roi", "chua", "se", "da", "vui long", "giup",
    "dum", "xem", "biet", "cho", "tu van", "thong tin",
)
# Word pairs that contain a stop word ("cần" / "căn", "hỏi" / "hội" fold alike): never removed.
_PROTECTED: frozenset[tuple[str, str]] = frozenset({
    ("can", "cuoc"), ("can", "ngheo"), ("lam", "san"), ("lam", "nghiep"), ("den", "bu"), ("co", "cong"),
    ("nop", "thue"), ("chi", "tra"), ("xa", "hoi"), ("lap", "hoi"), ("hiep", "hoi"), ("hoi", "dong"),
})
# fmt: on

_MAX_STOP_LEN = max(len(p.split()) for p in _STOP_PHRASES)
_STOPS: frozenset[tuple[str, ...]] = frozenset(tuple(p.split()) for p in _STOP_PHRASES)
_TELEX_PAIRS = (("dd", "d"), ("aw", "a"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u"))
KEYWORD_SPLIT = re.compile(r"[,;|\n]+")
# A possible Vietnamese syllable without tones: a real word, so only corrected when a neighbour
# confirms the correction ("khai xinh" -> "khai sinh", but "cá sấu" stays).
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3}(?:ng|[cmnpt])?|[aeiouy]{0,2}[aeiy](?:nh|ch))"
)


def _tokens(text: str) -> list[str]:
    """Folded, abbreviation-expanded tokens of any text."""
    out: list[str] = []
    for tok in _TOKEN.findall(fold(text)):
        out.extend(_ABBREV.get(tok, tok).split())
    return out


def _drop_stops(tokens: Sequence[str], keep_letters: bool = False) -> list[str]:
    """Tokens without stop phrases (longest match first) and, unless kept, single letters."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tuple(tokens[i : i + 2]) in _PROTECTED:
            out.extend(tokens[i : i + 2])
            i += 2
            continue
        for n in range(min(_MAX_STOP_LEN, len(tokens) - i), 0, -1):
            if tuple(tokens[i : i + n]) in _STOPS:
                i += n
                break
        else:
            if keep_letters or len(tokens[i]) > 1:
                out.append(tokens[i])
            i += 1
    return out


def is_syllable(word: str) -> bool:
    """A folded word that is one ordinary Vietnamese syllable ("tam", "cap"), not an acronym or glued words."""
    return _SYLLABLE.fullmatch(word) is not None


def query_words(query: str) -> list[str]:
    """The words of a question that can name a procedure (folded, no question or stop words)."""
    return _drop_stops(_tokens(query))


# ------------------------------------------------------------------------- aspects

_ASPECT_RES: dict[str, re.Pattern[str]] = {
    "documents": re.compile(
        r"^(?:giay to|thanh phan)\b"
        r"|\b(?:giay to (?:gi|nao|can|gom|nhung gi|can thiet|de|lam|xin)|(?:nhung|cac) giay to|"
        r"ho so (?:gom|can|co gi|co nhung)|"
        r"thanh phan ho so|can (?:nhung |co |phai |mang |mang theo |chuan bi |nop )?(?:nhung |cac )?(?:gi|giay)|"
        r"nhung gi|chuan bi|mang theo|gom (?:nhung |co )?(?:gi|giay)|mau don|to khai)\b"
    ),
    "fee": re.compile(
        r"\b(?:le phi|phi|chi phi|(?:bao nhieu|het|mat|ton|tra|dong|nop|may) (?:bao nhieu )?tien|"
        r"(?:het|ton|mat) bao nhieu(?! ngay| lau| thoi gian| tuan| thang)|mien phi|gia bao nhieu)\b"
    ),
    "duration": re.compile(
        r"\b(?:bao lau|may ngay|bao nhieu ngay|thoi gian|thoi han|lau khong|mat (?:bao nhieu )?(?:ngay|tuan|thang)|"
        r"(?:bao gio|khi nao|may gio|luc nao) (?:thi )?(?:co|xong|lay|nhan))\b"
    ),
    "where": re.compile(
        r"\b(?:o dau|noi nao|cho nao|tai dau|di dau|den dau|dia chi|co quan nao|noi nop|(?:nop|lam) (?:o|tai))\b"
    ),
    "online": re.compile(
        r"\b(?:online|truc tuyen|qua mang|tren mang|dich vu cong|qua dien thoai|tai nha|qua internet|"
        r"khong can den|khong phai den)\b"
    ),
}


def answer_aspect(query: str) -> str:
    """Which aspect a question asks for: documents, fee, duration, where, online, or all."""
    words = " ".join(_tokens(query))
    first: tuple[int, str] | None = None
    for aspect, pattern in _ASPECT_RES.items():
        m = pattern.search(words)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), aspect)
    return first[1] if first else "all"


# -------------------------------------------------------------------------- index


@dataclass(frozen=True)
class _Entry:
    """One procedure's folded words."""

    code: str
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    name_words: frozenset[str]
    phrases: frozenset[str]


@dataclass(frozen=True)
class _Index:
    """Every procedure's words, and how many procedures use each word."""

    entries: tuple[_Entry, ...]
    df: dict[str, int]
    vocab: tuple[str, ...]
    bigrams: frozenset[tuple[str, str]]

    @property
    def n(self) -> int:
        """Number of procedures."""
        return len(self.entries)

    def idf(self, word: str | None) -> float:
        """Rarity weight; a word no procedure uses weighs the most."""
        df = self.df.get(word, 0) if word else 0
        return math.log(1 + self.n / (df if df else 0.5))

    def specific(self, word: str) -> bool:
        """True when few procedures use the word."""
        return self.df.get(word, 0) <= max(2, SPECIFIC_SHARE * self.n)


def _build_index(rows: Iterable[tuple[str, str, str]]) -> _Index:
    """Index (code, name, keywords) rows."""
    entries: list[_Entry] = []
    df: dict[str, int] = {}
    for code, name, keywords in rows:
        name_words = _tokens(name)
        words = set(name_words)
        bigrams = set(zip(name_words, name_words[1:], strict=False))
        phrases = {" ".join(name_words)}
        for phrase in KEYWORD_SPLIT.split(keywords or ""):
            toks = _tokens(phrase)
            words.update(toks)
            bigrams.update(zip(toks, toks[1:], strict=False))
            phrases.add(" ".join(toks))
        entries.append(_Entry(code, frozenset(words), frozenset(bigrams), frozenset(name_words), frozenset(phrases)))
        for w in words:
            df[w] = df.get(w, 0) + 1
    all_bigrams = frozenset(b for e in entries for b in e.bigrams)
    return _Index(tuple(entries), df, tuple(sorted(df)), all_bigrams)


_cache: tuple[int, _Index] | None = None


def _index(session: Session) -> _Index:
    """The catalog index, rebuilt only when a code, name or keywords changed (one query)."""
    global _cache
    rows = tuple(
        (str(c), str(n), str(k or ""))
        for c, n, k in session.execute(select(Procedure.code, Procedure.name, Procedure.keywords)).tuples()
    )
    key = hash(rows)
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    index = _build_index(rows)
    _cache = (key, index)
    return index


# ------------------------------------------------------------------------- search


@dataclass(frozen=True)
class _Term:
    """One question word and the catalog words it may stand for."""

    alts: frozenset[str]
    factor: float
    weight: float
    specific: bool


def _untelex(word: str) -> str:
    """Undo raw Telex input: doubled vowels, w-marks and a trailing tone letter."""
    for a, b in _TELEX_PAIRS:
        word = word.replace(a, b)
    if len(word) > 2 and word[-1] in "sfrxj":
        word = word[:-1]
    return word


def _segment(word: str, index: _Index) -> list[str] | None:
    """Split a glued word into catalog words ("khaisinh" -> khai sinh), else None."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(2, n + 1):
        for start in range(max(0, end - 7), end - 1):
            head = best[start]
            piece = word[start:end]
            if head is not None and piece in index.df:
                cand = [*head, piece]
                current = best[end]
                if current is None or len(cand) < len(current):
                    best[end] = cand
    result = best[n]
    return result if result is not None and len(result) > 1 else None


def _fuzzy(word: str, index: _Index, max_dist: int) -> set[str]:
    """Catalog words at most `max_dist` edits away (rapidfuzz, optimal string alignment)."""
    found = process.extract(word, index.vocab, scorer=OSA.distance, score_cutoff=max_dist, limit=None)
    return {cand for cand, _dist, _ in found}


def _terms(words: Sequence[str], index: _Index) -> list[_Term]:
    """Match the question's words to catalog words."""
    unknown = _Term(frozenset(), 0.0, index.idf(None), False)

    def exact(word: str, factor: float = 1.0) -> _Term:
        return _Term(frozenset({word}), factor, index.idf(word), index.specific(word))

    def fuzzy(alts: set[str]) -> _Term:
        weight = max(index.idf(a) for a in alts)
        return _Term(frozenset(alts), FUZZY_FACTOR, weight, any(index.specific(a) for a in alts))

    terms: list[_Term] = []
    pending: list[tuple[int, str]] = []  # real syllables the catalog lacks: corrected only in context
    for word in words:
        if word in index.df:
            terms.append(exact(word))
            continue
        telex = _untelex(word)
        if telex != word and telex in index.df:
            terms.append(exact(telex, TELEX_FACTOR))
            continue
        pieces = _segment(word, index) if len(word) >= 5 else None
        if pieces:
            terms.extend(exact(p) for p in pieces)
            continue
        if len(word) >= 3 and not _SYLLABLE.fullmatch(word):
            alts = {a for a in _fuzzy(word, index, 2 if len(word) >= 8 else 1) if len(a) >= 3}
            if len(word) < 5:
                alts = {a for a in alts if a[0] == word[0]}
            terms.append(fuzzy(alts) if alts else unknown)
            continue
        pending.append((len(terms), word))
        terms.append(unknown)
    for i, word in pending:
        before = terms[i - 1].alts if i > 0 else frozenset()
        after = terms[i + 1].alts if i + 1 < len(terms) else frozenset()
        alts = {
            a
            for a in _fuzzy(word, index, 1)
            if any((b, a) in index.bigrams for b in before) or any((a, c) in index.bigrams for c in after)
        }
        if alts:
            terms[i] = fuzzy(alts)
    return terms


def _score(entry: _Entry, terms: Sequence[_Term], total: float) -> tuple[float, bool]:
    """(score, matched a specific word) of one procedure."""
    got = 0.0
    specific = False
    matched_name: set[str] = set()
    for t in terms:
        hit = t.alts & entry.words
        if hit:
            got += t.weight * t.factor
            specific = specific or t.specific
            matched_name |= hit & entry.name_words
    if got == 0.0:
        return 0.0, False
    score = got / total
    pairs = list(zip(terms, terms[1:], strict=False))
    if pairs:
        found = sum(1 for a, b in pairs if any((x, y) in entry.bigrams for x in a.alts for y in b.alts))
        score += BIGRAM_BONUS * found / len(pairs)
    if entry.name_words:
        score += NAME_BONUS * len(matched_name) / len(entry.name_words)
    if all(len(t.alts) == 1 for t in terms) and " ".join(next(iter(t.alts)) for t in terms) in entry.phrases:
        score += PHRASE_BONUS
    return score, specific


def search(session: Session, query: str, limit: int = 3) -> list[Procedure]:
    """The catalog procedures a citizen's question names, best first; [] when none fits well."""
    words = _drop_stops(_tokens(query), keep_letters=True)
    if not words or limit <= 0:
        return []
    index = _index(session)
    if not index.entries:
        return []
    terms = _terms(words, index)
    total = sum(t.weight for t in terms)
    scored: list[tuple[float, str]] = []
    for entry in index.entries:
        score, specific = _score(entry, terms, total)
        if specific and score >= ALT_COVERAGE:
            scored.append((score, entry.code))
    scored.sort(key=lambda sc: (-sc[0], sc[1]))
    if not scored or scored[0][0] < MIN_COVERAGE:
        return []
    floor = scored[0][0] * RELATIVE_CUT
    codes = [code for score, code in scored if score >= floor][:limit]
    rows = {p.code: p for p in session.scalars(select(Procedure).where(Procedure.code.in_(codes)))}
    return [rows[c] for c in codes if c in rows]


# ------------------------------------------------------------------------- documents

_BULLET = re.compile(r"^\s*(?:[-•*+·–]|\d{1,2}[.)])\s*")


def document_items(documents: str) -> list[str]:
    """The items of a documents cell: one per line, or split at ";" when written on one line."""
    text = (documents or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    parts = text.split("\n") if "\n" in text else text.split(";")
    return [item for item in (_BULLET.sub("", p).strip() for p in parts) if item]


