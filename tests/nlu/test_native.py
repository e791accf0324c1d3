"""The rule modules compiled by mypyc (bot/nlu/native.py): read only when built from the sources as they stand, for
this Python; and when read, every message is understood exactly as the Python source understands it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from bot.nlu import native, training
from tests.services import unavailable

# each process reads every labelled text, and every other one in capitals, with its words shuffled and joined to the
# next one; and writes everything the bot uses of the reading
_READ_ALL = """
import json, random, sys
from bot.nlu import native, understand_many, parse_rating, readable, extract_codes, is_yes, is_no, is_cancel
from bot.nlu.training import corpus_files
texts = [json.loads(l)["text"] for _, p in corpus_files() for l in p.read_text(encoding="utf-8").splitlines() if l]
rng = random.Random(7)
more = []
for a, b in zip(texts[::2], texts[1::2]):
    words = a.split()
    rng.shuffle(words)
    more += [a.upper(), " ".join(words), a + " " + b]
texts += more
out = [
    [u.intent.value, u.codes, u.rating and u.rating.value, round(u.confidence, 9), u.topic]
    for u in understand_many(texts)
]
out += [[str(parse_rating(t)), readable(t), extract_codes(t), is_yes(t), is_no(t), is_cancel(t)] for t in texts[::3]]
print(json.dumps({"native": native.active(), "texts": len(texts), "answers": out}))
"""


def _read_all(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _READ_ALL], cwd=training.ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_compiled_rules_understand_every_message_as_the_source_does() -> None:
    reason = native.status()
    if reason is not None:
        unavailable(f"the compiled NLU is {reason}")
    compiled, source = _read_all(pure=False), _read_all(pure=True)
    assert compiled["native"] is True and source["native"] is False
    assert compiled["texts"] == source["texts"] and compiled["texts"] > 45_000  # type: ignore[operator]
    assert compiled["answers"] == source["answers"]


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A build directory of its own, with a compiled file for each module and a manifest true to the sources."""
    native_dir = tmp_path / "bot" / "nlu"
    native_dir.mkdir(parents=True)
    for module in native.MODULES:
        (native_dir / f"{module}{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    monkeypatch.setattr(native, "NATIVE_DIR", native_dir)
    monkeypatch.setattr(native, "MANIFEST", tmp_path / "manifest.json")
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    _manifest(tmp_path, native._interpreter(), native._sources())
    return tmp_path


def _manifest(build: Path, interpreter: str, sources: dict[str, str]) -> None:
    (build / "manifest.json").write_text(json.dumps({"interpreter": interpreter, "sources": sources}))


def test_a_build_true_to_the_sources_is_put_first_on_the_path(build: Path) -> None:
    path = ["/the/source"]
    assert native.status() is None
    assert native.activate(path) is True
    assert path == [str(native.NATIVE_DIR), "/the/source"]


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        ("edited", "built from other sources of rules"),
        ("imported edited", "built from other sources of types"),
        ("python", "built for another Python"),
        ("missing", "build incomplete: spelling missing"),
        ("no manifest", "not built"),
        ("garbled", "not built"),
        ("pure", "MOTCUA_NLU_PURE is set"),
    ],
)
def test_a_build_that_is_not_true_to_the_sources_is_not_read(
    build: Path, monkeypatch: pytest.MonkeyPatch, spoil: str, reason: str
) -> None:
    sources = native._sources()
    if spoil == "edited":
        _manifest(build, native._interpreter(), {**sources, "rules": "0" * 64})
    elif spoil == "imported edited":  # a module the compiled ones were compiled against
        _manifest(build, native._interpreter(), {**sources, "types": "0" * 64})
    elif spoil == "python":
        _manifest(build, "3.11.0 (other) .cpython-311-x86_64-linux-gnu.so", sources)
    elif spoil == "missing":
        (native.NATIVE_DIR / f"spelling{EXTENSION_SUFFIXES[0]}").unlink()
    elif spoil == "no manifest":
        native.MANIFEST.unlink()
    elif spoil == "garbled":
        native.MANIFEST.write_text('{"interpreter": ')
    else:
        monkeypatch.setenv(native.PURE_ENV, "1")
    path = ["/the/source"]
    assert reason in (native.status() or "")
    assert native.activate(path) is False
    assert path == ["/the/source"]


def test_the_status_command_names_what_is_read() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.nlu.build_native", "status"],
        cwd=training.ROOT,
        env={**os.environ, native.PURE_ENV: "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == "compiled NLU: not read, MOTCUA_NLU_PURE is set"
