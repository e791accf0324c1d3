"""Webhook ingestion benchmark: `webhooks:app` against a bare verify-and-parse Flask handler.

    python bench/run.py [--seconds N] [--warmup N] [--concurrency C] [--workers W] [--threads T] [--no-spool]

Starts a private `redis-server` and a throwaway SQLite database, then serves, one after
the other, `bench.bare_app:app` and `webhooks:app` with `gunicorn -w 2` on loopback, and
drives each with the same closed-loop load of correctly signed Messenger text events,
every one with a unique `mid` so that dedup never short-circuits. Prints requests/s and
latency for both and their ratio, writes bench/results/webhook.json, and checks, once the servers
have stopped, that the inbox holds one event per accepted request (with a drain job pending in RQ)
and that no spool file was left on disk. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import hashlib
import hmac
import json
import multiprocessing as mp
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "webhook.json"
PATH = "/webhooks/facebook"
APP_SECRET = "bench-app-secret-7c1e"
VERIFY_TOKEN = "bench-verify-token"
PAGE_ID = "104512345678901"
QUEUE_NAME = "motcua"  # bot.delivery.inbox.QUEUE_NAME
INBOX_KEY = "motcua:inbox"  # bot.delivery.inbox.INBOX_KEY
TARGET_RATIO = 0.7
# Upper bound on what one closed-loop client can send per second; bodies are pre-generated for it.
MAX_RATE_PER_CLIENT = 6000
START_TIMEOUT_S = 30.0
SOCKET_TIMEOUT_S = 10.0
TEXTS = (
    "Tra cứu hồ sơ 000.00.12.H59-240315-0001",
    "Xin chào, tôi muốn hỏi thủ tục cấp giấy phép xây dựng",
    "hồ sơ của tôi đến đâu rồi ạ?",
    "Cảm ơn cán bộ một cửa!",
)


# ---------------------------------------------------------------- payloads


def signed_request(host: str, port: int, mid: str, text: str, psid: str, ts_ms: int) -> bytes:
    """The full bytes of one signed Messenger POST (HTTP/1.1, keep-alive if the server allows)."""
    body = {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "time": ts_ms,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": PAGE_ID},
                        "timestamp": ts_ms,
                        "message": {"mid": mid, "text": text},
                    }
                ],
            }
        ],
    }
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    sig = hmac.new(APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    head = (
        f"POST {PATH} HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "User-Agent: facebookexternalua\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(raw)}\r\n"
        f"X-Hub-Signature-256: sha256={sig}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + raw


def make_requests(host: str, port: int, tag: str, client: int, count: int) -> list[bytes]:
    """`count` signed requests whose `mid`s are unique across clients and runs."""
    ts = int(time.time() * 1000)
    return [
        signed_request(
            host,
            port,
            mid=f"m_{tag}_{client:02d}_{i:08d}",
            text=TEXTS[i % len(TEXTS)],
            psid=f"67890123{client:02d}{i % 1000:06d}",
            ts_ms=ts + i,
        )
        for i in range(count)
    ]


# ---------------------------------------------------------------- load generator


class HttpClient:
    """A minimal HTTP/1.1 client over one socket: send pre-built bytes, read one response."""

    def __init__(self, host: str, port: int) -> None:
        self.addr = (host, port)
        self.sock: socket.socket | None = None
        self.buf = b""

    def close(self) -> None:
        """Drop the connection."""
        if self.sock is not None:
            self.sock.close()
        self.sock = None
        self.buf = b""

    def request(self, data: bytes) -> int:
        """Send one request and return the status; retries once if a reused connection was closed."""
        reused = self.sock is not None
        try:
            return self._exchange(data)
        except (ConnectionError, EOFError):
            self.close()
            if not reused:
                raise
            return self._exchange(data)

    def _exchange(self, data: bytes) -> int:
        if self.sock is None:
            self.sock = socket.create_connection(self.addr, timeout=SOCKET_TIMEOUT_S)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.sendall(data)
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = 0
        close = lines[0].startswith(b"HTTP/1.0")
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        self.buf = rest
        while len(self.buf) < length:
            self._fill()
        self.buf = self.buf[length:]
        if close:
            self.close()
        return status

    def _fill(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by the server")
        self.buf += chunk


@dataclass
class ClientResult:
    """What one load process saw."""

    ok: int = 0  # 200 answers inside the measured window
    ok_total: int = 0  # 200 answers including the warm-up (each one enqueued a job on the motcua app)
    non_200: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    exhausted: bool = False
    latencies: bytes = b""  # array('d') of seconds, measured window only


def client_main(
    index: int,
    host: str,
    port: int,
    tag: str,
    count: int,
    warmup_s: float,
    seconds: float,
    ready: EventType,
    go: EventType,
    start_at: Any,
    results: Any,
) -> None:
    """One load process: pre-generate, wait for the start, then a closed loop until the deadline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    reqs = make_requests(host, port, tag, index, count)
    ready.set()
    go.wait()
    t0: float = start_at.value
    measure_from = t0 + warmup_s
    deadline = measure_from + seconds
    res = ClientResult()
    lat = array.array("d")
    client = HttpClient(host, port)
    now = time.monotonic
    while now() < t0:
        time.sleep(0.001)
    i = 0
    while True:
        if i >= len(reqs):
            res.exhausted = True
            break
        begin = now()
        if begin >= deadline:
            break
        try:
            status = client.request(reqs[i])
        except (OSError, EOFError, ValueError, IndexError):
            client.close()
            res.errors += 1
            i += 1
            continue
        end = now()
        i += 1
        if status == 200:
            res.ok_total += 1
        if begin < measure_from or end > deadline:
            continue
        if status == 200:
            res.ok += 1
            lat.append(end - begin)
        else:
            res.non_200[status] = res.non_200.get(status, 0) + 1
    client.close()
    res.latencies = lat.tobytes()
    results.put((index, res))


