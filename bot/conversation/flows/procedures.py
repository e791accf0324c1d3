"""Procedure questions: a short card for the procedure asked about, or ask which one."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from bot import nlu
from bot.conversation import texts
from bot.conversation.router import Turn
from bot.records.models import Agency, Procedure
from bot.records.procedures import answer_aspect, document_items, is_syllable, query_words, search
from bot.replies import Button, Reply

FLOW = "procedure"
ASK_NAME = "ask_name"
MAX_MISSES = 2
# Messenger shows a URL button only with a text of at most 640 characters (button template).
CARD_LIMIT = 640
TEXT_LIMIT = 1900
BRIEF_DOCUMENTS = 4
TITLE_LIMIT = 20
SECTIONS = ("documents", "fee", "duration", "where")
LAST_CARD_S = 600  # "lệ phí bao nhiêu?" right after a card asks about that card's procedure


def last_card_key(user_key: str) -> str:
    """Redis key of the procedure whose card was shown last."""
    return f"last_proc:{user_key}"


def starts_with_thu_tuc(turn: Turn) -> bool:
    """A message opening with "thủ tục" (typed, or a procedure button) that is no dossier lookup."""
    return (
        turn.is_message
        and not turn.nlu.codes
        and turn.nlu.intent != nlu.Intent.LOOKUP
        and nlu.fold(turn.text).startswith("thu tuc")
    )


def names_a_procedure(turn: Turn) -> bool:
    """An otherwise unknown message that names a catalog procedure ("mở công ty", "khaisinh")."""
    if not turn.is_message or turn.nlu.codes or turn.nlu.intent != nlu.Intent.UNKNOWN:
        return False
    words = query_words(turn.text)
    # One ordinary syllable ("tạm được", "trở về") is too vague to name a procedure when no intent was found.
    if not words or (len(words) == 1 and is_syllable(words[0])):
        return False
    with turn.rt.db.session() as session:
        return bool(search(session, turn.text, limit=1))


def asks_about_last_card(turn: Turn) -> bool:
    """A question about one aspect ("mất bao lâu?") that names no procedure, soon after a procedure card."""
    return (
        turn.is_message
        and not turn.nlu.codes
        and turn.nlu.intent in (nlu.Intent.UNKNOWN, nlu.Intent.PROCEDURE)
        and answer_aspect(turn.text) != "all"
        and not query_words(turn.text)
        and bool(turn.rt.redis.exists(last_card_key(turn.user_key)))
    )


def answer_procedure(turn: Turn) -> None:
    """Procedure intent or the main button: a card for the procedure named, else ask which one."""
    _answer(turn, in_step=turn.state.flow == FLOW and turn.state.step == ASK_NAME)


def receive_procedure_name(turn: Turn) -> None:
    """Ask-name step: a card when found; else say so, and give up after two misses."""
    _answer(turn, in_step=True)


def ask_name(turn: Turn, aspect: str = "all") -> None:
    """Ask which procedure, with buttons for common ones."""
    turn.state.go(FLOW, ASK_NAME, misses=0, aspect=aspect)
    turn.say(texts.PROC_ASK_NAME, (*texts.PROC_COMMON_BUTTONS, texts.BTN_MENU))


def _answer(turn: Turn, *, in_step: bool) -> None:
    """Search the catalog for the text and answer, ask, or count a miss."""
    aspect = answer_aspect(turn.text)
    if aspect == "all" and in_step:
        aspect = str(turn.state.data.get("aspect", "all"))
    named = bool(query_words(turn.text))
    if not named and (not in_step or nlu.fold(turn.text).startswith("thu tuc")):
        shown = _last_card(turn) if aspect != "all" and not in_step else None
        if shown is not None:
            _show(turn, shown, aspect, ())
        else:
            ask_name(turn, aspect)
        return
    found: list[Procedure] = []
    if named:
        with turn.rt.db.session() as session:
            found = search(session, turn.text)
    if found:
        _show(turn, found[0], aspect, found[1:])
        return
    if not in_step:
        turn.state.go(FLOW, ASK_NAME, misses=0, aspect=aspect)
        turn.say(texts.PROC_ASK_NAME_UNKNOWN, (*texts.PROC_COMMON_BUTTONS, texts.BTN_MENU))
        return
    misses = int(turn.state.data.get("misses", 0)) + 1
    if misses >= MAX_MISSES:
        turn.state.clear()
        turn.say(f"{texts.PROC_NOT_FOUND_LAST}\n{_call_hint(turn)}", (texts.BTN_CONTACT, texts.BTN_MENU))
        return
    turn.state.go(FLOW, ASK_NAME, misses=misses, aspect=aspect)
    turn.say(f"{texts.PROC_NOT_FOUND}\n{_call_hint(turn)}", (*texts.PROC_COMMON_BUTTONS, texts.BTN_MENU))


def _show(turn: Turn, procedure: Procedure, aspect: str, others: Sequence[Procedure]) -> None:
    """Send the card and remember it for a follow-up question about one aspect."""
    turn.state.clear()
    turn.replies.extend(procedure_card(procedure, aspect, others))
    turn.rt.redis.set(last_card_key(turn.user_key), procedure.code, ex=LAST_CARD_S)


def _last_card(turn: Turn) -> Procedure | None:
    """The procedure of the card shown in the last ten minutes, if any."""
    code = turn.rt.redis.get(last_card_key(turn.user_key))
    if not code:
        return None
    with turn.rt.db.session() as session:
        return session.get(Procedure, code.decode() if isinstance(code, bytes) else str(code))


def _call_hint(turn: Turn) -> str:
    """Whom to call: the province's one-stop hotline when known, else the commune's one-stop desk."""
    with turn.rt.db.session() as session:
        agency = session.scalar(
            select(Agency).where(Agency.parent_code.is_(None), Agency.hotline != "").order_by(Agency.code).limit(1)
        )
        if agency is not None:
            return texts.PROC_CALL_HOTLINE.format(hotline=agency.hotline, name=agency.name)
    return texts.PROC_CALL_ONE_STOP


def short_title(name: str, limit: int = TITLE_LIMIT) -> str:
    """A button title of at most `limit` characters, cut at a word with an ellipsis."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;-")
    return f"{cut}…"


