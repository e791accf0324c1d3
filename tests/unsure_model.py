"""An intent model unsure of one word: the shipped model, except that a message with that word reads as a few
requests nearly alike (for the conversation's answer to an unsure NLU)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pytest

from bot import nlu
from bot.nlu.model import IntentModel, Ranking, Rows, shipped_model


class UnsureOfOneWord:
    """The shipped model, except that a message with `word` (folded) gets the ranking `unsure` (a wrapper: the
    model may be compiled, and a compiled class takes no subclass of the tests')."""

    def __init__(self, shipped: IntentModel, word: str, unsure: Mapping[nlu.Intent, float]) -> None:
        self.shipped = shipped
        self.classes = shipped.classes
        self.feature, self.unsure = f"w:{word}", dict(unsure)
        assert self.feature in shipped.index, f"the shipped model knows no {self.feature}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.shipped, name)

    def rank(self, features: Iterable[str], prior: nlu.Intent | None = None) -> Ranking:
        features = list(features)
        if self.feature not in features:
            return self.shipped.rank(features, prior)
        return self._unsure()

    def rank_row(self, rows: Rows, prior: nlu.Intent | None = None) -> Ranking:
        if self.shipped.index[self.feature] not in np.frombuffer(rows, np.int32):
            return self.shipped.rank_row(rows, prior)
        return self._unsure()

    def rank_rows(self, batch: Sequence[tuple[Rows, nlu.Intent | None]]) -> list[Ranking]:
        return [self.rank_row(rows, prior) for rows, prior in batch]

    def _unsure(self) -> Ranking:
        return tuple(sorted(((i, self.unsure.get(i, 0.0)) for i in self.classes), key=lambda x: -x[1]))


def make_unsure(monkeypatch: pytest.MonkeyPatch, word: str, unsure: Mapping[nlu.Intent, float]) -> None:
    """Ship, for the test, a model unsure of messages with `word`."""
    shipped = shipped_model()
    assert shipped is not None
    model = UnsureOfOneWord(shipped, word, unsure)
    monkeypatch.setattr("bot.nlu.shipped_model", lambda: model)
