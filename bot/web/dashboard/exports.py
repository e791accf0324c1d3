"""The satisfaction report as an .xlsx workbook or a UTF-8 (BOM) CSV file."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

HEADER: Final = ("Mã", "Tên", "Tổng số", "Rất hài lòng", "Hài lòng", "Không hài lòng", "Tỷ lệ hài lòng (%)")
REASONS_HEADER: Final = ("Ngày", "Mã cơ quan", "Cơ quan", "Thủ tục", "Lý do")
REASONS_SHEET: Final = "Lý do không hài lòng"
INFO_HEADER: Final = ("Mục", "Giá trị", "Ghi chú")
INFO_SHEET: Final = "Thông tin báo cáo"
TOTAL_LABEL: Final = "Tổng cộng"
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def report_rows(report: dict[str, Any]) -> list[list[Cell]]:
    """One row per group then the total row, in HEADER order (rate None when there were no ratings)."""

    def counts(item: dict[str, Any]) -> list[Cell]:
        return [
            item["total"],
            item["very_satisfied"],
            item["satisfied"],
            item["dissatisfied"],
            item["satisfaction_rate"],
        ]

    rows: list[list[Cell]] = [[g["key"], g["name"], *counts(g)] for g in report["groups"]]
    rows.append(["", TOTAL_LABEL, *counts(report)])
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


def _fill(ws: Any, header: tuple[str, ...], rows: list[list[Cell]], widths: tuple[int, ...]) -> None:
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Control characters (pasted by citizens into a reason) cannot be stored in a worksheet: drop them.
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def to_xlsx(
    report: dict[str, Any], reasons: list[dict[str, str]], info: list[tuple[str, Cell, Cell]] | None = None
) -> bytes:
    """A workbook: the report table (groups and total), the Không hài lòng reasons, then what the file covers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Mức độ hài lòng"
    _fill(ws, HEADER, report_rows(report), (18, 45, 10, 14, 10, 16, 20))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for (cell,) in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        cell.number_format = "0.00"
    _fill(wb.create_sheet(REASONS_SHEET), REASONS_HEADER, reason_rows(reasons), (12, 18, 30, 40, 80))
    if info is not None:
        info_ws = wb.create_sheet(INFO_SHEET)
        _fill(info_ws, INFO_HEADER, [list(row) for row in info], (22, 30, 60))
        for row in info_ws.iter_rows(min_row=2, min_col=2, max_col=2):
            for cell in row:
                if isinstance(cell.value, float | int):
                    cell.number_format = "0.00"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
