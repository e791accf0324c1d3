"""Training and honest evaluation of the intent model (scikit-learn; never imported at run time).

    python -m bot.nlu.training model   # make nlu-model: fit on the corpus, write bot/nlu/intent_model.tsv
    python -m bot.nlu.training eval    # make nlu-eval: held-out figures for every labelled set

    python -m bot.nlu.training blind data/nlu/round30  # a frozen blind round, scored once by the shipped NLU

The corpus is every labelled round in ROUNDS: rounds 1-4 (tests/data/nlu_heldout*.jsonl) and rounds 5 on
(data/nlu/roundN/*.jsonl, one file per writer). A round under data/nlu/ that is not in ROUNDS is blind: it is
scored by the shipped model, never trained on, until its blind score is recorded in data/nlu/README.md and it
joins ROUNDS. The shared development set (outside the repository) is never trained on; `eval` scores it when it is
present. Evaluation never scores a message with a model that saw it: each round (and each writer of rounds
5-7) is predicted by a model trained on all the others.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from bot.nlu import decide
from bot.nlu.model import MODEL_PATH, IntentModel
from bot.nlu.reading import Reading, features, read
from bot.nlu.types import Intent

ROOT = Path(__file__).resolve().parents[2]
ROUNDS: tuple[tuple[str, str], ...] = (
    ("round1", "tests/data/nlu_heldout.jsonl"),
    ("round2", "tests/data/nlu_heldout_2.jsonl"),
    ("round3", "tests/data/nlu_heldout_3.jsonl"),
    ("round4", "tests/data/nlu_heldout_4.jsonl"),
    ("round5", "data/nlu/round5/*.jsonl"),
    ("round6", "data/nlu/round6/*.jsonl"),
    ("round7", "data/nlu/round7/*.jsonl"),
    ("round8", "data/nlu/round8/*.jsonl"),
    ("round9", "data/nlu/round9/*.jsonl"),
    ("round10", "data/nlu/round10/*.jsonl"),
    ("round11", "data/nlu/round11/*.jsonl"),
    ("round12", "data/nlu/round12/*.jsonl"),
    ("round13", "data/nlu/round13/*.jsonl"),
    ("round14", "data/nlu/round14/*.jsonl"),
    ("round15", "data/nlu/round15/*.jsonl"),
    ("round16", "data/nlu/round16/*.jsonl"),
    ("round17", "data/nlu/round17/*.jsonl"),
    ("round18", "data/nlu/round18/*.jsonl"),
    ("round19", "data/nlu/round19/*.jsonl"),
    ("round20", "data/nlu/round20/*.jsonl"),
    ("round21", "data/nlu/round21/*.jsonl"),
    ("round22", "data/nlu/round22/*.jsonl"),
    ("round23", "data/nlu/round23/*.jsonl"),
    ("round24", "data/nlu/round24/*.jsonl"),
    ("round25", "data/nlu/round25/*.jsonl"),
    ("round26", "data/nlu/round26/*.jsonl"),
    ("round27", "data/nlu/round27/*.jsonl"),
    ("round28", "data/nlu/round28/*.jsonl"),
    ("round29", "data/nlu/round29/*.jsonl"),
    ("round30", "data/nlu/round30/*.jsonl"),
    ("round31", "data/nlu/round31/*.jsonl"),
    ("round32", "data/nlu/round32/*.jsonl"),
    ("round33", "data/nlu/round33/*.jsonl"),
    ("round34", "data/nlu/round34/*.jsonl"),
    ("round35", "data/nlu/round35/*.jsonl"),
    ("round36", "data/nlu/round36/*.jsonl"),
    ("round37", "data/nlu/round37/*.jsonl"),
    ("round38", "data/nlu/round38/*.jsonl"),
    ("round39", "data/nlu/round39/*.jsonl"),
    ("round40", "data/nlu/round40/*.jsonl"),
    ("round41", "data/nlu/round41/*.jsonl"),
    ("round42", "data/nlu/round42/*.jsonl"),
    ("round43", "data/nlu/round43/*.jsonl"),
    ("round44", "data/nlu/round44/*.jsonl"),
    ("round45", "data/nlu/round45/*.jsonl"),
    ("round46", "data/nlu/round46/*.jsonl"),
    ("round47", "data/nlu/round47/*.jsonl"),
    ("round48", "data/nlu/round48/*.jsonl"),
    ("round49", "data/nlu/round49/*.jsonl"),
    ("round50", "data/nlu/round50/*.jsonl"),
    ("round51", "data/nlu/round51/*.jsonl"),
    ("round52", "data/nlu/round52/*.jsonl"),
    ("round53", "data/nlu/round53/*.jsonl"),
    ("round54", "data/nlu/round54/*.jsonl"),
    ("round55", "data/nlu/round55/*.jsonl"),
)
# rounds written by several writers (rounds 5 on, one file per writer): each writer is a fold of its own
BY_WRITER = tuple(name for name, pattern in ROUNDS if pattern.startswith("data/nlu/"))
# the shared development set lives beside the checkout (a worktree may sit one level deeper)
DEV_SET = next(
    (p / "shared/data/nlu_dev.jsonl" for p in ROOT.parents if (p / "shared/data/nlu_dev.jsonl").exists()),
    ROOT.parent / "shared/data/nlu_dev.jsonl",
)
INTENTS = tuple(Intent)
# Regularisation of the logistic regression, the least number of messages a feature must occur in, and what the
# rules' own intent adds to its score (chosen on leave-one-writer-out figures: see data/nlu/README.md).
C = 2.0
MIN_DF = 3
TOL = 1e-4
RULE_PRIOR = 1.5
ENTITY_KEYS = ("dossier_code", "dossier_codes", "rating")


@dataclass(frozen=True)
class Example:
    """One labelled message and where it comes from."""

    text: str
    intent: Intent
    entities: dict[str, object]
    round: str
    source: str  # the file: a writer of round 5, or the round itself


def _read_jsonl(path: Path, round_: str) -> list[Example]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Example(row["text"], Intent(row["intent"]), row["entities"], round_, path.stem))
    return out


def corpus_files(root: Path = ROOT) -> list[tuple[str, Path]]:
    """Every labelled file of the corpus, in a fixed order, with its round."""
    return [(name, path) for name, pattern in ROUNDS for path in sorted(root.glob(pattern))]


def load_corpus(root: Path = ROOT) -> list[Example]:
    """The training corpus."""
    return [ex for name, path in corpus_files(root) for ex in _read_jsonl(path, name)]


def features_digest(readings: Iterable[Reading]) -> str:
    """SHA-256 over the corpus's features: changes when the rules read the corpus differently (model is stale)."""
    h = hashlib.sha256()
    for reading in readings:
        h.update("\x1f".join(features(reading)).encode() + b"\x1e")
    return h.hexdigest()


