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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_WORDS = re.compile(r"\w+")
_MAX_WORDS = 400
Word = tuple[str, bool]  # a first word, or the first letters of one (False: the word may go on)


def _marks(pattern: str) -> Iterator[tuple[int, str, int]]:
    """The bars and parentheses of a pattern outside its escapes and character sets, each with where it stands and
    the depth of groups around it (a closing parenthesis at the depth it closes to)."""
    depth, i, in_class = 0, 0, False
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
        elif ch in "(|)":
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _alternatives(pattern: str) -> list[str]:
    """The pattern split at its top-level bars."""
    bars = [i for i, ch, depth in _marks(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *bars], [*bars, len(pattern)], strict=True)]


def _closing(pattern: str, at: int) -> int:
    """Where the group opened at `at` closes (-1 if it does not)."""
    return next((i for i, ch, depth in _marks(pattern[at:]) if ch == ")" and depth == 0), -1 - at) + at


def _distributed(alternatives: list[str]) -> list[str]:
    """Each alternative of the form \\b(?:A|B|...)X as \\b(?:A)X, \\b(?:B)X ...: a word then tries only the choices
    that start with it, not a whole family of them (the same texts match). Not when the group repeats or a name
    would be given twice."""
    out: list[str] = []
    for alt in alternatives:
        end = _closing(alt, 2) if alt.startswith("\\b(?:") and "(?P" not in alt else -1
        if end > 0 and alt[end + 1 : end + 2] not in ("?", "*", "+", "{"):
            out += [f"\\b(?:{part}){alt[end + 1 :]}" for part in _alternatives(alt[5:end])]
        else:
            out.append(alt)
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
        if op is c.ASSERT and av[0] == 1 and partial:
            # a lookahead that sees the word end ("so(?= roi| nua|$)", "sim(?= (?:da )*doi)"): the word is whole
            ahead = _first_words(list(av[1].data), partial)
            if ahead == {(partial, True)}:
                return ahead
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


Phrase = tuple[str, ...]  # the first word of a match, or its first two, each a whole word


def _phrases(items: list[Any], done: Phrase = (), partial: str = "", ended: bool = False) -> set[Phrase] | None:
    """The first two words of the matches of a sequence (only the first where the second cannot be told), after the
    words `done` and the letters `partial` already read (`ended`: a word boundary read after them); None when the
    first word cannot be told whole."""
    cut = {done[:1]} if done else None  # where the reading stops: the first word, when it is whole
    for k, (op, av) in enumerate(items):
        rest = items[k + 1 :]
        if op is c.LITERAL:
            ch = chr(av)
            if ch == " " and partial:
                done, partial, ended = (*done, partial), "", False
                if len(done) == 2:
                    return {done}
                cut = {done[:1]}
                continue
            if ch.isalnum() and not ended:
                partial += ch
                continue
            return {(*done, partial)} if partial and ended else cut
        if op is c.AT:
            if av in (c.AT_END, c.AT_END_STRING) and partial:
                return {(*done, partial)}
            ended = ended or (av == c.AT_BOUNDARY and bool(partial))
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.BRANCH:
            options = [_phrases([*o.data, *rest], done, partial, ended) for o in av[1]]
            if any(o is None for o in options):
                return cut
            found: set[Phrase] = set().union(*options)  # type: ignore[arg-type]
            if len(found) > _MAX_WORDS:  # the first words alone
                found = {p[:1] for p in found}
            return found if len(found) <= _MAX_WORDS else cut
        if op is c.SUBPATTERN:
            return _phrases([*av[-1].data, *rest], done, partial, ended)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, item = av
            once = list(item.data)
            if high == 1 or (once and once[0] == (c.LITERAL, ord(" "))):  # optional, or a new word each time
                taken = _phrases([*once, *rest], done, partial, ended)
                skipped = _phrases(rest, done, partial, ended) if low == 0 else set()
                if taken is None or skipped is None:
                    return cut
                return taken | skipped
        return {(*done, partial)} if partial and ended else cut
    return {(*done, partial)} if partial and ended else cut


def _keys(items: list[Any]) -> set[str] | None:
    """What an alternative is looked up by: its first two words, or its first word where a match may have no second
    word known (None when its first word cannot be told whole)."""
    first = _first_words(items) if _anchored(items) else None
    if not first or not all(whole for _, whole in first):
        return None
    phrases = _phrases(items)
    if not phrases or {p[0] for p in phrases} - {w for w, _ in first}:
        return {w for w, _ in first}
    alone = {p[0] for p in phrases if len(p) == 1}  # a first word looked up alone needs no pairs of it
    return {" ".join(p) for p in phrases if len(p) == 1 or p[0] not in alone}


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


@cache  # an alternative is filed under each of its first words: read once
def _needed(alt: re.Pattern[str]) -> str:
    """A string every match of an alternative contains, if it has one telling string (else "", in every text)."""
    needs = None if alt.flags & ~re.UNICODE else _needs(list(parser.parse(alt.pattern).data))
    return next(iter(needs)) if needs and len(needs) == 1 else ""


