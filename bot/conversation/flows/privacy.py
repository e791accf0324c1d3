"""Deleting a user's data on request (`xóa dữ liệu`, Zalo's user_withdraw).

A plain request deletes at once. A question or a "no" about it ("làm sao để xóa dữ liệu?", "tôi không muốn
xóa dữ liệu") deletes nothing: it says what a deletion would remove and asks, with buttons, for the next
message only.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, func, select

from bot import nlu
from bot.conversation import i18n, texts
from bot.conversation.dialog import DialogStore
from bot.conversation.flows import contact, ownership, procedures
from bot.conversation.router import Turn
from bot.records.models import DeliveryFailure, Subscription

FLOW, CONFIRM = "privacy", "confirm"
# A question, a doubt or a "no" around the request (folded text): ask before deleting anything.
HESITANT = re.compile(
    r"\?|\b(?:khong|ko|k|kh|hong|chua|dung|sao|the nao|nao|gi|cach|co the|co nen|nen|duoc chu|hay|neu)\b"
)
KEEP_RE = re.compile(
    r"^(?:(?:da|vang|thoi)\s+)*(?:khong|ko|k|dung)\s+xoa(?:\s+(?:nua|a|nhe|nha|du lieu))*$"
    r"|^(?:(?:da|vang)\s+)*giu(?:\s+lai)?(?:\s+nguyen)?(?:\s+du lieu)?(?:\s+(?:a|nhe|nha))*$"
)
YES_DELETE = re.compile(r"^(?:(?:da|vang|co|ok|dong y)\s+)*xoa(?:\s+(?:di|het|luon|a|nhe|nha|du lieu))*$")


# "Bạn lưu thông tin gì của tôi?", "dữ liệu của tôi được dùng làm gì?" (folded text).
ABOUT_DATA = re.compile(
    r"\b(?:du lieu|thong tin (?:ca nhan|cua (?:toi|minh|em)|gi)|(?:so dien thoai|sdt) cua (?:toi|minh|em))\b"
)
KEEPING = re.compile(r"\b(?:luu|giu|thu thap|bao mat|chia se|su dung|dung (?:de |lam |vao )?(?:gi|viec gi))\b")


def _folded(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9?]+", nlu.fold(text)))


def asks_deletion(turn: Turn) -> bool:
    """The turn's message asks to delete the user's data."""
    return nlu.is_deletion_request(turn.text)


def _confirmation(text: str) -> bool | None:
    """At the "xóa dữ liệu?" question: True to delete, False to keep, None for anything else."""
    folded = _folded(text)
    if KEEP_RE.match(folded) or nlu.says_no(text):
        return False
    if YES_DELETE.match(folded) or nlu.is_yes(text):
        return True
    return None


def answers_confirmation(turn: Turn) -> bool:
    """A yes or no right after the bot asked whether to delete."""
    asked = turn.state.flow == FLOW and turn.state.step == CONFIRM
    return turn.is_message and asked and _confirmation(turn.text) is not None


def answer_confirmation(turn: Turn) -> None:
    """Yes: delete; no: keep."""
    if _confirmation(turn.text):
        delete_now(turn)
    else:
        keep(turn)


def says_keep(turn: Turn) -> bool:
    """"Không xóa" pressed or typed, even after the question timed out."""
    return turn.is_message and bool(KEEP_RE.match(_folded(turn.text)))


def keep(turn: Turn) -> None:
    """Nothing is deleted."""
    turn.state.clear()
    turn.say(texts.DATA_KEPT, texts.MAIN_BUTTONS)


def asks_what_is_kept(turn: Turn) -> bool:
    """A question about what the bot keeps about the user and why."""
    folded = _folded(turn.text)
    return turn.is_message and bool(ABOUT_DATA.search(folded) and KEEPING.search(folded))


def explain_what_is_kept(turn: Turn) -> None:
    """What is stored and why (Law 91/2025), with the way to delete it."""
    turn.state.clear()
    turn.say(texts.PRIVACY_INFO, (texts.BTN_DELETE_DATA, texts.BTN_MENU))


def _subscriptions(turn: Turn) -> int:
    with turn.rt.db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Subscription)
                .where(Subscription.platform == str(turn.event.platform), Subscription.user_id == turn.event.user_id)
            )
            or 0
        )


def erase(turn: Turn) -> int:
    """Delete subscriptions, failed-delivery records, dialog state, conversation keys and language; ratings stay,
    anonymous. The anti-guessing counters (wrong digits, unknown codes) stay: deleting must not reset them."""
    platform, user = str(turn.event.platform), turn.event.user_id
    with turn.rt.db.session() as s:
        result = s.execute(delete(Subscription).where(Subscription.platform == platform, Subscription.user_id == user))
        removed = int(getattr(result, "rowcount", 0) or 0)
        s.execute(delete(DeliveryFailure).where(DeliveryFailure.platform == platform, DeliveryFailure.user_id == user))
    key = turn.user_key
    turn.rt.redis.delete(
        DialogStore.key(key),
        f"paused:{key}",
        contact.holder_key(key),
        f"fallback:{key}",
        ownership.recent_card_key(key),
        procedures.last_card_key(key),
        f"sim:outbox:{turn.event.user_id}",
        f"missed:{key}",
        i18n.language_key(key),
    )
    turn.state.clear()
    return removed


def delete_my_data(turn: Turn) -> None:
    """A plain request: erase and say what was erased; a question or a "no": ask first."""
    if HESITANT.search(_folded(turn.text)):
        subs = _subscriptions(turn)
        text = texts.DATA_DELETE_ASK.format(subs=subs) if subs else texts.DATA_DELETE_ASK_NO_SUBS
        turn.state.clear()
        turn.state.ask_once(FLOW, CONFIRM)
        turn.say(text, (texts.BTN_DELETE_DATA, texts.BTN_KEEP_DATA))
        return
    delete_now(turn)


def delete_now(turn: Turn) -> None:
    """Erase and confirm."""
    removed = erase(turn)
    text = texts.DATA_DELETED.format(subs=removed) if removed else texts.DATA_DELETED_NO_SUBS
    app = texts.APP_NAMES.get(str(turn.event.platform))
    if app:
        text += texts.DATA_DELETED_APP_NOTE.format(app=app)
    turn.say(text, texts.MAIN_BUTTONS)


def withdraw(turn: Turn) -> None:
    """Zalo user_withdraw: erase silently."""
    erase(turn)
