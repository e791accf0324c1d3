"""Time to answer one 50 KB message, end to end inside the worker (Bot.handle: NLU, routing, flows, replies).

The webhook and the simulator cut text at 2,000 characters; this times the bot on the whole 50 KB, as if that
cut were gone, so that no pattern in the understanding or the flows can cost quadratic time behind it.
Shapes: codes and near-codes of every printed form, runs of province groups, dot groups, dates and digits,
each sent with no flow active and at each step of the rating flow that reads free text.

Run: python bench/bench_long_message.py [--size 50000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CODE = "000.31.25.H59-261102-0001"
PIECES = (
    CODE,
    "38.98.H29-210519-0013",
    "H59.25.31-250107-0009",
    "000.31.25.H59-2611",
    "261102-0001",
    "000 . 31 . 25",
    "h59 12",
    "00.00.00.00.00",
    "tra cuu ho so",
    "0912 345 678",
    "a-b-c-d",
)


def shapes(size: int) -> dict[str, str]:
    """Adversarial and ordinary long texts of `size` characters."""
    rng = random.Random(7)
    mixed = ""
    while len(mixed) < size:
        mixed += rng.choice(PIECES) + rng.choice((" ", ", ", " - ", ".", "\n"))
    runs = {
        "codes and near-codes": mixed,
        "province groups": "h59 " * size,
        "H59 dots": "H59." * size,
        "dot groups": "12.34." * size,
        "dates": "261102-" * size,
        "digits": "1 " * size,
        "province and dots": "h59 12.34 " * size,
        "words": "toi muon tra cuu ho so " * size,
    }
    return {name: text[:size] for name, text in runs.items()}


def main() -> None:
    """Answer each shape in each state; print the slowest and every time over 0.1 s (wall clock, and the CPU time
    of this process, which other load on the machine inflates less)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=50_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.conversation.dialog import DialogState, DialogStore
    from bot.conversation.engine import Bot
    from bot.events import EventKind, InboundEvent, Platform
    from bot.records.dossiers import upsert_dossier
    from bot.web.resources import resources
    from webhooks import create_app

    folder = tempfile.mkdtemp(prefix="motcua-bench-")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "bench", "JOB_MODE": "eager"})
    rt = resources(app).runtime
    rt.db.upgrade()
    with rt.db.session() as s:
        upsert_dossier(
            s,
            CODE,
            {
                "procedure_name": "Đăng ký khai sinh",
                "agency_code": "000.31.25.H59",
                "agency_name": "UBND xã Tân An",
                "status": 10,
                "applicant_phone": "0912345678",
            },
        )
    sent: list[Any] = []
    bot = Bot(rt, lambda platform, user, replies: sent.extend(replies))
    states = {
        "no flow": DialogState(),
        "rating: digits": DialogState("rating", "ask_phone", {"code": CODE}),
        "rating: level": DialogState("rating", "ask_level", {"code": CODE}),
        "rating: reason": DialogState("rating", "ask_reason", {"code": CODE, "level": "dissatisfied"}),
        "lookup: code": DialogState("lookup", "ask_code", {"wrong": 0}),
    }
    timings: list[tuple[float, float, str, str]] = []
    for n, (shape, text) in enumerate(shapes(args.size).items()):
        for m, (state_name, state) in enumerate(states.items()):
            user = f"bench-{n}-{m}"
            DialogStore(rt.redis).save(f"{Platform.SIMULATOR}:{user}", state)
            event = InboundEvent(Platform.SIMULATOR, user, EventKind.TEXT, message_id=f"b{n}-{m}", text=text)
            start, cpu = time.perf_counter(), time.process_time()
            bot.handle(event)
            timings.append((time.perf_counter() - start, time.process_time() - cpu, shape, state_name))
    timings.sort(reverse=True)
    for elapsed, cpu_s, shape, state_name in timings:
        if elapsed > 0.1:
            print(f"  {elapsed:6.3f} s ({cpu_s:.3f} s CPU)  {shape} / {state_name}")
    worst, worst_cpu, shape, state_name = timings[0]
    median = sorted(t[0] for t in timings)[len(timings) // 2]
    print(
        f"{len(timings)} messages of {args.size:,} characters: slowest {worst:.3f} s ({worst_cpu:.3f} s CPU; "
        f"{shape} / {state_name}), median {median:.3f} s, slowest CPU {max(t[1] for t in timings):.3f} s"
    )


if __name__ == "__main__":
    main()
