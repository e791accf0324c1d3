"""Short typed answers to a question the bot asked (cancel words, yes and no), and a request to delete one's data."""

from __future__ import annotations

import re
import unicodedata

from bot.nlu.normalise import ABBREV, TOKEN_RE, fold

# ------------------------------------------------------------- short typed answers

_FILLER = frozenset({
    "a", "ah", "nha", "nhe", "nhen", "nghen", "hen", "ne", "di", "admin", "bot", "oi", "luon", "ban", "em",
    "anh", "chi", "minh", "toi", "roi", "vay", "the", "lam",
})
_CANCEL_WORDS = frozenset({"huy", "thoat", "menu", "cancel", "exit", "quit"})
_CANCEL_FILLER = _FILLER | {"thoi", "bo", "ra", "giup", "voi", "lai", "ve", "quay", "chinh", "mo", "tro"}
# Ways of saying "go back / start over" that work like a cancel word when they are the whole message.
_CANCEL_PHRASES = (
    "quay lai", "quay ve", "tro ve", "tro lai", "ve lai", "ve", "trang chu", "man hinh chinh", "menu", "tu dau",
    "dung lai", "lam lai", "bat dau lai", "lai",
)
_CANCEL_PHRASE_RE = re.compile(rf"(?:{'|'.join(_CANCEL_PHRASES)})(?: (?:{'|'.join(_CANCEL_PHRASES)}))*")
_CANCEL_POLITE = frozenset({
    "a", "ah", "nha", "nhe", "nhen", "giup", "voi", "di", "toi", "minh", "em", "oi", "cho", "da", "vang",
})
_YES_RE = re.compile(
    r"(?:(?:dong y|nhat tri|chac chan|xac nhan|tat nhien|chinh xac|co|ok|vang|u|uh|um|uhm|uk|ukm|yes|yep|"
    r"yeah|y|duoc|chuan|phai|dung|da|sure|roger)(?: |$))+"
)
_YES_FILLER = _FILLER | {"thoi", "cam", "on"}
_NO_WORDS = frozenset({"khong", "no", "nope", "khoi", "chua", "sai", "thoi"})
_NO_FILLER = _FILLER | {"can", "phai", "dau", "muon", "co", "cam", "on", "duoc", "nua", "gi", "ca", "het",
                        "dong", "y", "de", "sau", "lan", "gio", "bay", "luc", "khac", "that", "su"}
_DUNG_NEG = re.compile(r"đừng|dừng")


def _short_tokens(text: str) -> list[str]:
    """Folded, abbreviation-expanded tokens of a short answer; "đừng"/"dừng" become "khong"."""
    text = _DUNG_NEG.sub(" khong ", unicodedata.normalize("NFC", text).lower())
    return " ".join(ABBREV.get(t, t) for t in TOKEN_RE.findall(fold(text))).split()


def is_cancel(text: str) -> bool:
    """True when the message is just hủy / thoát / menu / quay lại / làm lại (+ politeness, punctuation)."""
    tokens = _short_tokens(text)
    if any(t in _CANCEL_WORDS for t in tokens) and all(t in _CANCEL_WORDS or t in _CANCEL_FILLER for t in tokens):
        return True
    core = " ".join(t for t in TOKEN_RE.findall(fold(text)) if t not in _CANCEL_POLITE)
    return core not in ("", "ve", "lai", "tu dau") and _CANCEL_PHRASE_RE.fullmatch(core) is not None


def is_yes(text: str) -> bool:
    """True for a typed confirmation: có, ok, đồng ý, vâng, ừ, yes, 👍 ..."""
    tokens = _short_tokens(text)
    if not tokens:
        return any(c in text for c in "👍👌✅")
    core = " ".join(t for t in tokens if t not in _YES_FILLER)
    return bool(core) and _YES_RE.fullmatch(core + " ") is not None


def is_no(text: str) -> bool:
    """True for a typed refusal: không, ko, k, thôi, no, không cần, đừng ..."""
    tokens = _short_tokens(text)
    return any(t in _NO_WORDS for t in tokens) and all(t in _NO_WORDS or t in _NO_FILLER for t in tokens)


def says_no(text: str) -> bool:
    """A typed no, also after a polite "dạ" / "vâng" ("dạ không", "dạ thôi")."""
    if is_no(text):
        return True
    words = fold(text).replace(",", " ").split()
    while words and words[0] in ("da", "vang", "a"):
        words = words[1:]
    return bool(words) and is_no(" ".join(words))


def says_yes_or_no(text: str) -> bool:
    """A bare yes or no."""
    return is_yes(text) or says_no(text)


# `xóa dữ liệu`, `xoa thong tin ca nhan` (folded text).
DELETE_RE = re.compile(r"\b(xoa|huy|delete)\b.*\b(du lieu|thong tin ca nhan|thong tin cua (toi|minh|em)|data)\b")


def is_deletion_request(text: str) -> bool:
    """`xóa dữ liệu của tôi`, `xoa thong tin ca nhan`, and questions about it."""
    return bool(DELETE_RE.search(fold(text)))
