"""`python -m bot.nlu`: one JSON understanding per input line (SPEC section 8)."""

from __future__ import annotations

import json
import sys

from bot.nlu import understand

# ----------------------------------------------------------------------------- CLI

def main() -> None:
    """Read UTF-8 lines from stdin, write one JSON understanding per line (SPEC section 8)."""
    with (
        open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False) as stdin,
        open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False) as stdout,
    ):
        for line in stdin:
            text = line.rstrip("\r\n")
            u = understand(text)
            row = {"text": text, "intent": u.intent.value, "entities": u.entities()}
            stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            stdout.flush()


if __name__ == "__main__":
    main()
