"""The word-indexed search of the keyword families (bot/nlu/guarded.py) answers as `re.search` does, on every
labelled message read both as the rules read it and as folded text, and with its words shuffled."""

from __future__ import annotations

import json
import random
import re

import pytest

from bot import nlu
from bot.nlu import rules, topics
from bot.nlu.guarded import Family, Guarded, guarded
from bot.nlu.normalise import REWRITES
from bot.nlu.reading import read
from bot.nlu.training import DEV_SET, corpus_files

PATTERNS: list[tuple[str, Guarded]] = [
    *((name, value) for name, value in vars(rules).items() if isinstance(value, Guarded)),
    *((f"topic {t.value}", p) for t, p in topics._TOPIC_RES),
    ("office", topics._OFFICE),
    *((f"rewrite {k}", p) for k, (p, _) in enumerate(REWRITES)),
]


def _texts() -> list[str]:
    paths = [p for _, p in corpus_files()] + ([DEV_SET] if DEV_SET.exists() else [])
    messages = [json.loads(line)["text"] for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line]
    readings = [read(m).words for m in messages] + [nlu.fold(m) for m in messages]
    shuffler = random.Random(10)
    shuffled = [" ".join(shuffler.sample(w.split(), len(w.split()))) for w in readings if w]
    return readings + shuffled


TEXTS = _texts()


def test_the_texts_cover_the_corpus() -> None:
    assert len(TEXTS) > 9000


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_guarded_search_answers_as_re_search(name: str, pattern: Guarded) -> None:
    plain = re.compile(pattern.pattern)
    wrong = [t for t in TEXTS if (pattern.search(t) is None) != (plain.search(t) is None)]
    assert not wrong, wrong[:5]


def test_most_alternatives_are_looked_up_by_their_first_word() -> None:
    indexed = sum(bool(p.by_word) for _, p in PATTERNS)
    assert indexed / len(PATTERNS) > 0.8


@pytest.mark.parametrize(
    "family",
    [[p for p, _ in rules.RULES], [p for _, p in topics._TOPIC_RES], [p for p, _ in REWRITES]],
    ids=["rules", "topics", "rewrites"],
)
def test_family_finds_the_first_member_that_matches(family: list[Guarded]) -> None:
    together = Family(family)
    for text in TEXTS[:4000]:
        first = next((k for k, p in enumerate(family) if re.search(p.pattern, text)), None)
        assert together.first(text) == first, text
        if first is not None:
            later = next((k for k, p in enumerate(family) if k > first and re.search(p.pattern, text)), None)
            assert together.first(text, first + 1) == later, text


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"\bhai long\b", "rat hai long", True),
        (r"\bhai long\b", "hai longan", False),  # a word that goes on is no match
        (r"\bon$(?<!\bcam on)", "cam on", False),  # a lookbehind still sees the whole text
        (r"\bon$(?<!\bcam on)", "dich vu on", True),
        (r"^tra$", "tra", True),
        (r"\bspx\w*", "ma spxvn123", True),  # no first word to look up: searched whole
        (r"(?:a|b)c", "xxbc", True),  # no word start: searched whole
    ],
)
def test_guarded_search_of_chosen_patterns(pattern: str, text: str, found: bool) -> None:
    assert (guarded(pattern).search(text) is not None) == found