def corpus_digest(root: Path = ROOT) -> str:
    """SHA-256 over the corpus files' paths and bytes: the model file records what it was trained on."""
    h = hashlib.sha256()
    for _, path in corpus_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


# ------------------------------------------------------------------------ fitting


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def fit(readings: Sequence[Reading], labels: Sequence[Intent]) -> IntentModel:
    """A logistic regression over the readings' features (present or not), as an IntentModel."""
    vectoriser = CountVectorizer(analyzer=_identity, binary=True, min_df=MIN_DF, dtype=np.float64)
    x = vectoriser.fit_transform([features(r) for r in readings])
    y = np.array([INTENTS.index(i) for i in labels])
    clf = LogisticRegression(C=C, max_iter=5000, tol=TOL)
    clf.fit(x, y)
    weights = np.zeros((x.shape[1], len(INTENTS)))
    bias = np.zeros(len(INTENTS))
    weights[:, clf.classes_] = clf.coef_.T
    bias[clf.classes_] = clf.intercept_
    missing = [i for i in range(len(INTENTS)) if i not in set(clf.classes_)]
    bias[missing] = -30.0  # an intent no training message has is never predicted
    features_ = vectoriser.get_feature_names_out().tolist()
    return IntentModel(INTENTS, features_, weights, bias, rule_prior=RULE_PRIOR)


