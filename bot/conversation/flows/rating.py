"""Rating a finished dossier: code -> ownership -> level -> reason -> optional follow-ups -> thanks."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot import nlu
from bot.conversation import texts
from bot.conversation.cards import status_label
from bot.conversation.flows import ownership
from bot.conversation.flows.subscription import OFFER_FLOW, OFFER_STEP, followed_codes
from bot.conversation.router import Turn
from bot.records.dossiers import CLOSED, RATEABLE
from bot.records.ratings import add_answer, rated_codes, record_rating
from bot.replies import Button
from integrations.onestop import DossierInfo

FLOW = "rating"
MIN_REASON = 3
MAX_REASON = 1000
# "hủy đánh giá", "thôi không đánh giá nữa": leave the rating (folded text, no code in it).
STOP_RATING = re.compile(
    r"^(?:(?:da|thoi|toi|em|minh)\s+)*(?:huy|bo|dung|ngung|khong|ko|k|thoi)\s+(?:(?:muon|can|phai)\s+)*"
    r"(?:danh gia|dg)(?:\s+(?:nua|a|nhe|nha))*$"
)
# At the level step: plain words for a level, beside the three levels the NLU reads.
LEVEL_WORDS: dict[str, nlu.Rating] = {
    **dict.fromkeys(("rat tot", "tot lam", "qua tot", "tuyet voi", "xuat sac"), nlu.Rating.VERY_SATISFIED),
    **dict.fromkeys(("tot", "on", "tot a"), nlu.Rating.SATISFIED),
    **dict.fromkeys(
        ("te", "te qua", "kem", "kem qua", "chua tot", "khong tot", "ko tot", "cham", "cham qua"),
        nlu.Rating.DISSATISFIED,
    ),
}

# At the level step, a bare "so-so" is none of the three levels: the citizen is asked to choose (folded text).
NEUTRAL_LEVEL = re.compile(r"^(?:binh thuong|bth|tam tam|tam|thuong thoi)(?:\s+(?:thoi|a|nha|nhe|lam))*$")

# "không hài lòng vì phải đi lại nhiều lần": the reason given with the level (folded text).
REASON_CLAUSE = re.compile(r"\b(?:vi|boi vi|tai vi|do|la do|ly do(?: la)?)\s+\w+(?:\s+\w+)+")


def _folded(text: str) -> str:
    return " ".join(nlu.fold(text).replace(".", " ").replace("!", " ").replace(",", " ").split())


def _reason_given(text: str) -> str:
    """The message itself (anonymised) when it gives a reason along with Không hài lòng ("... vì ..."), else ""."""
    return _anonymous(text.strip()) if REASON_CLAUSE.search(_folded(text)) else ""


# A phone number as people type one: 0 or +84 / 84, then 8 to 10 more digits, spaced, dotted, dashed or with
# the area code in brackets ("0912 345 678", "+84 912.345.678", "(0294) 3855 555").
PHONE_IN_TEXT = re.compile(r"(?<![\w.+])(?:\+\s?84|84|\(?0)(?:[\s.\-)]{0,2}\d){8,10}(?!\d)")


def _anonymous(reason: str) -> str:
    """The reason without any dossier code or phone number in it (officials read it; the phone may be anyone's)."""
    if nlu.extract_codes(reason):
        reason = ownership.CODE_IN_TEXT.sub("[mã hồ sơ]", reason)
    return PHONE_IN_TEXT.sub("[số điện thoại]", reason)


def says_stop_rating(turn: Turn) -> bool:
    """In the rating flow, a message that asks to drop the rating ("hủy đánh giá", "không đánh giá nữa")."""
    return turn.state.flow == FLOW and not turn.nlu.codes and bool(STOP_RATING.match(_folded(turn.text)))


def start_rating(turn: Turn) -> None:
    """Rating intent, with or without a code and a level."""
    turn.state.clear()
    level = turn.nlu.rating.value if turn.nlu.rating else None
    reason = _reason_given(turn.text) if level == nlu.Rating.DISSATISFIED else ""
    if turn.nlu.codes:
        _one_at_a_time(turn, turn.nlu.codes)
        _with_code(turn, turn.nlu.codes[0], level, reason)
        return
    if ownership.lookups_paused(turn):  # no use asking for a code that cannot be looked up
        return
    if recent := ownership.recent_card(turn):
        turn.say(texts.USING_RECENT_CARD.format(code=recent))
        _with_code(turn, recent, level, reason)
        return
    turn.state.go(FLOW, "ask_code", level=level, reason=reason, wrong=0)
    turn.say(texts.RATE_ASK_CODE, (texts.BTN_MENU,))


def receive_code(turn: Turn) -> None:
    """Step ask_code."""
    if codes := nlu.extract_codes(turn.text):
        _one_at_a_time(turn, codes)
        _with_code(turn, codes[0], turn.state.data.get("level"), str(turn.state.data.get("reason") or ""))
        return
    ownership.expected_code_missing(turn)


def _one_at_a_time(turn: Turn, codes: Collection[str]) -> None:
    """Several codes: each is rated on its own; the others are named, to be sent again."""
    first, *rest = codes
    if rest:
        turn.say(texts.ONE_AT_A_TIME.format(n=len(codes), code=first, rest=", ".join(rest)))


def _already_rated(turn: Turn, code: str) -> bool:
    return bool(rated_codes(turn.rt.db, [code], platform=str(turn.event.platform)))


def _with_code(turn: Turn, code: str, level: str | None, reason: str = "") -> None:
    dossier = ownership.find_dossier(turn, code)
    if dossier is None:
        return
    turn.state.clear()
    if dossier.status not in RATEABLE:
        _not_rateable(turn, dossier)
        return
    if _already_rated(turn, dossier.code):
        turn.say(texts.RATE_ALREADY.format(code=dossier.code), texts.MAIN_BUTTONS)
        return
    ownership.ask_digits(turn, FLOW, dossier, level=level, reason=reason)


def _not_rateable(turn: Turn, dossier: DossierInfo) -> None:
    """No result yet: offer to follow the dossier (once); no result ever (3, 7, 8): say so."""
    status = status_label(dossier.status)
    if dossier.status in CLOSED:
        turn.say(texts.RATE_NO_RESULT.format(code=dossier.code, status=status), (texts.BTN_CONTACT, texts.BTN_MENU))
    elif dossier.code in followed_codes(turn):
        turn.say(texts.RATE_NOT_FINISHED_FOLLOWED.format(code=dossier.code, status=status), texts.MAIN_BUTTONS)
    else:
        follow = Button(texts.BTN_SUBSCRIBE_DOSSIER, texts.PAYLOAD_SUBSCRIBE_DOSSIER.format(code=dossier.code))
        turn.say(texts.RATE_NOT_FINISHED.format(code=dossier.code, status=status), (follow, texts.BTN_MENU))
        turn.state.ask_once(OFFER_FLOW, OFFER_STEP, code=dossier.code)  # "có" / "ok" takes the offer


def receive_digits(turn: Turn) -> None:
    """Step ask_phone: the ownership check."""
    if other := ownership.other_code(turn):  # the user meant another dossier
        _with_code(turn, other, turn.state.data.get("level"), str(turn.state.data.get("reason") or ""))
        return
    dossier = ownership.verified_dossier(turn)
    if dossier is None:
        return
    level = turn.state.data.get("level")
    if level in (nlu.Rating.VERY_SATISFIED, nlu.Rating.SATISFIED):
        _record(turn, dossier, str(level), "")
    elif level == nlu.Rating.DISSATISFIED and turn.state.data.get("reason"):
        _record(turn, dossier, str(level), str(turn.state.data["reason"]))
    elif level == nlu.Rating.DISSATISFIED:
        turn.state.step = "ask_reason"
        turn.say(texts.RATE_ASK_REASON, (texts.BTN_MENU,))
    else:
        _ask_level(turn, dossier)


def _ask_level(turn: Turn, dossier: DossierInfo) -> None:
    turn.state.step = "ask_level"
    ask = texts.RATE_ASK_LEVEL.format(procedure=dossier.procedure_name, agency=dossier.agency_name)
    turn.say(ask, texts.LEVEL_BUTTONS)


def receive_level(turn: Turn) -> None:
    """Step ask_level: one of the three levels, typed or pressed."""
    if other := ownership.other_code(turn):  # the user meant another dossier
        _with_code(turn, other, None)
        return
    folded = _folded(turn.text)
    rating = None if NEUTRAL_LEVEL.match(folded) else LEVEL_WORDS.get(folded) or nlu.parse_rating(turn.text)
    if rating is None:
        turn.say(texts.RATE_LEVEL_FORMAT, texts.LEVEL_BUTTONS)
        return
    reason = _reason_given(turn.text) if rating == nlu.Rating.DISSATISFIED else ""
    if rating == nlu.Rating.DISSATISFIED and not reason:
        turn.state.step = "ask_reason"
        turn.state.data["level"] = rating.value
        turn.say(texts.RATE_ASK_REASON, (texts.BTN_MENU,))
        return
    dossier = ownership.current_dossier(turn)
    if dossier is not None:
        _record(turn, dossier, rating.value, reason)


def receive_reason(turn: Turn) -> None:
    """Step ask_reason: free text, required for Không hài lòng."""
    reason = turn.text.strip()
    if nlu.is_no(reason):  # "thôi", "không", "ko có": no reason given
        turn.say(texts.RATE_REASON_REQUIRED, (texts.BTN_MENU,))
        return
    if len(nlu.fold(reason).replace(" ", "")) < MIN_REASON:
        turn.say(texts.RATE_REASON_TOO_SHORT, (texts.BTN_MENU,))
        return
    dossier = ownership.current_dossier(turn)
    if dossier is not None:
        _record(turn, dossier, nlu.Rating.DISSATISFIED.value, reason[:MAX_REASON])


def _record(turn: Turn, dossier: DossierInfo, level: str, reason: str) -> None:
    """Store the rating at once; follow-up questions only add to it."""
    rating_id = record_rating(
        turn.rt.db,
        dossier,
        platform=str(turn.event.platform),
        level=level,
        reason=_anonymous(reason)[:MAX_REASON],
        now=turn.rt.now(),
    )
    if rating_id is None:
        turn.state.clear()
        turn.say(texts.RATE_ALREADY.format(code=dossier.code), texts.MAIN_BUTTONS)
        return
    turn.say(texts.RATE_RECORDED.format(level=texts.RATING_LABELS[level], code=dossier.code))
    turn.state.go(FLOW, "followup", rating_id=rating_id, question=0)
    _ask_followup(turn, 0, intro=texts.RATE_FOLLOWUP_INTRO.format(n=len(texts.FOLLOWUP_QUESTIONS)))


def _followup_buttons() -> tuple[Button, ...]:
    return (*texts.FOLLOWUP_BUTTONS, texts.BTN_SKIP, texts.BTN_STOP)


def _ask_followup(turn: Turn, index: int, intro: str = "") -> None:
    number = f"({index + 1}/{len(texts.FOLLOWUP_QUESTIONS)}) "
    question = number + texts.FOLLOWUP_QUESTIONS[index][1]
    turn.say(f"{intro}\n{question}" if intro else question, _followup_buttons())


# The questions ask "... có ... không?": a bare yes is Tốt, a bare no is Chưa tốt.
NO_ANSWERS = {"khong", "chua", "khong co", "chua co", "khong lam", "khong duoc"}
STOP_ANSWERS = {"ket thuc", "thoi", "xong", "dung lai", "dung", "stop", "khong tra loi", "thoi khong tra loi", "het"}
NEGATIONS = {"ko": "khong", "k": "khong", "kh": "khong", "hok": "khong", "hong": "khong", "khg": "khong", "kg": "khong"}


def _short_answer(text: str) -> str:
    """Folded words of a short answer, "ko"/"k" spelled out, without a polite "dạ"/"vâng" before or "ạ" after."""
    words = [NEGATIONS.get(w, w) for w in _folded(text).split()]
    while words and words[0] in ("da", "vang"):
        words = words[1:]
    while words and words[-1] in ("a", "nha", "nhe"):
        words = words[:-1]
    return " ".join(words)


def followup_answer(text: str) -> str | None:
    """A typed or pressed answer to a follow-up question: good, fair, poor, skip or stop; None otherwise."""
    folded = _short_answer(text) or _folded(text)
    if folded in ("bo qua", "skip", "qua", "bq", "cau sau", "tiep", "khong biet", "khong co y kien", "khong y kien"):
        return "skip"
    if folded in NO_ANSWERS:
        return "poor"
    if folded in STOP_ANSWERS or nlu.is_no(text):  # "không cần", "khỏi", "thôi"
        return "stop"
    if any(p in f" {folded} " for p in (" chua tot ", " khong tot ", " ko tot ", " k tot ", " kem ", " te ")):
        return "poor"
    if "binh thuong" in folded or folded in ("tam", "tam duoc", "duoc", "tb", "trung binh", "cung duoc"):
        return "fair"
    if f" {folded} ".find(" tot ") >= 0 or folded in ("hai long", "ok") or nlu.is_yes(text):
        return "good"
    return None


def is_stale_followup_button(turn: Turn) -> bool:
    """A follow-up button (Tốt, Bỏ qua ...) pressed or typed after the questions timed out."""
    labels = {nlu.fold(b.value) for b in _followup_buttons()}
    return turn.is_message and not turn.state.active and _folded(turn.text) in labels


def followup_expired(turn: Turn) -> None:
    """Say the questions are over; the rating itself was stored when it was given."""
    turn.say(texts.FOLLOWUP_EXPIRED, texts.MAIN_BUTTONS)


def receive_followup(turn: Turn) -> None:
    """Step followup: Tốt / Bình thường / Chưa tốt / Bỏ qua / Kết thúc."""
    answer = followup_answer(turn.text)
    index = int(turn.state.data.get("question", 0))
    if answer is None:
        turn.say(texts.FOLLOWUP_FORMAT, _followup_buttons())
        return
    if answer == "stop":
        turn.state.clear()
        turn.say(texts.RATE_THANKS, texts.MAIN_BUTTONS)
        return
    if answer != "skip":
        add_answer(turn.rt.db, int(turn.state.data["rating_id"]), texts.FOLLOWUP_QUESTIONS[index][0], answer)
    index += 1
    if index >= len(texts.FOLLOWUP_QUESTIONS):
        turn.state.clear()
        turn.say(texts.RATE_THANKS, texts.MAIN_BUTTONS)
        return
    turn.state.data["question"] = index
    _ask_followup(turn, index)
