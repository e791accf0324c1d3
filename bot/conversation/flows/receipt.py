"""A photo of the receipt instead of a typed code: a QR code or barcode shows the card at once; a code read from
the printed text is asked back first ("Mã hồ sơ … đúng không?"); an unreadable photo says why and how to type
the code. The photo was fetched and read before the turn (bot.delivery.photos); the enumeration guard and the
card are those of a typed code."""

from __future__ import annotations

import re

from bot import nlu
from bot.conversation import texts
from bot.conversation.flows import contact, lookup, ownership
from bot.conversation.router import Turn
from bot.events import EventKind
from bot.receipts import How, Problem
from bot.replies import Button

FLOW, CONFIRM = "receipt", "confirm"
# "không", "không phải", "không đúng", "sai rồi", "chưa đúng" (folded text).
NOT_IT = re.compile(r"^(?:(?:da|vang|a)\s+)*(?:khong|ko|k|kh|hong|chua|sai)\b")


def is_receipt_photo(turn: Turn) -> bool:
    """An image the platform lets us fetch."""
    event = turn.event
    return event.kind == EventKind.ATTACHMENT and event.attachment_type == "image" and bool(event.attachment_url)


def answer_photo(turn: Turn) -> None:
    """The card of the code on the photo, the question about a code read from print, or why nothing was read."""
    if contact.is_paused(turn) or ownership.lookups_paused(turn):  # staff see the photo themselves
        return
    reading = turn.receipt
    turn.state.clear()
    if reading is None or not reading.code:
        problem = reading.problem if reading is not None and reading.problem else Problem.NO_CODE
        turn.state.go(lookup.FLOW, lookup.ASK_CODE, wrong=0)
        text = f"{texts.RECEIPT_UNREADABLE[problem]} {texts.HOW_TO_TYPE_CODE}"
        turn.say(text, (texts.BTN_CONTACT, texts.BTN_MENU))
    elif reading.how == How.SYMBOL:
        lookup.answer_codes(turn, [reading.code])
    else:
        turn.state.ask_once(FLOW, CONFIRM, code=reading.code)
        yes = Button(texts.BTN_RECEIPT_YES, texts.PAYLOAD_RECEIPT_YES.format(code=reading.code))
        no = Button(texts.BTN_RECEIPT_NO, texts.PAYLOAD_RECEIPT_NO)
        turn.say(texts.RECEIPT_CONFIRM.format(code=reading.code), (yes, no))


def _confirmation(text: str) -> bool | None:
    """At "Mã hồ sơ … đúng không?": True for yes, False for no, None for anything else."""
    folded = " ".join(re.findall(r"[a-z0-9]+", nlu.fold(text)))
    if NOT_IT.match(folded) or nlu.says_no(text):
        return False
    return True if nlu.is_yes(text) else None


def answers_confirmation(turn: Turn) -> bool:
    """A yes or no right after the bot asked whether it read the code right."""
    asked = turn.state.flow == FLOW and turn.state.step == CONFIRM
    return turn.is_message and asked and _confirmation(turn.text) is not None


def answer_confirmation(turn: Turn) -> None:
    """Yes: the card, as for a typed code; no: how to type the code, and wait for it."""
    code = str(turn.state.data.get("code", ""))
    turn.state.clear()
    if _confirmation(turn.text) and code:
        lookup.answer_codes(turn, [code])
        return
    turn.state.go(lookup.FLOW, lookup.ASK_CODE, wrong=0)
    turn.say(texts.RECEIPT_TYPE_CODE, (texts.BTN_CONTACT, texts.BTN_MENU))
