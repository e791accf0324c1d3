"""Shared steps of flows that act on one dossier: get its code, check the phone's last four digits."""

from __future__ import annotations

import collections
import logging
import re
import time
import uuid
from typing import Any

from bot import nlu
from bot.conversation import texts
from bot.conversation.guard import DISTINCT_WINDOW_S, MANY, EnumerationGuard, who_counts
from bot.conversation.router import Turn
from bot.records.dossiers import normalise_phone
from integrations.base import same
from integrations.onestop import BackendUnavailable, DossierInfo

log = logging.getLogger(__name__)

MAX_TRIES = 3
RECENT_CARD_S = 600  # "đánh giá hồ sơ này" right after a card means that card's dossier
LOCK_S = 3600  # wrong digits for one dossier count per user for an hour, across flows and restarts
# Wrong digits for one dossier from everyone together: this many within a day lock its check for a day (SPEC §7).
DOSSIER_MAX_WRONG = 10
DOSSIER_WINDOW_S = DOSSIER_LOCK_S = 24 * 3600
DIGITS_RE = re.compile(r"(?<!\d)(\d[\d .\-]{2,14}\d)(?!\d)")
# A code with a part missing or mistyped: a province group (H59) or digit groups joined by dots and dashes
# (all on one line) with four digits later on that line; or only the date and number ("261102-0001"). "Later
# on that line" is found once per line (`looks_like_partial_code`), not by a `.*` after each possible start,
# which took quadratic time (11 s for 50 KB of "12.34.").
PROVINCE_GROUP = re.compile(r"(?<![a-z])[a-z]\d{2}\b", re.IGNORECASE)
DIGIT_GROUPS = re.compile(r"\d{2,3}\s*[.\-]\s*\d{2}\s*[.\-]")
FOUR_DIGITS = re.compile(r"\d{4,}")
DATE_AND_NUMBER = re.compile(r"(?<![\d.])\d{6}\s*-\s*\d{4,5}(?!\d)")
# A whole dossier code as typed (any case, spaces around the dots and dashes).
CODE_IN_TEXT = re.compile(
    r"(?<![\w.])(?:\w{1,3}\s*\.\s*){1,3}\w{1,3}\s*[-\u2010-\u2015\u2212_]\s*\d{6}\s*[-\u2010-\u2015\u2212_]\s*\d{4,5}(?!\d)"
)
# What may surround a code sent on its own: "mã hồ sơ là ... ạ", "hs ... nhé".
LOST_CODE = re.compile(
    r"\b(?:quen|mat|that lac|danh roi|khong nho|khong co|ko co|k co|khong thay|chua co)\b(?: \w+){0,2} "
    r"(?:ma|giay hen|giay tiep nhan|giay bien nhan|bien nhan|phieu hen|bien lai)\b"
)
NEVER_MIND = frozenset({"thoi", "khoi", "da", "vang", "a", "nha", "nhe", "nhen"})
AROUND_A_CODE = frozenset(
    ("ma", "ho", "so", "hs", "la", "a", "day", "nhe", "nha", "cua", "toi", "em", "minh", "con")
    + ("o", "moi", "dung", "roi", "xin", "loi", "nham")
)


def bare_code(text: str) -> str | None:
    """The code of a message that carries one code and nothing else of substance."""
    codes = nlu.extract_codes(text)
    if len(codes) != 1:
        return None
    rest = nlu.fold(CODE_IN_TEXT.sub(" ", text))
    return codes[0] if set(re.findall(r"[a-z0-9]+", rest)) <= AROUND_A_CODE else None


def other_code(turn: Turn) -> str | None:
    """At a step about one dossier: another dossier's code sent on its own (the user meant that one)."""
    code = bare_code(turn.text)
    return code if code and code != turn.state.data.get("code") else None


def recent_card_key(user_key: str) -> str:
    """Redis key of the dossier whose card was the last lookup answer (one card only)."""
    return f"last_card:{user_key}"


def remember_card(turn: Turn, codes: list[str]) -> None:
    """After a lookup: remember the dossier when exactly one card was shown, else forget."""
    if len(codes) == 1:
        turn.rt.redis.set(recent_card_key(turn.user_key), codes[0], ex=RECENT_CARD_S)
    else:
        turn.rt.redis.delete(recent_card_key(turn.user_key))


