"""Replies in the user's language: Vietnamese is the source, Khmer a gettext catalog (Babel) under locale/.

Every upper-case constant of texts.py is read in the language of the current turn: `texts.X` looks X up in
the catalog of the language that the engine sets for each turn (and the notifier for each subscriber), so
`texts.X.format(...)` works unchanged at every call site and a new constant needs no code to be translated.
Names with `BTN` are button titles (msgctxt "button"); names with `PAYLOAD` are what buttons send back and are
never translated, and neither is a Button's payload. Strings of lower-case ASCII letters and underscores are
keys (the "access" of FOLLOWUP_QUESTIONS), not sentences.

A user's language is remembered in Redis (`lang:{platform}:{user}`) when the user writes in Khmer script or
asks for a language (the ភាសាខ្មែរ / Tiếng Việt button, typed or pressed); deleting the user's data deletes it.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
import sys
import types
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import redis

from bot.events import EventKind, InboundEvent
from bot.replies import Button

log = logging.getLogger(__name__)

SOURCE = "vi"
KHMER = "km"
LANGUAGES = (SOURCE, KHMER)
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).with_name("locale")
BUTTON = "button"  # msgctxt of a button title
# Messenger cuts quick-reply and button titles at 20 characters (integrations/messenger.py); Zalo takes 100.
TITLE_LIMIT = 20

_language: ContextVar[str] = ContextVar("language", default=SOURCE)
_KEY = re.compile(r"[a-z_]+")


# ------------------------------------------------------------------ the language of the current turn


def current() -> str:
    """The language replies are written in now."""
    return _language.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, texts are read in `language` (the source language when it has no catalog)."""
    token = _language.set(language if language in LANGUAGES else SOURCE)
    try:
        yield
    finally:
        _language.reset(token)


# ------------------------------------------------------------------ catalogs