@dataclass
class LoadResult:
    """The merged result of every load process for one app."""

    name: str
    seconds: float
    ok: int
    ok_total: int
    non_200: dict[int, int]
    errors: int
    exhausted: bool
    latencies: list[float]

    @property
    def rps(self) -> float:
        """200 answers per second in the measured window."""
        return self.ok / self.seconds if self.seconds else 0.0

    def pct_ms(self, q: float) -> float:
        """Latency percentile in milliseconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        k = min(len(self.latencies) - 1, max(0, round(q * len(self.latencies)) - 1))
        return self.latencies[k] * 1000.0

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "requests_per_s": round(self.rps, 1),
            "ok_measured": self.ok,
            "ok_including_warmup": self.ok_total,
            "non_200": {str(k): v for k, v in sorted(self.non_200.items())},
            "errors": self.errors,
            "ran_out_of_requests": self.exhausted,
            "latency_ms": {
                "p50": round(self.pct_ms(0.50), 3),
                "p90": round(self.pct_ms(0.90), 3),
                "p99": round(self.pct_ms(0.99), 3),
                "mean": round(sum(self.latencies) / len(self.latencies) * 1000.0, 3) if self.latencies else None,
            },
        }


def merge(name: str, parts: list[LoadResult]) -> LoadResult:
    """One result from several slices of the same app."""
    non_200: dict[int, int] = {}
    for part in parts:
        for k, v in part.non_200.items():
            non_200[k] = non_200.get(k, 0) + v
    return LoadResult(
        name=name,
        seconds=sum(p.seconds for p in parts),
        ok=sum(p.ok for p in parts),
        ok_total=sum(p.ok_total for p in parts),
        non_200=non_200,
        errors=sum(p.errors for p in parts),
        exhausted=any(p.exhausted for p in parts),
        latencies=sorted(x for p in parts for x in p.latencies),
    )


def drive(name: str, host: str, port: int, tag: str, concurrency: int, warmup: float, seconds: float) -> LoadResult:
    """Run the closed-loop load against one server and merge the per-process results."""
    ctx = mp.get_context("fork")
    count = int((warmup + seconds) * MAX_RATE_PER_CLIENT) + 100
    go = ctx.Event()
    start_at = ctx.Value("d", 0.0)
    results = ctx.Queue()
    readies = [ctx.Event() for _ in range(concurrency)]
    procs = [
        ctx.Process(
            target=client_main,
            args=(i, host, port, tag, count, warmup, seconds, readies[i], go, start_at, results),
            daemon=True,
        )
        for i in range(concurrency)
    ]
    try:
        for p in procs:
            p.start()
        for ev in readies:
            if not ev.wait(120):
                raise RuntimeError("a load process did not get ready")
        start_at.value = time.monotonic() + 0.1
        go.set()
        merged: dict[int, ClientResult] = {}
        budget = warmup + seconds + SOCKET_TIMEOUT_S + 30
        while len(merged) < len(procs):
            index, res = results.get(timeout=budget)
            merged[index] = res
        for p in procs:
            p.join(10)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
                p.join(5)
    lat = array.array("d")
    non_200: dict[int, int] = {}
    for res in merged.values():
        lat.frombytes(res.latencies)
        for k, v in res.non_200.items():
            non_200[k] = non_200.get(k, 0) + v
    return LoadResult(
        name=name,
        seconds=seconds,
        ok=sum(r.ok for r in merged.values()),
        ok_total=sum(r.ok_total for r in merged.values()),
        non_200=non_200,
        errors=sum(r.errors for r in merged.values()),
        exhausted=any(r.exhausted for r in merged.values()),
        latencies=sorted(lat),
    )


# ---------------------------------------------------------------- servers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until(check: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float = START_TIMEOUT_S) -> bool:
    """Poll `check` until true, the process exits, or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    return check()


