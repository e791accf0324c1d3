"""CSV import benchmark: a quarter's dossiers (120,000 rows) and a full procedure catalog (2,000 procedures)
through the real CLI, on SQLite and on a throwaway PostgreSQL.

    python bench/bench_import.py [--rows 120000] [--procedures 2000] [--followed 2000] [--only sqlite|postgresql]

For each database: `flask --app webhooks db upgrade`, then, each timed as a whole command (start-up included):
`import-procedures` of the catalog, `import-dossiers` of the quarter (every row new), then, with --followed
dossiers subscribed, `import-dossiers` of the same quarter a week later (every row an update, about a third
with a new status). A private redis-server is started when the binary exists, so notifications go to the RQ
queue as in production and are counted there (none is sent: no worker runs). PostgreSQL is a private cluster
started like the tests do (tests/services.py); without its binaries that half prints SKIP. Prints rows/s (over
the whole command, and without the start-up measured on a header-only file) and the importing process's peak
memory, and writes bench/results/import.json. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import PostgresServer, RedisServer, pg_bindir  # noqa: E402  (the tests' private servers)

RESULTS = ROOT / "bench" / "results" / "import.json"
FLASK = [sys.executable, "-m", "flask", "--app", "webhooks"]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
QUARTER_START = date(2026, 10, 1)
HEADER = [
    "code", "procedure_code", "procedure_name", "agency_code", "agency_name", "status", "received_at", "due_at",
    "finished_at", "returned_at", "current_step", "applicant_name", "applicant_phone", "national_code",
]
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh"),
    ("1.000894", "Đăng ký kết hôn"),
    ("1.000010", "Cấp đổi giấy phép lái xe"),
    ("1.000494", "Trợ cấp xã hội hàng tháng cho người cao tuổi"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("1.004194", "Đăng ký thường trú"),
    ("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"),
    ("1.000656", "Đăng ký khai tử"),
]
STEPS = ("Bộ phận một cửa tiếp nhận", "Công chức chuyên môn thẩm định", "Lãnh đạo phê duyệt", "Trả kết quả")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Sơn", "Kim", "Dương")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Hoàng Dũng", "Thị Hoa", "Quốc Huy", "Sa Rết", "Thị Mai")


def agencies() -> list[tuple[str, str]]:
    """The demo's shape: 18 provincial agencies, 9 districts, 106 communes (codes in the real form)."""
    out = [(f"000.00.{n:02d}.H59", f"Sở số {n}") for n in range(1, 19)]
    out += [(f"000.00.{d:02d}.H59", f"UBND huyện số {d}") for d in range(20, 29)]
    out += [(f"000.{31 + k % 12:02d}.{20 + k // 12:02d}.H59", f"UBND xã số {k + 1}") for k in range(106)]
    return out


def iso(d: date, hour: int, minute: int) -> str:
    """An aware timestamp in Vietnam time, as the one-stop system writes it."""
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=VN).isoformat()


def write_quarter(path: Path, rows: int, week_later: bool, seed: int = 2026) -> None:
    """`rows` dossiers received over 92 days; `week_later` moves about a third of them to a later status."""
    rng = random.Random(seed)
    later = random.Random(seed + 1)
    units = agencies()
    seq: dict[tuple[str, date], int] = {}
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for _ in range(rows):
            agency, agency_name = rng.choice(units)
            received = QUARTER_START + timedelta(days=rng.randrange(92))
            n = seq[agency, received] = seq.get((agency, received), 0) + 1
            code = f"{agency}-{received:%y%m%d}-{n:04d}"
            proc_code, proc_name = rng.choice(PROCEDURES)
            status = rng.choice((1, 2, 4, 4, 4, 5, 9, 10, 10))
            if week_later and status < 9 and later.random() < 0.35:
                status = 9 if status == 5 else status + 1
            due = received + timedelta(days=rng.choice((1, 3, 5, 7, 15)))
            finished = iso(due, 10, 0) if status >= 9 else ""
            returned = iso(due, 15, 30) if status == 10 else ""
            phone = "09" + "".join(rng.choice("0123456789") for _ in range(8))
            out.writerow([
                code, proc_code, proc_name, agency, agency_name, status, iso(received, rng.randrange(7, 17), 15),
                iso(due, 17, 0), finished, returned, rng.choice(STEPS),
                f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}", phone, "",
            ])


