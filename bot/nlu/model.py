"""The statistical intent model at run time: a linear model over the features of `reading.features`, scored with
numpy from the weights that `python -m bot.nlu.training model` (`make nlu-model`) writes to `intent_model.tsv`.

The file is text: a few header lines (`#key<TAB>value`), then one line per feature, sorted, with its weight for
each intent as an integer (the weight times `scale`), comma-separated, a zero left empty. The rules' own intent
for the message adds `rule_prior` to its score (a prior the model must outweigh to overrule them). Probabilities
are a softmax of the scores divided by the `temperature` fitted on held-out predictions, so that a confidence of
0.8 is right about 80% of the time.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from bot.nlu.memo import Memo
from bot.nlu.native import PACKAGE_DIR
from bot.nlu.types import Intent

MODEL_PATH = PACKAGE_DIR / "intent_model.tsv"  # beside the source, wherever a compiled copy is read from
CHAR_NGRAMS = (3, 4)  # the lengths of the character n-grams among the features (`_pair_rows` counts on them)
_WORDS_KEPT = 100_000
Ranking = tuple[tuple[Intent, float], ...]
# A message's feature rows, packed as 32-bit integers, some maybe more than once (a feature counts once: `_once`):
# the packed rows of its words, pairs and findings are joined in C and read by numpy whole, never one by one.
Rows = bytes


def _once(found: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The values found, each once, in order (`np.unique` without its overhead)."""
    found = np.sort(found)
    if len(found) < 2:
        return found
    kept = np.empty(len(found), np.bool_)
    kept[0] = True
    np.not_equal(found[1:], found[:-1], out=kept[1:])
    return found[kept]


class IntentModel:
    """Weights of a linear intent model: a row per feature, a column per intent."""

    def __init__(
        self,
        classes: Iterable[Intent],
        features: Iterable[str],
        weights: npt.NDArray[np.float64],
        bias: npt.NDArray[np.float64],
        temperature: float = 1.0,
        rule_prior: float = 0.0,
        scale: int | None = None,
    ) -> None:
        self.classes = tuple(classes)
        self.index = {f: i for i, f in enumerate(features)}
        self.weights = np.ascontiguousarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        # weights read from the file are whole numbers of 1/scale: added as integers, a message's sum is exact, the
        # same in any order, and two intents whose weights add up alike tie exactly (the first in `classes` first)
        self._scale = float(scale or 1)
        units = np.rint(self.weights * scale).astype(np.int64) if scale else self.weights
        self._units = np.vstack([units, np.zeros((1, units.shape[1]), units.dtype)])
        self.temperature = temperature
        self.rule_prior = rule_prior
        self._column = {c: k for k, c in enumerate(self.classes)}
        self._intents = np.array(self.classes, dtype=object)
        self._row_bytes = array("i", range(len(self.index))).tobytes()  # every row packed, cut out by `_packed`
        self._of_word = Memo[str, Rows](self._word_rows, _WORDS_KEPT)
        self._of_pair = Memo[tuple[str, str], Rows](self._pair_rows, _WORDS_KEPT)
        self._of_findings = Memo[tuple[str, ...], Rows](self._findings_rows, _WORDS_KEPT)

    def scores(self, features: Iterable[str], prior: Intent | None = None) -> npt.NDArray[np.float64]:
        """Raw scores (logits) of each intent for a message's features (each counted once), the rules' intent
        `prior` raised by `rule_prior`."""
        return self.row_scores(self.feature_rows(features), prior)

    def row_scores(self, rows: Rows, prior: Intent | None = None) -> npt.NDArray[np.float64]:
        """`scores` of a message given by its feature rows (`rows`, `feature_rows`), each counted once and added in
        their order (as `rank_rows` adds them: one message scores the same alone or in a batch)."""
        found = _once(np.frombuffer(rows, np.int32).astype(np.int64))
        out: npt.NDArray[np.float64] = self._units.take(found, axis=0).sum(axis=0) / self._scale + self.bias
        if prior is not None and self.rule_prior:
            out[self.classes.index(prior)] += self.rule_prior
        return out

    def rank(self, features: Iterable[str], prior: Intent | None = None) -> Ranking:
        """Every intent with its calibrated probability, most likely first."""
        return self._ranking(self.scores(features, prior).tolist())

    def rank_row(self, rows: Rows, prior: Intent | None = None) -> Ranking:
        """`rank` of a message given by its feature rows."""
        return self._ranking(self.row_scores(rows, prior).tolist())

    def _packed(self, rows: Iterable[int | None]) -> Rows:
        """Rows as `Rows`, those None left out."""
        packed = self._row_bytes
        return b"".join([packed[4 * i : 4 * i + 4] for i in rows if i is not None])

    def _word_rows(self, word: str) -> Rows:
        """The rows of the features one word gives wherever it stands: itself and the character n-grams of the word
        between spaces (remembered in `_of_word`: a province's messages share most of their words)."""
        padded = f" {word} "
        grams = [padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]
        return self._packed(map(self.index.get, ["w:" + word, *grams]))

    def feature_rows(self, features: Iterable[str]) -> Rows:
        """The rows of the features the model knows."""
        return self._packed(map(self.index.get, set(features)))

    def _pair_rows(self, pair: tuple[str, str]) -> Rows:
        """The rows of the features two neighbouring words give together: the pair and the character n-grams across
        the space between them (remembered in `_of_pair`)."""
        a, b = pair
        # with n-grams of 3 and 4 letters, those across a space hold one or two letters of each side
        grams = [f"b:{a} {b}", f"{a[-1]} {b[0]}", f"{(' ' + a)[-2:]} {b[0]}", f"{a[-1]} {(b + ' ')[:2]}"]
        return self._packed(map(self.index.get, grams))

    def _findings_rows(self, findings: tuple[str, ...]) -> Rows:
        """The rows of the rules' findings (remembered in `_of_findings`: the same findings recur)."""
        return self._packed(map(self.index.get, findings))

    def rows(self, words: str, findings: Iterable[str]) -> Rows | None:
        """The rows of the features `reading.features` gives normalised words and the rules' findings, without
        spelling them all out: each word's own (`_word_rows`), each pair's (`_pair_rows`) and the findings'. None
        when the words are not single-spaced."""
        parts = [self._of_findings[tuple(findings)]]
        if words:
            tokens = words.split(" ")
            if "" in tokens:
                return None
            parts += map(self._of_word.__getitem__, tokens)
            parts += map(self._of_pair.__getitem__, zip(tokens, tokens[1:]))  # noqa: B905
        return b"".join(parts)

    def rank_rows(self, batch: Sequence[tuple[Rows, Intent | None]]) -> list[Ranking]:
        """`rank` of many messages given by their feature rows (`rows`), scored together."""
        # every row of the batch as one number, message * width + row, sorted and each kept once: each message's
        # rows in order, the row of zeros after the last feature closing each (one with no known feature has a row)
        width = len(self._units)
        n = len(batch)
        blobs = [rows for rows, _ in batch]
        owners = np.arange(n, dtype=np.int64) * width
        found = np.frombuffer(b"".join(blobs), np.int32).astype(np.int64)
        found += np.repeat(owners, np.fromiter(map(len, blobs), np.int64, n) // 4)
        message, rows = np.divmod(_once(np.concatenate([found, owners + (width - 1)])), width)
        starts = np.searchsorted(message, np.arange(n))
        z = np.add.reduceat(self._units.take(rows, axis=0), starts, axis=0) / self._scale + self.bias
        if self.rule_prior:
            for k, (_, prior) in enumerate(batch):
                if prior is not None:
                    z[k, self._column[prior]] += self.rule_prior
        return self._rankings(z)

    def _rankings(self, z: npt.NDArray[np.float64]) -> list[Ranking]:
        """Softmax of each row of scores over the temperature, most likely first."""
        z = (z - z.max(axis=1, keepdims=True)) / self.temperature
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        order = np.argsort(-p, axis=1, kind="stable")
        intents = self._intents[order].tolist()
        return list(map(tuple, map(zip, intents, np.take_along_axis(p, order, axis=1).tolist())))

    def _ranking(self, z: list[float]) -> Ranking:
        """Softmax of scores over the temperature, most likely first."""
        top = max(z)
        e = [math.exp((x - top) / self.temperature) for x in z]
        total = sum(e)
        return tuple(sorted(zip(self.classes, [x / total for x in e], strict=True), key=itemgetter(1), reverse=True))

    # ------------------------------------------------------------------ the file

    def dumps(self, header: dict[str, str], scale: int = 100) -> str:
        """The model as text, weights rounded to 1/scale; the same model always gives the same text."""
        meta = {
            **header,
            "scale": str(scale),
            "temperature": f"{self.temperature:.4f}",
            "rule_prior": f"{self.rule_prior:.4f}",
            "classes": " ".join(c.value for c in self.classes),
            "bias": " ".join(str(int(v)) for v in np.rint(self.bias * scale)),
        }
        lines = [f"#{key}\t{value}" for key, value in meta.items()]
        quantised = np.rint(self.weights * scale).astype(np.int64)
        for feature in sorted(self.index):
            row = quantised[self.index[feature]]
            if row.any():
                lines.append(f"{feature}\t" + ",".join(str(v) if v else "" for v in row.tolist()))
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str) -> IntentModel:
        """Read the text `dumps` wrote."""
        meta: dict[str, str] = {}
        features: list[str] = []
        rows: list[list[int]] = []
        for line in text.splitlines():
            key, _, value = line.partition("\t")
            if key.startswith("#"):
                meta[key[1:]] = value
            elif line:
                features.append(key)
                rows.append([int(v) if v else 0 for v in value.split(",")])
        scale = float(meta["scale"])
        classes = [Intent(c) for c in meta["classes"].split()]
        weights = np.array(rows, dtype=np.float64).reshape(len(rows), len(classes)) / scale
        bias = np.array([int(v) for v in meta["bias"].split()], dtype=np.float64) / scale
        temperature, rule_prior = float(meta["temperature"]), float(meta["rule_prior"])
        return cls(classes, features, weights, bias, temperature, rule_prior, int(meta["scale"]))


@lru_cache(maxsize=1)
def shipped_model() -> IntentModel | None:
    """The model of `intent_model.tsv`, read once; None when the file has not been built."""
    if not MODEL_PATH.exists():
        return None
    return IntentModel.loads(MODEL_PATH.read_text(encoding="utf-8"))
