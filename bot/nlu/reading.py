"""One message read by the rules: codes, normalised words, the rules' intent and whether it is certain, the
rating level, praise or complaint, the other organisation named; and the features the model scores.

The rules are certain of little: a message that is only codes (a lookup) or has no words at all; spam that
does not name the one-stop-shop; a
negated subscription ("hủy / tắt / đừng ... thông báo"); a rating level said in so many words ("rất hài lòng",
"không hài lòng", "5 sao"). A subscription or a level about another organisation's service ("tắt thông báo
facebook", "quán này 5 sao") is not certain: the model decides it, as it decides every other message.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.nlu.codes import cut_fragments, take_codes
from bot.nlu.model import CHAR_NGRAMS
from bot.nlu.normalise import fold
from bot.nlu.rules import (
    BARE_ACK,
    SPAM_RE,
    UNSUB_RE,
    classify,
    level_in,
    mood_in,
    points_level,
    score_given,
    star_level,
    trailing_stars,
    verdict_clause,
)
from bot.nlu.spelling import normalised_words
from bot.nlu.topics import Topic, names_the_office, pasted_transfer, rated_elsewhere, surely_the_office, topic_of
from bot.nlu.types import Intent, Rating


class Reading(NamedTuple):
    """What the rules find in one message (a tuple: made in C, where a frozen dataclass sets each field by a call)."""

    codes: tuple[str, ...]
    words: str
    rule: Intent
    certain: bool
    level: Rating | None
    mood: Rating | None
    topic: Topic | None
    office: bool
    fragment: bool = False  # a piece of a code that does not parse
    scored: bool = False  # a score given that is no level ("3 sao", "5/10")
    rest: str = ""  # the folded text, codes and pieces of codes taken out (where a score is read)


def read(text: str) -> Reading:
    """The rules' reading of a message."""
    folded = fold(text)
    codes, rest = take_codes(folded)
    fragment, rest = cut_fragments(rest)
    words = normalised_words(rest)
    # a score is read with the codes taken out ("đánh giá hồ sơ h59... bốn sao")
    level = level_in(words) or star_level(rest, words) or points_level(rest)
    if level is None and codes:  # a star score closing a message about a dossier
        level = trailing_stars(rest)
    topic = topic_of(words) if words else None
    office = bool(codes) or names_the_office(words)
    mood = mood_in(words) if words else None
    clause = verdict_clause(rest)
    if clause and mood is None:
        mood = Rating.SATISFIED
    scored = level is None and score_given(rest)
    # a score is another business's when that business comes before it or is whom it is for
    if topic is not None and (level is not None or scored) and not codes:
        elsewhere = rated_elsewhere(words)
    else:
        elsewhere = topic is not None and (not office or topic == Topic.BANK and not codes and pasted_transfer(words))
    sure = bool(codes) or fragment or surely_the_office(words)
    spam = SPAM_RE.search(words) is not None
    rule = classify(
        words, codes, level, elsewhere=elsewhere, mood=mood, fragment=fragment, scored=scored, office=sure,
        clause=clause, spam=spam,
    )
    if not words or spam and not sure or not codes and BARE_ACK.fullmatch(words):
        certain = True
    elif rule == Intent.UNKNOWN and elsewhere and (level is not None or scored):
        certain = True  # a score given to another business
    elif rule == Intent.UNSUBSCRIBE and UNSUB_RE.search(words) or rule == Intent.RATE and level is not None:
        certain = topic is None
    else:
        certain = False
    return Reading(
        codes=tuple(codes),
        words=words,
        rule=rule,
        certain=certain,
        level=level,
        mood=mood,
        topic=topic,
        office=office,
        fragment=fragment,
        scored=scored,
        rest=rest,
    )


def features(reading: Reading) -> list[str]:
    """The model's features: words, word pairs and character n-grams of the normalised words, and the rules'
    findings. A character n-gram is itself (normalised words have no colon); every other feature has a prefix."""
    words = reading.words
    tokens = words.split()
    out = ["w:" + w for w in tokens]
    out += ["b:" + a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)]
    padded = " " + words + " "
    for n in CHAR_NGRAMS:
        out += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out + findings(reading)


# a hello that opens a message asking something else ("xin chào, cho xin số tổng đài"): the hello is a preamble
_OPENING = re.compile(
    r"^(?:xin chao|kinh chao|chao|hello|hi|alo|a lo|hey)(?: (?:ad|admin|ban|bot|em|anh|chi|co|chu))? \w+ \w"
)


def findings(reading: Reading) -> list[str]:
    """The features of the rules' findings (each with a prefix)."""
    out = [f"R:{reading.rule.value}"]
    if reading.rule != Intent.GREETING and _OPENING.match(reading.words):
        out.append("G:opening")
    if reading.codes:
        out.append("K:code" if len(reading.codes) == 1 else "K:codes")
    if reading.level is not None:
        out.append(f"L:{reading.level.value}")
    if reading.mood is not None:
        out.append(f"M:{reading.mood.value}")
    if reading.topic is not None:
        out += [f"T:{reading.topic.value}", "T:any"]
    if reading.office:
        out.append("O:office")
    if reading.fragment:
        out.append("K:fragment")
    if not reading.words:
        out.append("E:empty")
    return out