def po_path(language: str) -> Path:
    """The catalog a translator edits."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(po: Path) -> bytes:
    """The .mo bytes of a .po file (fuzzy entries left out, as gettext does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language; read from its .po when the .mo is missing or older (a fresh clone)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    po = po_path(language)
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if po.exists():
        log.info("%s catalog compiled in memory (run `make i18n` to build its .mo)", language)
        return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    log.warning("no %s catalog: replies stay in the source language", language)
    return gettext.NullTranslations()


def is_message_name(name: str) -> bool:
    """Constants of texts.py that are read through the catalog."""
    return name.isupper() and not name.startswith("_") and "PAYLOAD" not in name.split("_")


def is_button_name(name: str) -> bool:
    """Constants whose strings are button titles."""
    return "BTN" in name.split("_")


def is_key(text: str) -> bool:
    """A key inside a table of texts ("access", "good"), not something said."""
    return _KEY.fullmatch(text) is not None


def localise(value: Any, tr: gettext.NullTranslations, *, button: bool = False) -> Any:
    """A constant of texts.py in the language of `tr`: strings translated, Button titles translated and payloads
    kept, tables and tuples translated item by item (their keys kept)."""
    if isinstance(value, str):
        if is_key(value):
            return value
        return tr.pgettext(BUTTON, value) if button else tr.gettext(value)
    if isinstance(value, Button):
        payload = value.payload if value.url else value.value
        return replace(value, title=tr.pgettext(BUTTON, value.title), payload=payload)
    if isinstance(value, dict):
        return {k: localise(v, tr, button=button) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(localise(v, tr, button=button) for v in value)
    if isinstance(value, list):
        return [localise(v, tr, button=button) for v in value]
    return value


_translated: dict[tuple[int, str, str], tuple[object, object]] = {}
_catalogued: list[str] = []
_module_attribute = types.ModuleType.__getattribute__


class CatalogModule(types.ModuleType):
    """A module whose upper-case constants read in the current turn's language (texts.py)."""

    def __getattribute__(self, name: str) -> Any:
        value = _module_attribute(self, name)
        language = _language.get()
        if language == SOURCE:
            return value
        key = (id(self), language, name)
        cached = _translated.get(key)
        if cached is not None and cached[0] is value:  # the same constant (a test may have replaced it)
            return cached[1]
        result = value
        if is_message_name(name):
            result = localise(value, translations(language), button=is_button_name(name))
        _translated[key] = (value, result)
        return result


def catalogued(module_name: str) -> None:
    """Make a module's constants read through the catalogs (called at the end of texts.py)."""
    sys.modules[module_name].__class__ = CatalogModule
    if module_name not in _catalogued:
        _catalogued.append(module_name)


def source_constants(module: types.ModuleType) -> dict[str, object]:
    """The constants of a catalogued module as written, in their order (what the catalog is made from)."""
    return {name: value for name, value in vars(module).items() if is_message_name(name)}


# ------------------------------------------------------------------ what the user wrote

# Khmer consonants and independent vowels (U+1780-U+17B3): a message with one of them is written in Khmer.
_KHMER_LETTER = re.compile("[\u1780-\u17b3]")
# Word separators Khmer typing leaves in (zero-width space and joiners), punctuation and spaces.
_NOISE = re.compile("[\u200b\u200c\u200d\ufeff\\s.,!?;:\"'“”…\\-\u17d4\u17d5\u17d6]+")
# Polite particles said before or after a short answer: បាទ (men), ចាស / ចា (women), ណា, សូម (please).
_POLITE = ("បាទ", "ចាស", "ចា", "ណា", "សូម")
# A few common Khmer answers and requests, as the Vietnamese words the bot reads (whole messages only).
KHMER_WORDS: dict[str, str] = {
    **dict.fromkeys(("បាទ", "ចាស", "ចា", "បាទចាស", "មែន", "មែនហើយ", "ត្រូវ", "ត្រូវហើយ", "យល់ព្រម", "អូខេ"), "có"),
    **dict.fromkeys(("ទេ", "អត់", "អត់ទេ", "មិនមែន", "មិនមែនទេ", "មិនបាច់", "មិនបាច់ទេ", "ទេអរគុណ"), "không"),
    **dict.fromkeys(("បោះបង់", "ឈប់", "ឈប់សិន", "ត្រឡប់ក្រោយ", "ត្រឡប់វិញ"), "hủy"),
    "ម៉ឺនុយ": "menu",
    **dict.fromkeys(("សួស្តី", "សួស្ដី", "ជំរាបសួរ", "ជម្រាបសួរ"), "xin chào"),
    **dict.fromkeys(("អរគុណ", "អរគុណច្រើន", "អរគុណណាស់", "អរគុណច្រើនណាស់"), "cảm ơn"),
    **dict.fromkeys(("ជំនួយ", "ជួយផង", "ជួយខ្ញុំផង"), "hướng dẫn"),
    **dict.fromkeys(("លុបទិន្នន័យ", "លុបទិន្នន័យខ្ញុំ", "លុបទិន្នន័យរបស់ខ្ញុំ"), "xóa dữ liệu"),
    **dict.fromkeys(("ឈប់ទទួលដំណឹង", "មិនចង់ទទួលដំណឹង", "មិនចង់ទទួលដំណឹងទៀត"), "hủy thông báo"),
}
# A language asked for by name (squeezed): the language buttons (texts.BTN_KHMER, texts.BTN_VIETNAMESE) send
# their titles back; typed on their own, in either script, the names work the same.
_ASKS_FOR: dict[str, str] = {
    **dict.fromkeys(("ភាសាខ្មែរ", "ខ្មែរ", "tiengkhmer", "khmer", "tiengkhome"), KHMER),
    **dict.fromkeys(("tiengviet", "vietnamese", "ភាសាវៀតណាម", "វៀតណាម"), SOURCE),
}


def writes_khmer(text: str) -> bool:
    """The text has Khmer letters in it."""
    return _KHMER_LETTER.search(text) is not None


def _squeezed(text: str) -> str:
    """NFC, lower case, without spaces, zero-width separators or punctuation; Latin letters without marks."""
    text = _NOISE.sub("", unicodedata.normalize("NFC", text).lower())
    if writes_khmer(text):
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text.replace("đ", "d")) if not unicodedata.combining(c))


