"""Bot.handle(event): lock -> load -> dispatch -> save -> send."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from bot.conversation import i18n
from bot.conversation.dialog import ONCE, DialogStore
from bot.conversation.flows.contact import reclaim_for_button, resume_from_inbox, thread_moved
from bot.conversation.notices import give_missed_notices
from bot.conversation.router import Router, Turn
from bot.conversation.routing_table import build_router
from bot.events import EventKind, InboundEvent, Platform
from bot.receipts import Reading
from bot.records import usage
from bot.replies import Reply
from bot.runtime import Runtime

log = logging.getLogger(__name__)
LOCK_TIMEOUT_S = 120
# Sends a turn's replies to a user (the delivery side's outbox): platform, user id, replies.
Send = Callable[[Platform, str, Sequence[Reply]], object]


class Bot:
    """Handles one event at a time per conversation."""

    def __init__(self, rt: Runtime, send: Send, router: Router | None = None) -> None:
        self.rt = rt
        self.send = send
        self.router = router or build_router()
        self.dialogs = DialogStore(rt.redis)

    def handle(self, event: InboundEvent, *, receipt: Reading | None = None) -> list[str]:
        """Process one event (`receipt`: what its photo said); returns the text of each reply sent."""
        typed, event = event, i18n.read_as_source(event)  # Khmer "បាទ", "ទេ", "បោះបង់": "có", "không", "hủy"
        key = event.conversation_key
        # The lock spans sending too, so one user's replies never interleave across workers.
        lock = self.rt.redis.lock(f"lock:conv:{key}", timeout=LOCK_TIMEOUT_S, blocking_timeout=LOCK_TIMEOUT_S)
        with lock, i18n.speaking(i18n.turn_language(self.rt.redis, typed)):  # the user's language for the turn
            if event.kind == EventKind.HANDOVER:
                thread_moved(self.rt, event)
                return []
            if event.kind == EventKind.STANDBY:
                resumed = resume_from_inbox(self.rt, event)
                if resumed is None:
                    log.info("%s standby event left to the Page Inbox", event.platform)
                    return []
                event = resumed
            else:
                reclaim_for_button(self.rt, event)
            state = self.dialogs.load(key)
            asked_once = state.data.get(ONCE)
            turn = Turn(event=event, state=state, rt=self.rt, receipt=receipt)
            route = self.router.dispatch(turn)
            give_missed_notices(turn)
            if turn.replies:
                secret = turn.rt.settings.secret_key
                usage.count_person(turn.rt.db, event.platform, event.user_id, turn.rt.now(), secret)
            turn.state.keep_once(asked_once)
            self.dialogs.save(key, turn.state)
            log.info(
                "%s %s event handled by %s, %d replies", event.platform, event.kind, route or "-", len(turn.replies)
            )
            if turn.replies and event.platform in self.rt.channels:
                self.send(event.platform, event.user_id, turn.replies)
            for action in turn.after_send:
                try:
                    action()
                except Exception:
                    log.exception("after-send action failed")
        return [r.text for r in turn.replies]
