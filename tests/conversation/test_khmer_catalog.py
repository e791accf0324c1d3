"""The Khmer catalog: every text of texts.py translated with the same {placeholders}, button titles that fit the
platforms, a .po that `make i18n` leaves as it is, and no code that reads a text before the turn's language is set."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bot.conversation import catalog, i18n, texts
from bot.replies import Button

ROOT = Path(__file__).resolve().parents[2]


def test_every_text_has_a_khmer_translation_with_the_same_placeholders() -> None:
    assert catalog.problems(i18n.KHMER) == []


def test_every_khmer_text_reads_through_texts_in_a_khmer_turn() -> None:
    with i18n.speaking(i18n.KHMER):
        welcome, lookup, step, status = texts.WELCOME, texts.BTN_LOOKUP, texts.NEXT_STEP[9], texts.STATUS_NAMES[4]
    assert welcome.format(province="Trà Vinh").startswith("ជម្រាបសួរ! ")
    assert lookup == Button("ពិនិត្យសំណុំឯកសារ", "Tra cứu hồ sơ")
    assert "{agency}" in step and status == "កំពុងដោះស្រាយ"
    assert texts.WELCOME.startswith("Xin chào!") and texts.BTN_LOOKUP.title == "Tra cứu hồ sơ"
    assert texts.PAYLOAD_RATE_DOSSIER == "Đánh giá hồ sơ {code}"


@pytest.fixture
def po_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the locale folder that the catalog functions read and write."""
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    return i18n.po_path(i18n.KHMER)


def test_the_check_names_a_missing_translation_a_changed_placeholder_and_a_long_title(po_copy: Path) -> None:
    with po_copy.open("rb") as f:
        po = read_po(f, locale="km")
    po[texts.MENU].string = ""
    po[texts.NOT_FOUND].string = str(po[texts.NOT_FOUND].string).replace("{code}", "{ma}")
    button = po.get(texts.BTN_LOOKUP.title, i18n.BUTTON)
    assert button is not None
    button.string = "ពិនិត្យមើលសំណុំឯកសាររបស់លោកអ្នក"
    po[texts.THANKS].flags.add("fuzzy")
    with po_copy.open("wb") as f:
        write_po(f, po)
    found = catalog.problems(i18n.KHMER)
    assert [line.split(":", 1)[0] for line in found] == ["BTN_LOOKUP", "MENU", "NOT_FOUND", "THANKS"]
    assert "{code}" in found[2] and "over 20" in found[0] and "fuzzy" in found[3]


def test_make_i18n_leaves_the_committed_catalog_as_it_is(po_copy: Path) -> None:
    """The .po in the repository is what `make i18n` makes of texts.py: nothing new, nothing left over."""
    before = po_copy.read_bytes()
    catalog.update(i18n.KHMER)
    assert po_copy.read_bytes().decode() == before.decode()
    mo = catalog.compile_mo(i18n.KHMER)
    assert mo.stat().st_size > 0


def test_make_i18n_adds_a_new_text_for_translation(po_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(texts, "NEW_QUESTION", "Ông/bà muốn hỏi hồ sơ {code} phải không?", raising=False)
    catalog.update(i18n.KHMER)
    with po_copy.open("rb") as f:
        entry = read_po(f, locale="km")["Ông/bà muốn hỏi hồ sơ {code} phải không?"]
    assert entry.string == "" and "NEW_QUESTION" in entry.auto_comments and "python-brace-format" in entry.flags
    assert catalog.problems(i18n.KHMER) == ["NEW_QUESTION: no km translation (run `make i18n`, then translate it)"]


def _reads_texts_at_import(path: Path) -> list[str]:
    """`texts.X` read by a module's top-level code, or an upper-case name imported from texts: fixed in Vietnamese."""
    found: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "bot.conversation.texts":
            found += [f"{path}:{node.lineno} imports {a.name}" for a in node.names if i18n.is_message_name(a.name)]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "texts":
                found.append(f"{path}:{sub.lineno} reads texts.{sub.attr} at import time")
    return found


def _buttons_without_payload(path: Path) -> list[str]:
    """`Button(texts.X)` with neither payload nor URL: its payload would be the title, which changes with the
    language, while the bot reads payloads back."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Button"):
            continue
        title = node.args[0] if node.args else None
        from_texts = isinstance(title, ast.Attribute) and ast.unparse(title.value) == "texts"
        given = len(node.args) > 1 or any(k.arg in ("payload", "url") for k in node.keywords)
        if from_texts and not given:
            found.append(f"{path}:{node.lineno} Button(texts...) without a payload")
    return found


def test_no_code_reads_a_text_before_the_turns_language_is_set() -> None:
    files = [f for f in sorted((ROOT / "bot").rglob("*.py")) if f.name != "texts.py"]
    assert [line for f in files for line in _reads_texts_at_import(f)] == []


def test_every_button_titled_from_texts_has_a_payload_that_does_not_change_with_the_language() -> None:
    assert [line for f in sorted((ROOT / "bot").rglob("*.py")) for line in _buttons_without_payload(f)] == []
