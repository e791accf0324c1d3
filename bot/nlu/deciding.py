"""The intent of a reading: the rules' when they are certain, else the intent model's; one message or a batch scored
together (compiled with the rules: native.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.nlu.reading import Reading, features, findings, read
from bot.nlu.rules import score_anywhere
from bot.nlu.types import Intent, Understanding

Ranking = tuple[tuple[Intent, float], ...]
_CHUNK = 128  # messages scored together (their rows stay in the processor's cache)


class Scorer(Protocol):
    """What `decide` asks of an intent model (`model.IntentModel`, or the tests' stand-in for it)."""

    def rows(self, words: str, findings: list[str]) -> bytes | None: ...

    def feature_rows(self, features: list[str]) -> bytes: ...

    def rank_row(self, rows: bytes, prior: Intent | None = None) -> Ranking: ...

    def rank_rows(self, batch: Sequence[tuple[bytes, Intent | None]]) -> list[Ranking]: ...


def decide(text: str, reading: Reading, model: Scorer | None, ranking: Ranking = ()) -> Understanding:
    """The intent: the rules' when they are certain (or no model is built), else the model's (`ranking`, when
    already scored), with its confidence and runner-ups; a rating only in a rating (a level stated, or else
    praise or complaint)."""
    if reading.certain or model is None:
        intent, confidence = reading.rule, 1.0
        ranking = ((intent, 1.0),)
    else:
        ranking = ranking or model.rank_row(rows_of(model, reading), reading.rule)
        intent, confidence = ranking[0]
    # in a rating, a score said anywhere, else a verdict, gives the level when none was stated; neither does when a
    # score that is no level was given ("3 sao, không khen không chê" has none)
    rating = reading.level
    if rating is None and intent == Intent.RATE and not reading.scored:
        said, level = score_anywhere(reading.rest)
        rating = level if said else reading.mood
    return Understanding(
        text=text,
        intent=intent,
        codes=reading.codes,
        rating=rating,
        confidence=confidence,
        ranking=ranking,
        topic=reading.topic.value if reading.topic else None,
    )


def rows_of(model: Scorer, reading: Reading) -> bytes:
    """The model's rows of a reading's features: from the cached rows of its words, else spelt out."""
    rows = model.rows(reading.words, findings(reading))
    return model.feature_rows(features(reading)) if rows is None else rows


def understand_batch(texts: list[str], model: Scorer | None) -> list[Understanding]:
    """`decide` of each message of a batch, the model scoring them together."""
    readings = [read(t) for t in texts]
    if model is None:
        return [decide(t, r, None) for t, r in zip(texts, readings, strict=True)]
    open_ = [k for k, r in enumerate(readings) if not r.certain]
    rankings: dict[int, Ranking] = {}
    for start in range(0, len(open_), _CHUNK):
        chunk = open_[start : start + _CHUNK]
        batch = [(rows_of(model, readings[k]), readings[k].rule) for k in chunk]
        rankings.update(zip(chunk, model.rank_rows(batch), strict=True))
    return [decide(t, r, model, rankings.get(k, ())) for k, (t, r) in enumerate(zip(texts, readings, strict=True))]