def tail(path: Path, limit: int = 3000) -> str:
    """The end of a log file."""
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


def stop(proc: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    """Stop a child we started (its own process group: gunicorn's workers go with it)."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@contextlib.contextmanager
def redis_server(binary: str, workdir: Path) -> Iterator[str]:
    """A private redis-server without persistence on a free loopback port; yields its URL."""
    import redis

    port = free_port()
    log = workdir / "redis.log"
    proc: subprocess.Popen[bytes] | None = None
    try:
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--dir", str(workdir)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

        def pings() -> bool:
            try:
                return bool(redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1).ping())
            except redis.RedisError:
                return False

        if not wait_until(pings, proc):
            raise RuntimeError(f"redis-server did not start:\n{tail(log)}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


def http_ready(port: int, path: str) -> Callable[[], bool]:
    """A check that is true once the server answers any HTTP status to GET `path`."""

    def check() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
                return s.recv(16).startswith(b"HTTP/1.")
        except OSError:
            return False

    return check


@contextlib.contextmanager
def gunicorn(
    app_spec: str, env: dict[str, str], workdir: Path, args: argparse.Namespace, ready_path: str
) -> Iterator[int]:
    """`gunicorn -w W` of the venv serving `app_spec` on a free loopback port; yields the port."""
    port = free_port()
    log = workdir / f"gunicorn-{app_spec.replace(':', '_')}.log"
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(args.workers), "--bind", f"127.0.0.1:{port}",
           "--log-level", "warning", "--chdir", str(ROOT)]  # fmt: skip
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    cmd.append(app_spec)
    proc: subprocess.Popen[bytes] | None = None
    try:
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        if not wait_until(http_ready(port, ready_path), proc):
            raise RuntimeError(f"gunicorn {app_spec} did not start:\n{tail(log)}")
        yield port
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn {app_spec} died during the run:\n{tail(log)}")
    finally:
        stop(proc)


def version_of(cmd: list[str]) -> str:
    """First line of a `--version` output, or '?'."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--seconds", type=float, default=10.0, help="measured seconds per app (default 10)")
    ap.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds per app, not counted (default 2)")
    ap.add_argument(
        "--concurrency",
        type=int,
        default=0,
        help="load processes, one request in flight each (default: one per server thread, workers x threads)",
    )
    ap.add_argument(
        "--slices",
        type=int,
        default=5,
        help="split the measured time into this many alternating bare/motcua slices, so that load from other "
        "processes on the machine hits both alike (default 5)",
    )
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    ap.add_argument(
        "--threads", type=int, default=4, help="gunicorn --threads, as in the Procfile (default 4; 0 for sync workers)"
    )
    ap.add_argument(
        "--no-spool",
        action="store_true",
        help="SPOOL_DIR=off: the webhook answers only after its own Redis call (the default spools to disk first)",
    )
    ap.add_argument("--output", type=Path, default=RESULTS, help=f"JSON results (default {RESULTS.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    if args.concurrency == 0 and args.threads >= 0:
        args.concurrency = args.workers * max(args.threads, 1)
    if args.seconds <= 0 or args.warmup < 0 or args.threads < 0 or min(args.concurrency, args.workers, args.slices) < 1:
        ap.error("--seconds must be > 0, --warmup and --threads >= 0, --concurrency, --workers and --slices >= 1")
    return args


def find_redis_server() -> str | None:
    """The redis-server binary, from PATH or the usual places."""
    found = shutil.which("redis-server")
    if found:
        return found
    for candidate in ("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Run both servers under the same load, print the table, write the JSON; 1 if the queue check fails."""
    args = parse_args(argv)
    binary = find_redis_server()
    if binary is None:
        print("SKIP: redis-server not found; install it (e.g. `apt-get install -y redis-server`) and rerun.")
        return 1 if os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes", "on"} else 0
    signal.signal(signal.SIGTERM, _terminate)
    cpus = os.cpu_count() or 1
    workdir = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    try:
        with redis_server(binary, workdir) as redis_url:
            return run(args, redis_url, workdir, binary, cpus)
    except KeyboardInterrupt:
        print("\ninterrupted; servers stopped", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, redis_url: str, workdir: Path, redis_binary: str, cpus: int) -> int:
    """The benchmark proper, with Redis already running."""
    import redis

    from bot.records.db import Database

    db_url = f"sqlite:///{workdir / 'motcua.sqlite3'}"
    Database(db_url).upgrade()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": db_url,
        "SECRET_KEY": "bench-secret-key",
        "FB_APP_SECRET": APP_SECRET,
        "FB_VERIFY_TOKEN": VERIFY_TOKEN,
        "FB_PAGE_ACCESS_TOKEN": "x",
        "FB_GRAPH_API_BASE": "http://127.0.0.1:9",  # never contacted: no RQ worker runs
        "SPOOL_DIR": "off" if args.no_spool else str(workdir / "spool"),
    }
    for name in ("ZALO_APP_ID", "ZALO_OA_SECRET_KEY", "JOB_MODE"):
        env.pop(name, None)
    rds = redis.Redis.from_url(redis_url)
    mode = f"gthread x{args.threads}" if args.threads else "sync"
    print(
        f"Webhook ingestion: POST {PATH}, gunicorn -w {args.workers} ({mode}) on 127.0.0.1, "
        f"{args.warmup:g} s warm-up + {args.seconds:g} s measured per app in {args.slices} alternating slice(s)."
    )
    print(
        f"Load: {args.concurrency} pure-Python client process(es), one request in flight each, "
        f"sharing this machine's {cpus} CPU(s) with the servers; every event has a unique mid."
    )
    tag = f"{int(time.time())}"
    apps = [
        ("bare", "bench.bare_app:app", "bare Flask: verify + parse", PATH),
        ("motcua", "webhooks:app", "motcua webhooks:app" + (" (no spool)" if args.no_spool else ""), "/healthz"),
    ]
    labels = {key: label for key, _, label, _ in apps}
    parts: dict[str, list[LoadResult]] = {key: [] for key, *_ in apps}
    warm: dict[str, int] = {}
    slice_ratios: list[float] = []
    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        ports = {key: stack.enter_context(gunicorn(spec, env, workdir, args, ready)) for key, spec, _, ready in apps}
        for key, *_ in apps:
            print(f"  warming up {labels[key]} ...", flush=True)
            w = drive(labels[key], "127.0.0.1", ports[key], f"{key}{tag}w", args.concurrency, args.warmup, 0.0)
            warm[key] = w.ok_total
        per_slice = args.seconds / args.slices
        for n in range(args.slices):
            order = [key for key, *_ in apps]
            if n % 2:
                order.reverse()
            for key in order:
                part = drive(labels[key], "127.0.0.1", ports[key], f"{key}{tag}s{n}", args.concurrency, 0.0, per_slice)
                parts[key].append(part)
            rates = {key: parts[key][-1].rps for key in parts}
            slice_ratios.append(rates["motcua"] / rates["bare"] if rates["bare"] else 0.0)
            print(
                f"  slice {n + 1}/{args.slices}: bare {rates['bare']:.0f} req/s, motcua {rates['motcua']:.0f} req/s",
                flush=True,
            )
    load_after = os.getloadavg()[0]
    results = {key: merge(labels[key], parts[key]) for key in parts}
    queued = int(rds.llen(INBOX_KEY))  # no worker runs, so every accepted event is still waiting
    drain_jobs = int(rds.llen(f"rq:queue:{QUEUE_NAME}"))
    dedup_keys = sum(1 for _ in rds.scan_iter(match="dedup:messenger:*", count=1000))
    bare, motcua = results["bare"], results["motcua"]
    ratio = motcua.rps / bare.rps if bare.rps else 0.0
    accepted = motcua.ok_total + warm["motcua"]
    left_on_disk = len(list((workdir / "spool").glob("*.spool")))  # the workers forward all before exiting
    queue_ok = queued == accepted and drain_jobs >= 1 and motcua.errors == 0 and left_on_disk == 0

    print()
    print(f"{'app':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'200s':>8} {'non-200':>8} {'errors':>7}")
    for r in (bare, motcua):
        print(
            f"{r.name:<30} {r.rps:>9.1f} {r.pct_ms(0.5):>8.2f} {r.pct_ms(0.99):>8.2f} {r.ok:>8} "
            f"{sum(r.non_200.values()):>8} {r.errors:>7}"
        )
        if r.non_200:
            print(f"  non-200 answers: {dict(sorted(r.non_200.items()))}")
        if r.exhausted:
            print("  note: a client ran out of pre-generated requests before the deadline")
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(
        f"\nratio motcua/bare: {ratio:.3f} ({verdict} the {TARGET_RATIO} target); "
        f"per slice {min(slice_ratios):.3f} to {max(slice_ratios):.3f}"
    )
    if load_before > 0.5 * cpus:
        print(
            f"note: the 1-minute load average was {load_before:.2f} before the run ({load_after:.2f} after) on "
            f"{cpus} CPU(s): other work on this machine is in the figures; the ratio is the more stable number"
        )
    print(
        f'inbox "{INBOX_KEY}": {queued} events for {accepted} accepted requests (warm-up included), '
        f"{drain_jobs} pending drain job(s) in RQ queue \"{QUEUE_NAME}\", {dedup_keys} dedup keys, "
        f"{left_on_disk} spool file(s) left: "
        f"{'OK' if queue_ok else 'MISMATCH'}"
    )

    report = {
        "benchmark": "webhook ingestion",
        "endpoint": f"POST {PATH}",
        "server": f"gunicorn -w {args.workers} ({mode})",
        "spool": not args.no_spool,
        "warmup_s": args.warmup,
        "measured_s": args.seconds,
        "slices": args.slices,
        "slice_ratios": [round(r, 4) for r in slice_ratios],
        "load_average_1m": {"before": round(load_before, 2), "after": round(load_after, 2)},
        "load": {"processes": args.concurrency, "in_flight_per_process": 1, "generator": "pure Python, raw sockets"},
        "machine": {
            "cpus": cpus,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "gunicorn": version_of([sys.executable, "-m", "gunicorn", "--version"]),
            "redis": version_of([redis_binary, "--version"]),
        },
        "bare": bare.as_dict(),
        "motcua": motcua.as_dict(),
        "ratio_motcua_over_bare": round(ratio, 4),
        "target_ratio": TARGET_RATIO,
        "queue_check": {
            "inbox": INBOX_KEY,
            "events": queued,
            "drain_jobs": drain_jobs,
            "accepted": accepted,
            "dedup_keys": dedup_keys,
            "spool_files_left": left_on_disk,
            "ok": queue_ok,
        },
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"results written to {args.output}")
    return 0 if queue_ok else 1


if __name__ == "__main__":
    sys.exit(main())