def recent_card(turn: Turn) -> str | None:
    """The dossier of the single card shown in the last ten minutes, if any; taken once."""
    key = recent_card_key(turn.user_key)
    raw = turn.rt.redis.get(key)
    turn.rt.redis.delete(key)
    if not raw:
        return None
    return raw.decode() if isinstance(raw, bytes) else str(raw)


# A run of letters and digits joined by dots and dashes (a code, complete or not, a date, a phone ...);
# it is taken for a mistyped code only with a province group (H59) or a date and number (261102-0001).
CODE_LIKE = re.compile(r"[0-9a-z]+(?:\s*[.\-\u2010-\u2015\u2212_]\s*[0-9a-z]+)+", re.IGNORECASE)
CODE_MARK = re.compile(r"(?<![a-z])[a-z]\d\d(?!\d)|\d{6}\s*-\s*\d{4,5}", re.IGNORECASE)


def partial_codes(text: str) -> list[str]:
    """The incomplete or mistyped codes of a message, as typed (beside any complete ones)."""
    found = [m.group(0) for m in CODE_IN_TEXT.finditer(text) if not nlu.extract_codes(m.group(0))]
    for m in CODE_LIKE.finditer(CODE_IN_TEXT.sub(" ", text)):
        piece = m.group(0)
        if CODE_MARK.search(piece) and looks_like_partial_code(piece):
            found.append(piece)
    return list(dict.fromkeys(" ".join(f.split()) for f in found))


def looks_like_partial_code(text: str) -> bool:
    """Something that resembles a dossier code but is not a complete one."""
    return not nlu.extract_codes(text) and (
        DATE_AND_NUMBER.search(text) is not None or any(_groups_then_digits(line) for line in text.split("\n"))
    )


def _groups_then_digits(line: str) -> bool:
    """A province group, or digit groups joined by dots and dashes, ending before four digits of the line."""
    last_run = collections.deque(FOUR_DIGITS.finditer(line), maxlen=1)
    if not last_run:
        return False
    digits_from = last_run[0].end() - 4  # where the line's last four digits begin
    province = PROVINCE_GROUP.search(line)
    return (province is not None and province.end() <= digits_from) or DIGIT_GROUPS.search(
        line, 0, digits_from
    ) is not None


def who(turn: Turn) -> str:
    """Whom this turn's limits count (the user; for the simulator, the client address)."""
    return who_counts(turn.rt.redis, turn.user_key)


def paused_seconds(turn: Turn) -> int:
    """Seconds left while the enumeration guard pauses this user's lookups, else 0."""
    return EnumerationGuard(turn.rt.redis).paused_for(who(turn))