def _without_politeness(text: str) -> Iterator[str]:
    """The text, then without a polite particle at its end, then at its start."""
    yield text
    for particle in _POLITE:
        if text.endswith(particle) and len(text) > len(particle):
            yield text[: -len(particle)]
        if text.startswith(particle) and len(text) > len(particle):
            yield text[len(particle) :]


def asks_for_language(text: str) -> str | None:
    """"ភាសាខ្មែរ", "Tiếng Việt" (a language button, or its name typed on its own): that language."""
    for candidate in _without_politeness(_squeezed(text)):
        if candidate in _ASKS_FOR:
            return _ASKS_FOR[candidate]
    return None


@cache
def _khmer_titles(modules: tuple[str, ...]) -> dict[str, str]:
    """Khmer button titles (squeezed) and what the same button sends back, from the catalogued modules."""
    tr = translations(KHMER)
    titles: dict[str, str] = {}
    for module_name in modules:
        for name, value in source_constants(sys.modules[module_name]).items():
            _collect_titles(value, tr, is_button_name(name), titles)
    return titles


def _collect_titles(value: object, tr: gettext.NullTranslations, button: bool, into: dict[str, str]) -> None:
    if isinstance(value, Button) and not value.url:
        into.setdefault(_squeezed(tr.pgettext(BUTTON, value.title)), value.value)
    elif isinstance(value, str) and button and not is_key(value):
        into.setdefault(_squeezed(tr.pgettext(BUTTON, value)), value)
    elif isinstance(value, Mapping):
        for v in value.values():
            _collect_titles(v, tr, button, into)
    elif isinstance(value, tuple | list):
        for v in value:
            _collect_titles(v, tr, button, into)


def in_source_words(text: str) -> str | None:
    """A whole message in Khmer that the bot knows (បាទ, ទេ, បោះបង់, សួស្តី, a Khmer button title typed) as the
    Vietnamese words the bot reads; None for anything else."""
    if not writes_khmer(text):
        return None
    titles = _khmer_titles(tuple(_catalogued))
    for candidate in _without_politeness(_squeezed(text)):
        if candidate in KHMER_WORDS:
            return KHMER_WORDS[candidate]
        if candidate in titles:
            return titles[candidate]
    return None


def read_as_source(event: InboundEvent) -> InboundEvent:
    """The event with a known Khmer answer typed (or a Khmer title sent back) replaced by the Vietnamese words the
    bot reads (see in_source_words)."""
    if event.kind not in (EventKind.TEXT, EventKind.PAYLOAD, EventKind.STANDBY):
        return event
    if event.payload:
        words = in_source_words(event.payload)
        return event if words is None else replace(event, payload=words)
    words = in_source_words(event.text)
    return event if words is None else replace(event, text=words)


# ------------------------------------------------------------------ a user's language


def language_key(conversation_key: str) -> str:
    """Redis key of a user's language (conversation key: platform:user)."""
    return f"lang:{conversation_key}"


def remembered(redis_client: redis.Redis, conversation_key: str) -> str:
    """The language a user chose or wrote in, else the source language."""
    raw = redis_client.get(language_key(conversation_key))
    language = raw.decode() if isinstance(raw, bytes) else str(raw or "")
    return language if language in LANGUAGES else SOURCE


def remember(redis_client: redis.Redis, conversation_key: str, language: str) -> None:
    """Keep a user's language; the source language is the default, so choosing it keeps nothing."""
    if language == SOURCE:
        redis_client.delete(language_key(conversation_key))
    else:
        redis_client.set(language_key(conversation_key), language)


def turn_language(redis_client: redis.Redis, event: InboundEvent) -> str:
    """The language of this turn's replies: the user's, switched by a language request or by typing Khmer."""
    language = remembered(redis_client, event.conversation_key)
    if event.kind not in (EventKind.TEXT, EventKind.PAYLOAD, EventKind.STANDBY):
        return language
    asked = asks_for_language(event.input_text)
    if asked is None and not event.payload and writes_khmer(event.text):
        asked = KHMER
    if asked is not None and asked != language:
        remember(redis_client, event.conversation_key, asked)
        language = asked
    return language
