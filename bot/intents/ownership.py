"""Shared steps of flows that act on one dossier: get its code, check the phone's last four digits."""

from __future__ import annotations

import re

from bot import nlu, texts
from bot.dossiers import EnumerationGuard
from bot.router import Turn
from bot.schemas import normalise_phone
from integrations.base import same
from integrations.onestop import BackendUnavailable, DossierInfo

MAX_TRIES = 3
DIGITS_RE = re.compile(r"(?<!\d)(\d[\d .]{2,14}\d)(?!\d)")


def find_dossier(turn: Turn, code: str) -> DossierInfo | None:
    """The dossier for a flow, honouring the enumeration guard; says why when there is none."""
    guard = EnumerationGuard(turn.rt.redis)
    paused = guard.paused_for(turn.user_key)
    if paused:
        turn.state.clear()
        turn.say(texts.LOOKUP_PAUSED.format(minutes=max(1, (paused + 59) // 60)), (texts.BTN_MENU,))
        return None
    try:
        dossier = turn.rt.source.get(code)
    except BackendUnavailable:
        turn.state.clear()
        turn.say(texts.LOOKUP_UNAVAILABLE, (texts.BTN_MENU,))
        return None
    if dossier is None:
        turn.state.clear()
        if guard.record_miss(turn.user_key):
            turn.say(texts.LOOKUP_PAUSED.format(minutes=guard.window_s // 60), (texts.BTN_MENU,))
        else:
            turn.say(texts.NOT_FOUND.format(code=code), texts.MAIN_BUTTONS)
    return dossier


def code_in(turn: Turn) -> str | None:
    """The first dossier code in the message."""
    codes = nlu.extract_codes(turn.text)
    return codes[0] if codes else None


def expected_code_missing(turn: Turn) -> None:
    """An ask-code step got no code: explain what a code looks like; the third miss ends the flow."""
    wrong = int(turn.state.data.get("wrong", 0)) + 1
    if wrong >= MAX_TRIES:
        turn.state.clear()
        turn.say(texts.CODE_FORMAT_HELP, texts.MAIN_BUTTONS)
        return
    turn.state.data["wrong"] = wrong
    turn.say(texts.CODE_FORMAT_HELP, (texts.BTN_MENU,))


def typed_digits(text: str) -> str | None:
    """Four digits typed alone or inside a sentence; a whole phone number gives its last four."""
    for match in DIGITS_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 4 or 9 <= len(digits) <= 12:
            return digits[-4:]
    stripped = text.strip()
    return stripped if len(stripped) == 4 and stripped.isdigit() else None


def ask_digits(turn: Turn, flow: str, code: str) -> None:
    """Ask for the last four digits of the dossier's phone."""
    turn.state.go(flow, "ask_phone", code=code, tries=0)
    turn.say(texts.ASK_PHONE_DIGITS.format(code=code), (texts.BTN_MENU,))


def check_digits(turn: Turn, dossier: DossierInfo) -> bool | None:
    """True when the digits match; False after a wrong try (said why); None when the flow ended."""
    digits = typed_digits(turn.text)
    if digits is None:
        turn.say(texts.PHONE_DIGITS_FORMAT, (texts.BTN_MENU,))
        return False
    expected = normalise_phone(dossier.applicant_phone)[-4:]
    if len(expected) == 4 and same(digits, expected):
        return True
    tries = int(turn.state.data.get("tries", 0)) + 1
    if tries >= MAX_TRIES:
        turn.state.clear()
        turn.say(texts.PHONE_WRONG_FINAL, (texts.BTN_CONTACT, texts.BTN_MENU))
        return None
    turn.state.data["tries"] = tries
    turn.say(texts.PHONE_WRONG.format(left=MAX_TRIES - tries), (texts.BTN_MENU,))
    return False


def verified_dossier(turn: Turn) -> DossierInfo | None:
    """The flow's dossier once the typed digits match its phone; None while they do not (said why)."""
    dossier = current_dossier(turn)
    if dossier is None or check_digits(turn, dossier) is not True:
        return None
    return dossier


def current_dossier(turn: Turn) -> DossierInfo | None:
    """Re-read the flow's dossier; ends the flow with an apology when the backend cannot answer."""
    try:
        dossier = turn.rt.source.get(str(turn.state.data.get("code", "")))
    except BackendUnavailable:
        dossier = None
    if dossier is None:
        turn.state.clear()
        turn.say(texts.LOOKUP_UNAVAILABLE, texts.MAIN_BUTTONS)
    return dossier
