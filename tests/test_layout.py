"""The layout's import rules (README "Architecture"), read from the code: function-level imports count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINTS = {"bot.web.serve", "wsgi", "__main__"}
# Who may import whom, package by package: a package imports its own modules and those listed here.
ALLOWED: dict[str, set[str]] = {
    "bot.web": {"bot.delivery", "bot.conversation", "bot.receipts", "bot.nlu", "bot.records"},
    "bot.delivery": {"bot.conversation", "bot.receipts", "bot.nlu", "bot.records"},
    "bot.conversation": {"bot.receipts", "bot.nlu", "bot.records"},
    "bot.receipts": {"bot.nlu"},  # reading a code off a photo: pixels in, a code out, no storage
    "bot.records": {"bot.nlu"},
    "bot.nlu": set(),
}
BASE = {"bot.config", "bot.runtime", "bot.events", "bot.replies"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {"webhooks": ROOT / "webhooks.py"}
    for top in ("bot", "integrations"):
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module this one imports, as the longest project module (or external top package) it names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            candidate = target
            while candidate and candidate not in MODULES:
                candidate = candidate.rpartition(".")[0]
            out.add(candidate or target.split(".")[0])
    out.discard(name)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_graph_reads_every_kind_of_import() -> None:
    assert "bot.conversation.engine" in GRAPH["bot.delivery.jobs"]  # from-import of a module's name
    assert "bot.web.resources" in GRAPH["webhooks"]
    assert "webhooks" in GRAPH["bot.web.serve"]  # a function-level import
    assert "bot.nlu.normalise" in GRAPH["bot.nlu.codes"]


def _package(name: str) -> str:
    return next((p for p in ALLOWED if name == p or name.startswith(p + ".")), name)


def test_no_module_imports_another_that_imports_it_back() -> None:
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycles.append(path[path.index(node) :] + [node])
            return
        if node in done or node not in GRAPH:
            return
        for nxt in sorted(GRAPH[node]):
            visit(nxt, [*path, node])
        done.add(node)

    for name in sorted(GRAPH):
        visit(name, [])
    assert cycles == []


def test_flask_stays_at_the_web_edge() -> None:
    outside = {m for m, deps in GRAPH.items() if deps & {"flask", "flask_login", "flask_wtf"}}
    assert {m for m in outside if m != "webhooks" and not m.startswith("bot.web")} == set()


def test_integrations_know_only_the_platform_free_types_of_the_bot() -> None:
    reach = {(m, d) for m, deps in GRAPH.items() if m.startswith("integrations") for d in deps if d.startswith("bot")}
    assert {d for _, d in reach} <= {"bot.events", "bot.replies"}, sorted(reach)


def test_only_entry_points_import_the_app_module() -> None:
    assert {m for m, deps in GRAPH.items() if "webhooks" in deps} <= ENTRY_POINTS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_downwards(package: str) -> None:
    wrong = sorted(
        (m, d)
        for m, deps in GRAPH.items()
        if _package(m) == package
        for d in deps
        if d.startswith("bot.")
        and (package == "bot.nlu" or d not in BASE)  # the NLU is pure: importable alone
        and _package(d) not in ALLOWED[package] | {package}
    )
    assert wrong == []
