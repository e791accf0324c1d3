"""The translation catalogs of texts.py (`make i18n`): extract, update the .po files, compile their .mo files.

`python -m bot.conversation.catalog` refreshes every catalog from texts.py (new texts get empty entries, changed
ones keep their old translation marked fuzzy, removed ones go), compiles the .mo files and lists what is left to
translate; `compile` only compiles; `check` only lists, and exits 1 when something is left.
"""

from __future__ import annotations

import ast
import string
import sys
import types
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.conversation import i18n, texts
from bot.replies import Button

PROJECT = "motcua-bot"
ROOT = Path(__file__).resolve().parents[2]
LAST_TRANSLATOR = "motcua-bot engineers (draft: awaiting review by a native speaker)"
HEADER = (
    "# The bot's replies in {language}, translated from the Vietnamese of bot/conversation/texts.py.\n"
    "# A draft by the engineers, awaiting review by a native speaker: see the README (Languages).\n"
    "# Refresh with `make i18n`; keep every {{placeholder}}, dossier code and date as it is.\n#"
)


def _comments_and_lines(module: types.ModuleType) -> dict[str, tuple[int, list[str]]]:
    """For each top-level name of a module: its line and the comment lines just above its assignment."""
    path = Path(str(module.__file__))
    lines = path.read_text(encoding="utf-8").splitlines()
    found: dict[str, tuple[int, list[str]]] = {}
    for node in ast.parse("\n".join(lines)).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                comments: list[str] = []
                i = node.lineno - 2
                while i >= 0 and lines[i].lstrip().startswith("#"):
                    comments.insert(0, lines[i].lstrip()[1:].strip())
                    i -= 1
                found[target.id] = (node.lineno, [" ".join(comments)] if comments else [])
    return found


def _entries(value: object, label: str, button: bool) -> Iterator[tuple[str, str, bool]]:
    """(text, where in the constant, is a button title) for every text inside a constant."""
    if isinstance(value, Button):
        yield value.title, label, True
    elif isinstance(value, str):
        if not i18n.is_key(value):
            yield value, label, button
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _entries(v, f"{label}[{k!r}]", button)
    elif isinstance(value, tuple | list):
        for i, v in enumerate(value):
            yield from _entries(v, f"{label}[{i}]", button)


def placeholders(text: str) -> list[str]:
    """The {names} of a format string, sorted (ValueError when its braces are broken)."""
    return sorted(f"{{{field}}}" for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def template(module: types.ModuleType = texts) -> Catalog:
    """The catalog template: every text of the module, with the constant's name, line and comment for translators."""
    where = _comments_and_lines(module)
    path = Path(str(module.__file__)).resolve().relative_to(ROOT).as_posix()
    catalog = Catalog(project=PROJECT, domain=i18n.DOMAIN, fuzzy=False)
    for name, value in i18n.source_constants(module).items():
        line, comments = where.get(name, (0, []))
        for text, label, button in _entries(value, name, i18n.is_button_name(name)):
            notes = [label, *comments]
            if button:
                notes.append(f"Button title: at most {i18n.TITLE_LIMIT} characters.")
            flags = ("python-brace-format",) if placeholders(text) else ()
            context = i18n.BUTTON if button else None
            existing = catalog.get(text, context)
            if existing is not None:
                existing.locations.append((path, line))
                existing.auto_comments.extend(n for n in notes if n not in existing.auto_comments)
                continue
            catalog.add(text, None, [(path, line)], flags=flags, auto_comments=notes, context=context)
    return catalog


def _read(language: str) -> Catalog:
    po = i18n.po_path(language)
    if not po.exists():
        return Catalog(
            locale=language,
            domain=i18n.DOMAIN,
            project=PROJECT,
            version="1.0",
            header_comment=HEADER.format(language=language),
            msgid_bugs_address="README.md (Languages)",
            last_translator=LAST_TRANSLATOR,
            language_team=f"{language} reviewers (README.md, Languages)",
            fuzzy=False,
        )
    with po.open("rb") as f:
        return read_po(f, locale=language)


def update(language: str) -> Catalog:
    """Bring a language's .po in line with texts.py, keeping its translations."""
    catalog = _read(language)
    fresh = template()
    fresh.creation_date = catalog.creation_date  # only the entries change: fewer merge conflicts
    catalog.update(fresh, update_header_comment=False)
    po = i18n.po_path(language)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as f:
        # No line numbers: the constant's name says where an entry comes from, and texts added by others
        # would otherwise shift every entry below them (merge conflicts in the .po).
        write_po(f, catalog, ignore_obsolete=True, width=100, include_lineno=False)
    return catalog


def compile_mo(language: str) -> Path:
    """Write a language's .mo next to its .po."""
    po = i18n.po_path(language)
    mo = po.with_suffix(".mo")
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    with mo.open("wb") as f:
        write_mo(f, catalog)
    return mo


def _limit(message: Message) -> int:
    return i18n.TITLE_LIMIT if message.context == i18n.BUTTON else 2000


def problems(language: str) -> list[str]:
    """What is wrong or missing in a language's catalog, measured against texts.py as it is now."""
    catalog = _read(language)
    found: list[str] = []
    for source in template():
        if not source.id:
            continue
        text = str(source.id)
        where = source.auto_comments[0] if source.auto_comments else text
        message = catalog.get(text, source.context)
        translated = str(message.string) if message is not None and message.string else ""
        if message is None or not translated:
            found.append(f"{where}: no {language} translation (run `make i18n`, then translate it)")
            continue
        if message.fuzzy:
            found.append(f"{where}: the {language} translation is marked fuzzy (check it, then remove the flag)")
            continue
        try:
            same = placeholders(translated) == placeholders(text)
        except ValueError:
            same = False
        if not same:
            found.append(f"{where}: placeholders {placeholders(text)} differ in the {language} translation")
        if text[:1].isspace() != translated[:1].isspace() or text[-1:].isspace() != translated[-1:].isspace():
            found.append(f"{where}: keep the leading and trailing spaces of the source in the translation")
        if len(translated) > _limit(message):
            found.append(f"{where}: the {language} title has {len(translated)} characters, over {_limit(message)}")
    return found


def main(argv: list[str]) -> int:
    """update (default), compile or check every catalog."""
    command = argv[0] if argv else "update"
    if command not in ("update", "compile", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for language in i18n.LANGUAGES:
        if language == i18n.SOURCE:
            continue
        if command == "update":
            catalog = update(language)
            print(f"{i18n.po_path(language).relative_to(ROOT)}: {sum(1 for m in catalog if m.id)} messages")
        if command in ("update", "compile"):
            print(f"compiled {compile_mo(language).relative_to(ROOT)}")
        if command in ("update", "check"):
            left = problems(language)
            for line in left:
                print(f"{language}: {line}")
            status = status or (1 if left and command == "check" else 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
