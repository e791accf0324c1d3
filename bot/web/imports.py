"""CSV imports run by the CLI (SPEC §9): agencies, procedures and dossiers, with line-numbered Vietnamese errors.

Files are read as streams: dossiers go to the database in batches of bulk upserts, so a quarter's file
(120,000 rows) takes little memory and a few seconds."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import nlu
from bot.delivery.dispatchers import Dispatcher
from bot.delivery.notifications import statuses_changed
from bot.nlu import fold
from bot.records import agencies
from bot.records.db import upsert_statement
from bot.records.dossiers import upsert_dossiers
from bot.records.models import Procedure
from bot.records.procedures import KEYWORD_SPLIT, document_items
from bot.records.subscriptions import followed_among
from bot.runtime import Runtime
from bot.web.schemas import DossierSchema

IMPORT_MISSING_COLUMNS = "dòng 1: thiếu cột {columns}"
IMPORT_COLUMNS = "dòng {line}: có {got} cột, dòng tiêu đề có {want} cột"
IMPORT_TOO_LONG = "dòng {line}: cột {column} dài quá {limit} ký tự"
IMPORT_BROKEN = "dòng {line}: lỗi định dạng CSV (thiếu dấu ngoặc kép đóng?), các dòng sau không được đọc"
IMPORT_NOT_UTF8 = "dòng {line}: không phải văn bản UTF-8, dòng này và các dòng sau không được đọc"

PROC_IMPORT_MISSING_COLUMNS = IMPORT_MISSING_COLUMNS
PROC_IMPORT_NO_CODE = "dòng {line}: thiếu mã thủ tục (cột code)"
PROC_IMPORT_BAD_CODE = "dòng {line}: mã thủ tục không hợp lệ: {code}"
PROC_IMPORT_NO_NAME = "dòng {line}: thiếu tên thủ tục (cột name)"
PROC_IMPORT_BAD_URL = "dòng {line}: cột url phải bắt đầu bằng http:// hoặc https://"
PROC_IMPORT_TOO_LONG = IMPORT_TOO_LONG
PROC_IMPORT_COLUMNS = IMPORT_COLUMNS
PROC_IMPORT_DUPLICATE = "dòng {line}: mã thủ tục {code} trùng với dòng {first}"
PROC_IMPORT_BROKEN = IMPORT_BROKEN

AGENCY_IMPORT_NO_CODE = "dòng {line}: thiếu mã đơn vị (cột code)"
AGENCY_IMPORT_BAD_CODE = "dòng {line}: mã đơn vị không hợp lệ: {code}"
AGENCY_IMPORT_NO_NAME = "dòng {line}: thiếu tên đơn vị (cột name)"
AGENCY_IMPORT_BAD_PARENT = "dòng {line}: mã đơn vị cấp trên không hợp lệ: {code}"
AGENCY_IMPORT_BAD_PHONE = "dòng {line}: số điện thoại không hợp lệ: {phone}"
AGENCY_IMPORT_DUPLICATE = "dòng {line}: mã đơn vị {code} trùng với dòng {first}"
AGENCY_IMPORT_UNKNOWN_PARENT = "dòng {line}: không có đơn vị cấp trên {parent} (trong tệp hay trong dữ liệu đã có)"
AGENCY_IMPORT_CYCLE = "dòng {line}: đơn vị cấp trên tạo thành vòng lặp: {chain}"

DOSSIER_IMPORT_BAD_CODE = "dòng {line}: mã hồ sơ không đúng định dạng"
DOSSIER_IMPORT_BAD_STATUS = "dòng {line}: status: phải là số từ 1 đến 10"
DOSSIER_IMPORT_INVALID = "dòng {line}: {detail}"

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

AGENCY_REQUIRED = ("code", "name", "parent_code")
# CSV column -> Agency attribute, with its length limit.
AGENCY_CONTACT = {"address": ("address", 300), "phone": ("hotline", 40), "hours": ("hours", 200)}
_AGENCY_MAX_LEN = {"code": 40, "name": 200, "parent_code": 40}
_PHONE_RE = re.compile(r"[0-9+().\-/,;\s]+")

DOSSIER_REQUIRED = ("code", "procedure_name", "agency_code", "agency_name", "status")
DOSSIER_BATCH = 2000  # rows per bulk upsert: memory stays bounded whatever the file's size
ErrorSink = Callable[[str], None]
LineErrorSink = Callable[[int, str], None]
Progress = Callable[[int], None]


def _keywords(raw: str) -> str:
    """Keywords folded, one comma between phrases."""
    return ", ".join(p for p in (" ".join(fold(k).split()) for k in KEYWORD_SPLIT.split(raw)) if p)


def _delimiter(header: str) -> str:
    """ "," unless the header line only uses ";" or tabs (spreadsheet exports in Vietnamese locales)."""
    if "," in header:
        return ","
    return ";" if ";" in header else "\t" if "\t" in header else ","


class CsvFile:
    """A CSV stream read row by row: the lower-cased header, then (line number, cells) of each non-blank row.

    Line numbers are those a spreadsheet shows (the header is line 1; a row is numbered by its first line).
    A broken quote, or bytes that are not UTF-8 (lines given as they are decoded), stop the reading: `broken_at`
    then holds the line where it happened. A header that is not UTF-8 raises UnicodeDecodeError."""

    def __init__(self, lines: Iterable[str]) -> None:
        it = iter(lines)
        first = next(it, "").lstrip("\ufeff")
        self.reader = csv.reader(itertools.chain([first], it), delimiter=_delimiter(first), strict=True)
        try:
            self.header = [h.strip().lower() for h in next(self.reader, [])]
        except csv.Error:
            self.header = []
        self.broken_at: int | None = None

    def missing(self, required: Iterable[str]) -> list[str]:
        """The required columns the header lacks."""
        return [c for c in required if c not in self.header]

    @property
    def lines_read(self) -> int:
        """Physical lines consumed so far."""
        return self.reader.line_num

    def rows(self, errors: LineErrorSink) -> Iterator[tuple[int, dict[str, str]]]:
        """Each non-blank row with the header's number of cells, as a dict; the others go to `errors`."""
        end = self.reader.line_num
        want = len(self.header)
        while True:
            try:
                row = next(self.reader, None)
            except csv.Error:
                self.broken_at = end + 1
                errors(end + 1, IMPORT_BROKEN.format(line=end + 1))
                return
            except UnicodeDecodeError:
                self.broken_at = end + 1
                errors(end + 1, IMPORT_NOT_UTF8.format(line=end + 1))
                return
            if row is None:
                return
            line, end = end + 1, self.reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != want:
                errors(line, IMPORT_COLUMNS.format(line=line, got=len(row), want=want))
                continue
            yield line, dict(zip(self.header, row, strict=True))