def write_catalog(path: Path, count: int) -> None:
    """A catalog of `count` procedures with every column filled, as a province's export would be."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["code", "name", "field", "documents", "fee", "duration", "where", "url", "keywords"])
        for i in range(count):
            code = f"{1 + i // 9000}.{i % 9000:06d}"
            out.writerow([
                code, f"Thủ tục hành chính số {i} về cấp giấy phép", "Lĩnh vực " + str(i % 40),
                "Tờ khai theo mẫu; Bản sao giấy tờ tùy thân; Giấy tờ chứng minh nơi cư trú",
                "50.000 đồng", "05 ngày làm việc", "Bộ phận một cửa UBND cấp huyện",
                f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
                f"giay phep {i}, thu tuc {i}",
            ])


@dataclass
class Step:
    """One timed command: wall time, and the CPU time of the command and of the database server."""

    name: str
    rows: int
    seconds: float
    cpu_s: float
    output: str
    rows_per_s: float = 0.0
    rows_per_s_net: float = 0.0
    rows_per_cpu_s: float = 0.0


@dataclass
class BackendResult:
    """What one database gave."""

    backend: str
    startup_s: float = 0.0
    startup_cpu_s: float = 0.0
    steps: list[Step] = field(default_factory=list)
    notifications_queued: int | None = None
    peak_rss_mib: float = 0.0


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu(pg: PostgresServer | None) -> float:
    """CPU seconds of the PostgreSQL server: the postmaster, its live children and the children it reaped."""
    if pg is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pid = int((pg.data / "postmaster.pid").read_text().splitlines()[0])
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(entry.name) == pid:
            total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
        elif int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def run(args: list[str], env: dict[str, str], pg: PostgresServer | None = None) -> tuple[float, float, str]:
    """Run a CLI command; (wall seconds, CPU seconds of the command and the database server, its last line)."""
    cpu = children_cpu() + server_cpu(pg)
    start = time.perf_counter()
    proc = subprocess.run([*FLASK, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"`flask {' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    cpu = children_cpu() + server_cpu(pg) - cpu
    return elapsed, cpu, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def subscribe(database_url: str, count: int) -> None:
    """Subscribe Zalo users to the first `count` dossiers (the bot would after an ownership check)."""
    from sqlalchemy import insert, select

    from bot.records.db import Database
    from bot.records.models import Dossier, Subscription

    db = Database(database_url)
    with db.session() as s:
        codes = list(s.scalars(select(Dossier.code).order_by(Dossier.id).limit(count)))
        s.execute(insert(Subscription), [
            {"platform": "zalo", "user_id": f"bench-{i}", "dossier_code": c, "created_at": datetime.now(UTC)}
            for i, c in enumerate(codes)
        ])
    db.engine.dispose()


def bench_backend(
    name: str, database_url: str, redis_url: str, files: dict[str, Path], opts: Any, pg: PostgresServer | None = None
) -> BackendResult:
    """The four commands on one database."""
    spool = Path(tempfile.mkdtemp(prefix="motcua-bench-spool-"))
    env = {
        **os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "SPOOL_DIR": str(spool),
        "SECRET_KEY": "bench-secret", "APP_ENV": "development", "PYTHONPATH": str(ROOT),
    }
    for key in ("ZALO_APP_ID", "ZALO_OA_SECRET_KEY", "FB_APP_SECRET", "FB_VERIFY_TOKEN", "JOB_MODE"):
        env.pop(key, None)
    result = BackendResult(name)
    try:
        run(["db", "upgrade"], env)
        result.startup_s, result.startup_cpu_s, _ = run(["import-dossiers", str(files["empty"])], env, pg)
        for step, file, rows in (
            ("import-procedures (catalog)", files["catalog"], opts.procedures),
            ("import-dossiers (quarter, all new)", files["quarter"], opts.rows),
        ):
            seconds, cpu, output = run([step.split()[0], str(file)], env, pg)
            result.steps.append(Step(step, rows, seconds, cpu, output))
        result.peak_rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        subscribe(database_url, opts.followed)
        seconds, cpu, output = run(["import-dossiers", str(files["week_later"])], env, pg)
        result.steps.append(Step("import-dossiers (a week later, all updates)", opts.rows, seconds, cpu, output))
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url)
            result.notifications_queued = int(client.llen("rq:queue:motcua"))
            client.flushall()
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    for s in result.steps:
        s.rows_per_s = s.rows / s.seconds
        net_wall = s.seconds - result.startup_s
        s.rows_per_s_net = s.rows / net_wall if net_wall > 0.5 else 0.0  # too short to tell from the start-up
        net_cpu = s.cpu_s - result.startup_cpu_s
        s.rows_per_cpu_s = s.rows / net_cpu if net_cpu > 0.2 else 0.0  # too short to tell from the start-up
    return result


def report(r: BackendResult) -> None:
    """Print one database's figures."""
    print(f"\n{r.backend}  (command start-up {r.startup_s:.2f} s, {r.startup_cpu_s:.2f} s CPU; "
          f"peak memory of an import {r.peak_rss_mib:.0f} MiB)")
    print(f"  {'command':<45} {'rows':>7} {'wall':>8} {'rows/s':>8} {'-start-up':>10} {'CPU':>8} {'rows/CPU-s':>11}")
    for s in r.steps:
        net = f"{s.rows_per_s_net:.0f}" if s.rows_per_s_net else "—"
        print(f"  {s.name:<45} {s.rows:>7} {s.seconds:7.2f}s {s.rows_per_s:8.0f} {net:>10} "
              f"{s.cpu_s:7.2f}s {f'{s.rows_per_cpu_s:.0f}' if s.rows_per_cpu_s else '—':>11}   {s.output}")
    if r.notifications_queued is not None:
        print(f"  notification jobs queued in RQ by the second import: {r.notifications_queued}")


def main() -> int:
    """Generate the files, run both databases, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=120_000)
    parser.add_argument("--procedures", type=int, default=2_000)
    parser.add_argument("--followed", type=int, default=2_000, help="dossiers with a subscriber before the update")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    opts = parser.parse_args()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="motcua-bench-import-"))
    redis_server: RedisServer | None = None
    pg: PostgresServer | None = None
    results: list[BackendResult] = []
    try:
        files = {k: work / f"{k}.csv" for k in ("quarter", "week_later", "catalog", "empty")}
        started = time.perf_counter()
        write_quarter(files["quarter"], opts.rows, week_later=False)
        write_quarter(files["week_later"], opts.rows, week_later=True)
        write_catalog(files["catalog"], opts.procedures)
        files["empty"].write_text(",".join(HEADER) + "\n", encoding="utf-8")
        size = files["quarter"].stat().st_size / 2**20
        print(f"files: {opts.rows} dossiers ({size:.1f} MiB), {opts.procedures} procedures, "
              f"generated in {time.perf_counter() - started:.1f} s")
        redis_url = ""
        if shutil.which("redis-server"):
            redis_server = RedisServer(shutil.which("redis-server") or "")
            redis_server.start()
            redis_url = redis_server.url
        else:
            print("redis-server not found: notifications run in the importing process (embedded mode)")
        if opts.only in (None, "sqlite"):
            results.append(bench_backend("SQLite", f"sqlite:///{work}/bench.sqlite3", redis_url, files, opts))
            report(results[-1])
        if opts.only in (None, "postgresql"):
            bindir = pg_bindir()
            if bindir is None:
                print("\nPostgreSQL: SKIP (initdb/pg_ctl not found: apt-get install postgresql)")
            else:
                pg = PostgresServer(bindir)
                pg.start()
                results.append(bench_backend("PostgreSQL", pg.url(), redis_url, files, opts, pg))
                report(results[-1])
    finally:
        if pg is not None:
            pg.cleanup()
        if redis_server is not None:
            redis_server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    load = (load_before, os.getloadavg()[0])
    print(f"\nload average (1 min) at the start and the end: {load[0]:.1f}, {load[1]:.1f} on {os.cpu_count()} CPUs "
          "(wall-clock rates shrink with it; rows per CPU-second much less)")
    RESULTS.write_text(json.dumps({
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.platform(),
        "cpus": os.cpu_count(), "load_average": load, "results": [asdict(r) for r in results],
    }, indent=2, ensure_ascii=False))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
