"""Private Redis and PostgreSQL servers for the tests that need the real thing (SPEC §1).

Each server is started once per test process on a free 127.0.0.1 port in a throwaway folder
and stopped at the end of the session. When a binary is missing the tests that use it are
skipped, or fail when the environment sets REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import pytest

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
PG_USER = "postgres"
PG_DATABASE = "motcua_test"
_TRUE = {"1", "true", "yes", "on"}
Completed = subprocess.CompletedProcess[str]


def services_required() -> bool:
    """True when REQUIRE_SERVICES asks for a failure instead of a skip."""
    return os.environ.get("REQUIRE_SERVICES", "").strip().lower() in _TRUE


def unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it under REQUIRE_SERVICES=1."""
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until(check: Callable[[], bool], timeout: float, alive: Callable[[], bool] = lambda: True) -> bool:
    """Poll `check` until it is true, the process dies, or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        if not alive():
            return False
        time.sleep(0.05)
    return check()


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _tail(path: Path, limit: int = 2000) -> str:
    """The end of a log file, for error messages."""
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


# ---------------------------------------------------------------- Redis


class RedisServer:
    """A `redis-server` child process without persistence."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = 0
        self.dir = Path(tempfile.mkdtemp(prefix="motcua-redis-"))
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The client URL (database 0)."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start on a free port and wait until it answers PING; retries on a port race."""
        error = ""
        for _ in range(3):
            self.port = free_port()
            log = self.dir / "redis.log"
            with log.open("wb") as out:
                self.proc = subprocess.Popen(
                    [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--daemonize", "no", "--dir", str(self.dir)],
                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                )
            if _wait_until(self._pings, START_TIMEOUT_S, alive=self._alive):
                return
            error = _tail(log)
            self.stop()
        raise RuntimeError(f"redis-server did not start:\n{error}")

    def _alive(self) -> bool:
        """True while the child process runs."""
        return self.proc is not None and self.proc.poll() is None

    def _pings(self) -> bool:
        """True when the server answers PING."""
        import redis

        try:
            client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1, socket_connect_timeout=1)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        """Kill the server; safe to call twice."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT_S)

    def cleanup(self) -> None:
        """Stop and remove the folder."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- PostgreSQL


