"""The webhook spool (bot/delivery/spool.py): order, retries while the sink is down, limits, rotation, crashes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.delivery import spool as spool_module
from bot.delivery.spool import Spool, SpoolFull

ROOT = Path(__file__).resolve().parents[2]


class Sink:
    """A forward target that records batches and can be switched off."""

    def __init__(self, up: bool = True) -> None:
        self.up = up
        self.batches: list[list[bytes]] = []
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, records: list[bytes]) -> None:
        with self.lock:
            self.calls += 1
            if not self.up:
                raise ConnectionError("redis down")
            self.batches.append(list(records))

    @property
    def records(self) -> list[bytes]:
        with self.lock:
            return [r for batch in self.batches for r in batch]


@pytest.fixture
def spools() -> Iterator[list[Spool]]:
    made: list[Spool] = []
    yield made
    for s in made:
        s.abandon()


def make(spools: list[Spool], folder: Path, sink: Sink, **kw: int) -> Spool:
    s = Spool(folder, sink, **kw)
    spools.append(s)
    return s


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.spool"))


def test_records_reach_the_sink_in_order_and_flush_waits_for_them(tmp_path: Path, spools: list[Spool]) -> None:
    sink = Sink()
    s = make(spools, tmp_path, sink)
    for i in range(50):
        s.append([f"k{i}\tfirst".encode(), f"k{i}\tsecond".encode()])
    assert s.flush(timeout=10)
    assert sink.records == [f"k{i}\t{w}".encode() for i in range(50) for w in ("first", "second")]
    assert s.pending() == 0
    assert all(len(b) <= spool_module.BATCH for b in sink.batches)


def test_while_the_sink_is_down_records_wait_on_disk_and_go_once_it_is_back(
    tmp_path: Path, spools: list[Spool]
) -> None:
    sink = Sink(up=False)
    s = make(spools, tmp_path, sink)
    s.append([b"k1\tone", b"k2\ttwo"])
    assert not s.flush(timeout=0.3)
    assert sink.calls >= 1 and sink.records == []
    (file,) = files(tmp_path)
    assert file.read_bytes() == b"k1\tone\nk2\ttwo\n"
    sink.up = True
    assert s.flush(timeout=15)
    assert sink.records == [b"k1\tone", b"k2\ttwo"]


def test_a_full_backlog_refuses_the_new_records_and_writes_none_of_them(tmp_path: Path, spools: list[Spool]) -> None:
    sink = Sink(up=False)
    s = make(spools, tmp_path, sink, max_backlog=20)
    s.append([b"k1\t12345"])
    with pytest.raises(SpoolFull):
        s.append([b"k2\t1", b"k3\t1234567890"])
    (file,) = files(tmp_path)
    assert file.read_bytes() == b"k1\t12345\n"
    sink.up = True
    assert s.flush(timeout=15)
    s.append([b"k2\t1", b"k3\t1234567890"])  # room again once forwarded
    assert s.flush(timeout=10)
    assert sink.records == [b"k1\t12345", b"k2\t1", b"k3\t1234567890"]


def test_forwarded_records_do_not_stay_on_disk(tmp_path: Path, spools: list[Spool]) -> None:
    sink = Sink()
    s = make(spools, tmp_path, sink)
    for i in range(30):
        s.append([f"key-{i:03d}\tmessage {i}".encode()])
        if i % 3 == 0:
            assert s.flush(timeout=10)
    assert s.flush(timeout=10)
    (file,) = files(tmp_path)
    deadline = time.monotonic() + 10
    while file.stat().st_size and time.monotonic() < deadline:
        time.sleep(0.01)
    assert file.stat().st_size == 0  # emptied once Redis has everything
    s.append([b"key-030\tmessage 30"])  # and it keeps working after being emptied
    assert s.flush(timeout=10)
    assert sink.records == [f"key-{i:03d}\tmessage {i}".encode() for i in range(31)]


def test_a_live_spool_file_is_never_taken_over(tmp_path: Path, spools: list[Spool]) -> None:
    first, second = Sink(up=False), Sink()
    a = make(spools, tmp_path, first)
    a.append([b"k1\tmine"])
    b = make(spools, tmp_path, second)
    assert b.adopt_orphans() == 0
    assert second.records == [] and len(files(tmp_path)) == 1


def test_close_forwards_the_rest_and_removes_the_file(tmp_path: Path, spools: list[Spool]) -> None:
    sink = Sink()
    s = make(spools, tmp_path, sink)
    s.append([b"k1\tlast words"])
    assert s.close()
    assert sink.records == [b"k1\tlast words"] and files(tmp_path) == []


def test_a_file_left_behind_is_forwarded_by_the_next_spool(tmp_path: Path, spools: list[Spool]) -> None:
    down = Sink(up=False)
    s = make(spools, tmp_path, down)
    s.append([b"k1\tone", b"k2\ttwo"])
    assert not s.close(timeout=1)  # cannot reach the sink: the file stays for the next process
    (left,) = files(tmp_path)
    sink = Sink()
    nxt = make(spools, tmp_path, sink)
    assert nxt.adopt_orphans() == 1
    assert sink.records == [b"k1\tone", b"k2\ttwo"] and not left.exists()


def test_an_adoption_that_fails_keeps_the_file_for_later(tmp_path: Path, spools: list[Spool]) -> None:
    s = make(spools, tmp_path, Sink(up=False))
    s.append([b"k1\tone"])
    s.abandon()
    sink = Sink(up=False)
    nxt = make(spools, tmp_path, sink)
    assert nxt.adopt_orphans() == 0 and len(files(tmp_path)) == 1
    sink.up = True
    assert nxt.adopt_orphans() == 1 and sink.records == [b"k1\tone"]


CRASH = """
import os, sys
from pathlib import Path
from bot.delivery.spool import Spool

