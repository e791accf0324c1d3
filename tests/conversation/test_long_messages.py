"""A very long message (50 KB of codes and near-codes) is answered like a short one, in linear time.

No timing is measured here (bench/bench_long_message.py does that): each message runs under a CPU-time budget
some ten times what it needs, so that a pattern that takes quadratic time (11 s of CPU for one of these texts
before the fix) stops the test instead of hanging it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest

from bot.conversation import texts
from bot.conversation.flows import ownership
from tests.conftest import Chat

CPU_BUDGET_S = 5.0
SIZE = 50_000


class OverBudget(Exception):
    """The code under test used more CPU time than the budget allows."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget once the process has used `seconds` of CPU time inside the block."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# Without four digits in a row anywhere, the old pattern tried every start against the rest of the text.
NEAR_CODES = {
    "digit groups": "12.34." * SIZE,
    "province groups": "h59 " * SIZE,
    "province groups and dots": "H59." * SIZE,
    "both on each line": "h59 12.34 " * SIZE,
}


@pytest.mark.parametrize("shape", NEAR_CODES)
def test_a_50_kb_message_of_near_codes_is_answered(chat: Chat, shape: str) -> None:
    with cpu_budget(CPU_BUDGET_S):
        answers = chat.send(NEAR_CODES[shape][:SIZE])
    assert answers == [texts.FALLBACK]


@pytest.mark.parametrize("shape", NEAR_CODES)
def test_a_50_kb_message_is_read_up_to_its_2000th_character(chat: Chat, shape: str) -> None:
    """SPEC §4.1: a sequence number within the first 2,000 characters makes the message a partial code; one
    only after them is never read."""
    head, rest = NEAR_CODES[shape][:1995] + " 0001", NEAR_CODES[shape][: SIZE - 2000]
    with cpu_budget(CPU_BUDGET_S):
        within = chat.send(head + rest)
        beyond = chat.send(rest + head)
    assert within[0] == texts.CODE_MALFORMED
    assert beyond[0] != texts.CODE_MALFORMED


def test_the_partial_code_check_reads_each_line_once() -> None:
    """Four times the text costs about four times the work: 200 KB stays far inside the budget."""
    with cpu_budget(CPU_BUDGET_S):
        assert ownership.looks_like_partial_code(("12.34." * SIZE)[: 4 * SIZE] + " 5678")
        assert not ownership.looks_like_partial_code(("12.34." * SIZE)[: 4 * SIZE])
        assert ownership.partial_codes(("H59." * SIZE)[: 4 * SIZE] + "1234") != []


@pytest.mark.parametrize(
    ("typed", "partial"),
    [
        ("000.31.25.H59-2611", True),
        ("h59 hồ sơ 1234", True),
        ("261102-0001", True),
        ("00.31.25 ngày 12/11 số 0001", True),
        ("00.31.\n25 số 0001", False),  # the digit groups run over two lines
        ("h59\n1234", False),  # the four digits are on another line
        ("000.31.25.H59-261102-0001", False),  # a whole code
        ("tra cứu hồ sơ", False),
    ],
)
def test_what_counts_as_a_partial_code_is_unchanged(typed: str, partial: bool) -> None:
    assert ownership.looks_like_partial_code(typed) is partial
