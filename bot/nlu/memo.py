"""Answers remembered by key: a dict that works out a missing answer and keeps it, up to a number of keys (then
works out each new one again). Looked up in C (`map(memo.__getitem__, keys)`), it costs far less than an
`lru_cache` call: a province's messages share most of their words, so most lookups hit."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """`memo[key]` is `make(key)`, remembered for the first `kept` keys."""

    __slots__ = ("make", "kept")
    make: Callable[[K], V]
    kept: int

    def __init__(self, make: Callable[[K], V], kept: int) -> None:
        super().__init__()
        self.make = make
        self.kept = kept

    def __missing__(self, key: K) -> V:
        found = self.make(key)
        if len(self) < self.kept:
            self[key] = found
        return found