def fit_temperature(logits: npt.NDArray[np.float64], labels: Sequence[Intent]) -> float:
    """The temperature that makes held-out probabilities honest (least negative log-likelihood)."""
    y = np.array([INTENTS.index(i) for i in labels])

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    result = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded", options={"xatol": 1e-4})
    return round(float(result.x), 3)


def held_out(
    examples: Sequence[Example], readings: Sequence[Reading], fold_of: Callable[[Example], str]
) -> dict[int, IntentModel]:
    """For each example, the model trained on every fold but its own (index -> model)."""
    folds = sorted({fold_of(e) for e in examples})
    out: dict[int, IntentModel] = {}
    for fold in folds:
        train = [i for i, e in enumerate(examples) if fold_of(e) != fold]
        model = fit([readings[i] for i in train], [examples[i].intent for i in train])
        for i, e in enumerate(examples):
            if fold_of(e) == fold:
                out[i] = model
    return out


def calibrate(
    examples: Sequence[Example], readings: Sequence[Reading], models: dict[int, IntentModel]
) -> float:
    """Fit the temperature on the held-out predictions of `models` and give it to each of them."""
    open_ = [i for i, r in enumerate(readings) if not r.certain]
    logits = np.array([models[i].scores(features(readings[i]), readings[i].rule) for i in open_])
    temperature = fit_temperature(logits, [examples[i].intent for i in open_])
    for model in models.values():
        model.temperature = temperature
    return temperature


def writer_fold(e: Example) -> str:
    """Rounds 1-4 each a fold; later rounds a fold per writer."""
    return f"{e.round}/{e.source}" if e.round in BY_WRITER else e.round


def round_fold(e: Example) -> str:
    """Each round a fold."""
    return e.round


def build(root: Path = ROOT) -> str:
    """Fit the shipped model on the whole corpus, calibrated on held-out (leave-one-writer-out) predictions."""
    examples = load_corpus(root)
    readings = [read(e.text) for e in examples]
    temperature = calibrate(examples, readings, held_out(examples, readings, writer_fold))
    model = fit(readings, [e.intent for e in examples])
    model.temperature = temperature
    header = {
        "model": "motcua-bot intent model; rebuild with `make nlu-model` (python -m bot.nlu.training model)",
        "corpus": corpus_digest(root),
        "features": features_digest(readings),
        "messages": str(len(examples)),
        "C": str(C),
        "min_df": str(MIN_DF),
    }
    return model.dumps(header)


# ---------------------------------------------------------------------- reporting


@dataclass(frozen=True)
class Scored:
    """One example with its prediction."""

    example: Example
    intent: Intent
    confidence: float
    entities_ok: bool


def score(examples: Sequence[Example], models: Callable[[int], IntentModel | None]) -> list[Scored]:
    """Predict each example with its model (None: the rules alone)."""
    out = []
    for i, e in enumerate(examples):
        u = decide(e.text, read(e.text), models(i))
        want = {k: v for k, v in e.entities.items() if k in ENTITY_KEYS}
        got = {k: v for k, v in u.entities().items() if k in ENTITY_KEYS}
        out.append(Scored(e, u.intent, u.confidence, want == got))
    return out


def _accuracy(rows: Sequence[Scored]) -> str:
    n = len(rows)
    intent = sum(r.intent == r.example.intent for r in rows)
    ents = sum(r.entities_ok for r in rows)
    return f"n={n:<5d} intent={intent / n:6.1%}  entities={ents / n:6.1%}"


