"""Demo province data (placeholder until the seed lands)."""

from __future__ import annotations

from bot.runtime import Runtime

DEMO_OFFICIAL = ("canbo.travinh", "motcua-demo-2026")


def seed_demo(rt: Runtime) -> dict[str, int]:
    """Load the demo data (idempotent)."""
    return {}
