"""The NLU's rule modules compiled to C by mypyc: the same source and answers, a quarter fewer instructions per
message and 20–45% more messages a second (bench/nlu_instructions.py, bench/bench_nlu.py).

`python -m bot.nlu.build_native` (run by `make test` and `make nlu-native`; it needs the dev extras, a C compiler
and Python's headers) compiles `MODULES` into `build/nlu-native/` and writes there the SHA-256 of each source it
compiled and of those they import. `activate`, called by `bot/nlu/__init__.py` before any rule module is imported,
puts that directory first on the package's path only when the build is for this interpreter and every source still
has the hash it was compiled from; otherwise (nothing built, a source edited since, another Python) the Python
source is read, as without a build. `MOTCUA_NLU_PURE=1` reads the source whatever is built.
`python -m bot.nlu.build_native status` says which is read and why.

Not compiled: `__init__` (it chooses), `types` (its objects travel in RQ jobs), `training` and this module. A
compiled class takes no subclass written in Python: the tests wrap the model rather than subclass it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

MODULES = (
    "memo", "model", "guarded", "normalise", "english", "codes", "rules", "topics", "spelling", "reading", "deciding",
    "answers",
)
# what the compiled modules were compiled against besides themselves: a change there makes the build stale too
IMPORTED = ("types", "native")
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
BUILD_DIR = ROOT / "build" / "nlu-native"
NATIVE_DIR = BUILD_DIR / "bot" / "nlu"  # the compiled modules, where the package's path finds them
MANIFEST = BUILD_DIR / "manifest.json"
PURE_ENV = "MOTCUA_NLU_PURE"


def _interpreter() -> str:
    """This interpreter, as a build must match it: its version and build, and its extension modules' suffix."""
    return f"{sys.version} {EXTENSION_SUFFIXES[0]}"


def _sources() -> dict[str, str]:
    """The SHA-256 of the source of each compiled module, and of each module they import, as it stands."""
    return {m: hashlib.sha256((PACKAGE_DIR / f"{m}.py").read_bytes()).hexdigest() for m in (*MODULES, *IMPORTED)}


def status() -> str | None:
    """Why the compiled modules cannot be read (None: they can)."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return f"{PURE_ENV} is set"
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not built (python -m bot.nlu.build_native)"
    if manifest.get("interpreter") != _interpreter():
        return f"built for another Python ({manifest.get('interpreter')})"
    stale = sorted(m for m, digest in _sources().items() if manifest.get("sources", {}).get(m) != digest)
    if stale:
        return f"built from other sources of {', '.join(stale)} (python -m bot.nlu.build_native)"
    missing = [m for m in MODULES if not (NATIVE_DIR / f"{m}{EXTENSION_SUFFIXES[0]}").exists()]
    if missing:
        return f"build incomplete: {', '.join(missing)} missing"
    return None


def activate(path: list[str]) -> bool:
    """Put the compiled modules first on a package path (`bot.nlu.__path__`) when they can be read."""
    if status() is not None:
        return False
    path.insert(0, str(NATIVE_DIR))
    return True


def active() -> bool:
    """Whether this process reads the compiled rules (once `bot.nlu` is imported)."""
    rules = sys.modules.get("bot.nlu.rules")
    return rules is not None and not (rules.__file__ or "").endswith(".py")


def build() -> None:
    """Compile `MODULES` with mypyc and put them in `NATIVE_DIR` with the manifest, in one move: a process starting
    meanwhile reads the build before or the one after, and a failed build leaves the one before. One build at a time."""
    from mypyc.build import mypycify
    from setuptools import setup

    BUILD_DIR.parent.mkdir(parents=True, exist_ok=True)
    with open(BUILD_DIR.parent / "nlu-native.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        staging, c_dir = BUILD_DIR.with_name("nlu-native.new"), BUILD_DIR.with_name("nlu-native-c")
        for stale in (staging, c_dir):
            shutil.rmtree(stale, ignore_errors=True)
        sources = _sources()  # the sources as compiled: an edit during the build makes the build stale, not wrong
        cwd = Path.cwd()
        os.chdir(ROOT)  # mypy names the modules by their paths from here
        try:
            extensions = mypycify(
                [f"bot/nlu/{m}.py" for m in MODULES],
                opt_level="3",
                group_name="bot.nlu.compiled",
                target_dir=str(c_dir),
            )
            setup(
                name="motcua-nlu-native",
                ext_modules=extensions,
                script_args=["-q", "build_ext", "--build-lib", str(staging), "--build-temp", str(c_dir / "obj")],
            )
        finally:
            os.chdir(cwd)
        manifest = {"interpreter": _interpreter(), "sources": sources}
        (staging / MANIFEST.name).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        old = BUILD_DIR.with_name("nlu-native.old")
        shutil.rmtree(old, ignore_errors=True)
        if BUILD_DIR.exists():
            BUILD_DIR.rename(old)
        staging.rename(BUILD_DIR)
        shutil.rmtree(old, ignore_errors=True)
