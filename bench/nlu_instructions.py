"""Machine instructions the NLU (bot.nlu) executes per message, counted by valgrind's callgrind: a figure that does
not move with the load of a shared machine, as the times of bench_nlu.py do (they vary twofold from one minute to
the next on a shared 2-core VM). Compare two versions of the NLU by this figure; quote bench_nlu.py for speed.

The counted part is `understand_many` over messages the process has never read (the odd-numbered labelled messages),
after a warm-up on others (the even-numbered ones), as bench_nlu.py's unseen batch; loading, warm-up and exit are not
counted (callgrind's instrumentation is switched on only around the batch).

Run: python bench/nlu_instructions.py [--warm N] [--messages N]   (needs valgrind: apt install valgrind)
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _worker(warm: int, messages: int, flag: Path) -> None:
    """Under valgrind: warm up, say so, wait for the counting to start, read the batch."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_nlu import _messages

    from bot.nlu import understand_many
    from bot.nlu.model import shipped_model

    texts = _messages()
    assert shipped_model() is not None, "no intent model: run make nlu-model"
    understand_many(texts[::2][:warm])
    batch = texts[1::2][:messages]
    flag.with_suffix(".ready").touch()
    while not flag.with_suffix(".go").exists():
        time.sleep(0.05)
    understand_many(batch)
    gc.collect(0)  # what the batch leaves the garbage collector (it waits for a batch's end) is counted too
    os._exit(0)  # nothing after the batch is counted


def main() -> None:
    """Count the instructions of one batch under callgrind and print them per message."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warm", type=int, default=1500)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.warm, args.messages, args.worker)
        return
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        sys.exit("valgrind is not installed: apt install valgrind")
    with tempfile.TemporaryDirectory() as tmp:
        flag = Path(tmp) / "flag"
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={tmp}/callgrind.out",
            sys.executable, __file__, "--worker", str(flag), "--warm", str(args.warm), "--messages", str(args.messages),
        ]  # fmt: skip
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same sets in the same order, run after run
        with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env) as run:
            while not flag.with_suffix(".ready").exists():
                if run.poll() is not None:
                    sys.exit(f"the worker stopped: {run.stderr.read() if run.stderr else ''}")
                time.sleep(0.2)
            subprocess.run(["callgrind_control", "-i", "on", str(run.pid)], check=True, capture_output=True)
            flag.with_suffix(".go").touch()
            _, log = run.communicate()
    collected = re.search(r"Collected : (\d+)", log)
    if collected is None:
        sys.exit(f"no count in valgrind's report:\n{log}")
    total = int(collected.group(1))
    print(f"{args.messages} messages never read: {total / args.messages:,.0f} instructions per message")


if __name__ == "__main__":
    main()
