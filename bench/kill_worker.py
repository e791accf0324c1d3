"""Crash check for the webhook spool: SIGKILL a gunicorn worker in the middle of a load run.

    python bench/kill_worker.py [--seconds 8] [--kill-after 3]

Serves `webhooks:app` as `bench/run.py` does (private redis-server, `gunicorn -w 2 --threads 4`), drives
it with signed Messenger events, kills one worker with SIGKILL while requests are in flight, and then
checks that every request that got a 200 is in the Redis inbox exactly once: the dead worker's spool
file must have been taken over by the survivors. Exit 1 if anything is missing or doubled.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run as bench  # noqa: E402
from bot.delivery import spool  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the load, kill a worker, wait for the take-over, compare 200s with the inbox."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--seconds", type=float, default=8.0, help="load duration (default 8)")
    ap.add_argument("--kill-after", type=float, default=3.0, help="seconds into the load (default 3)")
    opts = ap.parse_args(argv)
    binary = bench.find_redis_server()
    if binary is None:
        print("SKIP: redis-server not found")
        return 0
    args = bench.parse_args([])
    workdir = Path(tempfile.mkdtemp(prefix="motcua-kill-"))
    try:
        with bench.redis_server(binary, workdir) as redis_url:
            return run(opts, args, redis_url, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(opts: argparse.Namespace, args: argparse.Namespace, redis_url: str, workdir: Path) -> int:
    """The check proper, with Redis running."""
    import redis

    from bot.records.db import Database

    db_url = f"sqlite:///{workdir / 'motcua.sqlite3'}"
    Database(db_url).upgrade()
    folder = workdir / "spool"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": db_url,
        "SECRET_KEY": "bench-secret-key",
        "FB_APP_SECRET": bench.APP_SECRET,
        "FB_VERIFY_TOKEN": bench.VERIFY_TOKEN,
        "FB_PAGE_ACCESS_TOKEN": "x",
        "FB_GRAPH_API_BASE": "http://127.0.0.1:9",
        "SPOOL_DIR": str(folder),
    }
    rds = redis.Redis.from_url(redis_url)
    killed: list[int] = []
    with bench.gunicorn("webhooks:app", env, workdir, args, "/healthz") as port:
        master = int(subprocess.check_output(["pgrep", "-f", f"127.0.0.1:{port}"]).split()[0])

        def kill_one() -> None:
            time.sleep(opts.kill_after)
            worker = int(subprocess.check_output(["pgrep", "-P", str(master)]).split()[0])
            os.kill(worker, signal.SIGKILL)
            killed.append(worker)

        threading.Thread(target=kill_one, daemon=True).start()
        load = bench.drive("motcua", "127.0.0.1", port, f"kill{int(time.time())}", args.concurrency, 0.0, opts.seconds)
        deadline = time.monotonic() + spool.ADOPT_EVERY_S + 10
        while rds.llen(bench.INBOX_KEY) < load.ok_total and time.monotonic() < deadline:
            time.sleep(0.2)
        queued = int(rds.llen(bench.INBOX_KEY))
    ok = bool(killed) and queued == load.ok_total and load.errors == 0
    print(
        f"killed worker {killed or '-'} {opts.kill_after:g} s into {opts.seconds:g} s of load; "
        f"{load.ok_total} answered 200 ({sum(load.non_200.values())} other, {load.errors} errors); "
        f"{queued} in the inbox while running; {len(list(folder.glob('*.spool')))} spool file(s) after stop: "
        f"{'OK' if ok else 'MISMATCH'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