def down(records):
    raise ConnectionError("redis down")

s = Spool(Path(sys.argv[1]), down)
s.append([b"k1\\tbefore the crash", b"k2\\talso"])
os.kill(os.getpid(), 9)
"""


def test_a_killed_process_loses_nothing(tmp_path: Path, spools: list[Spool]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], env=env, timeout=60, check=False)
    assert done.returncode == -9
    sink = Sink()
    s = make(spools, tmp_path, sink)
    assert s.adopt_orphans() == 1
    assert sink.records == [b"k1\tbefore the crash", b"k2\talso"] and files(tmp_path) == []


def test_a_forked_child_writes_a_file_of_its_own(tmp_path: Path, spools: list[Spool]) -> None:
    sink = Sink(up=False)
    s = make(spools, tmp_path, sink)
    s.append([b"k1\tparent"])
    pid = os.fork()
    if pid == 0:  # the child: its records go to a new file, the parent's file is left alone
        try:
            s.append([b"k2\tchild"])
            os._exit(0 if len(files(tmp_path)) == 2 else 1)
        finally:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    contents = sorted(f.read_bytes() for f in files(tmp_path))
    assert contents == [b"k1\tparent\n", b"k2\tchild\n"]
    sink.up = True  # the child died without closing: its file is forwarded too, and removed
    deadline = time.monotonic() + 30
    while len(files(tmp_path)) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert s.flush(timeout=15) and sorted(sink.records) == [b"k1\tparent", b"k2\tchild"]
    assert len(files(tmp_path)) == 1


def test_a_torn_last_record_of_a_dead_process_is_dropped_and_the_rest_forwarded(
    tmp_path: Path, spools: list[Spool]
) -> None:
    (tmp_path / "host-1-dead.spool").write_bytes(b"k1\tone\nk2\ttw")  # killed in the middle of a write
    (tmp_path / ".host-2-dead.tmp").write_bytes(b"")  # killed before naming its file
    sink = Sink()
    s = make(spools, tmp_path, sink)
    assert s.adopt_orphans() == 1
    assert sink.records == [b"k1\tone"]  # the torn one never got its 200: the platform sends it again
    assert list(tmp_path.iterdir()) == []
