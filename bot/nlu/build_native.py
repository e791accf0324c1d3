"""Compile the NLU's rule modules with mypyc (`native.py`), or say whether they are read compiled.

Run: python -m bot.nlu.build_native [status]
"""

from __future__ import annotations

import sys

from bot.nlu import native


def main(argv: list[str]) -> int:
    """Build (no argument) or only say the status (`status`); a failed build leaves the one before, if any."""
    if argv not in ([], ["status"]):
        print(__doc__, file=sys.stderr)
        return 2
    if not argv:
        try:
            native.build()
        except (Exception, SystemExit) as exc:  # setuptools exits on a compiler error
            print(f"the NLU was not compiled ({exc!r})", file=sys.stderr)
            return 1
    reason = native.status()
    print("compiled NLU: read" if reason is None else f"compiled NLU: not read, {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
