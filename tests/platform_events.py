"""The real-shaped platform payloads of tests/fixtures/platform_events, signed as the platforms sign them, and a
watch on what the webhook queued."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.delivery.dispatchers import Dispatcher
from bot.delivery.inbox import DRAIN_INBOX, INBOX_KEY
from bot.events import InboundEvent
from bot.runtime import Runtime
from tests import payloads as p

FOLDER = Path(__file__).parent / "fixtures" / "platform_events"
ZALO_USER = "2512523625412515"
PSID, OTHER_PSID, STANDBY_PSID = "6729384751029384", "7140298374650192", "5390174628301945"


def fixture_names(platform: str) -> list[str]:
    """`platform/name` of every fixture of a platform, sorted."""
    return sorted(f"{platform}/{path.stem}" for path in (FOLDER / platform).glob("*.json"))


def body_of(name: str, *, fresh: bool = True) -> dict[str, Any]:
    """A fixture's POST body (a copy); Zalo timestamps moved to now unless `fresh` is False (the 48-hour window)."""
    body: dict[str, Any] = copy.deepcopy(json.loads((FOLDER / f"{name}.json").read_text("utf-8"))["body"])
    if fresh and name.startswith("zalo/"):
        body["timestamp"] = str(p.now_ms())
    return body


def signed(platform: str, body: object) -> tuple[bytes, dict[str, str]]:
    """Raw bytes and headers of a POST signed the platform's way, whatever the body holds (a Zalo body is signed
    over its `timestamp` as the string it is, or "" when it has none)."""
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    if platform == "zalo":
        stamp = body.get("timestamp") if isinstance(body, dict) else None
        text = str(stamp) if isinstance(stamp, str | int) and not isinstance(stamp, bool) else ""
        return raw, {"Content-Type": "application/json", "X-ZEvent-Signature": p.zalo_sign(raw, text)}
    return p.fb_request(body)  # type: ignore[arg-type]


def path_of(platform: str) -> str:
    """The webhook's route."""
    return "/webhooks/zalo" if platform == "zalo" else "/webhooks/facebook"


@dataclass
class QueueWatch:
    """Sits in front of the app's dispatcher and notes every event the webhook put on the inbox list."""

    rt: Runtime
    inner: Dispatcher
    events: list[InboundEvent] = field(default_factory=list)

    def submit(self, fn_path: str, *args: Any) -> None:
        """Note the waiting events before a drain takes them, then run the job as the app would."""
        if fn_path == DRAIN_INBOX:
            waiting = self.rt.redis.lrange(INBOX_KEY, 0, -1)
            self.events.extend(InboundEvent.from_dict(json.loads(raw)) for raw in waiting)
        self.inner.submit(fn_path, *args)


class HoldDrains:
    """A dispatcher that keeps the drain jobs: what the webhook queued stays on the inbox list to be read."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn_path: str, *args: Any) -> None:
        """Count, do not run."""
        self.submitted += 1


def waiting_events(rt: Runtime) -> list[InboundEvent]:
    """The events on the inbox list, oldest first."""
    return [InboundEvent.from_dict(json.loads(raw)) for raw in rt.redis.lrange(INBOX_KEY, 0, -1)]