def _documents(p: Procedure, limit: int | None, asked: bool) -> list[str]:
    """The documents section: a bulleted list, cut after `limit` items (None: all)."""
    items = document_items(p.documents)
    if not items:
        return [f"{texts.PROC_CARD_DOCUMENTS} {texts.PROC_NO_INFO}"] if asked else []
    shown = items if limit is None or len(items) <= limit else items[:limit]
    lines = [texts.PROC_CARD_DOCUMENTS, *(texts.PROC_CARD_ITEM.format(item=i) for i in shown)]
    if len(shown) < len(items):
        lines.append(texts.PROC_CARD_MORE_DOCUMENTS.format(n=len(items) - len(shown)))
    return lines


def _line(template: str, value: str, asked: bool) -> list[str]:
    """One labelled line; an empty value is shown only when asked for."""
    value = value.strip()
    if value:
        return [template.format(value=value)]
    return [template.format(value=texts.PROC_NO_INFO)] if asked else []


def _card_text(p: Procedure, aspect: str, doc_limit: int | None) -> tuple[str, bool]:
    """Card text with the asked aspect first; and whether the documents list was cut."""
    lines = [texts.PROC_CARD_TITLE.format(name=p.name)]
    if aspect == "online":
        lines.append(texts.PROC_CARD_ONLINE if p.url else texts.PROC_CARD_NO_ONLINE)
    order = [aspect, *(s for s in SECTIONS if s != aspect)] if aspect in SECTIONS else list(SECTIONS)
    cut = False
    for section in order:
        asked = section == aspect
        if section == "documents":
            limit = None if asked else doc_limit
            docs = _documents(p, limit, asked)
            cut = cut or (limit is not None and len(document_items(p.documents)) > limit)
            lines.extend(docs)
        elif section == "fee":
            lines.extend(_line(texts.PROC_CARD_FEE, p.fee, asked))
        elif section == "duration":
            lines.extend(_line(texts.PROC_CARD_DURATION, p.duration, asked))
        else:
            lines.extend(_line(texts.PROC_CARD_WHERE, p.where, asked))
    return "\n".join(lines), cut


def procedure_card(p: Procedure, aspect: str = "all", others: Sequence[Procedure] = ()) -> list[Reply]:
    """The card of one procedure, the asked aspect first, with its buttons (one or two replies)."""
    text, cut = _card_text(p, aspect, BRIEF_DOCUMENTS)
    for smaller in (3, 2, 1):
        if len(text) <= CARD_LIMIT:
            break
        text, cut = _card_text(p, aspect, smaller)
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1].rsplit("\n", 1)[0] + "\n…"
    buttons: list[Button] = []
    if p.url:
        buttons.append(Button(texts.PROC_BTN_ONLINE, url=p.url))
    if cut:
        buttons.append(Button(texts.PROC_BTN_ALL_DOCUMENTS, texts.PROC_PAYLOAD_DOCUMENTS.format(name=p.name)))
    buttons.extend(Button(short_title(o.name), texts.PROC_PAYLOAD.format(name=o.name)) for o in others[:2])
    buttons.append(texts.BTN_MENU)
    if p.url and len(text) > CARD_LIMIT:
        return [Reply(text), Reply(texts.PROC_BUTTONS_PROMPT, tuple(buttons))]
    return [Reply(text, tuple(buttons))]
