"""Regular expressions that look only where a match could start.

Python's `re` tries a pattern at every position of the text, each alternative in turn: a keyword family of fifty
alternatives costs fifty attempts at every word. `guarded` splits a pattern into its top-level alternatives and
reads, from each one's syntax tree, the first words its matches start with when it starts at a word (`\\b` or `^`
first). A search then takes the words of the text, looks them up, and tries only the alternatives that start with
one of them, at that word (`match` at the word, so lookbehinds still see the whole text). The alternatives whose
first word cannot be told are searched as one regex, as before. The answer is the same as `re.search`'s
(tests/nlu/test_guarded.py checks it on every labelled message); `Family` answers which of several patterns, in an
order of precedence, is the first to match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_WORDS = re.compile(r"\w+")
_MAX_WORDS = 400
Word = tuple[str, bool]  # a first word, or the first letters of one (False: the word may go on)


def _alternatives(pattern: str) -> list[str]:
    """The pattern split at its top-level bars."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _open(partial: str) -> set[Word] | None:
    """A first word cut short: its letters so far, if any."""
    return {(partial, False)} if partial else None


def _first_words(items: list[Any], partial: str = "") -> set[Word] | None:
    """The first words of the matches of a sequence, after the letters `partial` already read; None when a match
    may start with no letter known."""
    for k, (op, av) in enumerate(items):
        rest = items[k + 1 :]
        if op is c.LITERAL:
            ch = chr(av)
            if ch == " ":
                return {(partial, True)} if partial else None
            if not ch.isalnum():
                return _open(partial)
            partial += ch
            continue
        if op is c.AT:
            if av in (c.AT_BOUNDARY, c.AT_END, c.AT_END_STRING) and partial:
                return {(partial, True)}  # a boundary (or the end) after letters: the word ends here
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.BRANCH:
            options = [_first_words([*o.data, *rest], partial) for o in av[1]]
            if any(o is None for o in options):
                return _open(partial)
            found: set[Word] = set().union(*options)  # type: ignore[arg-type]
            return found if len(found) <= _MAX_WORDS else None
        if op is c.SUBPATTERN:
            return _first_words([*av[-1].data, *rest], partial)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, item = av
            once = list(item.data)
            if high == 1 or (once and once[0] == (c.LITERAL, ord(" "))):  # optional, or a new word each time
                taken = _first_words([*once, *rest], partial)
                skipped = _first_words(rest, partial) if low == 0 else set()
                if taken is None or skipped is None:
                    return _open(partial)
                return taken | skipped
        return _open(partial)
    return _open(partial)


def _anchored(items: Any) -> bool:
    """The alternative starts at a word: `\\b` or `^` before its first character (lookarounds aside)."""
    for op, av in items:
        if op is c.AT:
            return av in (c.AT_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_STRING)
        if op is c.SUBPATTERN:
            return _anchored(av[-1].data)
        if op not in (c.ASSERT, c.ASSERT_NOT):
            return False
    return False


_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


def _needs(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of a sequence contains (its most telling mandatory literal), if any."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        sub: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            sub = _needs(av[-1].data)
        elif op is c.BRANCH:
            options = [_needs(o.data) for o in av[1]]
            if all(o for o in options):
                sub = frozenset().union(*options)  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _needs(av[2].data)
        if sub:
            candidates.append(sub)
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)), default=None)


def _needed(alt: re.Pattern[str]) -> str:
    """A string every match of an alternative contains, if it has one telling string (else "", in every text)."""
    needs = None if alt.flags & ~re.UNICODE else _needs(list(parser.parse(alt.pattern).data))
    return next(iter(needs)) if needs and len(needs) == 1 else ""


class _Rest:
    """The alternatives searched whole, after a look for a string they cannot match without."""

    __slots__ = ("regex", "needs")

    def __init__(self, pattern: str, flags: int) -> None:
        self.regex = re.compile(pattern, flags)
        needs = None if flags else _needs(list(parser.parse(pattern, flags).data))
        self.needs = tuple(needs) if needs and len(needs) <= 12 and all(needs) else ()

    def search(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.search`, skipped when a needed string is missing."""
        if self.needs and not any(n in text for n in self.needs):
            return None
        return self.regex.search(text)


class Guarded:
    """A compiled pattern searched only at the words its alternatives can start with."""

    __slots__ = ("pattern", "regex", "by_word", "_keys", "rest")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.regex = re.compile(pattern, flags)
        by_word: dict[str, list[re.Pattern[str]]] = {}
        rest: list[str] = []
        for alt in _alternatives(pattern) if not flags else [pattern]:
            try:
                items = list(parser.parse(alt, flags).data)
            except re.error:  # a bar inside a construct the splitter does not know: search the pattern whole
                by_word, rest = {}, [pattern]
                break
            found = _first_words(items) if _anchored(items) else None
            if not found or not all(whole for _, whole in found):
                rest.append(alt)
                continue
            compiled = re.compile(alt, flags)
            for word, _ in found:
                by_word.setdefault(word, []).append(compiled)
        self.by_word = by_word
        self._keys = frozenset(by_word)
        self.rest = _Rest("|".join(f"(?:{r})" for r in rest), flags) if rest else None

    def search(self, text: str) -> re.Match[str] | None:
        """A match anywhere in the text, or None (the same answer as `re.search`, not always the same match)."""
        if self._keys:
            last = _last  # read once: another thread may replace it
            if last[0] is not text:
                last = _words(text)
            for word in self._keys & last[2]:
                for alt in self.by_word[word]:
                    for start in last[1][word]:
                        if m := alt.match(text, start):
                            return m
        return self.rest.search(text) if self.rest is not None else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.fullmatch`."""
        return self.regex.fullmatch(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """`re.Pattern.sub`; the text itself when nothing matches."""
        return self.regex.sub(repl, text) if self.search(text) is not None else text


class Family:
    """Patterns in an order of precedence: which is the first to match a text (one look at the text for all)."""

    __slots__ = ("members", "_by_word", "_keys", "_rests")

    def __init__(self, members: Sequence[Guarded]) -> None:
        self.members = tuple(members)
        by_word: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
        for k, member in enumerate(self.members):
            for word, alts in member.by_word.items():
                by_word.setdefault(word, []).extend((k, alt, _needed(alt)) for alt in alts)
        self._by_word = by_word
        self._keys = frozenset(by_word)
        self._rests = tuple((k, m.rest) for k, m in enumerate(self.members) if m.rest is not None)

    def first(self, text: str, start: int = 0) -> int | None:
        """The place in the family of the first member (from `start` on) that matches the text, if any."""
        last = _last  # read once: another thread may replace it
        if last[0] is not text:
            last = _words(text)
        best = len(self.members)
        for word in self._keys & last[2]:
            starts = last[1][word]
            for k, alt, needed in self._by_word[word]:  # in the members' order
                if k >= best:
                    break
                if k >= start and needed in text:  # an alternative cannot match without its telling string
                    for i in starts:
                        if alt.match(text, i):
                            best = k
                            break
                    if best == k:
                        break
        for k, rest in self._rests:
            if k >= best:
                break
            if k >= start and rest.search(text):
                best = k
                break
        return best if best < len(self.members) else None


Starts = dict[str, list[int]]
_last: tuple[str, Starts, frozenset[str]] = ("", {}, frozenset())


def _words(text: str) -> tuple[str, Starts, frozenset[str]]:
    """The words of a text, each with where it stands; kept for the next search (the rules read one text many
    times)."""
    global _last
    words: Starts = {}
    for m in _WORDS.finditer(text):
        if (at := words.get(m.group())) is None:
            words[m.group()] = [m.start()]
        else:
            at.append(m.start())
    found = (text, words, frozenset(words))
    _last = found
    return found


def guarded(pattern: str, flags: int = 0) -> Guarded:
    """Compile a pattern to be searched at the words its alternatives start with."""
    return Guarded(pattern, flags)