# --- procedures ----------------------------------------------------------------------------------


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


def import_procedures(session: Session, text: str | Iterable[str]) -> tuple[int, int, list[str]]:
    """Upsert catalog rows from CSV by code (only the columns the file has); returns (created, updated, errors)."""
    lines = text.splitlines(keepends=True) if isinstance(text, str) else text
    file = CsvFile(lines)
    missing = file.missing(_REQUIRED)
    if missing:
        return 0, 0, [PROC_IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing))]
    errors: list[str] = []
    seen: dict[str, int] = {}
    rows: dict[str, dict[str, str]] = {}
    for line, raw in file.rows(lambda _, message: errors.append(message)):
        values, error = _validate(raw, line)
        if values is None:
            errors.append(error)
            continue
        code = values["code"]
        if code in seen:
            errors.append(PROC_IMPORT_DUPLICATE.format(line=line, code=code, first=seen[code]))
            continue
        seen[code] = line
        rows[code] = values
    if not rows:
        return 0, 0, errors
    known = set(session.scalars(select(Procedure.code).where(Procedure.code.in_(list(rows)))))
    columns = [c for c in CSV_COLUMNS if c in file.header]
    stmt = upsert_statement(session, Procedure)
    upsert = stmt.on_conflict_do_update(
        index_elements=["code"], set_={c: stmt.excluded[c] for c in columns if c != "code"}
    )
    pending = list(rows.values())
    for start in range(0, len(pending), DOSSIER_BATCH):
        session.execute(upsert, pending[start : start + DOSSIER_BATCH])
    return len(rows) - len(known), len(known), errors