def say_paused(turn: Turn, seconds: int) -> None:
    """Lookups are paused: say why and for how long (no card, whatever the code)."""
    many = EnumerationGuard(turn.rt.redis).pause_reason(who(turn)) == MANY
    text = texts.LOOKUP_PAUSED_MANY if many else texts.LOOKUP_PAUSED
    turn.say(text.format(minutes=max(1, (seconds + 59) // 60)), (texts.BTN_MENU,))


def lookups_paused(turn: Turn) -> bool:
    """True (and said so, flow left) while the enumeration guard pauses this user's lookups."""
    paused = paused_seconds(turn)
    if paused:
        turn.state.clear()
        say_paused(turn, paused)
    return bool(paused)


def counted_lookup(turn: Turn, guard: EnumerationGuard, code: str) -> bool:
    """Count a code about to be looked up; False (and said so) when it is one distinct code too many."""
    if guard.record_lookup(who(turn), code):
        turn.state.clear()
        say_paused(turn, DISTINCT_WINDOW_S)
        return False
    return True


def find_dossier(turn: Turn, code: str) -> DossierInfo | None:
    """The dossier for a flow, honouring the enumeration guard; says why when there is none."""
    if lookups_paused(turn):
        return None
    guard = EnumerationGuard(turn.rt.redis)
    if not counted_lookup(turn, guard, code):
        return None
    try:
        dossier = turn.rt.source.get(code)
    except BackendUnavailable:
        turn.state.clear()
        turn.say(texts.LOOKUP_UNAVAILABLE, (texts.BTN_MENU,))
        return None
    if dossier is None:
        turn.state.clear()
        if guard.record_miss(who(turn)):
            say_paused(turn, guard.window_s)
        else:
            turn.say(texts.NOT_FOUND.format(code=code), texts.MAIN_BUTTONS)
    return dossier


def code_in(turn: Turn) -> str | None:
    """The first dossier code in the message."""
    codes = nlu.extract_codes(turn.text)
    return codes[0] if codes else None


def lost_code(text: str) -> bool:
    """The user says they have no code: "quên mã rồi", "mất giấy hẹn", "không có mã hồ sơ"."""
    return not nlu.extract_codes(text) and LOST_CODE.search(nlu.fold(text)) is not None


def no_code(turn: Turn) -> None:
    """No code to give: where to get it, or a person; any flow is left."""
    turn.state.clear()
    turn.say(texts.NO_CODE, (texts.BTN_CONTACT, texts.BTN_MENU))


def expected_code_missing(turn: Turn) -> None:
    """An ask-code step got no code: explain what a code looks like. "Thôi" (never mind), "không có" (no code)
    or the third miss ends the flow."""
    if nlu.says_no(turn.text) and NEVER_MIND.issuperset(re.findall(r"[a-z0-9]+", nlu.fold(turn.text))):
        turn.state.clear()
        turn.say(texts.CANCELLED, texts.MAIN_BUTTONS)
        return
    if nlu.says_no(turn.text) or lost_code(turn.text):
        no_code(turn)
        return
    wrong = int(turn.state.data.get("wrong", 0)) + 1
    if wrong >= MAX_TRIES:
        turn.state.clear()
        turn.say(texts.CODE_GIVE_UP, (texts.BTN_CONTACT, texts.BTN_MENU))
        return
    turn.state.data["wrong"] = wrong
    if looks_like_partial_code(turn.text):
        turn.say(texts.CODE_MALFORMED, (texts.BTN_MENU,))
    else:
        turn.say(texts.CODE_FORMAT_HELP, (texts.BTN_CONTACT, texts.BTN_MENU))


def typed_digits(text: str) -> str | None:
    """Four digits typed alone or inside a sentence; a whole phone number gives its last four."""
    for match in DIGITS_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 4 or 9 <= len(digits) <= 12:
            return digits[-4:]
    stripped = text.strip()
    return stripped if len(stripped) == 4 and stripped.isdigit() else None


# At the digits step, a user who cannot give them: "không nhớ số", "đổi số rồi", "mất sim" (folded text).
NO_DIGITS = re.compile(
    r"\b(?:khong|ko|k|kh|hong|hok|chua) (?:nho|biet|co|thuoc|con)\b|\bquen\b|\bdoi (?:so|sdt|sim|roi)\b"
    r"|\b(?:so|sdt|dt|sim) (?:cu|moi|khac)\b|\bmat (?:so|sim|may|dien thoai|dt)\b|\bthay (?:so|sim)\b"
)


def without_digits(text: str) -> bool:
    """At the digits step: "thôi", "không", "không nhớ số", "đổi số rồi" ... and no digits, no code."""
    if nlu.extract_codes(text) or typed_digits(text) is not None:
        return False
    return nlu.says_no(text) or NO_DIGITS.search(nlu.fold(text)) is not None


def answer_without_digits(turn: Turn) -> None:
    """No digits to give: "thôi" leaves quietly; not knowing them gets where to go, and the step waits in case
    they turn up. No try is counted."""
    if nlu.says_no(turn.text) and NEVER_MIND.issuperset(re.findall(r"[a-z0-9]+", nlu.fold(turn.text))):
        turn.state.clear()
        turn.say(texts.CANCELLED, texts.MAIN_BUTTONS)
    else:
        turn.say(texts.PHONE_UNKNOWN, (texts.BTN_CONTACT, texts.BTN_MENU))


def digits_hold_for(turn: Turn, dossier: DossierInfo, digits: str) -> bool:
    """Digits just checked for another dossier are this one's too (its phone ends with them), and this
    dossier's check is not locked, for the user or for everyone, after wrong tries."""
    expected = normalise_phone(dossier.applicant_phone)[-4:]
    if len(expected) != 4 or len(digits) != 4 or not same(digits, expected):
        return False
    return _misses(turn, dossier.code) < MAX_TRIES and not _dossier_locked(turn, dossier.code)


def _miss_key(turn: Turn, code: str) -> str:
    return f"owner:miss:{who(turn)}:{code}"


def _misses(turn: Turn, code: str) -> int:
    return int(turn.rt.redis.get(_miss_key(turn, code)) or 0)


def _dossier_wrong_key(code: str) -> str:
    return f"owner:wrong:{code}"


def _dossier_lock_key(code: str) -> str:
    return f"owner:locked:{code}"


def _dossier_locked(turn: Turn, code: str) -> bool:
    return bool(turn.rt.redis.exists(_dossier_lock_key(code)))


def _count_wrong_for_dossier(turn: Turn, code: str) -> bool:
    """One more wrong answer for this dossier from anyone; True when that locks its check for everyone."""
    now = time.time()
    key = _dossier_wrong_key(code)
    pipe = turn.rt.redis.pipeline()
    pipe.zadd(key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
    pipe.zremrangebyscore(key, 0, now - DOSSIER_WINDOW_S)
    pipe.zcard(key)
    pipe.expire(key, DOSSIER_WINDOW_S)
    if int(pipe.execute()[2]) < DOSSIER_MAX_WRONG:
        return False
    turn.rt.redis.set(_dossier_lock_key(code), "1", ex=DOSSIER_LOCK_S)
    turn.rt.redis.delete(key)
    log.warning("ownership check of one dossier locked for everyone after %d wrong answers", DOSSIER_MAX_WRONG)
    return True


def _say_dossier_locked(turn: Turn, dossier: DossierInfo) -> None:
    turn.state.clear()
    turn.say(
        texts.OWNERSHIP_LOCKED_FOR_ALL.format(code=dossier.code, agency=dossier.agency_name),
        (texts.BTN_CONTACT, texts.BTN_MENU),
    )


def ask_digits(turn: Turn, flow: str, dossier: DossierInfo, **data: Any) -> None:
    """Ask for the last four digits of the dossier's phone; say why not when they cannot be checked."""
    if len(normalise_phone(dossier.applicant_phone)) < 4:
        turn.state.clear()
        turn.say(texts.NO_PHONE.format(code=dossier.code), (texts.BTN_CONTACT, texts.BTN_MENU))
        return
    if _dossier_locked(turn, dossier.code):
        _say_dossier_locked(turn, dossier)
        return
    misses = _misses(turn, dossier.code)
    if misses >= MAX_TRIES:
        left = max(int(turn.rt.redis.ttl(_miss_key(turn, dossier.code))), 60)
        turn.state.clear()
        turn.say(
            texts.PHONE_LOCKED.format(tries=misses, code=dossier.code, minutes=(left + 59) // 60),
            (texts.BTN_CONTACT, texts.BTN_MENU),
        )
        return
    turn.state.go(flow, "ask_phone", code=dossier.code, **data)
    turn.say(texts.ASK_PHONE_DIGITS.format(code=dossier.code), (texts.BTN_MENU,))


def check_digits(turn: Turn, dossier: DossierInfo) -> bool | None:
    """True when the digits match; False after a wrong try (said why); None when the flow ended."""
    if _dossier_locked(turn, dossier.code):  # locked for everyone since the question was asked
        _say_dossier_locked(turn, dossier)
        return None
    if turn.nlu.codes:  # the dossier's own code sent again (the router lets no other code reach this step)
        turn.say(texts.ASK_PHONE_DIGITS.format(code=dossier.code), (texts.BTN_MENU,))
        return False
    if without_digits(turn.text):
        answer_without_digits(turn)
        return None
    digits = typed_digits(turn.text)
    if digits is None:
        turn.say(texts.PHONE_DIGITS_FORMAT, (texts.BTN_MENU,))
        return False
    expected = normalise_phone(dossier.applicant_phone)[-4:]
    key = _miss_key(turn, dossier.code)
    if len(expected) == 4 and same(digits, expected):
        turn.rt.redis.delete(key)
        return True
    tries = int(turn.rt.redis.incr(key))
    turn.rt.redis.expire(key, LOCK_S)
    if _count_wrong_for_dossier(turn, dossier.code):
        _say_dossier_locked(turn, dossier)
        return None
    if tries >= MAX_TRIES:
        turn.state.clear()
        turn.say(texts.PHONE_WRONG_FINAL, (texts.BTN_CONTACT, texts.BTN_MENU))
        return None
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
