"""Migration 0003 on a database that already holds agencies and accounts: the agencies get empty opening hours (the
contact flow then gives the usual ones) and every existing account stays enabled."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from bot.records.db import Database, alembic_config
from bot.records.officials import authenticate, save_account


def test_upgrade_keeps_existing_agencies_and_accounts_working(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/old.sqlite3")
    db.upgrade("0001")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO agencies (code, name, parent_code, level, address, hotline) "
                          "VALUES ('000.00.00.H59', 'UBND tỉnh Trà Vinh', NULL, 'province', 'Số 1 Lê Lợi', '0294')"))
        conn.execute(text("INSERT INTO officials (username, password_hash, role, agency_code) "
                          "VALUES ('old', '', 'admin', NULL)"))
    db.upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT hours FROM agencies")).scalar_one() == ""
        assert conn.execute(text("SELECT disabled FROM officials")).scalar_one() in (0, False)
    with db.session() as s:
        save_account(s, "old", "mat-khau-an-toan", "admin", None)
    with db.session() as s:
        assert authenticate(s, "old", "mat-khau-an-toan") is not None
    command.downgrade(alembic_config(db.url), "0001")  # and back down
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM officials")).scalar_one() == 1
    db.engine.dispose()
