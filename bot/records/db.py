"""Engine, sessions and Alembic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parents[2]


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets its folder created, WAL and foreign keys."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    # psycopg would switch to server-side prepared statements after five runs of a statement on a connection,
    # and PostgreSQL then to a generic plan that ignores the date range and agency list (seen: 6x slower reports).
    connect_args = {"prepare_threshold": None} if url.startswith("postgresql+psycopg://") else {}
    engine = create_engine(url, pool_pre_ping=True, future=True, connect_args=connect_args)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # type: ignore[no-untyped-def]
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=5000")
            cur.close()

    return engine


def upsert_statement(session: Session, model: type[Any]) -> postgresql.Insert | sqlite.Insert:
    """The `INSERT` of the session's dialect, which knows `ON CONFLICT` (SQLite and PostgreSQL), on the model's
    table: a plain executemany, not the ORM's bulk path (which splits the rows by the columns they leave null)."""
    dialect = session.get_bind().dialect.name
    table = model.__table__
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"upserts need SQLite or PostgreSQL, not {dialect}")


class Database:
    """Owns the engine and hands out sessions; `rating_key` (the key of dossier keys in ratings) rides along in
    every session's `info` and in the migrations' attributes."""

    def __init__(self, url: str, *, rating_key: bytes = b"") -> None:
        self.url = url
        self.rating_key = rating_key
        self.engine = make_engine(url)
        self._factory = sessionmaker(self.engine, expire_on_commit=False, info={"rating_key": rating_key})

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        session = self._factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def upgrade(self, revision: str = "head") -> None:
        """Create or migrate the schema with Alembic."""
        cfg = alembic_config(self.url)
        if self.rating_key:
            cfg.attributes["rating_key"] = self.rating_key
        command.upgrade(cfg, revision)


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at migrations/ and the given database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg
