"""Agencies: registering the ones dossiers name, and upserting a province's tree (parents first, no cycles)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records.db import upsert_statement
from bot.records.models import Agency

# Columns of an agency that a file may set besides code, name and parent (the CSV's `phone` is `hotline`).
CONTACT_COLUMNS = ("address", "hotline", "hours")


@dataclass(frozen=True)
class AgencyRow:
    """One agency as a file gives it; `contact` holds only the contact columns the file has."""

    code: str
    name: str
    parent_code: str | None
    contact: Mapping[str, str]


def register(session: Session, names: Mapping[str, str]) -> int:
    """Add the agencies (code -> name) not yet known, without a parent; known ones are left as they are."""
    if not names:
        return 0
    stmt = upsert_statement(session, Agency).on_conflict_do_nothing(index_elements=["code"])
    rows = [{"code": code, "name": name} for code, name in sorted(names.items())]
    return int(getattr(session.execute(stmt, rows), "rowcount", 0) or 0)


def parents(session: Session) -> dict[str, str | None]:
    """Every known agency code and its parent's."""
    return {code: parent for code, parent in session.execute(select(Agency.code, Agency.parent_code))}


def cycle_from(start: str, parent_of: Mapping[str, str | None]) -> list[str]:
    """The chain start -> parent -> ... back to an agency already on it ([] when the chain ends at a root)."""
    path: list[str] = []
    seen: set[str] = set()
    code: str | None = start
    while code is not None and code not in seen:
        seen.add(code)
        path.append(code)
        code = parent_of.get(code)
    if code is None:
        return []
    return [*path[path.index(code) :], code]


def parents_first(rows: Iterable[AgencyRow]) -> list[AgencyRow]:
    """The rows ordered so that a parent given in the same batch comes before its children (no cycles)."""
    by_code = {r.code: r for r in rows}
    depth: dict[str, int] = {}

    def level(code: str) -> int:
        chain: list[str] = []
        while code in by_code and code not in depth and code not in chain:
            chain.append(code)
            code = by_code[code].parent_code or ""
        base = depth.get(code, -1)
        for i, c in enumerate(reversed(chain), start=1):
            depth[c] = base + i
        return depth[chain[0]] if chain else base

    return sorted(by_code.values(), key=lambda r: level(r.code))


def upsert(session: Session, rows: Sequence[AgencyRow]) -> tuple[int, int]:
    """Create or update the agencies (parents known or among the rows, no cycle); returns (created, updated)."""
    if not rows:
        return 0, 0
    known = set(session.scalars(select(Agency.code).where(Agency.code.in_([r.code for r in rows]))))
    created = updated = 0
    columns = sorted({c for r in rows for c in r.contact})
    for row in parents_first(rows):  # one statement per row: SQLite checks the foreign key row by row
        values = {"code": row.code, "name": row.name, "parent_code": row.parent_code}
        values.update({c: row.contact.get(c, "") for c in columns if c in row.contact})
        stmt = upsert_statement(session, Agency).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["code"], set_={k: stmt.excluded[k] for k in values if k != "code"}
        )
        session.execute(stmt)
        if row.code in known:
            updated += 1
        else:
            created += 1
    return created, updated