def pg_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest version first, then the PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.name.split(".")],
        reverse=True,
    )
    for candidate in candidates:
        if all(os.access(os.path.join(candidate, b), os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb:
        folder = Path(os.path.realpath(initdb)).parent
        if os.access(folder / "pg_ctl", os.X_OK):
            return folder
    return None


def _as_user_prefix(user: str) -> list[str] | None:
    """The command prefix that runs a program as `user` from root; None when there is none."""
    runuser = shutil.which("runuser") or next(
        (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if os.access(p, os.X_OK)), None
    )
    if runuser:
        return [runuser, "-u", user, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv:
        entry = pwd.getpwnam(user)
        return [setpriv, f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups", "--"]
    return None


class PostgresServer:
    """A throwaway cluster started with pg_ctl, as the `postgres` user when we are root."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = 0
        self.prefix: list[str] = []
        self.owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self.owner = pwd.getpwnam(PG_USER)
            except KeyError as exc:
                raise LookupError(f"running as root and there is no {PG_USER!r} user") from exc
            prefix = _as_user_prefix(PG_USER)
            if prefix is None:
                raise LookupError("running as root and neither runuser nor setpriv is available")
            self.prefix = prefix
        # Under /tmp rather than pytest's 0700 folders, so the postgres user can reach it.
        base = "/tmp" if os.path.isdir("/tmp") else None
        self.dir = Path(tempfile.mkdtemp(prefix="motcua-pg-", dir=base))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        if self.owner is not None:
            os.chown(self.dir, self.owner.pw_uid, self.owner.pw_gid)
        self.started = False

    def url(self, database: str = PG_DATABASE) -> str:
        """The client URL of a database (trust authentication on 127.0.0.1)."""
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, args: Sequence[str], timeout: float = START_TIMEOUT_S + 15) -> Completed:
        """Run a PostgreSQL program as the cluster owner."""
        return subprocess.run(
            [*self.prefix, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=timeout, cwd=str(self.dir), check=False,
        )

    def start(self) -> None:
        """initdb, then pg_ctl start on a free port (retried on a port race), then the test database."""
        init = self._run([
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", PG_USER, "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        ])
        if init.returncode != 0:
            output = init.stdout[-1500:] + init.stderr[-1500:]
            raise RuntimeError(f"initdb failed ({init.returncode}):\n{output}")
        error = ""
        for _ in range(3):
            self.port = free_port()
            options = (
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
            )
            result = self._run([
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                "-w", "-t", str(int(START_TIMEOUT_S)), "start",
            ])
            if result.returncode == 0:
                self.started = True
                break
            error = f"{result.stdout[-1000:]}\n{result.stderr[-1000:]}\n{_tail(self.log)}"
            self.stop()
        else:
            raise RuntimeError(f"pg_ctl start failed:\n{error}")
        self.create_database(PG_DATABASE)

    def create_database(self, name: str) -> str:
        """Create an empty database on this server and return its URL."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url("postgres"), autocommit=True, connect_timeout=10) as conn:
            create = sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
            conn.execute(create.format(sql.Identifier(name)))
        return self.url(name)

    def stop(self) -> None:
        """Immediate shutdown (SIGQUIT to the postmaster), then SIGKILL if it is still there."""
        pid = self._postmaster_pid()
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGQUIT)
            if not _wait_until(lambda: not _running(pid), STOP_TIMEOUT_S):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                _wait_until(lambda: not _running(pid), STOP_TIMEOUT_S)
        self.started = False

    def _postmaster_pid(self) -> int | None:
        """The pid in postmaster.pid, if the server runs."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if _running(pid) else None

    def cleanup(self) -> None:
        """Stop and remove the folder."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- one server of each per process

_redis: RedisServer | None = None
_postgres: PostgresServer | None = None
_failed: dict[str, str] = {}


def _shutdown() -> None:
    """Stop every server this process started (also run at exit, as a safety net)."""
    _shutdown_redis()
    _shutdown_postgres()


def _shutdown_redis() -> None:
    """Stop the Redis server, if started."""
    global _redis
    server, _redis = _redis, None
    if server is not None:
        server.cleanup()


def _shutdown_postgres() -> None:
    """Stop the PostgreSQL server, if started."""
    global _postgres
    server, _postgres = _postgres, None
    if server is not None:
        server.cleanup()


atexit.register(_shutdown)


def redis_server() -> RedisServer:
    """The process-wide private Redis, started on first use; skips or fails when unavailable."""
    global _redis
    if _redis is not None:
        return _redis
    if "redis" in _failed:
        pytest.fail(_failed["redis"], pytrace=False)
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server not found on PATH (apt-get install redis-server)")
    server = RedisServer(binary)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        server.cleanup()
        _failed["redis"] = f"redis-server is installed but could not be started: {exc}"
        pytest.fail(_failed["redis"], pytrace=False)
    _redis = server
    return server


def postgres_server() -> PostgresServer:
    """The process-wide private PostgreSQL, started on first use; skips or fails when unavailable."""
    global _postgres
    if _postgres is not None:
        return _postgres
    if "postgres" in _failed:
        pytest.fail(_failed["postgres"], pytrace=False)
    bindir = pg_bindir()
    if bindir is None:
        unavailable("PostgreSQL initdb/pg_ctl not found (apt-get install postgresql)")
    try:
        server = PostgresServer(bindir)
    except LookupError as exc:
        unavailable(f"PostgreSQL cannot be run here: {exc}")
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        server.cleanup()
        _failed["postgres"] = f"PostgreSQL is installed but could not be started: {exc}"
        pytest.fail(_failed["postgres"], pytrace=False)
    except Exception as exc:  # psycopg errors while creating the database
        server.cleanup()
        _failed["postgres"] = f"PostgreSQL started but the test database could not be created: {exc}"
        pytest.fail(_failed["postgres"], pytrace=False)
    _postgres = server
    return server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """URL of a private, empty-at-start Redis (`redis://127.0.0.1:PORT/0`)."""
    server = redis_server()
    yield server.url
    _shutdown_redis()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a throwaway PostgreSQL database (`postgresql://postgres@127.0.0.1:PORT/motcua_test`)."""
    server = postgres_server()
    yield server.url()
    _shutdown_postgres()