# --- agencies ------------------------------------------------------------------------------------


def _agency(raw: dict[str, str], line: int) -> tuple[agencies.AgencyRow | None, str]:
    """One agency row cleaned, or None and the reason."""
    values = {k: " ".join(v.split()) for k, v in raw.items()}
    code, name, parent = values.get("code", ""), values.get("name", ""), values.get("parent_code", "")
    if not code:
        return None, AGENCY_IMPORT_NO_CODE.format(line=line)
    if not _CODE_RE.fullmatch(code) or len(code) > _AGENCY_MAX_LEN["code"]:
        return None, AGENCY_IMPORT_BAD_CODE.format(line=line, code=code[:60])
    if not name:
        return None, AGENCY_IMPORT_NO_NAME.format(line=line)
    if parent and (not _CODE_RE.fullmatch(parent) or len(parent) > _AGENCY_MAX_LEN["parent_code"]):
        return None, AGENCY_IMPORT_BAD_PARENT.format(line=line, code=parent[:60])
    if len(name) > _AGENCY_MAX_LEN["name"]:
        return None, IMPORT_TOO_LONG.format(line=line, column="name", limit=_AGENCY_MAX_LEN["name"])
    contact: dict[str, str] = {}
    for column, (attribute, limit) in AGENCY_CONTACT.items():
        if column not in values:
            continue
        if len(values[column]) > limit:
            return None, IMPORT_TOO_LONG.format(line=line, column=column, limit=limit)
        contact[attribute] = values[column]
    phone = contact.get("hotline", "")
    if phone and not (_PHONE_RE.fullmatch(phone) and sum(ch.isdigit() for ch in phone) >= 3):
        return None, AGENCY_IMPORT_BAD_PHONE.format(line=line, phone=phone[:60])
    if parent == code:
        return None, AGENCY_IMPORT_CYCLE.format(line=line, chain=f"{code} → {code}")
    return agencies.AgencyRow(code=code, name=name, parent_code=parent or None, contact=contact), ""


def _refuse_orphans_and_cycles(
    rows: dict[str, tuple[int, agencies.AgencyRow]], known: dict[str, str | None]
) -> list[tuple[int, str]]:
    """Drop (in place) the rows whose parent is nowhere or that close a cycle with the rows kept and the
    agencies already known, until none is left; returns (line, error) of those dropped."""
    refused: list[tuple[int, str]] = []
    changed = True
    while changed:
        changed = False
        for code, (line, row) in list(rows.items()):
            if row.parent_code is not None and row.parent_code not in rows and row.parent_code not in known:
                refused.append((line, AGENCY_IMPORT_UNKNOWN_PARENT.format(line=line, parent=row.parent_code)))
                del rows[code]
                changed = True
        parent_of = {**known, **{code: row.parent_code for code, (_, row) in rows.items()}}
        in_cycle: dict[str, list[str]] = {}
        for code in rows:
            chain = agencies.cycle_from(code, parent_of)
            if chain and chain[0] == code:
                in_cycle[code] = chain
        for code, chain in in_cycle.items():
            line = rows.pop(code)[0]
            refused.append((line, AGENCY_IMPORT_CYCLE.format(line=line, chain=" → ".join(chain))))
            changed = True
    return refused


def import_agencies(session: Session, lines: Iterable[str]) -> tuple[int, int, list[str]]:
    """Upsert agencies from CSV (code,name,parent_code[,address,phone,hours]); returns (created, updated, errors).

    A parent must be in the file or already known; rows that would make an agency its own ancestor are refused."""
    file = CsvFile(lines)
    missing = file.missing(AGENCY_REQUIRED)
    if missing:
        return 0, 0, [IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing))]
    errors: list[tuple[int, str]] = []
    rows: dict[str, tuple[int, agencies.AgencyRow]] = {}
    for line, raw in file.rows(lambda line, message: errors.append((line, message))):
        row, error = _agency(raw, line)
        if row is None:
            errors.append((line, error))
        elif row.code in rows:
            errors.append((line, AGENCY_IMPORT_DUPLICATE.format(line=line, code=row.code, first=rows[row.code][0])))
        else:
            rows[row.code] = (line, row)
    errors += _refuse_orphans_and_cycles(rows, agencies.parents(session))
    created, updated = agencies.upsert(session, [row for _, row in rows.values()])
    return created, updated, [message for _, message in sorted(errors, key=lambda e: e[0])]


