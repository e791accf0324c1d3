"""A local append-only spool in front of the Redis inbox: the webhook answers once the event is on disk.

Each web process appends its events to a file of its own, one `write` per request with no network round
trip, and a background thread forwards them to Redis in batches. The file outlives the process: a worker
that crashes leaves it unlocked, and any other process using the same folder forwards it again and removes
it. Forwarding must be idempotent (the inbox dedups on a key carried by every record), since a crash can
come between a batch reaching Redis and the spool noting it.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import logging
import os
import secrets
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".spool"
BATCH = 200  # records per forward call
READ_CHUNK = 4 * 1024 * 1024
MAX_BACKLOG_BYTES = 256 * 1024 * 1024  # refuse new events past this (Redis down for long): platforms retry
IDLE_WAIT_S = 1.0
# At most one forward per this interval: an event after a quiet spell goes at once, under load one Redis
# call carries all the events of the last few milliseconds.
FORWARD_INTERVAL_S = 0.02
ADOPT_EVERY_S = 10.0
BACKOFF_S = (0.05, 0.2, 1.0, 5.0)

Forward = Callable[[list[bytes]], object]  # raises when the records did not get through


class SpoolFull(Exception):
    """The backlog waiting for Redis is over its limit; the event was not taken."""


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")[:-1]


class Spool:
    """Append records (bytes without newlines); a thread hands them to `forward` in order, in batches."""

    def __init__(self, directory: Path, forward: Forward, *, max_backlog: int = MAX_BACKLOG_BYTES) -> None:
        self.directory = directory
        self.forward = forward
        self.max_backlog = max_backlog
        directory.mkdir(parents=True, exist_ok=True)  # a folder that cannot be made stops the app at start
        self._lock = threading.Lock()
        self._done = threading.Condition()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._fd = self._rfd = -1
        self._path: Path | None = None
        self._size = 0  # bytes appended to the current file
        self._forwarded = 0  # bytes of it that reached Redis
        self._appended_total = 0  # the same two, never reset by rotation (for flush)
        self._forwarded_total = 0
        self._failures = 0
        self._thread: threading.Thread | None = None
        _live.add(self)

    def start(self) -> None:
        """Open this process's file and start the thread now (it also takes over files of dead processes)."""
        with self._lock:
            if self._fd < 0:  # not opened yet, closed, or a forked child (see _after_fork)
                self._open()

    # ------------------------------------------------------------ writing (request threads)

    def append(self, records: Sequence[bytes]) -> None:
        """Write the records to disk in one call; raises SpoolFull or OSError, leaving nothing half-written."""
        data = b"".join(r + b"\n" for r in records)
        with self._lock:
            if self._fd < 0:  # not opened yet, closed, or a forked child (see _after_fork)
                self._open()
            if self._size - self._forwarded + len(data) > self.max_backlog:
                raise SpoolFull(f"{self._size - self._forwarded} bytes wait for Redis")
            try:
                written = os.write(self._fd, data)
            except OSError:
                os.ftruncate(self._fd, self._size)
                raise
            if written != len(data):
                os.ftruncate(self._fd, self._size)
                raise OSError(f"short write to the spool ({written} of {len(data)} bytes)")
            self._size += written
            self._appended_total += written
        if not self._wake.is_set():
            self._wake.set()

    @property
    def path(self) -> Path | None:
        """This process's file, once opened."""
        return self._path

    def pending(self) -> int:
        """Bytes of this process's file not yet forwarded."""
        return self._size - self._forwarded

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything appended so far has been forwarded; False on timeout."""
        with self._lock:
            target, path = self._appended_total, self._path
        self._wake.set()
        deadline = time.monotonic() + timeout
        with self._done:
            while self._forwarded_total < target and self._path == path:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._done.wait(left)
        return True

    # ------------------------------------------------------------ the file of this process

    def _open(self) -> None:
        """A new locked file for this process (also after a fork: the parent's file stays the parent's)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
        tmp = self.directory / f".{name}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path = self.directory / f"{name}{SUFFIX}"
        os.rename(tmp, path)  # only locked files carry the suffix others look for
        self._fd, self._rfd, self._path = fd, os.open(path, os.O_RDONLY), path
        self._size = self._forwarded = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="motcua-spool", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------ forwarding (one thread per process)

    def _run(self) -> None:
        next_adopt = last = 0.0
        while not self._stop.is_set():
            if self._wake.wait(IDLE_WAIT_S):
                self._stop.wait(last + FORWARD_INTERVAL_S - time.monotonic())
            self._wake.clear()
            last = time.monotonic()
            ok = self._forward_own()
            if ok and time.monotonic() >= next_adopt:
                self.adopt_orphans()
                next_adopt = time.monotonic() + ADOPT_EVERY_S
            if not ok:
                delay = BACKOFF_S[min(self._failures - 1, len(BACKOFF_S) - 1)]
                self._stop.wait(delay)  # not cut short by new events: Redis gets a rest

    def _forward_own(self) -> bool:
        """Forward what is new in this process's file; False if `forward` failed (it is tried again later)."""
        with self._lock:
            size = self._size
        while self._forwarded < size:
            try:
                chunk = self._read(self._rfd, self._forwarded, size)
                self._send(_lines(chunk))
            except Exception:
                self._failed(size - self._forwarded)
                return False
            with self._done:
                self._forwarded += len(chunk)
                self._forwarded_total += len(chunk)
                self._done.notify_all()
        if self._failures:
            log.warning("spool: forwarding works again after %d failed attempt(s)", self._failures)
            self._failures = 0
        if size:  # messages do not stay on disk once Redis has them
            with self._lock, self._done:
                if self._size == self._forwarded:
                    os.ftruncate(self._fd, 0)
                    self._size = self._forwarded = 0
        return True

    def _failed(self, backlog: int) -> None:
        self._failures += 1
        if self._failures == 1 or self._failures % 100 == 0:
            log.warning(
                "spool: could not forward %d bytes (attempt %d); kept on disk, retrying",
                backlog,
                self._failures,
                exc_info=self._failures == 1,
            )

    @staticmethod
    def _read(fd: int, start: int, end: int) -> bytes:
        """Whole lines from `start`, at most READ_CHUNK bytes unless one line is longer."""
        chunk = os.pread(fd, min(end - start, READ_CHUNK), start)
        cut = chunk.rfind(b"\n") + 1
        if cut == 0 and chunk:
            chunk = os.pread(fd, end - start, start)
            cut = chunk.rfind(b"\n") + 1
        return chunk[:cut]

    def _send(self, records: list[bytes]) -> None:
        for i in range(0, len(records), BATCH):
            self.forward(records[i : i + BATCH])

    # ------------------------------------------------------------ files left by dead processes

    def adopt_orphans(self) -> int:
        """Forward and remove the files of processes that died; returns how many files were taken over."""
        for tmp in self.directory.glob(".*.tmp"):  # a process died between creating and naming its file
            with self._orphan(tmp) as fd:
                if fd is not None and os.fstat(fd).st_size == 0:
                    os.unlink(tmp)
        adopted = 0
        for path in sorted(self.directory.glob(f"*{SUFFIX}")):
            if path == self._path:
                continue
            with self._orphan(path) as fd:
                if fd is None:
                    continue
                end = os.fstat(fd).st_size
                start = 0
                try:
                    while start < end:
                        chunk = self._read(fd, start, end)
                        if not chunk:
                            break  # a torn last line: nothing complete is left
                        self._send(_lines(chunk))
                        start += len(chunk)
                except Exception:
                    log.warning("spool: could not forward the file of a stopped process yet", exc_info=True)
                    return adopted
                os.unlink(path)
                adopted += 1
                log.info("spool: forwarded and removed a stopped process's file (%d bytes)", end)
        return adopted

    @staticmethod
    @contextlib.contextmanager
    def _orphan(path: Path) -> Iterator[int | None]:
        """An open descriptor of `path` if no live process holds its lock, else None."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            yield None
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            yield None if os.fstat(fd).st_nlink == 0 else fd
        finally:
            os.close(fd)

    # ------------------------------------------------------------ shutdown

    def close(self, timeout: float = 5.0) -> bool:
        """Forward what is left and remove the file; if Redis cannot be reached the file stays for others."""
        if self._path is None:
            return True
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        done = self._thread is None or not self._thread.is_alive()
        if done:
            done = self._forward_own() and self.pending() == 0
        if done:
            with contextlib.suppress(OSError):
                os.unlink(self._path)
        with contextlib.suppress(OSError):
            os.close(self._rfd)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._path, self._fd, self._rfd = None, -1, -1
        if not done:
            log.warning("spool: %d bytes left on disk for the next process to forward", self.pending())
        return done

    def abandon(self) -> None:
        """Drop the file without forwarding, as a crash would (tests)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5.0)
        with contextlib.suppress(OSError):
            os.close(self._rfd)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._path, self._fd, self._rfd = None, -1, -1


_live: weakref.WeakSet[Spool] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for spool in list(_live):
        try:
            spool.close()
        except Exception:
            log.warning("spool: could not close cleanly", exc_info=True)


def _after_fork() -> None:
    """The child writes a file of its own; the parent's file and lock stay the parent's."""
    for spool in list(_live):
        for fd in (spool._fd, spool._rfd):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        spool._fd = spool._rfd = -1
        spool._path, spool._thread = None, None
        spool._size = spool._forwarded = spool._appended_total = spool._forwarded_total = 0
        spool._lock = threading.Lock()
        spool._done = threading.Condition()
        spool._wake = threading.Event()
        spool._stop = threading.Event()


os.register_at_fork(after_in_child=_after_fork)
