"""Dossiers: status codes and labels, due-date maths, upserts, phone normalisation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.records.db import upsert_statement
from bot.records.models import Dossier, utcnow
from integrations.onestop import DossierInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
_NOT_DIGIT = re.compile(r"[^0-9]")
CLOSED = {3, 7, 8, 9, 10}
RATEABLE = {9, 10}
WITH_THE_AGENCY = {1, 2, 4}  # open, and nothing is awaited from the citizen
ASK_THE_OFFICE = {3, 5, 6, 8}  # what to do next is told by the one-stop office: a button to reach it
MAX_CODES_PER_MESSAGE = 5
# The national portal's status codes and their official labels (SPEC §5), shown exactly as written.
STATUS_LABELS: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}



def local_date(dt: datetime) -> str:
    """dd/mm/yyyy in Vietnam time."""
    return dt.astimezone(VN).strftime("%d/%m/%Y")


def is_overdue(d: DossierInfo, now: datetime) -> bool:
    """Open with the agency past its due date (DOMAIN.md: overdue is not a status)."""
    due = d.due_at
    return d.status in WITH_THE_AGENCY and due is not None and due.astimezone(VN).date() < now.astimezone(VN).date()


def dossier_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of a dossier from validated push or CSV data (the code aside), phone normalised."""
    fields = {k: v for k, v in data.items() if k != "code"}
    fields["applicant_phone"] = normalise_phone(fields.get("applicant_phone"))
    for key in ("current_step", "applicant_name"):
        fields[key] = fields.get(key) or ""
    return fields


def upsert_dossier(session: Session, code: str, data: dict[str, Any]) -> tuple[Dossier, bool, int | None]:
    """Create or update one dossier from validated data; returns (row, created, previous status)."""
    row = session.scalar(select(Dossier).where(Dossier.code == code))
    fields = dossier_fields(data)
    if row is None:
        row = Dossier(code=code, **fields)
        session.add(row)
        return row, True, None
    previous = row.status
    for key, value in fields.items():
        setattr(row, key, value)
    return row, False, previous


def upsert_dossiers(session: Session, rows: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Create or update many dossiers (code -> validated data, all with the same fields) in one statement;
    returns the previous status of those that existed."""
    if not rows:
        return {}
    previous = {
        code: status
        for code, status in session.execute(
            select(Dossier.code, Dossier.status).where(Dossier.code.in_(list(rows)))
        )
    }
    now = utcnow()
    values = [
        {"code": code, "channel": None, **dossier_fields(data), "created_at": now, "updated_at": now}
        for code, data in rows.items()
    ]
    stmt = upsert_statement(session, Dossier)
    changing = [c for c in values[0] if c not in ("code", "created_at")]
    set_: dict[str, Any] = {c: stmt.excluded[c] for c in changing}
    set_["channel"] = func.coalesce(stmt.excluded.channel, Dossier.channel)  # a row without a channel keeps it
    session.execute(stmt.on_conflict_do_update(index_elements=["code"], set_=set_), values)
    return previous


def normalise_phone(value: str | None) -> str:
    """Digits only, 0-prefixed national form."""
    digits = _NOT_DIGIT.sub("", value or "")
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits
