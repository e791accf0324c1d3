"""Deleting a user's data on request (`xóa dữ liệu`, Zalo's user_withdraw)."""

from __future__ import annotations

import re

from sqlalchemy import delete

from bot import nlu, texts
from bot.dialog import DialogStore
from bot.intents import ownership, procedures
from bot.models import Subscription
from bot.router import Turn

DELETE_RE = re.compile(r"\b(xoa|huy|delete)\b.*\b(du lieu|thong tin ca nhan|thong tin cua (toi|minh|em)|data)\b")


def is_deletion_request(text: str) -> bool:
    """`xóa dữ liệu của tôi`, `xoa thong tin ca nhan` ..."""
    return bool(DELETE_RE.search(nlu.fold(text)))


def asks_deletion(turn: Turn) -> bool:
    """The turn's message asks to delete the user's data."""
    return is_deletion_request(turn.text)


def erase(turn: Turn) -> int:
    """Delete subscriptions, dialog state, pauses and counters; ratings stay, anonymous."""
    with turn.rt.db.session() as s:
        result = s.execute(
            delete(Subscription).where(
                Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id
            )
        )
        removed = int(getattr(result, "rowcount", 0) or 0)
    key = turn.user_key
    turn.rt.redis.delete(
        DialogStore.key(key),
        f"paused:{key}",
        f"fallback:{key}",
        ownership.recent_card_key(key),
        procedures.last_card_key(key),
        f"sim:outbox:{turn.event.user_id}",
    )
    turn.state.clear()
    return removed


def delete_my_data(turn: Turn) -> None:
    """Erase and confirm."""
    removed = erase(turn)
    text = texts.DATA_DELETED.format(subs=removed) if removed else texts.DATA_DELETED_NO_SUBS
    turn.say(text, texts.MAIN_BUTTONS)


def withdraw(turn: Turn) -> None:
    """Zalo user_withdraw: erase silently."""
    erase(turn)
