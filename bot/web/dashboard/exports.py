"""The satisfaction report as an .xlsx workbook (written row by row, in bounded memory) or a UTF-8 (BOM) CSV file."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FACTOR_LABELS: Final = {
    "access": "Tiếp cận dịch vụ",
    "procedure": "Thủ tục hành chính",
    "civil_servant": "Công chức giải quyết",
    "result": "Kết quả giải quyết",
    "feedback": "Tiếp nhận, xử lý ý kiến",
}
"""Short names of the five SIPAS factors (the questions themselves are in the API's `question`)."""
FACTOR_COLUMNS: Final = ("Tốt", "Bình thường", "Chưa tốt", "Tỷ lệ tốt (%)")
HEADER: Final = (
    "Mã",
    "Tên",
    "Tổng số",
    "Rất hài lòng",
    "Hài lòng",
    "Không hài lòng",
    "Tỷ lệ hài lòng (%)",
    *(f"{label}: {col}" for label in FACTOR_LABELS.values() for col in FACTOR_COLUMNS),
)
RATE_COLUMNS: Final = frozenset(i for i, h in enumerate(HEADER) if h.endswith("(%)"))
REASONS_HEADER: Final = ("Ngày", "Mã cơ quan", "Cơ quan", "Thủ tục", "Lý do")
REASONS_SHEET: Final = "Lý do không hài lòng"
INFO_HEADER: Final = ("Mục", "Giá trị", "Ghi chú")
INFO_SHEET: Final = "Thông tin báo cáo"
TOTAL_LABEL: Final = "Tổng cộng"
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def _counts(item: dict[str, Any]) -> list[Cell]:
    row: list[Cell] = [
        item["total"],
        item["very_satisfied"],
        item["satisfied"],
        item["dissatisfied"],
        item["satisfaction_rate"],
    ]
    by_key = {f["key"]: f for f in item.get("factors", [])}
    for key in FACTOR_LABELS:
        f = by_key.get(key, {})
        row += [f.get("good", 0), f.get("neutral", 0), f.get("bad", 0), f.get("good_rate")]
    return row


def report_rows(report: dict[str, Any]) -> list[list[Cell]]:
    """One row per group then the total row, in HEADER order (rates None when there was nothing to count)."""
    rows: list[list[Cell]] = [[g["key"], g["name"], *_counts(g)] for g in report["groups"]]
    rows.append(["", TOTAL_LABEL, *_counts(report)])
    return rows


def reason_rows(reasons: list[dict[str, str]]) -> list[list[Cell]]:
    """The Không hài lòng reasons in REASONS_HEADER order, dates as dd/mm/yyyy."""
    return [
        [
            date.fromisoformat(r["date"]).strftime("%d/%m/%Y"),
            r["agency_code"],
            r["agency_name"],
            r["procedure_name"],
            r["reason"],
        ]
        for r in reasons
    ]


def _csv_safe(value: Cell) -> Cell:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (citizens write the reasons)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(report: dict[str, Any]) -> bytes:
    """The report table as CSV, UTF-8 with a BOM so that Excel shows Vietnamese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for row in report_rows(report):
        writer.writerow(["" if v is None else _csv_safe(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _cells(ws: Any, row: Iterable[Cell], *, bold: bool = False, rates: frozenset[int] = frozenset()) -> list[Any]:
    """A row for a write-only sheet: plain values where that is safe (fast), cells where a style or type is needed."""
    out: list[Any] = []
    for i, value in enumerate(row):
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            # Control characters (pasted by citizens into a reason) cannot be stored in a worksheet: drop them.
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        formula_like = isinstance(value, str) and value.startswith("=")
        rate_cell = i in rates and isinstance(value, float | int)
        if not (bold or formula_like or rate_cell):
            out.append(value)
            continue
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        if bold:
            cell.font = Font(bold=True)
        if rate_cell:
            cell.number_format = "0.00"
        out.append(cell)
    return out


def _sheet(
    wb: Workbook,
    title: str,
    header: tuple[str, ...],
    rows: Iterable[list[Cell]],
    widths: tuple[int, ...],
    *,
    rates: frozenset[int] = frozenset(),
    bold_last: bool = False,
) -> None:
    """A write-only sheet: header, then the rows as they come (nothing kept in memory)."""
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.append(_cells(ws, header, bold=True))
    pending: list[Cell] | None = None
    for row in rows:
        if pending is not None:
            ws.append(_cells(ws, pending, rates=rates))
        pending = row
    if pending is not None:
        ws.append(_cells(ws, pending, rates=rates, bold=bold_last))


def to_xlsx(
    report: dict[str, Any],
    reasons: Iterable[list[Cell]],
    info: list[tuple[str, Cell, Cell]] | None = None,
) -> bytes:
    """A workbook: the report table (groups and total), the Không hài lòng reasons, then what the file covers."""
    wb = Workbook(write_only=True)
    widths = (18, 45, 10, 14, 10, 16, 20, *(12,) * (len(HEADER) - 7))
    _sheet(wb, "Mức độ hài lòng", HEADER, report_rows(report), widths, rates=RATE_COLUMNS, bold_last=True)
    _sheet(wb, REASONS_SHEET, REASONS_HEADER, reasons, (12, 18, 30, 40, 80))
    if info is not None:
        _sheet(wb, INFO_SHEET, INFO_HEADER, [list(row) for row in info], (22, 30, 60), rates=frozenset({1}))
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        wb.save(out)
        out.seek(0)
        return out.read()
