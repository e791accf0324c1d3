"""Speed of the NLU (bot.nlu) on one core: latency of one message and throughput of a batch.

The messages are every labelled message of the repository (every round of the NLU corpus, each text once) and the
shared development set when it is present, so most are new to the NLU's caches, as a citizen's are. Reports the
CPU time of `understand` for the first reading of half the messages (median, 99th percentile, worst), the throughput
of `understand_many` on the other half, never read before, and then the throughput of `understand` one message at a
time and of `understand_many` over all of them again, each the best of a few runs. The never-read batch is read once
more in each of a few fresh processes (`--fresh`), whose best, median and worst show the spread a shared machine
gives it. The NLU is first warmed as a worker warms it (`warm_up`), so the garbage collections it reports apart are
those a worker meets.

The figures depend on the interpreter's build as much as on the NLU: the lines after the model's load name it and
say whether the NLU's rules are read compiled (`make nlu-native`) or from their source (`MOTCUA_NLU_PURE=1`).

Run: python bench/bench_nlu.py [--runs N] [--fresh N]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _messages() -> list[str]:
    """Every labelled text of the repository, and of the shared development set when present, each once."""
    sys.path.insert(0, str(ROOT))
    from bot.nlu.training import DEV_SET, corpus_files

    paths = [path for _, path in corpus_files()] + ([DEV_SET] if DEV_SET.exists() else [])
    texts = [json.loads(line)["text"] for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line]
    return list(dict.fromkeys(texts))


def main() -> None:
    """Time the NLU and print latency and throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=3, help="processes that each read the unseen half once")
    parser.add_argument("--unseen-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.unseen_only:
        print(_unseen_rate())
        return
    texts = _messages()
    from bot.nlu import understand, understand_many, warm_up
    from bot.nlu.model import shipped_model

    start = time.perf_counter()
    assert shipped_model() is not None, "no intent model: run make nlu-model"
    print(f"model loaded in {(time.perf_counter() - start) * 1e3:.0f} ms")
    # the interpreter's build matters: a release build (profile-guided, link-time optimised, as Debian's and the
    # official images' are) reads about a fifth faster than a plain source build (pyenv's default)
    print(f"Python {platform.python_version()} ({os.path.realpath(sys.executable)}, {platform.python_compiler()})")
    from bot.nlu import native

    reason = native.status()  # the rules compiled by mypyc (make nlu-native), or read from their source
    print("compiled NLU: read" if reason is None else f"compiled NLU: not read, {reason}")
    warm_up()  # as a worker does before its first message: what is loaded is frozen out of the full collections
    seen, unseen = texts[::2], texts[1::2]
    latencies = []
    collecting: list[float] = []  # the CPU time of each garbage collection, which may fall inside any message

    def collection(phase: str, info: dict[str, int]) -> None:
        collecting.append(time.thread_time() * (1 if phase == "stop" else -1))

    gc.callbacks.append(collection)
    for text in seen:  # the first reading of each message: no cache holds it or its words yet
        collecting.clear()
        t0 = time.thread_time()  # the CPU time of this thread: another process taking the core is not counted
        understand(text)
        latencies.append((time.thread_time() - t0, sum(collecting)))
    gc.callbacks.remove(collection)
    own = sorted(t - collected for t, collected in latencies)
    pauses = [collected for _, collected in latencies if collected]
    median, p99, worst = statistics.median(own), own[int(len(own) * 0.99)], own[-1]
    print(
        f"{len(seen)} distinct messages (mean {statistics.mean(map(len, seen)):.0f} characters); CPU time of one: "
        f"median {median * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs, worst {worst * 1e3:.2f} ms; besides, "
        f"{len(pauses)} garbage collections took {sum(pauses) * 1e3:.1f} ms "
        f"(the longest {max(pauses, default=0) * 1e3:.1f} ms)"
    )
    # then as many messages it has never read (its caches of words and word pairs warm, as a worker's are)
    # what the batch leaves the garbage collector (which waits for a batch's end) is counted in its time
    taken = _timed(lambda: (understand_many(unseen), gc.collect(0)))
    print(f"understand_many, {len(unseen)} messages never read before: {len(unseen) / taken:,.0f} messages/s")
    if args.fresh:  # a batch is never read twice by one process: the same again in fresh processes, for the spread
        command = [sys.executable, __file__, "--unseen-only"]
        rates = sorted(float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                       for _ in range(args.fresh))  # fmt: skip
        print(
            f"  the same in {args.fresh} fresh processes: best {rates[-1]:,.0f}, median {statistics.median(rates):,.0f}"
            f", worst {rates[0]:,.0f} messages/s"
        )
    for name, run in (
        ("understand, one at a time", lambda: [understand(t) for t in texts]),
        ("understand_many, one batch", lambda: (understand_many(texts), gc.collect(0))),
    ):
        best = min(_timed(run) for _ in range(args.runs))
        print(f"{name}, all {len(texts)} again: {len(texts) / best:,.0f} messages/s (one core, best of {args.runs})")


def _unseen_rate() -> float:
    """In a fresh process: warm up, read the first half once, and return the rate of one batch of the second half."""
    texts = _messages()
    from bot.nlu import understand, understand_many, warm_up

    warm_up()
    seen, unseen = texts[::2], texts[1::2]
    for text in seen:
        understand(text)
    return len(unseen) / _timed(lambda: (understand_many(unseen), gc.collect(0)))


def _timed(run: object) -> float:
    start = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - start


if __name__ == "__main__":
    main()
