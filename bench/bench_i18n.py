"""Cost of reading texts through the catalogs: one `texts.X` and one status card, in Vietnamese and in Khmer.

Run: python bench/bench_i18n.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _per_call_us(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm the caches, as a running worker would be
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e6


def main() -> None:
    """Print microseconds per call of each measure, in each language."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.conversation import i18n, texts
    from bot.conversation.cards import status_card
    from integrations.onestop import DossierInfo

    now = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    dossier = DossierInfo(
        code="000.31.25.H59-261102-0002", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        agency_code="000.31.25.H59", agency_name="UBND xã Tân An", status=4,
        received_at=datetime(2026, 11, 2, 1, 30, tzinfo=UTC), due_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        finished_at=None, returned_at=None, current_step="Công chức tư pháp thẩm định", applicant_phone="",
    )

    class Plain:
        MENU = "Ông/bà cần gì ạ?"

    print(f"plain class attribute: {_per_call_us(lambda: Plain.MENU, args.repeat):.3f} µs")
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            attribute = _per_call_us(lambda: texts.MENU, args.repeat)
            card = _per_call_us(lambda: status_card(dossier, now), args.repeat // 20)
        print(f"{language}: texts.MENU {attribute:.3f} µs, status card {card:.1f} µs")


if __name__ == "__main__":
    main()
