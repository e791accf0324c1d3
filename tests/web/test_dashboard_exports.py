"""The dashboard's Excel and CSV exports: figures and reasons as on the page, formulas neutralised, citizens' control
characters survived, and a sheet that states the period, the scope and the rates."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask.testing import FlaskClient
from openpyxl import load_workbook

from bot.runtime import Runtime
from bot.web.dashboard.exports import HEADER, REASONS_HEADER, REASONS_SHEET, to_csv
from tests.conftest import add_dossier, at
from tests.officials import COMMUNE, NOV, add_rating, figure, login, page


def test_export_xlsx(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-21T08:00:00+07:00", reason='=HYPERLINK("http://x","bấm")')
    login(client, "canlong")
    resp = client.get("/dashboard/export.xlsx", query_string={**NOV, "group_by": "agency"})
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="hai-long_2026-11-01_2026-11-30_agency.xlsx"'
    wb = load_workbook(io.BytesIO(resp.data))
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == list(HEADER)
    assert rows[0][:7] == ["Mã", "Tên", "Tổng số", "Rất hài lòng", "Hài lòng", "Không hài lòng", "Tỷ lệ hài lòng (%)"]
    assert rows[1][:7] == [COMMUNE, "UBND xã Tân An", 4, 1, 1, 2, 50]
    assert rows[2][:7] == [None, "Tổng cộng", 4, 1, 1, 2, 50]
    assert len(rows) == 3  # nothing of the other district
    reasons_ws = wb[REASONS_SHEET]
    reasons = [list(r) for r in reasons_ws.iter_rows(values_only=True)]
    assert reasons[0] == list(REASONS_HEADER)
    assert reasons[1:] == [
        ["21/11/2026", COMMUNE, "UBND xã Tân An", "Đăng ký khai sinh", '=HYPERLINK("http://x","bấm")'],
        ["20/11/2026", COMMUNE, "UBND xã Tân An", "Đăng ký khai sinh", "Phải đi lại nhiều lần"],
    ]
    assert reasons_ws["E2"].data_type == "s"  # text, never a formula

    by_month = client.get(
        "/dashboard/export.xlsx", query_string={"from": "2026-10-01", "to": "2026-11-30", "group_by": "month"}
    )
    month_rows = list(load_workbook(io.BytesIO(by_month.data)).worksheets[0].iter_rows(values_only=True))
    assert [r[:3] for r in month_rows[1:]] == [
        ("2026-10", "Tháng 10/2026", 1),
        ("2026-11", "Tháng 11/2026", 4),
        (None, "Tổng cộng", 5),
    ]


def test_export_csv(client: FlaskClient, ratings: None) -> None:
    login(client, "admin")
    resp = client.get("/dashboard/export.csv", query_string={**NOV, "group_by": "procedure"})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="hai-long_2026-11-01_2026-11-30_procedure.csv"'
    assert resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows[0] == list(HEADER)
    assert [r[:7] for r in rows[1:]] == [
        ["1.001193", "Đăng ký khai sinh", "4", "1", "1", "2", "50.0"],
        ["1.004194", "Đăng ký thường trú", "1", "0", "1", "0", "100.0"],
        ["", "Tổng cộng", "5", "1", "2", "2", "60.0"],
    ]


def test_csv_neutralises_formulas_and_empty_rate() -> None:
    report: dict[str, Any] = {
        "total": 0,
        "very_satisfied": 0,
        "satisfied": 0,
        "dissatisfied": 0,
        "satisfaction_rate": None,
        "groups": [
            {
                "key": "x",
                "name": "=cmd|' /C calc'!A0",
                "total": 0,
                "very_satisfied": 0,
                "satisfied": 0,
                "dissatisfied": 0,
                "satisfaction_rate": None,
            }
        ],
    }
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    assert rows[1][:7] == ["x", "'=cmd|' /C calc'!A0", "0", "0", "0", "0", ""]


def test_xlsx_export_survives_control_characters_in_a_reason(client: FlaskClient, rt: Runtime, people: None) -> None:
    add_rating(rt, "dissatisfied", "2026-11-04T08:00:00+07:00", reason="Chờ\x0b lâu\x1f quá\x00")
    login(client, "canlong")
    resp = client.get("/dashboard/export.xlsx", query_string=NOV)
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data))["Lý do không hài lòng"]
    assert ws["E2"].value == "Chờ lâu quá" and ws["B2"].value == COMMUNE


def test_xlsx_states_period_scope_and_the_dashboard_rates(client: FlaskClient, rt: Runtime, people: None) -> None:
    code = f"{COMMUNE}-261102-0001"
    add_dossier(
        rt, code, status=10, due_at=at("2026-11-10T17:00:00+07:00"), finished_at=at("2026-11-11T09:00:00+07:00")
    )
    add_dossier(rt, f"{COMMUNE}-261102-0002", status=9, due_at=None, finished_at=at("2026-11-12T09:00:00+07:00"))
    add_rating(rt, "satisfied", "2026-11-12T08:00:00+07:00", dossier_code=code)
    rt.now = lambda: at("2026-12-01T02:30:00+00:00")  # 09:30 in Vietnam
    login(client, "canlong")
    html = page(client, **NOV)
    resp = client.get("/dashboard/export.xlsx", query_string={**NOV, "group_by": "procedure"})
    wb = load_workbook(io.BytesIO(resp.data))
    assert wb.sheetnames[:2] == ["Mức độ hài lòng", "Lý do không hài lòng"]  # unchanged first sheets
    info = {row[0]: row[1:] for row in wb["Thông tin báo cáo"].iter_rows(min_row=2, values_only=True)}
    assert info["Kỳ báo cáo"][0] == "01/11/2026 – 30/11/2026"
    assert info["Phạm vi"][0] == "UBND huyện Càng Long" and info["Nhóm theo"][0] == "Thủ tục"
    rates = {key: (value[0], str(value[1]).split(":")[0]) for key, value in info.items() if "Tỷ lệ" in key}
    assert rates["Tỷ lệ hài lòng (%)"] == (100, "1/1")
    assert rates["Tỷ lệ phản hồi (%)"] == (50, "1/2") and figure(html, "response-rate") == "50%"
    assert rates["Tỷ lệ trễ hạn (%)"] == (100, "1/1") and figure(html, "overdue-rate") == "100%"
    assert info["Người xuất"][0] == "canlong" and info["Thời điểm xuất"][0] == "01/12/2026 09:30"