def _token_sets(items: Any) -> list[frozenset[str]]:
    """Sets of words, each of which holds a word every match of a sequence has as a word of its own: a word said
    at a word boundary or after a space (`_first_words`) in a part every match has, a lookahead's included."""
    found: list[frozenset[str]] = []
    for k, (op, av) in enumerate(items):
        sub: frozenset[str] | None = None
        if op is c.AT and av in (c.AT_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_STRING) or (
            op is c.LITERAL and av == ord(" ")
        ):
            words = _first_words(items[k + 1 :])
            if words and all(whole and word.isalnum() for word, whole in words):
                sub = frozenset(word for word, _ in words)
        elif op is c.ASSERT and av[0] == 1:  # a lookahead: what it sees, the text has
            sub = _tokens(av[1].data)
        elif op is c.SUBPATTERN:
            sub = _tokens(av[-1].data)
        elif op is c.BRANCH:
            options = [_tokens(o.data) for o in av[1]]
            if all(o is not None for o in options):
                sub = frozenset().union(*options)  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _tokens(av[2].data)
        if sub and sub not in found:
            found.append(sub)
    return sorted(found, key=len)


def _tokens(items: Any) -> frozenset[str] | None:
    """The smallest of `_token_sets`, if any."""
    return next(iter(_token_sets(items)), None)


class _Rest:
    """The alternatives searched whole, after a look for a word or a string they cannot match without."""

    __slots__ = ("regex", "needs", "tokens")

    def __init__(self, pattern: str, flags: int) -> None:
        self.regex = re.compile(pattern, flags)
        items = None if flags else list(parser.parse(pattern, flags).data)
        needs = _needs(items) if items is not None else None
        self.needs = tuple(needs) if needs and len(needs) <= 12 and all(needs) else ()
        self.tokens = tuple(_token_sets(items)) if items is not None else ()
        _register(word for tokens in self.tokens for word in tokens)

    def search(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.search`, skipped when a needed word or string is missing."""
        if self.tokens:
            last = _last  # read once: another thread may replace it
            if last[0] is not text:
                last = _words(text)
            for tokens in self.tokens:
                if tokens.isdisjoint(last[2]):
                    return None
        if self.needs:
            for needed in self.needs:
                if needed in text:
                    break
            else:
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
        for alt in _distributed(_alternatives(pattern)) if not flags else [pattern]:
            try:
                items = list(parser.parse(alt, flags).data)
            except re.error:  # a bar inside a construct the splitter does not know: search the pattern whole
                by_word, rest = {}, [pattern]
                break
            keys = _keys(items)
            if keys is None:
                rest.append(alt)
                continue
            compiled = re.compile(alt, flags)
            for key in sorted(keys):
                by_word.setdefault(key, []).append(compiled)
        self.by_word = by_word
        self._keys = frozenset(by_word)
        _register(self._keys)
        self.rest = _Rest("|".join(f"(?:{r})" for r in rest), flags) if rest else None

    def search(self, text: str) -> re.Match[str] | None:
        """A match anywhere in the text, or None (the same answer as `re.search`, not always the same match)."""
        if self._keys:
            last = _last  # read once: another thread may replace it
            if last[0] is not text:
                last = _words(text)
            keys = self._keys
            for word in last[2]:  # in the text's order: the same answer in every process
                if word not in keys:
                    continue
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
        keys = self._keys
        for word in last[2]:
            if word not in keys:
                continue
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
_last: tuple[str, Starts, tuple[str, ...]] = ("", {}, ())
# the words and pairs of words some pattern looks up (its alternatives' first words, its rest's needed words), and
# the first words of those pairs: a text's index holds only these (about a third of its words and pairs)
_KEYS: set[str] = set()
_PAIR_FIRSTS: set[str] = set()


def _register(keys: Iterable[str]) -> None:
    """Words and pairs a pattern looks up: the index of a text holds them from now on."""
    global _last
    new = set(keys) - _KEYS
    if new:
        _KEYS.update(new)
        _PAIR_FIRSTS.update(key.partition(" ")[0] for key in new if " " in key)
        _last = ("", {}, ())  # an index made before holds none of them


def _words(text: str) -> tuple[str, Starts, tuple[str, ...]]:
    """The words of a text that some pattern looks up (`_KEYS`), each with where it stands, and its pairs of words
    one space apart that some pattern looks up; kept for the next search (the rules read one text many times)."""
    global _last
    words: Starts = {}
    keys = _KEYS
    tokens = text.split(" ")
    if text.isascii() and "".join(tokens).isalnum() and "" not in tokens:  # words between single spaces
        firsts = _PAIR_FIRSTS
        at, last = 0, len(tokens) - 1
        for k in range(len(tokens)):
            word = tokens[k]
            end = at + len(word)
            if word in keys:
                if (starts := words.get(word)) is None:
                    words[word] = [at]
                else:
                    starts.append(at)
            # the pair cut from the text: one new string, not two
            if k < last and word in firsts and (pair := text[at : end + 1 + len(tokens[k + 1])]) in keys:
                if (starts := words.get(pair)) is None:
                    words[pair] = [at]
                else:
                    starts.append(at)
            at = end + 1
    else:
        end, last_word = -2, ""
        for m in _WORDS.finditer(text):
            word, at = m.group(), m.start()
            if word in keys:
                if (starts := words.get(word)) is None:
                    words[word] = [at]
                else:
                    starts.append(at)
            if at == end + 1 and text[end] == " " and (pair := last_word + " " + word) in keys:
                if (starts := words.get(pair)) is None:
                    words[pair] = [end - len(last_word)]
                else:
                    starts.append(end - len(last_word))
            end, last_word = m.end(), word
    found = (text, words, tuple(words))
    _last = found
    return found


def guarded(pattern: str, flags: int = 0) -> Guarded:
    """Compile a pattern to be searched at the words its alternatives start with."""
    return Guarded(pattern, flags)