# --- dossiers ------------------------------------------------------------------------------------


@dataclass
class DossierImport:
    """A running dossier import: counts, and the rows waiting for the next bulk upsert."""

    rt: Runtime
    dispatcher: Dispatcher
    created: int = 0
    updated: int = 0
    rejected: int = 0
    notified: int = 0
    batch: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_rows: int = 0
    new_agencies: dict[str, str] = field(default_factory=dict)
    known_agencies: set[str] = field(default_factory=set)

    def add(self, code: str, data: dict[str, Any]) -> None:
        """Queue one valid row (a code seen again in the same batch: the later row wins, as it would one by one)."""
        self.batch[code] = data
        self.batch_rows += 1
        if data["agency_code"] not in self.known_agencies:
            self.new_agencies.setdefault(data["agency_code"], data["agency_name"])

    def flush(self) -> None:
        """One transaction for the batch: unknown agencies registered, dossiers upserted; then the subscribers of
        dossiers whose status changed are notified (one job each, enqueued together)."""
        if not self.batch:
            return
        with self.rt.db.session() as s:
            agencies.register(s, self.new_agencies)
            previous = upsert_dossiers(s, self.batch)
            changed = [c for c, status in previous.items() if status != self.batch[c]["status"]]
            followed = followed_among(s, changed)
        self.known_agencies.update(self.new_agencies)
        self.new_agencies.clear()
        fresh = len(self.batch) - len(previous)
        self.created += fresh
        self.updated += self.batch_rows - fresh
        if followed:
            statuses_changed(self.dispatcher, sorted(followed))
            self.notified += len(followed)
        self.batch.clear()
        self.batch_rows = 0


def _dossier(schema: DossierSchema, raw: dict[str, str], line: int) -> tuple[str, dict[str, Any]] | str:
    """(canonical code, validated data) of one row, or the error line."""
    values: dict[str, Any] = {k: v.strip() for k, v in raw.items()}
    code = nlu.canonical_code(values.pop("code", ""))  # checked here once, not again by the schema
    if code is None:
        return DOSSIER_IMPORT_BAD_CODE.format(line=line)
    try:
        values["status"] = int(values.get("status", ""))
    except ValueError:
        return DOSSIER_IMPORT_BAD_STATUS.format(line=line)
    try:
        data: dict[str, Any] = schema.load({k: v for k, v in values.items() if v != ""})
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
        detail = "; ".join(f"{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in messages.items())
        return DOSSIER_IMPORT_INVALID.format(line=line, detail=detail)
    return code, data


def import_dossiers(
    rt: Runtime,
    dispatcher: Dispatcher,
    lines: Iterable[str],
    errors: ErrorSink,
    progress: Progress | None = None,
) -> DossierImport:
    """Upsert every valid row in batches, streaming the file; bad rows go to `errors` by line number and the good
    ones are kept. `progress` is told how many more lines were read after each batch."""
    file = CsvFile(lines)
    state = DossierImport(rt, dispatcher)
    missing = file.missing(DOSSIER_REQUIRED)
    if missing:
        errors(IMPORT_MISSING_COLUMNS.format(columns=", ".join(sorted(missing))))
        state.rejected += 1
        return state

    def reject(_: int, message: str) -> None:
        state.rejected += 1
        errors(message)

    schema = DossierSchema()
    reported = 0
    for line, raw in file.rows(reject):
        result = _dossier(schema, raw, line)
        if isinstance(result, str):
            reject(line, result)
            continue
        state.add(*result)
        if state.batch_rows >= DOSSIER_BATCH:
            state.flush()
            if progress is not None:
                progress(file.lines_read - reported)
                reported = file.lines_read
    state.flush()
    if progress is not None:
        progress(file.lines_read - reported)
    return state
