"""Officials' side at a province's volume: every dashboard page, API answer and export, timed on PostgreSQL.

    python bench/reports_volume.py [--ratings 1000000] [--dossiers 500000] [--repeat 11] [--url postgresql://…]

Starts a throwaway PostgreSQL cluster (tests/services.py: initdb + pg_ctl on a free loopback port, as the
`postgres` user when run as root) unless --url names one, creates the schema, loads the demo province (agencies,
procedures, officials), then COPYs a year of data ending now: --ratings ratings (about 60% with SIPAS answers,
a reason on every Không hài lòng) and --dossiers dossiers (three quarters finished, with channels; about 30% of
the finished ones rated). It rolls the ratings up (timed), VACUUM ANALYZEs, serves `webhooks:app` with the
Procfile's `gunicorn -w 2`, and times each page, API call and export for the last full quarter and for the
year, as the admin and as a district official (UBND huyện Càng Long), `--repeat` times each after one warm-up
(more than ten, so a generic plan would show), printing the median in ms. The API is called with a token
(Bearer) and, once per row, with HTTP Basic to show the password hash. Then, in a separate process, the peak
memory of the year's Excel export. Results also go to bench/results/reports.json. Timings are reported,
never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.records.demo import (  # noqa: E402
    CODE_TANAN,
    DEMO_OFFICIAL,
    PROCEDURES,
    REASONS,
    agency_seeds,
)
from bot.records.dossiers import VN  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "reports.json"
DISTRICT = "000.00.25.H59"  # UBND huyện Càng Long
DISTRICT_USER = ("canbo.canglong", "canglong-bench-2026")
FACTORS = ("access", "procedure", "civil_servant", "result", "feedback")


# ---------------------------------------------------------------- data


def _agency_picker(rng: random.Random) -> Any:
    agencies = agency_seeds()
    by_code = {a.code: a for a in agencies}
    by_level: dict[str, list[Any]] = {}
    for a in agencies:
        by_level.setdefault(a.level, []).append(a)
    usable = [p for p in PROCEDURES if p.weight > 0]
    weights = [p.weight for p in usable]

    def pick() -> tuple[Any, Any]:
        p = rng.choices(usable, weights)[0]
        if p.level == "province":
            return by_code[p.agency], p
        if p.level == "commune" and rng.random() < 0.2:
            return by_code[CODE_TANAN], p
        return rng.choice(by_level[p.level]), p

    return pick


def load(url: str, n_ratings: int, n_dossiers: int, now: datetime, rating_key: bytes) -> dict[str, float]:
    """COPY a year of dossiers and ratings ending `now`; seconds spent per step."""
    import psycopg

    from bot.records.ratings import dossier_key

    rng = random.Random(2026)
    pick = _agency_picker(rng)
    start = now - timedelta(days=365)
    span = int((now - start).total_seconds()) - 3600
    timings: dict[str, float] = {}
    rated_codes: list[tuple[Any, Any, str, datetime]] = []
    t0 = time.perf_counter()
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        seq: dict[tuple[str, str], int] = {}
        cols = ("code, procedure_code, procedure_name, agency_code, agency_name, status, received_at, due_at, "
                "finished_at, returned_at, current_step, applicant_name, applicant_phone, channel, created_at, "
                "updated_at")
        with conn.cursor().copy(f"COPY dossiers ({cols}) FROM STDIN") as copy:
            for _ in range(n_dossiers):
                agency, p = pick()
                received = start + timedelta(seconds=rng.randrange(span))
                day = received.astimezone(VN).strftime("%y%m%d")
                key = (agency.code, day)
                seq[key] = seq.get(key, 10000) + 1
                code = f"{agency.code}-{day}-{seq[key]:05d}"
                due = received + timedelta(days=max(1, p.days) * 1.4)
                finished = returned = None
                status = rng.choices((10, 9, 4, 2, 5), (68, 7, 17, 5, 3))[0]
                if status in (9, 10):
                    late = rng.random() < 0.12
                    on_time = received + (due - received) * rng.random()
                    finished = due + timedelta(days=rng.uniform(0.5, 6)) if late else on_time
                    if finished > now:
                        finished, status = None, 4
                    elif status == 10:
                        returned = min(finished + timedelta(hours=rng.uniform(1, 48)), now)
                draw = rng.random()
                channel = "postal" if draw < 0.03 else "online" if draw < 0.45 else "direct"
                copy.write_row((code, p.code, p.name, agency.code, agency.name, status, received, due, finished,
                                returned, "", "Nguyễn Văn An", "0912345678", channel, received, received))
                if finished is not None and rng.random() < 0.3:
                    rated_codes.append((agency, p, code, finished))
        timings["dossiers"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        cols = ("dossier_key, platform, agency_code, agency_name, procedure_code, procedure_name, level, reason, "
                "answers, created_at, in_rollup, finished_on")
        levels = ("very_satisfied", "satisfied", "dissatisfied")
        with conn.cursor().copy(f"COPY ratings ({cols}) FROM STDIN") as copy:
            for i in range(n_ratings):
                if i < len(rated_codes):
                    agency, p, code, finished = rated_codes[i]
                    created = min(finished + timedelta(hours=rng.uniform(1, 72)), now - timedelta(minutes=1))
                else:  # dossiers of the years before, or of other systems: a finish day shortly before the rating
                    agency, p = pick()
                    created = start + timedelta(seconds=rng.randrange(span))
                    code = f"BENCH-{i:07d}"
                    finished = created - timedelta(hours=rng.uniform(1, 72))
                level = rng.choices(levels, (45, 37, 18))[0]
                reason = f"{rng.choice(REASONS)} ({i % 97})" if level == "dissatisfied" else ""
                answers: dict[str, str] = {}
                if rng.random() < 0.6:
                    weights = (20, 30, 50) if level == "dissatisfied" else (75, 20, 5)
                    for factor in FACTORS[: rng.choice((5, 5, 3, 1))]:
                        answers[factor] = rng.choices(("good", "fair", "poor"), weights)[0]
                copy.write_row((dossier_key(rating_key, code), "zalo" if rng.random() < 0.7 else "messenger",
                                agency.code, agency.name, p.code, p.name, level, reason, json.dumps(answers), created,
                                False, finished.astimezone(VN).date()))
        timings["ratings"] = time.perf_counter() - t0
    return timings


# ---------------------------------------------------------------- serving and timing


@contextlib.contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[str]:
    """`gunicorn -w 2 webhooks:app` on a free port; yields the base URL."""
    from tests.services import free_port

    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="motcua-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "--timeout", "120", "-b", f"127.0.0.1:{port}", "webhooks:app"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/healthz", timeout=2).status_code in (200, 503):
                    break
            if proc.poll() is not None:
                raise RuntimeError(Path(log.name).read_text()[-3000:])
            time.sleep(0.1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def dashboard_session(base: str, username: str, password: str) -> requests.Session:
    """A logged-in dashboard session (CSRF token from the form)."""
    s = requests.Session()
    form = s.get(base + "/dashboard/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    data = {"username": username, "password": password, "csrf_token": token.group(1) if token else ""}
    resp = s.post(base + "/dashboard/login", data=data, timeout=30, allow_redirects=False)
    if resp.status_code != 302:
        raise RuntimeError(f"login of {username} failed: {resp.status_code}")
    return s


def timed(call: Any, repeat: int) -> tuple[float, int, int]:
    """Median ms of `repeat` calls after a warm-up, the status code and the body size of the last."""
    resp = call()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        resp = call()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), resp.status_code, len(resp.content)


def peak_export_memory(env: dict[str, str], start: date, end: date) -> dict[str, float]:
    """The year's Excel export in a fresh process: Python's traced peak and the process's peak RSS, in MB."""
    code = f"""
import resource, tracemalloc, json, re
from webhooks import create_app
app = create_app({{"WTF_CSRF_ENABLED": False}})
c = app.test_client()
c.post("/dashboard/login", data={{"username": {DEMO_OFFICIAL[0]!r}, "password": {DEMO_OFFICIAL[1]!r}}})
c.get("/dashboard/export.xlsx?from={end}&to={end}")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
r = c.get("/dashboard/export.xlsx?from={start}&to={end}&group_by=procedure")
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"status": r.status_code, "bytes": len(r.data), "traced_peak_mb": peak / 2**20,
                  "rss_before_mb": before / 1024, "rss_peak_mb": after / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--url", default="", help="an empty PostgreSQL database to use instead of a throwaway one")
    args = parser.parse_args()

    from bot.config import load_settings
    from bot.records.demo import seed_demo
    from bot.records.reports import settle_ratings
    from bot.runtime import build_runtime

    server = None
    url = args.url
    if not url:
        from tests.services import PostgresServer, pg_bindir

        bindir = pg_bindir()
        if bindir is None:
            print("SKIP: PostgreSQL initdb/pg_ctl not found (apt-get install postgresql)")
            return 1 if os.environ.get("REQUIRE_SERVICES") else 0
        server = PostgresServer(bindir)
        server.start()
        url = server.url()
    try:
        now = datetime.now(UTC)
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-secret", "REDIS_URL": ""}
        rt = build_runtime(load_settings({"DATABASE_URL": url, "SECRET_KEY": "bench-secret"}, env={}))
        t0 = time.perf_counter()
        rt.db.upgrade()
        seed_demo(rt)
        print(f"schema and demo province: {time.perf_counter() - t0:.1f} s", flush=True)
        steps = load(rt.db.url, args.ratings, args.dossiers, now, rt.settings.rating_key)
        print(f"COPY {args.dossiers:,} dossiers {steps['dossiers']:.1f} s, {args.ratings:,} ratings "
              f"{steps['ratings']:.1f} s", flush=True)
        t0 = time.perf_counter()
        with rt.db.session() as db:
            days = settle_ratings(db, now)
        steps["rollup"] = time.perf_counter() - t0
        print(f"daily rollup: {days} days in {steps['rollup']:.1f} s", flush=True)
        from sqlalchemy import text

        t0 = time.perf_counter()
        with rt.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        steps["vacuum_analyze"] = time.perf_counter() - t0
        from werkzeug.security import generate_password_hash

        from bot.records.api_tokens import issue_token
        from bot.records.models import Official

        with rt.db.session() as db:
            db.add(Official(username=DISTRICT_USER[0], password_hash=generate_password_hash(DISTRICT_USER[1]),
                           role="official", agency_code=DISTRICT))
            db.flush()
            officials = {o.username: o for o in db.query(Official)}
            tokens = {
                "admin": issue_token(db, officials[DEMO_OFFICIAL[0]], "bench"),
                "district": issue_token(db, officials[DISTRICT_USER[0]], "bench"),
            }
        rt.db.engine.dispose()

        today = now.astimezone(VN).date()
        q_end = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
        q_start = date(q_end.year, q_end.month - 2, 1)
        periods = {"quarter": (q_start, q_end), "year": (today - timedelta(days=364), today)}
        quarter_code = f"{q_end.year}-Q{(q_end.month - 1) // 3 + 1}"
        users = {"admin": DEMO_OFFICIAL, "district": DISTRICT_USER}
        rows: list[dict[str, Any]] = []
        with gunicorn(env) as base:
            sessions = {role: dashboard_session(base, *cred) for role, cred in users.items()}
            for role, (username, password) in users.items():
                s = sessions[role]
                for period, (start, end) in periods.items():
                    q = f"from={start}&to={end}"
                    calls: dict[str, Any] = {
                        "dashboard (by agency)": lambda q=q, s=s: s.get(f"{base}/dashboard/?{q}&group_by=agency"),
                        "dashboard (by procedure)": lambda q=q, s=s: s.get(f"{base}/dashboard/?{q}&group_by=procedure"),
                        "dashboard (by month)": lambda q=q, s=s: s.get(f"{base}/dashboard/?{q}&group_by=month"),
                        "dashboard, a commune (drill-down)": lambda q=q, s=s: s.get(
                            f"{base}/dashboard/?{q}&unit={CODE_TANAN}"),
                        "export.xlsx": lambda q=q, s=s: s.get(f"{base}/dashboard/export.xlsx?{q}&group_by=procedure"),
                        "export.csv": lambda q=q, s=s: s.get(f"{base}/dashboard/export.csv?{q}&group_by=procedure"),
                    }
                    for group_by in ("agency", "procedure", "month"):
                        calls[f"API by {group_by} (token)"] = lambda q=q, g=group_by, r=role: requests.get(
                            f"{base}/api/v1/reports/satisfaction?{q}&group_by={g}",
                            headers={"Authorization": f"Bearer {tokens[r]}"}, timeout=60)
                    calls["API by agency (HTTP Basic)"] = lambda q=q, u=username, p=password: requests.get(
                        f"{base}/api/v1/reports/satisfaction?{q}&group_by=agency", auth=(u, p), timeout=60)
                    if period == "quarter":
                        calls["report.docx (quarter)"] = lambda s=s: s.get(
                            f"{base}/dashboard/report.docx?quarter={quarter_code}")
                    if role == "admin":
                        calls["usage page"] = lambda q=q, s=s: s.get(f"{base}/dashboard/usage?{q}")
                        calls["unanswered page"] = lambda s=s: s.get(f"{base}/dashboard/unanswered")
                    for name, call in calls.items():
                        ms, status, size = timed(call, args.repeat)
                        rows.append({"what": name, "role": role, "period": period, "median_ms": round(ms, 1),
                                     "status": status, "bytes": size})
                        print(f"{role:8} {period:7} {name:36} {ms:8.1f} ms  {status} {size:,} B", flush=True)
        memory = peak_export_memory(env, *periods["year"])
        print(f"year's Excel export: traced peak {memory['traced_peak_mb']:.1f} MB, process RSS "
              f"{memory['rss_before_mb']:.0f} -> {memory['rss_peak_mb']:.0f} MB ({memory['bytes']:,} B)")
        table = _table(rows)
        print("\n" + table)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({"ratings": args.ratings, "dossiers": args.dossiers, "load_s": steps,
                                       "rows": rows, "xlsx_memory": memory, "at": now.isoformat(),
                                       "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
                                      indent=2))
        return 0
    finally:
        if server is not None:
            server.cleanup()


def _table(rows: list[dict[str, Any]]) -> str:
    """Markdown: one line per page or call, median ms for quarter and year, admin and district official."""
    whats = list(dict.fromkeys(r["what"] for r in rows))
    cell = {(r["what"], r["role"], r["period"]): r["median_ms"] for r in rows}
    out = ["| page, call or export | admin quarter | admin year | district quarter | district year |",
           "|---|---:|---:|---:|---:|"]
    for what in whats:
        vals = [cell.get((what, role, period)) for role in ("admin", "district") for period in ("quarter", "year")]
        out.append(f"| {what} | " + " | ".join("—" if v is None else f"{v:.0f}" for v in vals) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
