"""CSV imports run by the CLI (SPEC §9): procedures and dossiers, with line-numbered Vietnamese errors."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from bot import nlu
from bot.delivery.dispatchers import Dispatcher
from bot.delivery.notifications import status_changed
from bot.nlu import fold
from bot.records.dossiers import upsert_dossier
from bot.records.models import Procedure
from bot.records.procedures import KEYWORD_SPLIT, document_items
from bot.runtime import Runtime
from bot.web.schemas import DossierSchema

PROC_IMPORT_MISSING_COLUMNS = "dòng 1: thiếu cột {columns}"
PROC_IMPORT_NO_CODE = "dòng {line}: thiếu mã thủ tục (cột code)"
PROC_IMPORT_BAD_CODE = "dòng {line}: mã thủ tục không hợp lệ: {code}"
PROC_IMPORT_NO_NAME = "dòng {line}: thiếu tên thủ tục (cột name)"
PROC_IMPORT_BAD_URL = "dòng {line}: cột url phải bắt đầu bằng http:// hoặc https://"
PROC_IMPORT_TOO_LONG = "dòng {line}: cột {column} dài quá {limit} ký tự"
PROC_IMPORT_COLUMNS = "dòng {line}: có {got} cột, dòng tiêu đề có {want} cột"
PROC_IMPORT_DUPLICATE = "dòng {line}: mã thủ tục {code} trùng với dòng {first}"
PROC_IMPORT_BROKEN = "dòng {line}: lỗi định dạng CSV (thiếu dấu ngoặc kép đóng?), các dòng sau không được đọc"

CSV_COLUMNS = ("code", "name", "field", "documents", "fee", "duration", "where", "url", "keywords")


_REQUIRED = ("code", "name")


_MAX_LEN = {
    "code": 40,
    "name": 300,
    "field": 200,
    "fee": 300,
    "duration": 200,
    "where": 300,
    "url": 300,
    "keywords": 500,
}


_CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]*")


def _keywords(raw: str) -> str:
    """Keywords folded, one comma between phrases."""
    return ", ".join(p for p in (" ".join(fold(k).split()) for k in KEYWORD_SPLIT.split(raw)) if p)


def _delimiter(text: str) -> str:
    """ "," unless the header line only uses ";" or tabs (spreadsheet exports in Vietnamese locales)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return ";" if ";" in header else "\t" if "\t" in header else ","


def _validate(raw: dict[str, str], line: int) -> tuple[dict[str, str] | None, str]:
    """Cleaned fields of one row (only the columns the file has), or None and the reason."""
    values = {k: " ".join(v.split()) for k, v in raw.items() if k in CSV_COLUMNS}
    code, name, url = values.get("code", ""), values.get("name", ""), values.get("url", "")
    if not code:
        return None, PROC_IMPORT_NO_CODE.format(line=line)
    if not _CODE_RE.fullmatch(code):
        return None, PROC_IMPORT_BAD_CODE.format(line=line, code=code[:60])
    if not name:
        return None, PROC_IMPORT_NO_NAME.format(line=line)
    if url and not re.fullmatch(r"https?://\S+", url):
        return None, PROC_IMPORT_BAD_URL.format(line=line)
    if "keywords" in raw:
        values["keywords"] = _keywords(raw["keywords"])
    for column, limit in _MAX_LEN.items():
        if len(values.get(column, "")) > limit:
            return None, PROC_IMPORT_TOO_LONG.format(line=line, column=column, limit=limit)
    if "documents" in raw:
        values["documents"] = "\n".join(document_items(raw["documents"]))
    return values, ""


def import_procedures(session: Session, text: str) -> tuple[int, int, list[str]]:
    """Upsert catalog rows from CSV by code; returns (created, updated, errors "dòng N: ...")."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error:
        header = []
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        return 0, 0, [PROC_IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing))]
    created = updated = 0
    errors: list[str] = []
    seen: dict[str, int] = {}
    end = reader.line_num
    while True:
        try:
            row = next(reader, None)
        except csv.Error:
            errors.append(PROC_IMPORT_BROKEN.format(line=end + 1))
            break
        if row is None:
            break
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(PROC_IMPORT_COLUMNS.format(line=line, got=len(row), want=len(header)))
            continue
        values, error = _validate(dict(zip(header, row, strict=True)), line)
        if values is None:
            errors.append(error)
            continue
        code = values["code"]
        if code in seen:
            errors.append(PROC_IMPORT_DUPLICATE.format(line=line, code=code, first=seen[code]))
            continue
        seen[code] = line
        proc = session.get(Procedure, code)
        if proc is None:
            session.add(Procedure(**values))
            created += 1
        else:
            for column, value in values.items():
                setattr(proc, column, value)
            updated += 1
    session.flush()
    return created, updated, errors


def import_dossier_rows(rt: Runtime, dispatcher: Dispatcher, text: str) -> tuple[int, int, list[str]]:
    """Upsert every valid row; returns (created, updated, error lines by line number)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "procedure_name", "agency_code", "agency_name", "status"} - set(reader.fieldnames or [])
    if missing:
        return 0, 0, [f"dòng 1: thiếu cột {', '.join(sorted(missing))}"]
    schema = DossierSchema()
    created = updated = 0
    errors: list[str] = []
    changed: list[str] = []
    for row in reader:
        line = reader.line_num
        raw: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k}
        raw = {k: (None if v == "" and k not in ("code",) else v) for k, v in raw.items()}
        code = nlu.canonical_code(str(raw.get("code") or ""))
        if code is None:
            errors.append(f"dòng {line}: mã hồ sơ không đúng định dạng")
            continue
        try:
            raw["status"] = int(str(raw.get("status") or ""))
        except ValueError:
            errors.append(f"dòng {line}: status: phải là số từ 1 đến 10")
            continue
        raw = {k: v for k, v in raw.items() if v is not None}
        try:
            data = schema.load(raw)
        except ValidationError as exc:
            messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
            detail = "; ".join(
                f"{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in messages.items()
            )
            errors.append(f"dòng {line}: {detail}")
            continue
        with rt.db.session() as s:
            _, was_created, previous = upsert_dossier(s, code, data)
        if was_created:
            created += 1
        else:
            updated += 1
            if previous != data["status"]:
                changed.append(code)
    for code in changed:
        status_changed(dispatcher, code)
    return created, updated, errors