def report(title: str, rows: Sequence[Scored], out: list[str], matrix: bool = True) -> None:
    """Accuracy, per-intent precision and recall, and the confusion matrix (rows: truth, columns: prediction)."""
    out.append(f"\n== {title}: {_accuracy(rows)}")
    if not matrix:
        return
    short = {i: i.value[:7] for i in INTENTS}
    out.append(f"{'intent':16s} {'n':>5s} {'precision':>9s} {'recall':>7s}")
    for intent in INTENTS:
        truth = [r for r in rows if r.example.intent == intent]
        said = [r for r in rows if r.intent == intent]
        hit = sum(r.intent == intent for r in truth)
        precision = f"{hit / len(said):.1%}" if said else "-"
        recall = f"{hit / len(truth):.1%}" if truth else "-"
        out.append(f"{intent.value:16s} {len(truth):5d} {precision:>9s} {recall:>7s}")
    out.append("confusion (row: labelled, column: predicted)")
    out.append(" " * 16 + "".join(f"{short[i]:>8s}" for i in INTENTS))
    for a in INTENTS:
        counts = [sum(r.example.intent == a and r.intent == b for r in rows) for b in INTENTS]
        out.append(f"{a.value:16s}" + "".join(f"{c:8d}" for c in counts))


def calibration(rows: Sequence[Scored], out: list[str], thresholds: Iterable[float]) -> None:
    """How often the intent is right by confidence, and what asking below a threshold would cost and save."""
    open_ = [r for r in rows if r.confidence < 1.0]
    out.append(f"\ncalibration of the model's confidence ({len(open_)} messages the rules were not certain of)")
    edges = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
    for lo, hi in zip(edges, edges[1:], strict=False):
        bucket = [r for r in open_ if lo <= r.confidence < hi]
        if bucket:
            right = sum(r.intent == r.example.intent for r in bucket) / len(bucket)
            mean = sum(r.confidence for r in bucket) / len(bucket)
            out.append(f"  confidence {lo:.2f}-{hi:.2f}: n={len(bucket):4d}  mean={mean:.2f}  right={right:.1%}")
    for t in thresholds:
        asked = [r for r in rows if r.confidence < t]
        answered = [r for r in rows if r.confidence >= t]
        right = sum(r.intent == r.example.intent for r in answered)
        wrong_asked = sum(r.intent != r.example.intent for r in asked)
        out.append(
            f"  ask below {t:.2f}: asks {len(asked) / len(rows):5.1%} of messages ({wrong_asked} of them misread),"
            f" answers the rest {right / max(1, len(answered)):6.1%} right"
        )


def evaluate(root: Path = ROOT, misses: bool = False) -> str:
    """The held-out report of `make nlu-eval`."""
    examples = load_corpus(root)
    readings = [read(e.text) for e in examples]
    out = [f"corpus: {len(examples)} messages in {len(corpus_files(root))} files; model C={C}, min_df={MIN_DF}"]

    rules = score(examples, lambda i: None)
    out.append("\n#### the rules alone (no model), for comparison")
    for name, _ in ROUNDS:
        report(name, [r for r in rules if r.example.round == name], out, matrix=False)

    by_round = held_out(examples, readings, round_fold)
    loro = score(examples, by_round.__getitem__)
    out.append("\n#### leave-one-round-out: each round predicted by a model trained on the other rounds")
    for name, _ in ROUNDS:
        report(name, [r for r in loro if r.example.round == name], out)
    report("all rounds", loro, out)

    by_writer = held_out(examples, readings, writer_fold)
    temperature = calibrate(examples, readings, by_writer)
    for model in by_round.values():
        model.temperature = temperature
    lowo = score(examples, by_writer.__getitem__)
    out.append(
        "\n#### leave-one-writer-out: each writer of round 5 (and each earlier round) predicted by a model trained"
        " on everything else"
    )
    for name in BY_WRITER:
        rows = [r for r in lowo if r.example.round == name]
        for source in sorted({r.example.source for r in rows}):
            report(f"{name}/{source}", [r for r in rows if r.example.source == source], out)
        report(f"{name}, every writer held out", rows, out)
        near = [r for r in rows if r.example.text in _near_misses(root, name)]
        report(f"{name} near misses, every writer held out", near, out, matrix=False)
    out.append(f"\ntemperature fitted on these held-out predictions: {temperature}")
    calibration(lowo, out, (0.4, 0.5, 0.6, 0.7))

    if DEV_SET.exists():
        dev = _read_jsonl(DEV_SET, "dev")
        shipped = IntentModel.loads(MODEL_PATH.read_text(encoding="utf-8")) if MODEL_PATH.exists() else None
        out.append("\n#### the shared development set (never trained on), the shipped model")
        report("dev", score(dev, lambda i: shipped), out)

    for folder in blind_rounds(root):
        out.append(f"\n#### blind round {folder.name} (never trained on), the shipped model")
        out += blind_report(folder).rstrip("\n").splitlines()[1:]

    if misses:
        out.append("\n#### misread, leave-one-writer-out (labelled -> predicted, confidence)")
        for r in lowo:
            if r.intent != r.example.intent or not r.entities_ok:
                out.append(
                    f"{r.example.source:14s} {r.example.intent.value:>15s} -> {r.intent.value:15s} "
                    f"{r.confidence:.2f} {'' if r.entities_ok else '[entities] '}{r.example.text}"
                )
    return "\n".join(out) + "\n"


def _near_misses(root: Path, round_: str) -> set[str]:
    texts = set()
    for path in sorted(root.glob(f"data/nlu/{round_}/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("near_miss"):
                texts.add(json.loads(line)["text"])
    return texts


def blind_rounds(root: Path = ROOT) -> list[Path]:
    """Folders of labelled rounds under data/nlu/ that the model is not trained on."""
    trained = {path.parent for _, path in corpus_files(root)}
    return sorted(
        p for p in root.glob("data/nlu/round*") if p.is_dir() and p not in trained and any(p.glob("*.jsonl"))
    )


def blind_report(folder: Path, misses: bool = False) -> str:
    """A blind round scored by the NLU as shipped: each file, the whole round with per-intent figures and the
    confusion matrix, and (`misses`) every message it got wrong."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"{folder}: no .jsonl files")
    if folder.resolve() in {path.parent for _, path in corpus_files()}:
        raise SystemExit(f"{folder} is in the training corpus: its score would not be blind")
    shipped = IntentModel.loads(MODEL_PATH.read_text(encoding="utf-8"))
    out = [f"blind round {folder.name}: {len(files)} files, model {MODEL_PATH.name}"]
    every: list[Scored] = []
    for path in files:
        rows = score(_read_jsonl(path, folder.name), lambda i: shipped)
        out.append(f"{path.name:16s} {_accuracy(rows)}")
        every += rows
    report(f"{folder.name}, all", every, out)
    if misses:
        out.append("\nmisread (labelled -> said, confidence)")
        for r in every:
            if r.intent != r.example.intent or not r.entities_ok:
                said = decide(r.example.text, read(r.example.text), shipped).entities()
                out.append(
                    f"{r.example.source:10s} {r.example.intent.value:>15s} -> {r.intent.value:15s} {r.confidence:.2f} "
                    f"{'' if r.entities_ok else f'[entities {r.example.entities} -> {said}] '}{r.example.text}"
                )
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """`model`: write the shipped model; `eval`: print the held-out report; `blind`: score a blind round."""
    parser = argparse.ArgumentParser(prog="python -m bot.nlu.training", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("model", "eval", "blind"))
    parser.add_argument("folder", nargs="?", type=Path, help="blind: the round's folder (data/nlu/roundN)")
    parser.add_argument("--misses", action="store_true", help="eval, blind: also list every misread message")
    args = parser.parse_args(argv)
    if args.command == "blind":
        if args.folder is None or not args.folder.is_dir():
            parser.error("blind needs the folder of a round, e.g. data/nlu/round30")
        sys.stdout.write(blind_report(args.folder.resolve(), misses=args.misses))
    elif args.command == "model":
        MODEL_PATH.write_text(build(), encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size:,} bytes)")
    else:
        sys.stdout.write(evaluate(misses=args.misses))


if __name__ == "__main__":
    main()
