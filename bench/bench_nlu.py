"""Throughput of bot.nlu.understand on one core: the dev set repeated to about 50,000 messages.

Run: python bench/bench_nlu.py [--messages N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared/data/nlu_dev.jsonl"
FALLBACK = [
    "chào ad",
    "hs 000.12.22.H59-260812-0150 xong chưa ạ",
    "rất hài lòng",
    "thủ tục đăng ký kết hôn cần giấy tờ gì",
    "hủy nhận thông báo",
    "cho tôi gặp cán bộ",
]


def _messages() -> list[str]:
    """Texts of the dev set, or a small built-in sample when the shared folder is absent."""
    if DEV_SET.exists():
        lines = DEV_SET.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]
    return FALLBACK


def main() -> None:
    """Time understand() over the repeated sample and print messages per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=50_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.nlu import understand

    sample = _messages()
    batch = (sample * (args.messages // len(sample) + 1))[: args.messages]
    for text in sample:  # warm regex and typo caches, as a running worker would be
        understand(text)
    start = time.perf_counter()
    for text in batch:
        understand(text)
    elapsed = time.perf_counter() - start
    print(f"{len(batch)} messages in {elapsed:.2f} s: {len(batch) / elapsed:,.0f} messages/s (one core)")


if __name__ == "__main__":
    main()
